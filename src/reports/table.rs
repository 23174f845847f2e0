//! Report tables: what the page shows, the chart draws and the exports write — one value,
//! so the three always agree. Small cells are suppressed here, once, for all three.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::DbErr;

use super::figures::{self, By, Moved, Selection};
use super::period::Period;
use crate::domain::{ReasonCode, Source, Status};
use crate::i18n::{t, Lang};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Count(i64),
    /// A number of days, with one decimal (a median may fall between two).
    Days(Option<f64>),
    /// A count below the threshold, shown as "<threshold".
    Hidden(i64),
}

#[derive(Debug, Clone)]
pub struct Table {
    pub id: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// The column a bar chart is drawn from, if the table has one.
    pub chart: Option<usize>,
}

impl Table {
    /// Hides counts from 1 to threshold-1; where a column would then have a single hidden
    /// cell, the next smallest count in it is hidden too, so that it cannot be worked out
    /// from the others and a total.
    pub fn suppress(&mut self, threshold: i64) {
        let cols = self.columns.len();
        for c in 0..cols {
            let mut hidden = 0;
            for row in &mut self.rows {
                if let Some(Cell::Count(n)) = row.get(c) {
                    if *n > 0 && *n < threshold {
                        row[c] = Cell::Hidden(threshold);
                        hidden += 1;
                    }
                }
            }
            if hidden == 1 && self.rows.len() > 2 {
                let smallest = self
                    .rows
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| match r.get(c) {
                        Some(Cell::Count(n)) if *n > 0 => Some((i, *n)),
                        _ => None,
                    })
                    // The total row (last) is not the one to hide.
                    .filter(|(i, _)| *i + 1 < self.rows.len())
                    .min_by_key(|(_, n)| *n);
                if let Some((i, _)) = smallest {
                    self.rows[i][c] = Cell::Hidden(threshold);
                }
            }
        }
    }
}

/// Everything a report is built from.
pub struct Spec<'a> {
    pub lang: Lang,
    pub names: &'a HashMap<i64, String>,
    pub selection: Selection,
    pub period: Period,
    pub today: NaiveDate,
    /// Rows per municipality (false: one row for the whole selection, the guide's regional view).
    pub per_municipality: bool,
}

impl Spec<'_> {
    fn t(&self, key: &str) -> String {
        t(self.lang, key)
    }

    /// The row labels and keys of a per-municipality table, in name order, then the pool.
    fn row_keys(&self) -> Vec<(Option<i64>, String)> {
        if !self.per_municipality {
            return vec![(None, self.t("report-region"))];
        }
        let mut rows: Vec<(Option<i64>, String)> = self
            .selection
            .municipalities
            .iter()
            .map(|m| (Some(*m), self.names.get(m).cloned().unwrap_or_default()))
            .collect();
        rows.sort_by(|a, b| a.1.cmp(&b.1));
        if self.selection.include_pool {
            rows.push((None, self.t("pool-title")));
        }
        rows
    }

    /// Which row a figure of municipality `m` is counted in.
    fn row_of(&self, m: Option<i64>) -> Option<i64> {
        if self.per_municipality {
            m
        } else {
            None
        }
    }
}

/// A per-municipality table of counts with a total row.
fn per_municipality(
    spec: &Spec,
    id: &'static str,
    title: &str,
    columns: Vec<String>,
    values: &[(Option<i64>, Vec<i64>)],
    chart: Option<usize>,
) -> Table {
    let width = columns.len() - 1;
    let mut rows = Vec::new();
    let mut total = vec![0i64; width];
    for (key, label) in spec.row_keys() {
        let mut sum = vec![0i64; width];
        for (_, v) in values.iter().filter(|(m, _)| spec.row_of(*m) == key) {
            for (i, x) in v.iter().enumerate() {
                sum[i] += x;
            }
        }
        for (i, x) in sum.iter().enumerate() {
            total[i] += x;
        }
        let mut row = vec![Cell::Text(label)];
        row.extend(sum.into_iter().map(Cell::Count));
        rows.push(row);
    }
    if spec.per_municipality {
        let mut row = vec![Cell::Text(spec.t("report-total"))];
        row.extend(total.into_iter().map(Cell::Count));
        rows.push(row);
    }
    Table {
        id,
        title: title.into(),
        columns,
        rows,
        chart,
    }
}

fn by_category(
    id: &'static str,
    title: String,
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
    chart: Option<usize>,
) -> Table {
    Table {
        id,
        title,
        columns,
        rows,
        chart,
    }
}

fn moved_cells(m: &Moved) -> Vec<Cell> {
    vec![
        Cell::Count(m.households),
        Cell::Count(m.adults),
        Cell::Count(m.children),
        Cell::Count(m.persons()),
    ]
}

