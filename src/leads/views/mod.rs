//! Lead pages: the list, the lead page, the household form, the pool.

mod household;
mod list;
mod show;

pub use household::{edit, new};
pub use list::{list, pool, ListPage};
pub use show::{show, LeadPage};
