//! Lead pages: the list, the lead page, the household form, the pool, merging.

mod household;
mod list;
mod merge;
mod show;

pub use household::{edit, new};
pub use list::{list, pool, ListPage};
pub use merge::{merge_preview, merge_search, MergePreview};
pub use show::{show, LeadPage};

use maud::Markup;

use super::queries::Alike;
use crate::web::Ctx;

/// Why a lead looks like a duplicate, as "the same phone number, the same e-mail".
fn alike(ctx: &Ctx, why: &[Alike]) -> Markup {
    let text: Vec<String> = why.iter().map(|w| ctx.t(w.key())).collect();
    maud::html! { (text.join(", ")) }
}
