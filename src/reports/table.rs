//! Report tables: what the page shows, the chart draws and the exports write — one value,
//! so the three always agree. Every figure comes from the year's disclosure families
//! (`figures`, `disclosure`), so a hidden figure is hidden in every table, chart and file.
//! Rows are in a fixed order (names, codes), never by size: an order by count would place a
//! hidden figure between two shown ones and so bound it.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use sea_orm::DbErr;

use super::disclosure::{Control, Family, Key, Published, Shown, Unit, NONE};
pub use super::figures::Counted;
use super::figures::{
    self, contacts, leads, mailings, moved, offers, open, outcomes, Part, Selection, Year,
};
use super::period::Period;
use super::targets::{Measure, Targets};
use crate::domain::Source;
use crate::i18n::{t, Lang};

/// How a hidden figure is written (as statistical offices do: "..").
pub const HIDDEN: &str = "..";

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Count(i64),
    /// A number of days, with one decimal (a median may fall between two).
    Days(Option<f64>),
    /// A share in per cent.
    Share(Option<f64>),
    /// Hidden by the disclosure rule.
    Hidden,
    /// No figure yet (a month still to come).
    Empty,
    /// A change from an earlier period, written with its sign.
    Change(i64),
}

/// A change as written: with its sign, no change as "0".
pub fn change(n: i64) -> String {
    if n == 0 {
        "0".into()
    } else {
        format!("{n:+}")
    }
}

/// How a table is drawn besides as a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// A bar per row from this column (a total row is not drawn: it would squash its parts).
    Bars(usize),
    /// A line per column after the first, over the rows (months).
    Lines,
    /// Progress against targets: a bar per row from the figure (column 2) and the target
    /// (column 3).
    Progress,
    /// The table itself, the cells of this many columns after the first shaded by size
    /// (not a total row, nor the total column after them).
    Heat(usize),
}

#[derive(Debug, Clone)]
pub struct Table {
    pub id: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub chart: Option<Chart>,
    /// The last row is a total (charted apart from its parts).
    pub total: bool,
}

/// Whose report, and so which figures are hidden.
#[derive(Debug, Clone)]
pub enum View {
    /// A coordinator: the whole region with small figures hidden; rows for `shown`
    /// municipalities (and the pool), totals always the region's. `known`: the coordinator
    /// is also the guide of this municipality, and so knows its figures and the pool's.
    Coordinator {
        all: Vec<i64>,
        shown: Vec<i64>,
        known: Option<i64>,
    },
    /// A guide's own municipality, in full.
    Own(i64),
    /// A guide's view of the region: its own figures plus the rest's, hidden where the rest's
    /// are (the guide knows its own, so the rest must be protected on its own).
    Region { all: Vec<i64>, own: i64 },
}

/// Everything a report is built from.
pub struct Spec<'a> {
    pub lang: Lang,
    pub names: &'a HashMap<i64, String>,
    pub view: View,
    pub period: Period,
    pub today: NaiveDate,
    pub threshold: i64,
    /// The targets of the period's year.
    pub targets: &'a Targets,
    /// Kept sums (always, but in the test that compares them with counting the rows).
    pub counted: Counted,
    /// Published years kept between reports (none: publish each anew).
    pub cache: Option<&'a ReportCache>,
}

/// The unit of the year a period is.
pub fn unit_of(p: &Period) -> Unit {
    let m = p.from.month0() as u8;
    match p.kind.as_str() {
        "month" => Unit::Month(m),
        "quarter" => Unit::Quarter(m / 3),
        _ => Unit::Year,
    }
}

/// A family's figures as published.
pub struct Pub {
    year: Year,
    leads: Published,
    moved: Published,
    contacts: Published,
    outcomes: Published,
    open: Published,
    mailings: Published,
    offers: Published,
}

#[derive(Clone, Copy)]
enum F {
    Leads,
    Moved,
    Contacts,
    Outcomes,
    Open,
    Mailings,
    Offers,
}

impl Pub {
    /// Publishes the year's families, off the async threads: finding the complementary
    /// figures is the report's heaviest work.
    async fn new(year: Year, control: Control) -> Result<Self, DbErr> {
        tokio::task::spawn_blocking(move || Pub {
            leads: year.leads.publish(&control),
            moved: year.moved.publish(&control),
            contacts: year.contacts.publish(&control),
            outcomes: year.outcomes.publish(&control),
            open: year.open.publish(&control),
            mailings: year.mailings.publish(&control),
            offers: year.offers.publish(&control),
            year,
        })
        .await
        .map_err(|e| DbErr::Custom(format!("publishing the report's figures: {e}")))
    }
    fn of(&self, f: F) -> (&Family, &Published) {
        match f {
            F::Leads => (&self.year.leads, &self.leads),
            F::Moved => (&self.year.moved, &self.moved),
            F::Contacts => (&self.year.contacts, &self.contacts),
            F::Outcomes => (&self.year.outcomes, &self.outcomes),
            F::Open => (&self.year.open, &self.open),
            F::Mailings => (&self.year.mailings, &self.mailings),
            F::Offers => (&self.year.offers, &self.offers),
        }
    }
}

/// The figures a report shows: `main`, plus `plus` (a guide's own, added to the rest).
struct Figures {
    main: Arc<Pub>,
    plus: Option<Arc<Pub>>,
    unit: Unit,
}