/// Every table of the report, in page order.
type Counts<K> = Vec<(K, i64)>;

/// What a report is built from, as `fetch` reads it.
struct Figures {
    funnel: Vec<(Status, i64)>,
    countries: Counts<String>,
    regions: Counts<String>,
    new: Counts<Option<i64>>,
    sources: Counts<String>,
    outcomes: Vec<(String, Option<String>, i64)>,
    stays: Vec<(Option<i64>, Vec<i64>)>,
    contacts: Counts<Option<i64>>,
    /// Contacts per guide, only for reports per municipality.
    guides: Option<Counts<String>>,
    campaigns: Counts<String>,
    moved: Vec<(Option<i64>, Moved)>,
    by_source: Vec<(String, Moved)>,
    months: Vec<(Option<i64>, String, Moved)>,
    /// Per row of `Spec::row_keys`: households moved in and the median days to it.
    medians: Vec<(i64, Option<f64>)>,
    follow_ups: Vec<(Option<i64>, i64, i64)>,
}

/// The figures of a report, read two queries at a time: the report is a coordinator's
/// occasional page of a dozen large queries, which on two cores run nearly twice as fast in
/// two lines, while the rest of the pool stays free for the guides' pages. The heaviest
/// queries (funnel, contacts, countries and regions) are split between the two lines.
async fn fetch(db: &crate::db::Db, spec: &Spec<'_>) -> Result<Figures, DbErr> {
    let (sel, p) = (&spec.selection, &spec.period);
    let median_selections: Vec<Selection> = spec
        .row_keys()
        .into_iter()
        .map(|(key, _)| match key {
            Some(m) if spec.per_municipality => Selection {
                municipalities: vec![m],
                include_pool: false,
            },
            None if spec.per_municipality => Selection {
                municipalities: vec![],
                include_pool: true,
            },
            _ => sel.clone(),
        })
        .collect();
    let first = async {
        Ok::<_, DbErr>((
            figures::funnel(db, sel, p).await?,
            figures::new_leads_by(db, sel, p, By::Country).await?,
            figures::new_leads_by(db, sel, p, By::SeRegion).await?,
            figures::new_leads(db, sel, p).await?,
            figures::new_leads_by(db, sel, p, By::Source).await?,
            figures::outcomes(db, sel, p).await?,
            figures::stay_checks(db, sel, p).await?,
        ))
    };
    let second = async {
        let contacts = figures::contacts_by_municipality(db, sel, p).await?;
        let guides = match spec.per_municipality {
            true => Some(figures::contacts_by_guide(db, sel, p).await?),
            false => None,
        };
        let mut medians = Vec::new();
        for s in &median_selections {
            medians.push(figures::median_days_to_move(db, s, p).await?);
        }
        Ok::<_, DbErr>((
            contacts,
            guides,
            figures::new_leads_by(db, sel, p, By::Campaign).await?,
            figures::moved_in_by_municipality(db, sel, p).await?,
            figures::moved_in_by_source(db, sel, p).await?,
            figures::moved_in_by_month(db, sel, p).await?,
            medians,
            figures::follow_ups(db, sel, spec.today).await?,
        ))
    };
    let (
        (funnel, countries, regions, new, sources, outcomes, stays),
        (contacts, guides, campaigns, moved, by_source, months, medians, follow_ups),
    ) = tokio::try_join!(first, second)?;
    Ok(Figures {
        funnel,
        countries,
        regions,
        new,
        sources,
        outcomes,
        stays,
        contacts,
        guides,
        campaigns,
        moved,
        by_source,
        months,
        medians,
        follow_ups,
    })
}

pub async fn build(db: &crate::db::Db, spec: &Spec<'_>) -> Result<Vec<Table>, DbErr> {
    let f = fetch(db, spec).await?;
    let mut tables = vec![
        new_leads(spec, &f.new),
        moved_in(spec, &f.moved),
        moved_in_source(spec, &f.by_source),
        moved_in_month(spec, &f.months),
        median_days(spec, f.medians),
        sources(spec, &f.sources),
        campaigns(spec, f.campaigns),
        funnel(spec, &f.funnel),
        outcomes(spec, &f.outcomes),
        countries(spec, &f.countries),
        se_regions(spec, &f.regions),
        contacts(spec, &f.contacts),
    ];
    if let Some(guides) = f.guides {
        tables.push(contacts_guide(spec, guides));
    }
    tables.push(stay(spec, &f.stays));
    tables.push(follow_ups(spec, &f.follow_ups));
    Ok(tables)
}

