//! `Ctx`: what a staff page is rendered with — language, signed-in user, CSRF token, a
//! one-time notice — extracted once per request. The role guards (`AdminCtx`, `GuideCtx`,
//! `CoordinatorCtx`, `SignedIn`) wrap it, so a handler states in its signature who may call it.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::scope::Scope;
use crate::state::AppState;
use crate::web::session::{self as auth_session, CurrentUser};

const LANG_KEY: &str = "lang";
const FLASH_KEY: &str = "flash";

#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    pub csrf: String,
    /// A translation key of a notice to show once (set by `Ctx::flash` before a redirect).
    pub notice: Option<String>,
    /// The request path, for the language switch and `next=` after sign-in.
    pub path: String,
    /// The request's query, so that the language switch keeps a list's filters and page.
    pub query: String,
    pub assets_version: Arc<str>,
    pub session: Session,
    /// The languages this page is offered in: staff pages sv/en, public pages all four.
    pub langs: &'static [Lang],
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// This page in another language: the same path and query (a list's filters and page),
    /// with `lang` set.
    pub fn in_lang(&self, lang: Lang) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in url::form_urlencoded::parse(self.query.as_bytes()) {
            if k != "lang" {
                q.append_pair(&k, &v);
            }
        }
        q.append_pair("lang", lang.code());
        // One leading slash: "//host/…" (a path a 404 page may carry) would name a site.
        format!("/{}?{}", self.path.trim_start_matches('/'), q.finish())
    }

    /// Leaves a notice (a translation key) for the next page this browser sees.
    pub async fn flash(session: &Session, key: &str) -> Result<(), AppError> {
        session.insert(FLASH_KEY, key).await?;
        Ok(())
    }

    /// The scope over personal data, if the signed-in user is a guide of a municipality.
    pub fn guide_scope(&self) -> Option<Scope> {
        let u = self.user.as_ref().filter(|u| u.roles.guide)?;
        Some(Scope::for_guide(u.municipality.as_ref()?.id, u.id))
    }

    pub fn user(&self) -> Result<&CurrentUser, AppError> {
        self.user.as_ref().ok_or(AppError::Forbidden)
    }
}

fn query_param<'a>(uri: &'a Uri, name: &str) -> Option<&'a str> {
    uri.query()?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then_some(v)
    })
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, msg)| AppError::Internal(anyhow::anyhow!(msg)))?;
        let user = auth_session::current_user(state, &session).await?;
        let query_lang = query_param(&parts.uri, "lang")
            .and_then(Lang::parse)
            .filter(|l| i18n::STAFF.contains(l));
        let stored: Option<String> = session.get(LANG_KEY).await?;
        let accept = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        let stored_or_user = stored
            .clone()
            .or_else(|| user.as_ref().map(|u| u.locale.clone()));
        let lang = Lang::negotiate(
            query_lang.map(Lang::code),
            stored_or_user.as_deref(),
            accept,
            i18n::STAFF,
        );
        if let Some(chosen) = query_lang {
            if stored.as_deref() != Some(chosen.code()) {
                session.insert(LANG_KEY, chosen.code()).await?;
                if let Some(u) = &user {
                    auth_session::save_locale(&state.db, u.id, chosen).await?;
                    state.reference.changed();
                }
            }
        }
        let visitor = parts.extensions.get::<crate::web::csrf::VisitorToken>();
        let csrf = crate::web::csrf::token(&session, visitor).await?;
        if user.is_some() {
            auth_session::touch(&session).await?;
        }
        // Removing marks the session changed (a database write), so only when there is one.
        let notice = match session.get::<String>(FLASH_KEY).await? {
            Some(n) => {
                session.remove::<String>(FLASH_KEY).await?;
                Some(n)
            }
            None => None,
        };
        Ok(Ctx {
            lang,
            user,
            csrf,
            notice,
            path: parts.uri.path().to_string(),
            query: parts.uri.query().unwrap_or_default().to_string(),
            assets_version: state.assets_version.clone(),
            session,
            langs: i18n::STAFF,
        })
    }
}

/// The context of a public page (interest form, privacy notice, accessibility statement):
/// all four languages, from `?lang=` or Accept-Language only. It never reads or writes the
/// session, so a visitor leaves no session row behind.
pub struct PublicCtx(pub Ctx);

impl FromRequestParts<AppState> for PublicCtx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, msg)| AppError::Internal(anyhow::anyhow!(msg)))?;
        let accept = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        let lang = Lang::negotiate(query_param(&parts.uri, "lang"), None, accept, i18n::PUBLIC);
        Ok(PublicCtx(Ctx {
            lang,
            user: None,
            csrf: String::new(),
            notice: None,
            path: parts.uri.path().to_string(),
            query: parts.uri.query().unwrap_or_default().to_string(),
            assets_version: state.assets_version.clone(),
            session,
            langs: i18n::PUBLIC,
        }))
    }
}

/// Rejection of the guards: to sign-in when signed out, 403 when the role is missing.
pub enum Refusal {
    SignIn(String),
    Forbidden,
    Error(AppError),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Self::SignIn(next) => {
                let next = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
                Redirect::to(&format!("/login?{next}")).into_response()
            }
            Self::Forbidden => AppError::Forbidden.into_response(),
            Self::Error(e) => e.into_response(),
        }
    }
}

macro_rules! guard {
    ($(#[$doc:meta])* $name:ident, $allowed:expr) => {
        $(#[$doc])*
        pub struct $name(pub Ctx);

        impl FromRequestParts<AppState> for $name {
            type Rejection = Refusal;

            async fn from_request_parts(
                parts: &mut Parts,
                state: &AppState,
            ) -> Result<Self, Refusal> {
                let ctx = Ctx::from_request_parts(parts, state)
                    .await
                    .map_err(Refusal::Error)?;
                let allowed: fn(&CurrentUser) -> bool = $allowed;
                match &ctx.user {
                    None => Err(Refusal::SignIn(
                        parts
                            .uri
                            .path_and_query()
                            .map(|p| p.to_string())
                            .unwrap_or_else(|| "/".into()),
                    )),
                    Some(u) if allowed(u) => Ok($name(ctx)),
                    Some(_) => Err(Refusal::Forbidden),
                }
            }
        }
    };
}

guard!(
    /// Any signed-in user.
    SignedIn,
    |_| true
);
guard!(
    /// A user with the admin role.
    AdminCtx,
    |u| u.roles.admin
);
guard!(
    /// The role check of `GuideCtx`.
    GuideGuard,
    |u| u.roles.guide && u.municipality.is_some()
);

/// A guide bound to a municipality: the only holder of a `Scope` in a request, taken from
/// the guide's account when the request is extracted.
pub struct GuideCtx(pub Ctx, Scope);

impl FromRequestParts<AppState> for GuideCtx {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Refusal> {
        let GuideGuard(ctx) = GuideGuard::from_request_parts(parts, state).await?;
        let scope = ctx.guide_scope().ok_or(Refusal::Forbidden)?;
        Ok(GuideCtx(ctx, scope))
    }
}

guard!(
    /// A guide or a coordinator: campaigns and events, which hold no personal data.
    StaffCtx,
    |u| u.roles.coordinator || (u.roles.guide && u.municipality.is_some())
);

impl GuideCtx {
    /// The guide's scope over personal data: its municipality, from its account.
    pub fn scope(&self) -> Scope {
        self.1
    }
}
guard!(
    /// A coordinator (project leader, administrator or communicator).
    CoordinatorCtx,
    |u| u.roles.coordinator
);