impl Figures {
    fn shown(&self, f: F, template: usize, values: Vec<u32>, unit: Unit, measure: usize) -> Shown {
        let key = Key {
            template,
            values: values.into(),
            unit,
            measure,
        };
        match self.main.of(f).1.get(&key) {
            Shown::Hidden => Shown::Hidden,
            Shown::Count(n) => {
                Shown::Count(n + self.plus.as_ref().map_or(0, |p| p.of(f).1.value(&key)))
            }
        }
    }
    fn cell(&self, f: F, template: usize, values: Vec<u32>, measure: usize) -> Cell {
        self.cell_in(f, template, values, self.unit, measure)
    }
    fn cell_in(&self, f: F, template: usize, values: Vec<u32>, unit: Unit, measure: usize) -> Cell {
        match self.shown(f, template, values, unit, measure) {
            Shown::Hidden => Cell::Hidden,
            Shown::Count(n) => Cell::Count(n),
        }
    }
    /// The rows of a breakdown: the values whose figure for the whole year is shown and not
    /// zero, or hidden. Which rows there are depends only on what the year's report shows,
    /// so a row's presence tells nothing about a hidden figure of the period.
    fn values(&self, f: F, template: usize, dim: usize) -> BTreeSet<u32> {
        let mut out = BTreeSet::new();
        for p in std::iter::once(&self.main).chain(self.plus.as_ref()) {
            let family = p.of(f).0;
            let domain = family.domain.get(dim).into_iter().flatten().copied();
            out.extend(family.records.iter().map(|r| r.attrs[dim]).chain(domain));
        }
        out.remove(&NONE);
        out.retain(|v| self.shown(f, template, vec![*v], Unit::Year, 0) != Shown::Count(0));
        out
    }
}

impl Spec<'_> {
    fn t(&self, key: &str) -> String {
        t(self.lang, key)
    }

    /// The municipality rows (code, label), in name order, then the pool; or the region's
    /// one row (`None`).
    fn rows(&self) -> Vec<(Option<u32>, String)> {
        let named = |ids: &[i64]| {
            let mut rows: Vec<(Option<u32>, String)> = ids
                .iter()
                .map(|m| {
                    (
                        Some(figures::municipality_code(Some(*m))),
                        self.names.get(m).cloned().unwrap_or_default(),
                    )
                })
                .collect();
            rows.sort_by(|a, b| a.1.cmp(&b.1));
            rows
        };
        match &self.view {
            View::Coordinator { all, shown, .. } => {
                let mut rows = named(if shown.is_empty() { all } else { shown });
                if shown.is_empty() {
                    rows.push((Some(figures::municipality_code(None)), self.t("pool-title")));
                }
                rows
            }
            View::Own(m) => named(&[*m]),
            View::Region { .. } => vec![(None, self.t("report-region"))],
        }
    }

    fn per_municipality(&self) -> bool {
        !matches!(self.view, View::Region { .. })
    }
}

/// Reads and publishes the year's figures for the view.
async fn read(
    db: &crate::db::Db,
    spec: &Spec<'_>,
    year: i32,
    part: Part,
) -> Result<Figures, DbErr> {
    let unit = unit_of(&spec.period);
    let (main, plus) = match &spec.view {
        View::Coordinator {
            all, known: None, ..
        } => {
            let sel = Selection {
                municipalities: all.clone(),
                include_pool: true,
            };
            let how = (control(spec.threshold), false, false);
            (published(db, spec, sel, (year, part), how).await?, None)
        }
        View::Own(m) => {
            let only = Selection {
                municipalities: vec![*m],
                include_pool: false,
            };
            let how = (everything(), true, false);
            (published(db, spec, only, (year, part), how).await?, None)
        }
        View::Coordinator {
            all,
            known: Some(own),
            ..
        } => known_plus_rest(db, spec, (year, part), (*own, all), false).await?,
        View::Region { all, own } => {
            known_plus_rest(db, spec, (year, part), (*own, all), true).await?
        }
    };
    Ok(Figures { main, plus, unit })
}

/// Small figures hidden and protected.
fn control(threshold: i64) -> Control {
    Control {
        threshold,
        complementary: true,
    }
}

/// Nothing hidden: what the reader knows anyway.
fn everything() -> Control {
    Control {
        threshold: 1,
        complementary: false,
    }
}

/// What a guide knows (its municipality's figures and the pool's, which every guide reads)
/// added to the other municipalities', which alone are protected: else the guide would
/// subtract what it knows from a total and find a hidden figure of the others. `one_row`:
/// the region is shown as one row, so the others' figures per municipality are not
/// published and need no protection.
async fn known_plus_rest(
    db: &crate::db::Db,
    spec: &Spec<'_>,
    (year, part): (i32, Part),
    (own, all): (i64, &[i64]),
    one_row: bool,
) -> Result<(Arc<Pub>, Option<Arc<Pub>>), DbErr> {
    let mine = Selection {
        municipalities: vec![own],
        include_pool: true,
    };
    let rest = Selection {
        municipalities: all.iter().copied().filter(|m| *m != own).collect(),
        include_pool: false,
    };
    let (r, o) = tokio::try_join!(
        published(
            db,
            spec,
            rest,
            (year, part),
            (control(spec.threshold), false, one_row)
        ),
        published(db, spec, mine, (year, part), (everything(), false, false)),
    )?;
    Ok((r, Some(o)))
}

