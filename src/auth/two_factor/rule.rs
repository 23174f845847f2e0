//! The admin's rule: which roles must sign in with a second factor. Kept in `settings` as
//! the role names, comma-separated (none: nobody must). A user with any role the rule
//! names must.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use crate::accounts::Roles;
use crate::entities::setting;

const KEY: &str = "two_factor_required";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rule {
    pub admin: bool,
    pub coordinator: bool,
    pub guide: bool,
}

impl Rule {
    /// Whether a user with `roles` must have a second factor.
    pub fn requires(&self, roles: &Roles) -> bool {
        (self.admin && roles.admin)
            || (self.coordinator && roles.coordinator)
            || (self.guide && roles.guide)
    }

    fn encode(&self) -> String {
        [
            (self.admin, "admin"),
            (self.coordinator, "coordinator"),
            (self.guide, "guide"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join(",")
    }

    fn decode(text: &str) -> Self {
        let has = |name: &str| text.split(',').any(|r| r.trim() == name);
        Rule {
            admin: has("admin"),
            coordinator: has("coordinator"),
            guide: has("guide"),
        }
    }
}

pub async fn load(db: &impl ConnectionTrait) -> Result<Rule, sea_orm::DbErr> {
    Ok(setting::Entity::find_by_id(KEY)
        .one(db)
        .await?
        .map(|s| Rule::decode(&s.value))
        .unwrap_or_default())
}

pub async fn save(db: &impl ConnectionTrait, rule: Rule) -> Result<(), sea_orm::DbErr> {
    setting::Entity::insert(setting::ActiveModel {
        key: Set(KEY.into()),
        value: Set(rule.encode()),
    })
    .on_conflict(
        OnConflict::column(setting::Column::Key)
            .update_column(setting::Column::Value)
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_reads_back_as_written() {
        for rule in [
            Rule::default(),
            Rule {
                admin: true,
                ..Rule::default()
            },
            Rule {
                admin: true,
                coordinator: true,
                guide: true,
            },
            Rule {
                guide: true,
                ..Rule::default()
            },
        ] {
            assert_eq!(Rule::decode(&rule.encode()), rule);
        }
        let guide = Roles {
            guide: true,
            ..Roles::default()
        };
        assert!(!Rule {
            admin: true,
            ..Rule::default()
        }
        .requires(&guide));
        assert!(Rule {
            guide: true,
            ..Rule::default()
        }
        .requires(&guide));
    }
}