/// The columns of a moved-in table after its first: households, adults, children, persons.
fn moved_cols(spec: &Spec, first: String) -> Vec<String> {
    vec![
        first,
        spec.t("report-households"),
        spec.t("report-adults"),
        spec.t("report-children"),
        spec.t("report-persons"),
    ]
}

/// A code's name in the reader's language (the code itself if it is none of ours).
fn source_name(spec: &Spec, code: &str) -> String {
    Source::parse(code)
        .map(|x| spec.t(&x.key()))
        .unwrap_or_else(|| code.to_string())
}

/// A table of one text column and a count.
fn counted(
    id: &'static str,
    title: String,
    columns: Vec<String>,
    rows: impl Iterator<Item = (String, i64)>,
) -> Table {
    let rows = rows
        .map(|(t, n)| vec![Cell::Text(t), Cell::Count(n)])
        .collect();
    by_category(id, title, columns, rows, Some(1))
}

fn new_leads(spec: &Spec, new: &Counts<Option<i64>>) -> Table {
    let values: Vec<_> = new.iter().map(|(m, n)| (*m, vec![*n])).collect();
    per_municipality(
        spec,
        "new_leads",
        &spec.t("report-new-leads"),
        vec![spec.t("field-municipality"), spec.t("report-count")],
        &values,
        Some(1),
    )
}

fn moved_in(spec: &Spec, moved: &[(Option<i64>, Moved)]) -> Table {
    let values: Vec<_> = moved
        .iter()
        .map(|(m, v)| (*m, vec![v.households, v.adults, v.children, v.persons()]))
        .collect();
    per_municipality(
        spec,
        "moved_in",
        &spec.t("report-moved-in"),
        moved_cols(spec, spec.t("field-municipality")),
        &values,
        Some(4),
    )
}

fn moved_in_source(spec: &Spec, by_source: &[(String, Moved)]) -> Table {
    let rows = by_source
        .iter()
        .map(|(s, m)| {
            let mut r = vec![Cell::Text(source_name(spec, s))];
            r.extend(moved_cells(m));
            r
        })
        .collect();
    by_category(
        "moved_in_source",
        spec.t("report-moved-in-source"),
        moved_cols(spec, spec.t("field-source")),
        rows,
        Some(4),
    )
}

fn moved_in_month(spec: &Spec, months: &[(Option<i64>, String, Moved)]) -> Table {
    let mut rows = Vec::new();
    for (key, label) in spec.row_keys() {
        let mut per_month: Vec<(String, Moved)> = Vec::new();
        for (_, month, v) in months.iter().filter(|(m, _, _)| spec.row_of(*m) == key) {
            match per_month.iter_mut().find(|(x, _)| x == month) {
                Some((_, acc)) => {
                    acc.households += v.households;
                    acc.adults += v.adults;
                    acc.children += v.children;
                }
                None => per_month.push((month.clone(), *v)),
            }
        }
        per_month.sort_by(|a, b| a.0.cmp(&b.0));
        for (month, v) in per_month {
            let mut r = vec![Cell::Text(label.clone()), Cell::Text(month)];
            r.extend(moved_cells(&v));
            rows.push(r);
        }
    }
    let mut cols = moved_cols(spec, spec.t("field-municipality"));
    cols.insert(1, spec.t("report-month"));
    by_category(
        "moved_in_month",
        spec.t("report-moved-in-month"),
        cols,
        rows,
        None,
    )
}

fn median_days(spec: &Spec, medians: Vec<(i64, Option<f64>)>) -> Table {
    let rows = spec
        .row_keys()
        .into_iter()
        .zip(medians)
        .map(|((_, label), (n, median))| {
            vec![Cell::Text(label), Cell::Count(n), Cell::Days(median)]
        })
        .collect();
    by_category(
        "median_days",
        spec.t("report-median-days"),
        vec![
            spec.t("field-municipality"),
            spec.t("report-households"),
            spec.t("report-median"),
        ],
        rows,
        None,
    )
}

fn sources(spec: &Spec, sources: &Counts<String>) -> Table {
    counted(
        "sources",
        spec.t("report-sources"),
        vec![spec.t("field-source"), spec.t("report-count")],
        sources.iter().map(|(s, n)| (source_name(spec, s), *n)),
    )
}

fn campaigns(spec: &Spec, campaigns: Counts<String>) -> Table {
    counted(
        "campaigns",
        spec.t("report-campaigns"),
        vec![spec.t("field-campaign"), spec.t("report-count")],
        campaigns.into_iter(),
    )
}