/// The year without its breakdowns by municipality (a region shown as one row).
fn one_row(r: Year) -> Year {
    Year {
        leads: r.leads.without(&[leads::BY_MUNICIPALITY]),
        moved: r.moved.without(&[
            moved::BY_MUNICIPALITY,
            moved::STAY_6_BY_MUNICIPALITY,
            moved::STAY_12_BY_MUNICIPALITY,
        ]),
        contacts: r.contacts.without(&[contacts::BY_MUNICIPALITY]),
        open: r
            .open
            .without(&[open::BY_MUNICIPALITY, open::OVERDUE_BY_MUNICIPALITY]),
        mailings: r.mailings.without(&[mailings::BY_MUNICIPALITY]),
        offers: r.offers.without(&[offers::BY_MUNICIPALITY]),
        ..r
    }
}

/// Everything a published year depends on besides the kept figures' version.
#[derive(Clone, Debug, PartialEq, Eq)]
struct CacheKey {
    sel: (Vec<i64>, bool),
    year: i32,
    today: NaiveDate,
    part: Part,
    /// Contacts by guide, the threshold, complementary figures, one row for the region.
    how: (bool, i64, bool, bool),
    version: super::kept::Version,
}

impl CacheKey {
    /// The same report, whatever the version of its figures.
    fn same_report(&self, other: &CacheKey) -> bool {
        (&self.sel, self.year, self.today, self.part, self.how)
            == (&other.sel, other.year, other.today, other.part, other.how)
    }
}

/// How many published years are kept (a report reads two, a guide's four).
const CACHED: usize = 8;

/// The published years of the last reports, each kept while nothing it counts has
/// changed (`kept::version`): a coordinator going from the page to its print and its
/// exports, or from one period of a year to another, publishes the year once. A change to
/// any lead, contact or task makes the next report publish anew.
#[derive(Default)]
pub struct ReportCache(std::sync::Mutex<std::collections::VecDeque<(CacheKey, Arc<Pub>)>>);

impl ReportCache {
    fn get(&self, key: &CacheKey) -> Option<Arc<Pub>> {
        let entries = self.0.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, p)| p.clone())
    }

    fn put(&self, key: CacheKey, p: Arc<Pub>) {
        // One entry per report: a newer version replaces the older (a published year holds
        // tens of megabytes at a million leads, and an older version is never asked for
        // again). A slow request that read an older version stores nothing over a newer one.
        let mut entries = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if entries
            .iter()
            .any(|(k, _)| k.same_report(&key) && key.version.older_than(&k.version))
        {
            return;
        }
        entries.retain(|(k, _)| !k.same_report(&key));
        entries.push_back((key, p));
        while entries.len() > CACHED {
            entries.pop_front();
        }
    }
}

/// The selection's year, published under `control` (from the cache when its figures have
/// not changed since). `how`: the control, contacts by guide, one row for the region.
async fn published(
    db: &crate::db::Db,
    spec: &Spec<'_>,
    sel: Selection,
    (year, part): (i32, Part),
    (control, guides, single): (Control, bool, bool),
) -> Result<Arc<Pub>, DbErr> {
    let cache = spec.cache.filter(|_| spec.counted == Counted::Kept);
    let key = match cache {
        // The version first: figures read after it are at least as new as it says.
        Some(_) => Some(CacheKey {
            sel: (sel.municipalities.clone(), sel.include_pool),
            year,
            today: spec.today,
            part,
            how: (guides, control.threshold, control.complementary, single),
            version: super::kept::version(db).await?,
        }),
        None => None,
    };
    if let Some(hit) = cache.zip(key.as_ref()).and_then(|(c, k)| c.get(k)) {
        return Ok(hit);
    }
    let y = figures::year(db, &sel, (year, spec.today), guides, (part, spec.counted)).await?;
    let y = if single { one_row(y) } else { y };
    let p = Arc::new(Pub::new(y, control).await?);
    if let (Some(c), Some(k)) = (cache, key) {
        c.put(k, p.clone());
    }
    Ok(p)
}

pub async fn build(db: &crate::db::Db, spec: &Spec<'_>) -> Result<Vec<Table>, DbErr> {
    let year = spec.period.from.year();
    let (f, before) = tokio::try_join!(
        read(db, spec, year, Part::All),
        read(db, spec, year - 1, Part::Totals)
    )?;
    let mut tables = vec![
        headline(spec, &f, &before),
        targets(spec, &f),
        region_months(spec, &f, &before),
        new_leads(spec, &f),
        moved_in(spec, &f),
        moved_in_source(spec, &f),
        moved_in_month(spec, &f),
        median_days(spec, &f),
        sources(spec, &f),
        campaigns(spec, &f),
        funnel(spec, &f),
        outcome_table(spec, &f),
        countries(spec, &f),
        counties(spec, &f),
        contacts_table(spec, &f),
    ];
    if matches!(spec.view, View::Own(_)) {
        tables.push(contacts_guide(spec, &f));
    }
    tables.push(stay(spec, &f, 0));
    tables.push(stay(spec, &f, 1));
    tables.push(follow_ups(spec, &f));
    tables.push(mailings_table(spec, &f));
    tables.push(offers_table(spec, &f));
    Ok(tables)
}

