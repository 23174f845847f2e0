//! A list of open follow-ups, as the start page and the follow-ups page show it: the date,
//! the mover's name, what to do, and a "Done" button that brings the guide back to the same
//! place in the same list.

use maud::{html, Markup};

use crate::entities::follow_up;
use crate::i18n::t_args;
use crate::web::components::post_form;
use crate::web::format::today;
use crate::web::Ctx;

/// `page` is where the guide is (a local path with its query), `heading` the id of the
/// list's heading: after "Done" the guide lands on the next item, or on the heading.
pub fn list(ctx: &Ctx, items: &[(follow_up::Model, String)], page: &str, heading: &str) -> Markup {
    let day = today();
    html! {
        ul.due-list {
            @for (i, (f, name)) in items.iter().enumerate() {
                @let next = items.get(i + 1).map(|(n, _)| format!("due-{}", n.id)).unwrap_or_else(|| heading.to_string());
                li id={ "due-" (f.id) } .overdue[f.due_on < day] {
                    time datetime=(f.due_on) { (f.due_on) }
                    span.due-what {
                        a href={ "/leads/" (f.lead_id) "#h-follow-ups" } { bdi { (name) } }
                        ": " (crate::domain::follow_up_title(ctx.lang, f))
                    }
                    @if f.kind == "task" {
                        (post_form(ctx, &format!("/leads/{}/follow-ups/{}/done", f.lead_id, f.id), "inline", html! {
                            input type="hidden" name="back" value={ (page) "#" (next) };
                            button.small type="submit" aria-label=(t_args(ctx.lang, "follow-up-mark-done-label", &[("title", crate::domain::follow_up_title(ctx.lang, f).into())])) { (ctx.t("follow-up-mark-done")) }
                        }))
                    } @else if f.due_on <= day {
                        a.button.small href={ "/leads/" (f.lead_id) "#h-follow-ups" } { (ctx.t("stay-answer-link")) }
                    }
                }
            }
        }
    }
}