fn funnel(spec: &Spec, funnel: &[(Status, i64)]) -> Table {
    counted(
        "funnel",
        spec.t("report-funnel"),
        vec![spec.t("field-status"), spec.t("report-reached")],
        funnel.iter().map(|(s, n)| (spec.t(&s.key()), *n)),
    )
}

fn outcomes(spec: &Spec, outcomes: &[(String, Option<String>, i64)]) -> Table {
    let rows = outcomes
        .iter()
        .map(|(s, r, n)| {
            vec![
                Cell::Text(
                    Status::parse(s)
                        .map(|x| spec.t(&x.key()))
                        .unwrap_or_else(|| s.clone()),
                ),
                Cell::Text(
                    r.as_deref()
                        .and_then(ReasonCode::parse)
                        .map(|x| spec.t(&x.key()))
                        .unwrap_or_default(),
                ),
                Cell::Count(*n),
            ]
        })
        .collect();
    by_category(
        "outcomes",
        spec.t("report-outcomes"),
        vec![
            spec.t("report-outcome"),
            spec.t("field-reason"),
            spec.t("report-count"),
        ],
        rows,
        None,
    )
}

fn countries(spec: &Spec, countries: &Counts<String>) -> Table {
    let name = |c: &String| {
        if crate::domain::COUNTRIES.contains(&c.as_str()) {
            spec.t(&format!("country-{c}"))
        } else {
            c.clone()
        }
    };
    counted(
        "countries",
        spec.t("report-countries"),
        vec![spec.t("field-country"), spec.t("report-count")],
        countries.iter().map(|(c, n)| (name(c), *n)),
    )
}

fn se_regions(spec: &Spec, regions: &Counts<String>) -> Table {
    counted(
        "se_regions",
        spec.t("report-se-regions"),
        vec![spec.t("report-se-region"), spec.t("report-count")],
        regions.iter().map(|(c, n)| {
            let name = crate::domain::se_region_name(c).unwrap_or(c).to_string();
            (name, *n)
        }),
    )
}

fn contacts(spec: &Spec, contacts: &Counts<Option<i64>>) -> Table {
    let values: Vec<_> = contacts.iter().map(|(m, n)| (*m, vec![*n])).collect();
    per_municipality(
        spec,
        "contacts",
        &spec.t("report-contacts"),
        vec![spec.t("field-municipality"), spec.t("report-count")],
        &values,
        None,
    )
}

fn contacts_guide(spec: &Spec, guides: Counts<String>) -> Table {
    let rows = guides
        .into_iter()
        .map(|(g, n)| vec![Cell::Text(g), Cell::Count(n)])
        .collect();
    by_category(
        "contacts_guide",
        spec.t("report-contacts-guide"),
        vec![spec.t("report-guide"), spec.t("report-count")],
        rows,
        None,
    )
}

fn stay(spec: &Spec, stays: &[(Option<i64>, Vec<i64>)]) -> Table {
    let cols = vec![
        spec.t("field-municipality"),
        spec.t("report-stayed-6"),
        spec.t("report-moved-away-6"),
        spec.t("report-stayed-12"),
        spec.t("report-moved-away-12"),
    ];
    per_municipality(spec, "stay", &spec.t("report-stay"), cols, stays, None)
}

fn follow_ups(spec: &Spec, fus: &[(Option<i64>, i64, i64)]) -> Table {
    let values: Vec<_> = fus.iter().map(|(m, o, d)| (*m, vec![*o, *d])).collect();
    per_municipality(
        spec,
        "follow_ups",
        &spec.t("report-follow-ups"),
        vec![
            spec.t("field-municipality"),
            spec.t("report-open"),
            spec.t("report-overdue"),
        ],
        &values,
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cells_and_their_complement_are_hidden() {
        let mut t = Table {
            id: "t",
            title: String::new(),
            columns: vec!["m".into(), "n".into()],
            rows: vec![
                vec![Cell::Text("A".into()), Cell::Count(2)],
                vec![Cell::Text("B".into()), Cell::Count(7)],
                vec![Cell::Text("C".into()), Cell::Count(0)],
                vec![Cell::Text("D".into()), Cell::Count(5)],
                vec![Cell::Text("Total".into()), Cell::Count(14)],
            ],
            chart: None,
        };
        t.suppress(3);
        assert_eq!(t.rows[0][1], Cell::Hidden(3));
        assert_eq!(
            t.rows[3][1],
            Cell::Hidden(3),
            "the next smallest, so A cannot be worked out"
        );
        assert_eq!(t.rows[1][1], Cell::Count(7));
        assert_eq!(t.rows[2][1], Cell::Count(0), "a zero names no one");
        assert_eq!(t.rows[4][1], Cell::Count(14));
    }
}