/// Mailings per municipality: how many reached its movers, to how many recipients, and how
/// many unsubscribed through one. Recipients and unsubscribes are people, hidden and
/// protected as every such figure; the number of mailings is no one's, but a 0 beside a
/// hidden recipient figure would tell that figure, so it is shown only where every
/// recipient figure it spans (each month of the period, each municipality of a total) is.
fn mailings_table(spec: &Spec, f: &Figures) -> Table {
    per_municipality(
        spec,
        ("mailings", spec.t("report-mailings")),
        vec![
            spec.t("field-municipality"),
            spec.t("report-mailings-sent"),
            spec.t("report-mailings-recipients"),
            spec.t("report-mailings-unsubscribed"),
        ],
        |code| {
            let (t, v) = muni(code, mailings::TOTAL, mailings::BY_MUNICIPALITY);
            vec![
                mailings_sent(f, code),
                f.cell(F::Mailings, t, v.clone(), mailings::RECIPIENTS),
                f.cell(F::Mailings, t, v, mailings::UNSUBSCRIBED),
            ]
        },
        None,
    )
}

/// Jobs and homes per municipality: vacancies published and homes registered (no one's:
/// shown as they are), selections sent and households that moved in after one (people:
/// hidden and protected as every such figure).
fn offers_table(spec: &Spec, f: &Figures) -> Table {
    per_municipality(
        spec,
        ("offers", spec.t("report-offers")),
        vec![
            spec.t("field-municipality"),
            spec.t("report-offers-vacancies"),
            spec.t("report-offers-homes"),
            spec.t("report-offers-selections"),
            spec.t("report-offers-moved"),
        ],
        |code| {
            let (t, v) = muni(code, offers::TOTAL, offers::BY_MUNICIPALITY);
            let (mut vacancies, mut homes) = (0, 0);
            for p in std::iter::once(&f.main).chain(f.plus.as_ref()) {
                for (m, month, vs, hs) in &p.year.offers_published {
                    if code.is_none_or(|c| c == *m) && f.unit.contains(*month) {
                        vacancies += vs;
                        homes += hs;
                    }
                }
            }
            vec![
                Cell::Count(vacancies),
                Cell::Count(homes),
                f.cell(F::Offers, t, v.clone(), offers::SELECTIONS),
                f.cell(F::Offers, t, v, offers::MOVED_AFTER),
            ]
        },
        None,
    )
}

/// The number of mailings that reached a row's movers in the period (`None`: the total),
/// or hidden where a recipient figure it spans is.
fn mailings_sent(f: &Figures, code: Option<u32>) -> Cell {
    let mut spans: Vec<(usize, Vec<u32>)> = vec![match code {
        Some(c) => (mailings::BY_MUNICIPALITY, vec![c]),
        None => (mailings::TOTAL, vec![]),
    }];
    if code.is_none() {
        // Every municipality the year counts, shown in this view or not.
        let all: BTreeSet<u32> = std::iter::once(&f.main)
            .chain(f.plus.as_ref())
            .flat_map(|p| p.year.mailings.domain.iter().flatten().copied())
            .collect();
        spans.extend(
            all.into_iter()
                .map(|c| (mailings::BY_MUNICIPALITY, vec![c])),
        );
    }
    let hidden = spans.iter().any(|(t, v)| {
        f.unit.months().any(|m| {
            f.shown(
                F::Mailings,
                *t,
                v.clone(),
                Unit::Month(m),
                mailings::RECIPIENTS,
            ) == Shown::Hidden
        })
    });
    if hidden {
        return Cell::Hidden;
    }
    let mut ids = BTreeSet::new();
    for p in std::iter::once(&f.main).chain(f.plus.as_ref()) {
        ids.extend(
            p.year
                .mailing_reach
                .iter()
                .filter(|(_, m, month)| code.is_none_or(|c| c == *m) && f.unit.contains(*month))
                .map(|(id, _, _)| *id),
        );
    }
    Cell::Count(ids.len() as i64)
}

/// The headline figures of the period beside the same period a year earlier, with the
/// change: the total of the view (the region's, or a guide's own municipality's). Each
/// figure is the one its year's report publishes, so the change tells nothing more. While
/// the period is running, the year before counts its months up to this month only (a sum
/// of that year's published months, hidden if one is), and adults, children and persons
/// (not published per month) are left out: half a year is not compared with a whole one.
fn headline(spec: &Spec, f: &Figures, before: &Figures) -> Table {
    let running = spec.period.from <= spec.today && spec.today < spec.period.until;
    let now_month = spec.today.month0() as u8;
    let then = |fam: F, template: usize, measure: usize| {
        if !running {
            return before.cell(fam, template, vec![], measure);
        }
        let mut sum = 0;
        for m in f.unit.months().filter(|m| *m <= now_month) {
            match before.cell_in(fam, template, vec![], Unit::Month(m), measure) {
                Cell::Count(n) => sum += n,
                _ => return Cell::Hidden,
            }
        }
        Cell::Count(sum)
    };
    let total = |fam: F, template: usize, measure: usize| {
        let now = f.cell(fam, template, vec![], measure);
        let then = then(fam, template, measure);
        let change = match (&now, &then) {
            (Cell::Count(a), Cell::Count(b)) => Cell::Change(a - b),
            _ => Cell::Hidden,
        };
        vec![now, then, change]
    };
    let mut rows = vec![("report-new-leads-short", total(F::Leads, leads::TOTAL, 0))];
    let names = [
        "report-households-moved",
        "report-adults-moved",
        "report-children-moved",
        "report-persons-moved",
    ];
    let published = if running { 1 } else { measures(f).len() };
    for (m, key) in measures(f).iter().zip(names).take(published) {
        rows.push((key, total(F::Moved, moved::TOTAL, *m)));
    }
    rows.push((
        "report-contacts-short",
        total(F::Contacts, contacts::TOTAL, 0),
    ));
    let year_before = spec.period.year_before();
    let (this, that) = if running {
        let month = spec.t(&format!("month-{}", now_month + 1));
        (
            crate::i18n::t_args(
                spec.lang,
                "report-until-day",
                &[
                    ("period", spec.period.short(spec.lang).into()),
                    ("day", spec.today.to_string().into()),
                ],
            ),
            crate::i18n::t_args(
                spec.lang,
                "report-until-month",
                &[
                    ("period", year_before.short(spec.lang).into()),
                    ("month", month.into()),
                ],
            ),
        )
    } else {
        (spec.period.short(spec.lang), year_before.short(spec.lang))
    };
    Table {
        id: "headline",
        title: crate::i18n::t_args(
            spec.lang,
            "report-headline",
            &[("before", year_before.short(spec.lang).into())],
        ),
        columns: vec![spec.t("report-figure"), this, that, spec.t("report-change")],
        rows: rows
            .into_iter()
            .map(|(key, cells)| {
                std::iter::once(Cell::Text(spec.t(key)))
                    .chain(cells)
                    .collect()
            })
            .collect(),
        chart: None,
        total: false,
    }
}

