//! Movers' self-service links: 128 random bits in the URL, their SHA-256 in the database,
//! bound to one prospect, expiring; a new one can be asked for by e-mail.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use crate::crypto::{hash, random_token};
use crate::entities::ProspectId;
use crate::entities::{mover_token, prospect};

pub async fn issue(
    db: &impl ConnectionTrait,
    prospect: ProspectId,
    days: u32,
) -> Result<String, DbErr> {
    let token = random_token();
    let now = Utc::now();
    mover_token::ActiveModel {
        prospect_id: Set(prospect.0),
        token_hash: Set(hash(&token)),
        expires_at: Set(now + Duration::days(i64::from(days))),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The prospect a live link belongs to (not expired, not anonymised).
pub async fn prospect_of(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<prospect::Model>, DbErr> {
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Some(t) = mover_token::Entity::find()
        .filter(mover_token::Column::TokenHash.eq(hash(token)))
        .filter(mover_token::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(prospect::Entity::find_by_id(t.prospect_id)
        .one(db)
        .await?
        .filter(|p| p.anonymised_at.is_none()))
}

/// The ids of the mover's records that a link to `p` opens: `p`'s origin (or `p`) and every
/// copy a municipality made of it to keep its own changes its own (`leads::own_copy`).
/// Those anonymised are left out.
pub async fn group(db: &impl ConnectionTrait, p: &prospect::Model) -> Result<Vec<i64>, DbErr> {
    use sea_orm::{QueryOrder, QuerySelect};
    let root = p.origin_id.unwrap_or(p.id);
    prospect::Entity::find()
        .select_only()
        .column(prospect::Column::Id)
        .filter(
            sea_orm::Condition::any()
                .add(prospect::Column::Id.eq(root))
                .add(prospect::Column::OriginId.eq(root))
                .add(prospect::Column::Id.eq(p.id)),
        )
        .filter(prospect::Column::AnonymisedAt.is_null())
        .order_by_asc(prospect::Column::Id)
        .into_tuple()
        .all(db)
        .await
}
