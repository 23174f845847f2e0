//! Everything stored about a prospect, for a data-subject request: the household, each lead
//! with its timeline and follow-ups, the consents. The mover gets all of it; a guide gets
//! its own municipality's leads (the others' notes are theirs to give).

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

use crate::entities::{
    activity, consent, follow_up, lead, municipality, prospect, selection, selection_item,
};
use crate::scope::Scope;

pub struct LeadPart {
    pub lead: lead::Model,
    pub municipality: Option<String>,
    pub timeline: Vec<activity::Model>,
    pub follow_ups: Vec<follow_up::Model>,
    /// The jobs and homes its guide mailed, newest first, as they were sent.
    pub selections: Vec<(selection::Model, Vec<selection_item::Model>)>,
}

pub struct Dossier {
    pub prospect: prospect::Model,
    pub leads: Vec<LeadPart>,
    pub consents: Vec<consent::Model>,
}

/// The dossier of `p` as a guide may give it out: its municipality's leads only.
pub async fn gather(
    db: &impl ConnectionTrait,
    p: prospect::Model,
    scope: &Scope,
) -> Result<Dossier, DbErr> {
    let ids = vec![p.id];
    gather_records(db, p, &ids, Some(scope.own_leads())).await
}

/// The mover's dossier: `p`'s household, and the leads and consents of every record its
/// link opens (`links::group`).
pub async fn gather_group(
    db: &impl ConnectionTrait,
    p: prospect::Model,
    group: &[i64],
) -> Result<Dossier, DbErr> {
    gather_records(db, p, group, None).await
}

async fn gather_records(
    db: &impl ConnectionTrait,
    p: prospect::Model,
    ids: &[i64],
    only: Option<sea_orm::sea_query::SimpleExpr>,
) -> Result<Dossier, DbErr> {
    let mut q = lead::Entity::find().filter(lead::Column::ProspectId.is_in(ids.to_vec()));
    if let Some(only) = only {
        q = q.filter(only);
    }
    let names: Vec<municipality::Model> = municipality::Entity::find().all(db).await?;
    let mut leads = Vec::new();
    for l in q.order_by_asc(lead::Column::Id).all(db).await? {
        let timeline = activity::Entity::find()
            .filter(activity::Column::LeadId.eq(l.id))
            .order_by_asc(activity::Column::OccurredAt)
            .all(db)
            .await?;
        let follow_ups = follow_up::Entity::find()
            .filter(follow_up::Column::LeadId.eq(l.id))
            .order_by_asc(follow_up::Column::DueOn)
            .all(db)
            .await?;
        let mut selections = Vec::new();
        for sel in selection::Entity::find()
            .filter(selection::Column::LeadId.eq(l.id))
            .order_by_desc(selection::Column::Id)
            .all(db)
            .await?
        {
            let items = selection_item::Entity::find()
                .filter(selection_item::Column::SelectionId.eq(sel.id))
                .order_by_asc(selection_item::Column::Id)
                .all(db)
                .await?;
            selections.push((sel, items));
        }
        let municipality = l
            .municipality_id
            .and_then(|m| names.iter().find(|x| x.id == m))
            .map(|m| m.name.clone());
        leads.push(LeadPart {
            lead: l,
            municipality,
            timeline,
            follow_ups,
            selections,
        });
    }
    let consents = consent::Entity::find()
        .filter(consent::Column::ProspectId.is_in(ids.to_vec()))
        .order_by_asc(consent::Column::GivenAt)
        .all(db)
        .await?;
    Ok(Dossier {
        prospect: p,
        leads,
        consents,
    })
}

impl Dossier {
    pub fn to_json(&self) -> Value {
        let p = &self.prospect;
        json!({
            "prospect": {
                "first_name": p.first_name, "last_name": p.last_name, "email": p.email, "phone": p.phone,
                "country": p.country, "county": p.se_region, "place": p.place,
                "preferred_language": p.preferred_language, "contact_via": p.contact_via, "languages": p.languages,
                "adults": p.adults, "children_birth_years": p.children_birth_years,
                "occupation": p.occupation, "partner_occupation": p.partner_occupation,
                "help_with": {
                    "job": p.help_job, "partner_job": p.help_partner_job, "housing": p.help_housing,
                    "school": p.help_school, "business": p.help_business, "leisure": p.help_leisure, "other": p.help_other,
                },
                "housing_wish": p.housing_wish.as_str(), "move_when": p.move_when, "notes": p.notes,
                "created_at": p.created_at, "updated_at": p.updated_at,
            },
            "leads": self.leads.iter().map(|l| json!({
                "municipality": l.municipality.clone().unwrap_or_else(|| "regional pool".into()),
                "source": l.lead.source.as_str(), "status": l.lead.status.as_str(), "reason": l.lead.reason_code.map(|r| r.as_str()),
                "moved_in_on": l.lead.moved_in_on, "moved_adults": l.lead.moved_adults, "moved_children": l.lead.moved_children,
                "created_at": l.lead.created_at, "updated_at": l.lead.updated_at,
                "timeline": l.timeline.iter().map(|a| json!({
                    "kind": a.kind, "direction": a.direction.map(|d| d.as_str()), "at": a.occurred_at, "text": a.body,
                })).collect::<Vec<_>>(),
                "follow_ups": l.follow_ups.iter().map(|f| json!({
                    "title": f.title, "due_on": f.due_on, "done_at": f.done_at,
                })).collect::<Vec<_>>(),
                "selections_sent": l.selections.iter().map(|(s, items)| json!({
                    "sent_at": s.created_at,
                    "items": items.iter().map(|i| json!({
                        "kind": i.kind, "title": i.title, "detail": i.detail, "link": i.link,
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "consents": self.consents.iter().map(|c| json!({
                "purpose": c.purpose, "legal_basis": c.legal_basis, "text_version": c.text_version,
                "language": c.language, "given_at": c.given_at, "withdrawn_at": c.withdrawn_at,
            })).collect::<Vec<_>>(),
        })
    }
}
