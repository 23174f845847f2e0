use sea_orm::entity::prelude::*;

use super::codes::HousingWish;

/// A person or household that may move here. Personal data: read only through
/// `leads::queries`, which takes a scope.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "prospects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// The county (län) code, for movers from Sweden, e.g. "AB" or "M".
    pub se_region: Option<String>,
    pub place: Option<String>,
    pub preferred_language: String,
    pub languages: Option<String>,
    pub adults: i32,
    /// Comma-separated birth years, e.g. "2016, 2019".
    pub children_birth_years: Option<String>,
    pub occupation: Option<String>,
    pub partner_occupation: Option<String>,
    pub help_job: bool,
    pub help_partner_job: bool,
    pub help_housing: bool,
    pub help_school: bool,
    pub help_business: bool,
    pub help_leisure: bool,
    pub help_other: bool,
    /// `rent`, `buy` or `unknown`.
    pub housing_wish: HousingWish,
    pub move_when: Option<String>,
    pub notes: Option<String>,
    /// Lower-cased name, e-mail and place for search (see the migration).
    pub search_text: String,
    /// Keys that two records of one household share however they were typed (migration 15):
    /// the phone's last nine digits, the e-mail without case, dots or "+tag", the first name.
    pub phone_key: Option<String>,
    pub email_key: Option<String>,
    pub name_key: Option<String>,
    /// The first name's key and the children's years (`migration::family_key`).
    pub family_key: Option<String>,
    /// `email` or `phone`.
    pub contact_via: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Set when the personal data was removed (erasure or retention); the row stays for statistics.
    pub anonymised_at: Option<DateTimeUtc>,
    /// The record this one was copied from, when one municipality's change had to leave
    /// another's record as it was (`leads::own_copy`); the mover's link covers both.
    pub origin_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
