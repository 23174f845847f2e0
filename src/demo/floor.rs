//! `lotsbok bench-sql` (hidden): the time of the bare queries behind the lead list, a search,
//! a lead page and the report page, without HTTP or rendering — the floor the benchmark
//! compares each page with.

use std::collections::HashMap;
use std::time::Instant;

use crate::entities::LeadId;
use crate::leads::queries::{self, Filter};
use crate::reports::period::ReportQuery;
use crate::reports::table::{self, Spec, View};
use crate::scope::Scope;

async fn median_ms<F, Fut>(runs: usize, mut f: F) -> anyhow::Result<f64>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f().await?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

/// Prints `name median_ms` lines.
pub async fn run(
    db: &crate::db::Db,
    slug: &str,
    lead: LeadId,
    words: &[String],
) -> anyhow::Result<()> {
    let m = crate::accounts::find_municipality(db, slug)
        .await
        .map_err(|e| anyhow::anyhow!(e))?;
    let guides = crate::accounts::guides_of(db, m.id).await?;
    let scope = guides
        .iter()
        .find_map(Scope::of_account)
        .ok_or_else(|| anyhow::anyhow!("{slug} has no active guide to measure as"))?;
    let today = crate::web::format::today();
    let list = median_ms(21, || async {
        queries::list_with_counts(db, &scope, &Filter::default(), today).await?;
        Ok(())
    })
    .await?;
    let words = match words {
        [] => vec!["anna".to_string()],
        w => w.to_vec(),
    };
    let mut search = Vec::new();
    for word in &words {
        let f = Filter {
            q: Some(word.clone()),
            ..Filter::default()
        };
        let ms = median_ms(21, || async {
            queries::list(db, &scope, &f, today).await?;
            Ok(())
        })
        .await?;
        search.push((word, ms));
    }
    // Every statement of the lead page but those the process holds (`reference`).
    let held = crate::reference::Reference::new(std::time::Duration::MAX);
    let held = held.get(db).await?;
    let lead = median_ms(21, || async {
        if let Some(r) = queries::find_visible(db, &scope, lead).await? {
            queries::other_municipalities(db, &r, &held).await?;
            queries::timeline(db, &r, &held).await?;
            queries::follow_ups(db, &r).await?;
            let probe = queries::Probe::of_prospect(&r.prospect);
            queries::duplicates(db, &scope, &probe, Some(r.lead.id)).await?;
            queries::withdrawn_consents(db, &[r.prospect.id]).await?;
            queries::consent_given(db, r.prospect.key()).await?;
        }
        Ok(())
    })
    .await?;
    let all = crate::accounts::list_municipalities(db).await?;
    let names: HashMap<i64, String> = all.iter().map(|m| (m.id, m.name.clone())).collect();
    let period = ReportQuery::from_pairs(vec![
        ("period".into(), "year".into()),
        ("year".into(), "2026".into()),
    ])
    .period();
    let targets = crate::reports::targets::of_year(db, 2026).await?;
    let report = median_ms(5, || async {
        let spec = Spec {
            lang: crate::i18n::Lang::Sv,
            names: &names,
            view: View::Coordinator {
                all: all.iter().map(|m| m.id).collect(),
                shown: vec![],
                known: None,
            },
            period: period.clone(),
            today,
            threshold: 3,
            targets: &targets,
            counted: table::Counted::Kept,
            cache: None,
        };
        table::build(db, &spec).await?;
        Ok(())
    })
    .await?;
    println!("list {list:.2}");
    for (word, ms) in search {
        println!("search:{word} {ms:.2}");
    }
    println!("lead {lead:.2}");
    println!("report {report:.2}");
    Ok(())
}
