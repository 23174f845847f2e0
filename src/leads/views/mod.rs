//! Lead pages: the list, the lead page, the household form, the pool.

mod household;
mod list;
mod show;

pub use household::{edit, new, se_region_options};
pub use list::{list, pool, ListPage};
pub use show::{show, LeadPage};

use crate::entities::prospect;

pub fn full_name(p: &prospect::Model) -> String {
    format!("{} {}", p.first_name, p.last_name)
        .trim()
        .to_string()
}

/// Countries offered in forms (ISO codes; names from the locale files); "ZZ" is any other.
pub const COUNTRIES: [&str; 16] = [
    "SE", "NL", "DE", "BE", "DK", "NO", "FI", "GB", "PL", "CH", "AT", "FR", "ES", "IT", "US", "ZZ",
];