/// The year's targets of the rows shown and the region's, each beside the year's figure as
/// published (hidden where it is hidden) and the share of the target reached. The year's
/// figure whatever the period: a target is for a year.
fn targets(spec: &Spec, f: &Figures) -> Table {
    let mut areas: Vec<(Option<u32>, String)> = spec
        .rows()
        .into_iter()
        .filter(|(code, _)| *code != Some(figures::municipality_code(None)))
        .collect();
    if spec.per_municipality() && !matches!(spec.view, View::Own(_)) {
        areas.push((None, spec.t("report-region")));
    }
    let figure = |code: Option<u32>, m: Measure| match m {
        Measure::Leads => {
            let (t, v) = muni(code, leads::TOTAL, leads::BY_MUNICIPALITY);
            f.cell_in(F::Leads, t, v, Unit::Year, 0)
        }
        Measure::Persons | Measure::Households => {
            let (t, v) = muni(code, moved::TOTAL, moved::BY_MUNICIPALITY);
            let measure = if m == Measure::Persons {
                moved::PERSONS
            } else {
                moved::HOUSEHOLDS
            };
            f.cell_in(F::Moved, t, v, Unit::Year, measure)
        }
    };
    let mut rows = Vec::new();
    for (code, label) in areas {
        for m in Measure::ALL {
            let Some(target) = spec.targets.get(code.map(i64::from), m) else {
                continue;
            };
            let now = figure(code, m);
            let share = match now {
                Cell::Count(n) => Cell::Share(Some(100.0 * n as f64 / target as f64)),
                _ => Cell::Hidden,
            };
            rows.push(vec![
                Cell::Text(label.clone()),
                Cell::Text(spec.t(m.key())),
                now,
                Cell::Count(target),
                share,
            ]);
        }
    }
    let year = spec.period.from.year();
    // A year gone by has its outcome; the running one (or one to come) so far.
    let (title, figure) = if year < spec.today.year() {
        ("report-targets-closed", "report-outcome-of")
    } else {
        ("report-targets", "report-so-far")
    };
    let of_year = |key: &str| crate::i18n::t_args(spec.lang, key, &[("year", year.into())]);
    Table {
        id: "targets",
        title: of_year(title),
        columns: vec![
            spec.t("field-municipality"),
            spec.t("report-figure"),
            of_year(figure),
            spec.t("report-target"),
            spec.t("report-share-of-target"),
        ],
        rows,
        chart: Some(Chart::Progress),
        total: false,
    }
}

/// Households moved in per month of the year and of the year before, for the view's total:
/// the line chart of the region (or of a guide's municipality). Months still to come are
/// empty, not zero.
fn region_months(spec: &Spec, f: &Figures, before: &Figures) -> Table {
    let year = spec.period.from.year();
    let due = |y: i32, m: u8| {
        NaiveDate::from_ymd_opt(y, u32::from(m) + 1, 1).is_some_and(|first| first <= spec.today)
    };
    let rows = (0..12u8)
        .map(|m| {
            let at = |fig: &Figures, y: i32| {
                if due(y, m) {
                    fig.cell_in(
                        F::Moved,
                        moved::TOTAL,
                        vec![],
                        Unit::Month(m),
                        moved::HOUSEHOLDS,
                    )
                } else {
                    Cell::Empty
                }
            };
            vec![
                Cell::Text(spec.t(&format!("month-{}", m + 1))),
                at(f, year),
                at(before, year - 1),
            ]
        })
        .collect();
    let whose = match spec.view {
        View::Own(m) => spec.names.get(&m).cloned().unwrap_or_default(),
        _ => spec.t("report-region"),
    };
    Table {
        id: "region_months",
        title: crate::i18n::t_args(
            spec.lang,
            "report-region-months",
            &[("whose", whose.into())],
        ),
        columns: vec![
            spec.t("report-month"),
            year.to_string(),
            (year - 1).to_string(),
        ],
        rows,
        chart: Some(Chart::Lines),
        total: false,
    }
}

