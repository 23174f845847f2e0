//! Tenant isolation in one place. Every query on movers' personal data takes a `Scope`, and
//! the only way to get one is from a signed-in guide's session (`GuideCtx::scope`): the
//! municipality comes from the account, never from the URL. Coordinators and admins get no
//! `Scope`, so they cannot reach personal data at all. A record outside the scope answers
//! exactly like one that does not exist.

use sea_orm::sea_query::{Condition, SimpleExpr};
use sea_orm::ColumnTrait;

use crate::entities::lead;

#[derive(Clone, Copy, Debug)]
pub struct Scope {
    municipality_id: i64,
    user_id: i64,
}

impl Scope {
    /// Only `GuideCtx` (see `web::ctx`) and the jobs that act for one guide (its reminder
    /// mail, its calendar feed) call this, always with the guide's own account.
    pub(crate) fn for_guide(municipality_id: i64, user_id: i64) -> Self {
        Scope {
            municipality_id,
            user_id,
        }
    }

    pub fn municipality_id(&self) -> i64 {
        self.municipality_id
    }

    pub fn user_id(&self) -> i64 {
        self.user_id
    }

    /// Leads this guide works on: its own municipality's.
    pub fn own_leads(&self) -> SimpleExpr {
        lead::Column::MunicipalityId.eq(self.municipality_id)
    }

    /// Leads this guide may read: its own municipality's and the regional pool's.
    pub fn visible_leads(&self) -> Condition {
        Condition::any()
            .add(lead::Column::MunicipalityId.eq(self.municipality_id))
            .add(lead::Column::MunicipalityId.is_null())
    }
}
