//! The one page layout: skip link, header with the menu of the user's roles, language
//! switch, main content with a one-time notice, footer.

use maud::{html, Markup, DOCTYPE};

use super::components::csrf_input;
use super::Ctx;
use crate::i18n;

fn nav(ctx: &Ctx) -> Markup {
    let Some(u) = &ctx.user else {
        return html! {};
    };
    let mut links: Vec<(&str, String)> = vec![("/", ctx.t("nav-home"))];
    if u.roles.guide && u.municipality.is_some() {
        links.push(("/leads", ctx.t("nav-leads")));
        links.push(("/follow-ups", ctx.t("nav-follow-ups")));
        links.push(("/vacancies", ctx.t("nav-offers")));
    }
    if u.roles.coordinator || (u.roles.guide && u.municipality.is_some()) {
        links.push(("/events", ctx.t("nav-events")));
        links.push(("/mailings", ctx.t("nav-mailings")));
        links.push(("/reports", ctx.t("nav-reports")));
    }
    if u.roles.admin {
        links.push(("/admin/users", ctx.t("nav-users")));
        links.push(("/admin/outbox", ctx.t("nav-outbox")));
        links.push(("/admin/audit", ctx.t("nav-audit")));
    }
    html! {
        nav aria-label=(ctx.t("nav-label")) {
            ul {
                @for (href, text) in &links {
                    @let current = ctx.path == *href;
                    li { a href=(href) aria-current=[current.then_some("page")] { (text) } }
                }
            }
        }
    }
}

fn account(ctx: &Ctx) -> Markup {
    html! {
        div.account {
            ul.lang-switch aria-label=(ctx.t("language-switch")) {
                @for l in ctx.langs {
                    @if *l != ctx.lang {
                        li { a href=(ctx.in_lang(*l)) lang=(l.code()) hreflang=(l.code()) { (l.endonym()) } }
                    }
                }
            }
            @if let Some(u) = &ctx.user {
                a.user-name href="/settings" { (u.name) }
                form method="post" action="/logout" {
                    (csrf_input(ctx))
                    button type="submit" { (ctx.t("logout")) }
                }
            }
        }
    }
}

/// A whole page with `title` as its `<h1>` and `<title>`.
pub fn page(ctx: &Ctx, title: &str, content: Markup) -> Markup {
    // The employer's vacancy form is public too, in the staff languages.
    let is_public = ctx.langs == i18n::PUBLIC || ctx.path.starts_with("/jobs");
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – " (ctx.t("app-name")) }
                link rel="stylesheet" href={ "/assets/css/app.css?v=" (ctx.assets_version) };
                link rel="icon" type="image/svg+xml" href={ "/assets/img/icon.svg?v=" (ctx.assets_version) };
            }
            body {
                a.skip-link href="#main" { (ctx.t("skip-to-content")) }
                header.site-header {
                    @if is_public {
                        a.brand href={ "/interest?lang=" (ctx.lang.code()) } { (ctx.t("public-brand")) }
                    } @else {
                        a.brand href="/" { (ctx.t("app-name")) }
                    }
                    (nav(ctx))
                    (account(ctx))
                }
                main #main tabindex="-1" {
                    @if let Some(key) = &ctx.notice {
                        div.notice role="status" { p { (ctx.t(key)) } }
                    }
                    h1 { (title) }
                    (content)
                }
                footer.site-footer {
                    @if is_public {
                        ul.footer-links {
                            li { a href={ "/privacy?lang=" (ctx.lang.code()) } { (ctx.t("privacy-title")) } }
                            li { a href={ "/accessibility?lang=" (ctx.lang.code()) } { (ctx.t("a11y-title")) } }
                        }
                        p { (ctx.t("public-footer")) }
                    } @else {
                        p { (ctx.t("footer-text")) }
                    }
                }
            }
        }
    }
}