/// A table of rows per municipality (or the region's one), each a list of figures, with a
/// total row.
fn per_municipality(
    spec: &Spec,
    (id, title): (&'static str, String),
    columns: Vec<String>,
    cells: impl Fn(Option<u32>) -> Vec<Cell>,
    chart: Option<Chart>,
) -> Table {
    let mut rows: Vec<Vec<Cell>> = spec
        .rows()
        .into_iter()
        .map(|(code, label)| {
            let mut row = vec![Cell::Text(label)];
            row.extend(cells(code));
            row
        })
        .collect();
    let total = spec.per_municipality();
    if total {
        let mut row = vec![Cell::Text(spec.t("report-total"))];
        row.extend(cells(None));
        rows.push(row);
    }
    Table {
        id,
        title,
        columns,
        rows,
        chart,
        total,
    }
}

/// A municipality row's values, or the total's (`None`).
fn muni(code: Option<u32>, total: usize, by: usize) -> (usize, Vec<u32>) {
    match code {
        Some(c) => (by, vec![c]),
        None => (total, vec![]),
    }
}

fn new_leads(spec: &Spec, f: &Figures) -> Table {
    per_municipality(
        spec,
        ("new_leads", spec.t("report-new-leads")),
        vec![spec.t("field-municipality"), spec.t("report-count")],
        |code| {
            let (t, v) = muni(code, leads::TOTAL, leads::BY_MUNICIPALITY);
            vec![f.cell(F::Leads, t, v, 0)]
        },
        Some(Chart::Bars(1)),
    )
}

/// The columns of a moved-in table after its first: households, adults, children, persons
/// (households only for a month).
fn moved_cols(spec: &Spec, f: &Figures, first: String) -> Vec<String> {
    let names = [
        "report-households",
        "report-adults",
        "report-children",
        "report-persons",
    ];
    std::iter::once(first)
        .chain(names[..measures(f).len()].iter().map(|k| spec.t(k)))
        .collect()
}

const MEASURES: [usize; 4] = [
    moved::HOUSEHOLDS,
    moved::ADULTS,
    moved::CHILDREN,
    moved::PERSONS,
];

/// The measures of moving in a period publishes: a month only households (adults and
/// children per municipality and month would be small numbers nearly everywhere).
fn measures(f: &Figures) -> &'static [usize] {
    match f.unit {
        Unit::Month(_) => &MEASURES[..1],
        _ => &MEASURES,
    }
}

fn moved_in(spec: &Spec, f: &Figures) -> Table {
    per_municipality(
        spec,
        ("moved_in", spec.t("report-moved-in")),
        moved_cols(spec, f, spec.t("field-municipality")),
        |code| {
            let (t, v) = muni(code, moved::TOTAL, moved::BY_MUNICIPALITY);
            measures(f)
                .iter()
                .map(|m| f.cell(F::Moved, t, v.clone(), *m))
                .collect()
        },
        Some(Chart::Bars(measures(f).len())),
    )
}

/// A code's name in the reader's language.
fn source_name(spec: &Spec, code: u32) -> String {
    Source::ALL
        .get(code as usize)
        .map(|s| spec.t(&s.key()))
        .unwrap_or_default()
}

fn moved_in_source(spec: &Spec, f: &Figures) -> Table {
    let rows = f
        .values(F::Moved, moved::BY_SOURCE, moved::SOURCE)
        .into_iter()
        .map(|s| {
            let mut r = vec![Cell::Text(source_name(spec, s))];
            r.extend(
                measures(f)
                    .iter()
                    .map(|m| f.cell(F::Moved, moved::BY_SOURCE, vec![s], *m)),
            );
            r
        })
        .collect();
    Table {
        id: "moved_in_source",
        title: spec.t("report-moved-in-source"),
        columns: moved_cols(spec, f, spec.t("field-source")),
        rows,
        chart: Some(Chart::Bars(measures(f).len())),
        total: false,
    }
}

/// Households moved in, a row per municipality and a column per month of the period (and
/// the period's total when it has more than one month).
fn moved_in_month(spec: &Spec, f: &Figures) -> Table {
    let months: Vec<u8> = f.unit.months().collect();
    let year = spec.period.from.year();
    let mut columns = vec![spec.t("field-municipality")];
    columns.extend(months.iter().map(|m| format!("{year}-{:02}", m + 1)));
    let whole = months.len() > 1;
    if whole {
        columns.push(spec.t("report-total"));
    }
    per_municipality(
        spec,
        ("moved_in_month", spec.t("report-moved-in-month")),
        columns,
        |code| {
            let (t, v) = muni(code, moved::TOTAL, moved::BY_MUNICIPALITY);
            let mut cells: Vec<Cell> = months
                .iter()
                .map(|m| f.cell_in(F::Moved, t, v.clone(), Unit::Month(*m), moved::HOUSEHOLDS))
                .collect();
            if whole {
                cells.push(f.cell(F::Moved, t, v, moved::HOUSEHOLDS));
            }
            cells
        },
        whole.then_some(Chart::Heat(months.len())),
    )
}

/// The median of days to move of the households in a row; shown only beside a shown count
/// of at least `2 × threshold − 1` households, so that it is never one household's figure.
fn median_days(spec: &Spec, f: &Figures) -> Table {
    let least = (2 * spec.threshold - 1).max(1);
    per_municipality(
        spec,
        ("median_days", spec.t("report-median-days")),
        vec![
            spec.t("field-municipality"),
            spec.t("report-households"),
            spec.t("report-median"),
        ],
        |code| {
            let (t, v) = muni(code, moved::TOTAL, moved::BY_MUNICIPALITY);
            let households = f.cell(F::Moved, t, v, moved::HOUSEHOLDS);
            let median = match households {
                Cell::Count(n) if n >= least => Cell::Days(median(f, code)),
                Cell::Count(0) => Cell::Days(None),
                _ => Cell::Hidden,
            };
            vec![households, median]
        },
        None,
    )
}

