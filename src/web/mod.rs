//! What every page shares: the layout, form components, security headers, the error page
//! and the request context (`Ctx`) that views are rendered with.

pub mod client;
pub mod components;
pub mod csrf;
pub mod ctx;
pub mod draft;
pub mod errors;
pub mod format;
pub mod gate;
pub mod headers;
pub mod input;
pub mod layout;
pub mod routes;
pub mod session;
pub mod sheet;

pub use components::FieldErrors;
pub use ctx::Ctx;
