//! One error type for handlers. What a person did wrong is shown on the page where it
//! happened (forms re-render themselves); what went wrong inside is logged with its cause
//! chain and shown as an opaque page with the request id (see `web::errors`).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug)]
pub enum AppError {
    /// Not there, or not yours: the two answer the same.
    NotFound,
    /// Signed in, but the role does not allow it.
    Forbidden,
    /// A form whose CSRF token is missing or wrong.
    CsrfRejected,
    Internal(anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

/// Marker left on an error response; `web::errors` renders the page around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorPage {
    NotFound,
    Forbidden,
    CsrfRejected,
    TooLarge,
    Internal,
}

impl ErrorPage {
    pub fn status(self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden | Self::CsrfRejected => StatusCode::FORBIDDEN,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn into_response(self) -> Response {
        let mut res = self.status().into_response();
        res.extensions_mut().insert(self);
        res
    }
}

impl<E: Into<anyhow::Error>> From<E> for AppError {
    fn from(e: E) -> Self {
        Self::Internal(e.into())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            Self::NotFound => ErrorPage::NotFound.into_response(),
            Self::Forbidden => ErrorPage::Forbidden.into_response(),
            Self::CsrfRejected => ErrorPage::CsrfRejected.into_response(),
            Self::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                ErrorPage::Internal.into_response()
            }
        }
    }
}