fn median(f: &Figures, code: Option<u32>) -> Option<f64> {
    let mut days: Vec<i64> = std::iter::once(&f.main)
        .chain(f.plus.as_ref())
        .flat_map(|p| {
            p.year
                .moved
                .records
                .iter()
                .zip(&p.year.days)
                .filter(|(r, _)| f.unit.contains(r.month))
                .filter(|(r, _)| code.is_none_or(|c| r.attrs[moved::MUNICIPALITY] == c))
                .map(|(_, d)| *d)
        })
        .collect();
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    let n = days.len();
    Some(if n % 2 == 1 {
        days[n / 2] as f64
    } else {
        (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0
    })
}

/// A table of one category and a count, rows by label.
fn counted(
    spec: &Spec,
    f: &Figures,
    (id, title, heading): (&'static str, &str, &str),
    (template, dim): (usize, usize),
    label: impl Fn(u32) -> String,
) -> Table {
    let mut rows: Vec<(String, Cell)> = f
        .values(F::Leads, template, dim)
        .into_iter()
        .map(|v| (label(v), f.cell(F::Leads, template, vec![v], 0)))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Table {
        id,
        title: spec.t(title),
        columns: vec![spec.t(heading), spec.t("report-count")],
        rows: rows
            .into_iter()
            .map(|(l, c)| vec![Cell::Text(l), c])
            .collect(),
        chart: Some(Chart::Bars(1)),
        total: false,
    }
}

fn sources(spec: &Spec, f: &Figures) -> Table {
    counted(
        spec,
        f,
        ("sources", "report-sources", "field-source"),
        (leads::BY_SOURCE, leads::SOURCE),
        |s| source_name(spec, s),
    )
}

fn campaigns(spec: &Spec, f: &Figures) -> Table {
    let names = |c: u32| {
        std::iter::once(&f.main)
            .chain(f.plus.as_ref())
            .find_map(|p| p.year.campaigns.get(&c).cloned())
            .unwrap_or_default()
    };
    counted(
        spec,
        f,
        ("campaigns", "report-campaigns", "field-campaign"),
        (leads::BY_CAMPAIGN, leads::CAMPAIGN),
        names,
    )
}

fn funnel(spec: &Spec, f: &Figures) -> Table {
    let rows = figures::PIPELINE
        .iter()
        .enumerate()
        .map(|(i, st)| {
            vec![
                Cell::Text(spec.t(&st.key())),
                f.cell(F::Leads, leads::FUNNEL, vec![i as u32], 0),
            ]
        })
        .collect();
    Table {
        id: "funnel",
        title: spec.t("report-funnel"),
        columns: vec![spec.t("field-status"), spec.t("report-reached")],
        rows,
        chart: Some(Chart::Bars(1)),
        total: false,
    }
}

fn outcome_table(spec: &Spec, f: &Figures) -> Table {
    let rows = f
        .values(F::Outcomes, outcomes::BY_OUTCOME, outcomes::OUTCOME)
        .into_iter()
        .map(|code| {
            let (status, reason) = figures::outcome_of(code);
            vec![
                Cell::Text(status.map(|s| spec.t(&s.key())).unwrap_or_default()),
                Cell::Text(reason.map(|r| spec.t(&r.key())).unwrap_or_default()),
                f.cell(F::Outcomes, outcomes::BY_OUTCOME, vec![code], 0),
            ]
        })
        .collect();
    Table {
        id: "outcomes",
        title: spec.t("report-outcomes"),
        columns: vec![
            spec.t("report-outcome"),
            spec.t("field-reason"),
            spec.t("report-count"),
        ],
        rows,
        chart: None,
        total: false,
    }
}

fn countries(spec: &Spec, f: &Figures) -> Table {
    let name = |code: u32| {
        let c = figures::short_text(code);
        if c.is_empty() {
            spec.t("report-unknown")
        } else if crate::domain::COUNTRIES.contains(&c.as_str()) {
            spec.t(&format!("country-{c}"))
        } else {
            c
        }
    };
    counted(
        spec,
        f,
        ("countries", "report-countries", "field-country"),
        (leads::BY_COUNTRY, leads::COUNTRY),
        name,
    )
}

fn counties(spec: &Spec, f: &Figures) -> Table {
    counted(
        spec,
        f,
        ("se_regions", "report-se-regions", "report-se-region"),
        (leads::BY_COUNTY, leads::COUNTY),
        |code| {
            let c = figures::short_text(code);
            crate::domain::se_region_name(&c).unwrap_or(&c).to_string()
        },
    )
}

fn contacts_table(spec: &Spec, f: &Figures) -> Table {
    per_municipality(
        spec,
        ("contacts", spec.t("report-contacts")),
        vec![spec.t("field-municipality"), spec.t("report-count")],
        |code| {
            let (t, v) = muni(code, contacts::TOTAL, contacts::BY_MUNICIPALITY);
            vec![f.cell(F::Contacts, t, v, 0)]
        },
        None,
    )
}

fn contacts_guide(spec: &Spec, f: &Figures) -> Table {
    let mut rows: Vec<Vec<Cell>> = f
        .values(F::Contacts, contacts::BY_GUIDE, contacts::GUIDE)
        .into_iter()
        .map(|g| {
            vec![
                Cell::Text(f.main.year.guides.get(&g).cloned().unwrap_or_default()),
                f.cell(F::Contacts, contacts::BY_GUIDE, vec![g], 0),
            ]
        })
        .collect();
    rows.sort_by(|a, b| format!("{:?}", a[0]).cmp(&format!("{:?}", b[0])));
    Table {
        id: "contacts_guide",
        title: spec.t("report-contacts-guide"),
        columns: vec![spec.t("report-guide"), spec.t("report-count")],
        rows,
        chart: None,
        total: false,
    }
}

/// A stay check (0: after 6 months, 1: after 12) per municipality: stayed, moved away, due
/// and unanswered, not yet due, and the share still living here of those answered.
fn stay(spec: &Spec, f: &Figures, check: u32) -> Table {
    let (id, title, by, total) = if check == 0 {
        (
            "stay_6",
            "report-stay-6",
            moved::STAY_6_BY_MUNICIPALITY,
            moved::STAY_6_TOTAL,
        )
    } else {
        (
            "stay_12",
            "report-stay-12",
            moved::STAY_12_BY_MUNICIPALITY,
            moved::STAY_12_TOTAL,
        )
    };
    per_municipality(
        spec,
        (id, spec.t(title)),
        vec![
            spec.t("field-municipality"),
            spec.t("report-stayed"),
            spec.t("report-moved-away"),
            spec.t("report-unanswered"),
            spec.t("report-not-due"),
            spec.t("report-share-stayed"),
        ],
        |code| {
            let cell = |state: u32| match code {
                Some(c) => f.cell(F::Moved, by, vec![c, state], moved::HOUSEHOLDS),
                None => f.cell(F::Moved, total, vec![state], moved::HOUSEHOLDS),
            };
            let mut cells: Vec<Cell> = moved::STATES.iter().map(|s| cell(*s)).collect();
            let share = match (&cells[0], &cells[1]) {
                (Cell::Count(s), Cell::Count(m)) if s + m > 0 => {
                    Cell::Share(Some(100.0 * *s as f64 / (s + m) as f64))
                }
                (Cell::Count(_), Cell::Count(_)) => Cell::Share(None),
                _ => Cell::Hidden,
            };
            cells.push(share);
            cells
        },
        None,
    )
}

fn follow_ups(spec: &Spec, f: &Figures) -> Table {
    per_municipality(
        spec,
        ("follow_ups", spec.t("report-follow-ups")),
        vec![
            spec.t("field-municipality"),
            spec.t("report-open"),
            spec.t("report-overdue"),
        ],
        |code| match code {
            Some(c) => vec![
                f.cell_in(F::Open, open::BY_MUNICIPALITY, vec![c], Unit::Year, 0),
                f.cell_in(
                    F::Open,
                    open::OVERDUE_BY_MUNICIPALITY,
                    vec![c, 1],
                    Unit::Year,
                    0,
                ),
            ],
            None => vec![
                f.cell_in(F::Open, open::TOTAL, vec![], Unit::Year, 0),
                f.cell_in(F::Open, open::OVERDUE_TOTAL, vec![1], Unit::Year, 0),
            ],
        },
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(year: i32, version: crate::reports::kept::Version) -> CacheKey {
        CacheKey {
            sel: (vec![1, 2], true),
            year,
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            part: Part::All,
            how: (false, 3, true, false),
            version,
        }
    }

    /// A published year is kept once per report: a newer version replaces it, an older one
    /// (a slow request's) never replaces a newer, and other reports keep theirs.
    #[tokio::test]
    async fn the_cache_keeps_the_newest_of_each_report() {
        use crate::reports::kept::Version;
        let cache = ReportCache::default();
        let published = || async {
            let control = Control {
                threshold: 3,
                complementary: true,
            };
            Arc::new(Pub::new(Year::default(), control).await.unwrap())
        };
        let len = |c: &ReportCache| c.0.lock().unwrap().len();
        cache.put(key(2026, Version::at(0, 5, 1)), published().await);
        cache.put(key(2025, Version::at(0, 5, 1)), published().await);
        cache.put(key(2026, Version::at(0, 6, 1)), published().await);
        assert_eq!(len(&cache), 2);
        assert!(cache.get(&key(2026, Version::at(0, 5, 1))).is_none());
        assert!(cache.get(&key(2026, Version::at(0, 6, 1))).is_some());
        // A slow request that read version 5 stores nothing over 6.
        cache.put(key(2026, Version::at(0, 5, 1)), published().await);
        assert!(cache.get(&key(2026, Version::at(0, 6, 1))).is_some());
        assert!(cache.get(&key(2026, Version::at(0, 5, 1))).is_none());
        // A fold (a generation more) is newer whatever the changes; new names replace.
        cache.put(key(2026, Version::at(1, 0, 1)), published().await);
        assert!(cache.get(&key(2026, Version::at(1, 0, 1))).is_some());
        cache.put(key(2026, Version::at(1, 0, 2)), published().await);
        assert!(cache.get(&key(2026, Version::at(1, 0, 2))).is_some());
        assert!(cache.get(&key(2026, Version::at(1, 0, 1))).is_none());
        assert!(cache.get(&key(2025, Version::at(0, 5, 1))).is_some());
        assert_eq!(len(&cache), 2);
    }
}
