//! Disclosure control: which report figures are shown and which are hidden, decided once for
//! every table, chart and export.
//!
//! **The choice: fixed groups, not perturbation.** A report is a calendar year, quarter or
//! month, and its figures are always counted over the whole region and its fixed groups
//! (each municipality, the pool, each source, campaign, country …). A coordinator's choice
//! of municipalities only chooses which rows are shown: totals stay the region's. Free
//! selections and free date ranges would need consistent perturbation (the cell-key method of
//! statistical offices' table builders), which changes every figure by a little, so that a
//! municipality's figures no longer add up to the region's, and an EU report would then
//! differ from the guides' own counts. A project leader reports exact figures to a funder,
//! for fixed periods; so the groups are fixed and the figures exact.
//!
//! **The rule.** Counts from 1 to `threshold − 1` are hidden (primary suppression; a 0 is
//! shown unless it is needed as a complement). Then every hidden figure is protected
//! (complementary suppression): for each, there must be another table of data — moving one
//! mover, contact or answer from one group or month to another — that gives exactly the same
//! visible figures everywhere (every table of the year, its months, quarters and the year
//! itself, every total, every measure) but a different value in this one. The cells that
//! such a move changes are hidden too. So no hidden figure can be worked out from the
//! others, not from a row or column total, not from the same figure in another table, not
//! from the year minus its other quarters: whoever solves the equations finds at least two
//! possible values. Moves are chosen to hide as little as possible (month figures before
//! quarter and year figures, breakdowns before totals), so the year's tables stay readable.
//! What a reader knows besides is respected: a move never makes what cannot be (`allowed`,
//! `months`), and what a guide knows exactly (its own municipality, the pool) is added to
//! the others' figures after they are protected on their own (`reports::table`).
//!
//! The engine knows nothing of leads: a `Family` is a set of records (a mover, a household,
//! a contact …, or a group of identical ones), each with attributes (municipality, source
//! …), a month and measures (households, adults, children); a `Template` is a published
//! breakdown (by municipality; by municipality and answer …). `tests/app/disclosure.rs`
//! runs random data through every report table and gives an independent solver every
//! published figure of a year; it must find two values for each hidden one.

use std::collections::{HashMap, HashSet};

// Figures are hashed millions of times in a report: a fast hash, not a keyed one (the keys
// are our own numbers, nothing an outsider chooses).
use rustc_hash::{FxHashMap, FxHashSet};

/// An attribute value that is not published (no campaign, no county).
pub const NONE: u32 = u32::MAX;

/// A report period within the calendar year the families are built for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// 0–11.
    Month(u8),
    /// 0–3.
    Quarter(u8),
    Year,
}

impl Unit {
    pub fn contains(self, month: u8) -> bool {
        match self {
            Unit::Month(m) => m == month,
            Unit::Quarter(q) => month / 3 == q,
            Unit::Year => true,
        }
    }

    /// The units a month's figure is counted in.
    pub fn chain(month: u8) -> [Unit; 3] {
        [Unit::Month(month), Unit::Quarter(month / 3), Unit::Year]
    }

    pub fn months(self) -> std::ops::Range<u8> {
        match self {
            Unit::Month(m) => m..m + 1,
            Unit::Quarter(q) => q * 3..q * 3 + 3,
            Unit::Year => 0..12,
        }
    }

    /// What hiding a figure of this unit costs: a year's figure is read far more.
    fn weight(self) -> u32 {
        match self {
            Unit::Month(_) => 1,
            Unit::Quarter(_) => 4,
            Unit::Year => 16,
        }
    }
}

/// A published breakdown: the attributes its figures are counted by (none: the total).
#[derive(Clone, Debug, Default)]
pub struct Template {
    pub dims: Vec<usize>,
    /// The single dimension counts "reached at least this step" (the funnel).
    pub cumulative: bool,
    /// Only the first measure (a count) is published by this breakdown.
    pub count_only: bool,
    /// Not published in this report (a guide's view of the region names no municipality):
    /// nothing to protect, and records may move freely in it.
    pub off: bool,
}

/// Records that are alike in everything published: `weight` of them, each with `unit`
/// measures (`[1]` for a plain count; households, adults, children, persons for a move).
#[derive(Clone, Debug)]
pub struct Record {
    pub attrs: Vec<u32>,
    pub month: u8,
    pub weight: i64,
    pub unit: Vec<i64>,
}

/// The values of a figure's dimensions: at most two, kept inline (a report clones and
/// hashes figures millions of times).
pub type Values = smallvec::SmallVec<[u32; 2]>;

/// One published figure.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub template: usize,
    pub values: Values,
    pub unit: Unit,
    pub measure: usize,
}

/// The figures each record counts in (by the record's index), as far as they were needed.
type Memo = FxHashMap<usize, Vec<(Key, i64)>>;

/// Whether a record may change from these attributes to those.
pub type Allowed = fn(&[u32], &[u32]) -> bool;

#[derive(Clone, Debug, Default)]
pub struct Family {
    pub templates: Vec<Template>,
    pub measures: usize,
    /// Two measures a record may trade a unit between without changing the others (adults
    /// and children: persons and households stay the same).
    pub trade: Option<(usize, usize)>,
    pub records: Vec<Record>,
    /// Values a dimension may take besides those in the records (every municipality), so
    /// that a record may be moved to a group that has none in that month.
    pub domain: Vec<Vec<u32>>,
    /// Whether a record may take these attributes instead of those: what a reader knows
    /// cannot be (a county outside Sweden, an answer to a check not yet due) is never used
    /// to protect a figure.
    pub allowed: Option<Allowed>,
    /// How many measures are published for a month (the rest only for quarters and years:
    /// a month's adults and children per municipality would be small numbers everywhere).
    pub month_measures: usize,
    /// The months a record may be in given its attributes, where what it is depends on its
    /// month (an answer to a stay check needs the check to be due); checked for what a move
    /// makes of a record, its new attributes in its new month. `None`: any month.
    pub months: Option<Plausible>,
}

/// The months (one bit each) a record with these values of `dims` could be in, as a reader
/// knows; values not listed: any month.
#[derive(Clone, Debug, Default)]
pub struct Plausible {
    pub dims: Vec<usize>,
    pub masks: HashMap<Vec<u32>, u16>,
}

impl Plausible {
    fn allows(&self, attrs: &[u32], month: u8) -> bool {
        let key: Vec<u32> = self.dims.iter().map(|d| attrs[*d]).collect();
        self.masks
            .get(&key)
            .is_none_or(|mask| mask & (1 << month) != 0)
    }
}

/// The figures of a family for a year, with the hidden ones marked.
#[derive(Debug, Default)]
pub struct Published {
    values: FxHashMap<Key, i64>,
    hidden: FxHashSet<Key>,
    /// Everything hidden, zeros too (a family too small to protect any other way).
    all_hidden: bool,
}

/// What a table shows for a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Count(i64),
    Hidden,
}

impl Published {
    pub fn get(&self, key: &Key) -> Shown {
        if self.all_hidden || self.hidden.contains(key) {
            Shown::Hidden
        } else {
            Shown::Count(self.values.get(key).copied().unwrap_or(0))
        }
    }

    /// The true value, for the guide's own municipality and for tests.
    pub fn value(&self, key: &Key) -> i64 {
        self.values.get(key).copied().unwrap_or(0)
    }

    pub fn hidden(&self) -> impl Iterator<Item = &Key> {
        self.hidden.iter()
    }

    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.values.keys()
    }
}

/// Every key a record with these attributes and month is counted in, with its measure's
/// contribution per unit.
fn keys_of<'a>(
    family: &'a Family,
    attrs: &'a [u32],
    month: u8,
    unit: &'a [i64],
) -> impl Iterator<Item = (Key, i64)> + 'a {
    family
        .templates
        .iter()
        .enumerate()
        .flat_map(move |(t, tpl)| {
            let values: Vec<Values> = if tpl.off || tpl.dims.iter().any(|d| attrs[*d] == NONE) {
                vec![]
            } else if tpl.cumulative {
                (0..=attrs[tpl.dims[0]])
                    .map(|v| smallvec::smallvec![v])
                    .collect()
            } else {
                vec![tpl.dims.iter().map(|d| attrs[*d]).collect()]
            };
            values.into_iter().flat_map(move |values| {
                let measures = if tpl.count_only { 1 } else { family.measures };
                Unit::chain(month).into_iter().flat_map(move |u| {
                    let values = values.clone();
                    let measures = match u {
                        Unit::Month(_) => measures.min(family.month_measures.max(1)),
                        _ => measures,
                    };
                    (0..measures).filter(|m| unit[*m] != 0).map(move |measure| {
                        (
                            Key {
                                template: t,
                                values: values.clone(),
                                unit: u,
                                measure,
                            },
                            unit[measure],
                        )
                    })
                })
            })
        })
}

/// One record (one unit of it) given other attributes, another month or other measures.
#[derive(Clone, Debug)]
struct Edit {
    record: usize,
    attrs: Vec<u32>,
    month: u8,
    unit: Vec<i64>,
}

/// How many records each way of protecting a figure looks at.
const LOOK: usize = 12;
/// How many records a trade between measures looks at, each way.
const TRADES: usize = 6;

#[derive(Clone, Copy, Debug)]
pub struct Control {
    pub threshold: i64,
    /// Off only to show that the primary suppression alone can be worked back (tests).
    pub complementary: bool,
}

impl Family {
    /// The family without these breakdowns.
    pub fn without(mut self, templates: &[usize]) -> Self {
        for t in templates {
            if let Some(tpl) = self.templates.get_mut(*t) {
                tpl.off = true;
            }
        }
        self
    }

    fn by_month(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); 12];
        for (i, r) in self.records.iter().enumerate() {
            out[r.month as usize].push(i);
        }
        out
    }

    /// Counts every figure, hides the small ones and protects each hidden one.
    pub fn publish(&self, control: &Control) -> Published {
        let mut values: FxHashMap<Key, i64> = FxHashMap::default();
        for r in &self.records {
            for (k, v) in keys_of(self, &r.attrs, r.month, &r.unit) {
                *values.entry(k).or_default() += v * r.weight;
            }
        }
        // The figures of the records that moves are tried on, counted once each: only
        // those (every record's would take hundreds of megabytes at a million leads).
        let mut cached: Memo = FxHashMap::default();
        let mut primary: Vec<Key> = values
            .iter()
            .filter(|(_, v)| **v >= 1 && **v < control.threshold)
            .map(|(k, _)| k.clone())
            .collect();
        // Months first (a year's figure is then often already covered), in a fixed order.
        primary.sort_by(|a, b| {
            (a.unit.weight(), a.template, &a.values, a.measure, a.unit).cmp(&(
                b.unit.weight(),
                b.template,
                &b.values,
                b.measure,
                b.unit,
            ))
        });
        let mut out = Published {
            values,
            hidden: primary.iter().cloned().collect(),
            all_hidden: false,
        };
        if !control.complementary {
            return out;
        }
        let by_month = self.by_month();
        let mut protected: FxHashSet<Key> = FxHashSet::default();
        for key in &primary {
            if protected.contains(key) {
                continue;
            }
            match self.best_move(&out, &mut cached, key, &by_month) {
                Some(changed) => {
                    for k in changed {
                        out.hidden.insert(k.clone());
                        protected.insert(k);
                    }
                }
                None => {
                    // No move keeps every visible figure: hide the whole family's year.
                    out.hidden
                        .extend(out.values.keys().filter(|k| out.values[k] > 0).cloned());
                    return out;
                }
            }
        }
        out
    }

    /// The figures a move changes, if the target is among them.
    fn changes(
        &self,
        p: &Published,
        cached: &mut Memo,
        edits: &[Edit],
        target: &Key,
    ) -> Option<Vec<Key>> {
        let mut delta: FxHashMap<Key, i64> = FxHashMap::default();
        for e in edits {
            let r = &self.records[e.record];
            let allowed = self.allowed.is_none_or(|ok| ok(&r.attrs, &e.attrs));
            let month_ok = self
                .months
                .as_ref()
                .is_none_or(|p| p.allows(&e.attrs, e.month));
            if !allowed || !month_ok {
                return None;
            }
            let before = cached
                .entry(e.record)
                .or_insert_with(|| keys_of(self, &r.attrs, r.month, &r.unit).collect());
            for (k, v) in before.iter() {
                *delta.entry(k.clone()).or_default() -= v;
            }
            for (k, v) in keys_of(self, &e.attrs, e.month, &e.unit) {
                *delta.entry(k).or_default() += v;
            }
        }
        let mut changed = Vec::new();
        for (k, d) in delta {
            if d == 0 {
                continue;
            }
            // Records are moved, never made up: no count can fall below 0.
            if p.value(&k) + d < 0 {
                return None;
            }
            changed.push(k);
        }
        changed.contains(target).then_some(changed)
    }

    fn cost(&self, p: &Published, changed: &[Key]) -> u32 {
        changed
            .iter()
            .filter(|k| !p.hidden.contains(*k))
            .map(|k| {
                // The fewer dimensions a breakdown has, the more it is read (the region's
                // total most): hiding its figures costs more, 40 times a level.
                let deepest = self
                    .templates
                    .iter()
                    .map(|t| t.dims.len())
                    .max()
                    .unwrap_or(0);
                let depth = deepest - self.templates[k.template].dims.len();
                k.unit.weight() * 40u32.pow(depth as u32)
            })
            .sum()
    }

    fn best_move(
        &self,
        p: &Published,
        cached: &mut Memo,
        key: &Key,
        by_month: &[Vec<usize>],
    ) -> Option<Vec<Key>> {
        let mut best: Option<(u32, Vec<Key>)> = None;
        for edits in self.candidates(key, by_month) {
            if let Some(changed) = self.changes(p, cached, &edits, key) {
                let cost = self.cost(p, &changed);
                if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                    let done = cost == 0;
                    best = Some((cost, changed));
                    if done {
                        break;
                    }
                }
            }
        }
        best.map(|(_, changed)| changed)
    }

    /// Ways of changing the target figure by one record: a record given the target's value
    /// in one of its dimensions (or taken out of it), alone or with a record of a sibling
    /// month given the old value (so that the quarter and year stay the same); a unit traded
    /// between two measures, alone or against another group; a record moved to another month.
    fn candidates(&self, key: &Key, by_month: &[Vec<usize>]) -> Vec<Vec<Edit>> {
        let tpl = &self.templates[key.template];
        let mut out: Vec<Vec<Edit>> = Vec::new();
        let edit = |i: usize, attrs: Vec<u32>, month: u8, unit: Vec<i64>| Edit {
            record: i,
            attrs,
            month,
            unit,
        };
        let siblings = |m: u8| -> Vec<u8> {
            match key.unit {
                Unit::Month(_) => (m / 3 * 3..m / 3 * 3 + 3).filter(|x| *x != m).collect(),
                Unit::Quarter(q) => (0..12).filter(|x| x / 3 != q).collect(),
                Unit::Year => vec![],
            }
        };
        // Whether a record has the target's values in every dimension but `skip`.
        let matches_except = |r: &Record, skip: usize| {
            tpl.dims
                .iter()
                .zip(&key.values)
                .enumerate()
                .all(|(j, (d, v))| {
                    j == skip
                        || if tpl.cumulative {
                            r.attrs[*d] != NONE && r.attrs[*d] >= *v
                        } else {
                            r.attrs[*d] == *v
                        }
                })
        };
        let inside = |r: &Record| matches_except(r, usize::MAX);
        for (j, &d) in tpl.dims.iter().enumerate() {
            let target = key.values[j];
            // The value a record has just outside the cell, and the value it takes in it.
            let outside = |r: &Record| {
                if tpl.cumulative {
                    r.attrs[d] < target
                } else {
                    r.attrs[d] != target
                }
            };
            for m in key.unit.months() {
                let ins: Vec<usize> = by_month[m as usize]
                    .iter()
                    .copied()
                    .filter(|i| {
                        let r = &self.records[*i];
                        r.unit[key.measure] > 0 && matches_except(r, j) && outside(r)
                    })
                    .take(LOOK)
                    .collect();
                for &i in &ins {
                    let r = &self.records[i];
                    let mut attrs = r.attrs.clone();
                    attrs[d] = target;
                    let into = edit(i, attrs, r.month, r.unit.clone());
                    out.push(vec![into.clone()]);
                    // Compensated in a sibling month: a record of the cell there leaves it.
                    for m2 in siblings(m) {
                        for &x in by_month[m2 as usize]
                            .iter()
                            .filter(|x| {
                                let rx = &self.records[**x];
                                inside(rx) && rx.attrs[d] == target
                            })
                            .take(2)
                        {
                            let rx = &self.records[x];
                            let mut attrs = rx.attrs.clone();
                            attrs[d] = r.attrs[d];
                            out.push(vec![
                                into.clone(),
                                edit(x, attrs, rx.month, rx.unit.clone()),
                            ]);
                        }
                    }
                }
                // A record of the cell leaves it for the value of another in the same month.
                let mut others: Vec<u32> = by_month[m as usize]
                    .iter()
                    .map(|i| self.records[*i].attrs[d])
                    .chain(self.domain.get(d).into_iter().flatten().copied())
                    .filter(|v| *v != target)
                    .collect::<HashSet<_>>()
                    .into_iter()
                    .collect();
                others.sort_unstable();
                others.truncate(LOOK);
                for &x in by_month[m as usize]
                    .iter()
                    .filter(|x| {
                        let rx = &self.records[**x];
                        inside(rx) && rx.unit[key.measure] > 0
                    })
                    .take(4)
                {
                    let rx = &self.records[x];
                    let values: Vec<u32> = if tpl.cumulative {
                        (target > 0).then(|| target - 1).into_iter().collect()
                    } else {
                        others.clone()
                    };
                    for w in values {
                        let mut attrs = rx.attrs.clone();
                        attrs[d] = w;
                        out.push(vec![edit(x, attrs, rx.month, rx.unit.clone())]);
                    }
                }
            }
        }
        // A unit traded between two measures (an adult counted as a child), alone or against
        // a record outside the cell in the same month (so the totals stay).
        if let Some((a, b)) = self.trade {
            if key.measure == a || key.measure == b {
                let other = if key.measure == a { b } else { a };
                for m in key.unit.months() {
                    let month = &by_month[m as usize];
                    for &i in month
                        .iter()
                        .filter(|i| {
                            let r = &self.records[**i];
                            r.weight == 1 && r.unit[other] > 0 && matches_except(r, usize::MAX)
                        })
                        .take(LOOK)
                    {
                        let r = &self.records[i];
                        let mut unit = r.unit.clone();
                        unit[key.measure] += 1;
                        unit[other] -= 1;
                        let up = edit(i, r.attrs.clone(), r.month, unit);
                        out.push(vec![up.clone()]);
                        for &z in month
                            .iter()
                            .filter(|z| {
                                let rz = &self.records[**z];
                                **z != i
                                    && rz.weight == 1
                                    && rz.unit[key.measure] > 0
                                    && !inside(rz)
                            })
                            .take(TRADES)
                        {
                            let rz = &self.records[z];
                            let mut unit = rz.unit.clone();
                            unit[key.measure] -= 1;
                            unit[other] += 1;
                            let down = edit(z, rz.attrs.clone(), rz.month, unit);
                            out.push(vec![up.clone(), down.clone()]);
                            // The same two trades the other way in a sibling month: the
                            // quarter and the year stay as they are.
                            for m2 in siblings(m) {
                                let alike = |x: usize, like: &Record, has: usize| {
                                    let rx = &self.records[x];
                                    rx.weight == 1 && rx.unit[has] > 0 && rx.attrs == like.attrs
                                };
                                let month2 = &by_month[m2 as usize];
                                let y2 = month2.iter().copied().find(|x| alike(*x, r, key.measure));
                                let z2 = month2.iter().copied().find(|x| alike(*x, rz, other));
                                if let (Some(y2), Some(z2)) = (y2, z2) {
                                    let (ry, rz2) = (&self.records[y2], &self.records[z2]);
                                    let mut uy = ry.unit.clone();
                                    uy[key.measure] -= 1;
                                    uy[other] += 1;
                                    let mut uz = rz2.unit.clone();
                                    uz[key.measure] += 1;
                                    uz[other] -= 1;
                                    out.push(vec![
                                        up.clone(),
                                        down.clone(),
                                        edit(y2, ry.attrs.clone(), ry.month, uy),
                                        edit(z2, rz2.attrs.clone(), rz2.month, uz),
                                    ]);
                                }
                            }
                        }
                    }
                }
            }
        }
        // For a breakdown by two dimensions (municipality and answer): a record of the cell's
        // group given the cell's value and one of another group the record's old value, in
        // this month and the other way in a sibling month. Only the four groups' months change.
        if tpl.dims.len() >= 2 && !tpl.cumulative {
            for m in key.unit.months() {
                let month = &by_month[m as usize];
                for (j, &d) in tpl.dims.iter().enumerate() {
                    let v = key.values[j];
                    let ys = month
                        .iter()
                        .copied()
                        .filter(|y| {
                            let r = &self.records[*y];
                            matches_except(r, j) && r.attrs[d] != v && r.attrs[d] != NONE
                        })
                        .take(4);
                    for y in ys {
                        let ry = &self.records[y];
                        let w = ry.attrs[d];
                        let other_group = |r: &Record| {
                            !tpl.dims
                                .iter()
                                .zip(&key.values)
                                .enumerate()
                                .all(|(jj, (dd, vv))| jj == j || r.attrs[*dd] == *vv)
                        };
                        for z in month
                            .iter()
                            .copied()
                            .filter(|z| {
                                let r = &self.records[*z];
                                r.attrs[d] == v && other_group(r)
                            })
                            .take(4)
                        {
                            let rz = &self.records[z];
                            let set = |r: &Record, to: u32| {
                                let mut a = r.attrs.clone();
                                a[d] = to;
                                a
                            };
                            // The two groups trade values: the totals stay.
                            out.push(vec![
                                edit(y, set(ry, v), m, ry.unit.clone()),
                                edit(z, set(rz, w), m, rz.unit.clone()),
                            ]);
                            if !matches!(key.unit, Unit::Month(_)) {
                                continue;
                            }
                            for m2 in siblings(m) {
                                let month2 = &by_month[m2 as usize];
                                // Only dimension `d` changes, so only breakdowns by it do.
                                let same_group = |r: &Record, like: &Record| {
                                    tpl.dims
                                        .iter()
                                        .enumerate()
                                        .all(|(jj, dd)| jj == j || r.attrs[*dd] == like.attrs[*dd])
                                };
                                let y2 = month2.iter().copied().find(|x| {
                                    let r = &self.records[*x];
                                    r.attrs[d] == v && same_group(r, ry)
                                });
                                let z2 = month2.iter().copied().find(|x| {
                                    let r = &self.records[*x];
                                    r.attrs[d] == w && same_group(r, rz)
                                });
                                if let (Some(y2), Some(z2)) = (y2, z2) {
                                    let (r2, s2) = (&self.records[y2], &self.records[z2]);
                                    out.push(vec![
                                        edit(y, set(ry, v), m, ry.unit.clone()),
                                        edit(z, set(rz, w), m, rz.unit.clone()),
                                        edit(y2, set(r2, w), m2, r2.unit.clone()),
                                        edit(z2, set(s2, v), m2, s2.unit.clone()),
                                    ]);
                                }
                            }
                        }
                    }
                }
            }
        }
        // A record of the cell's group moved here from a sibling month and one of another
        // group moved there: both months' totals, the quarter and the year stay the same.
        if !tpl.dims.is_empty() {
            for m in key.unit.months() {
                for m2 in siblings(m) {
                    let ys = by_month[m2 as usize]
                        .iter()
                        .copied()
                        .filter(|i| inside(&self.records[*i]))
                        .take(4);
                    for y in ys {
                        let ry = &self.records[y];
                        let zs = by_month[m as usize]
                            .iter()
                            .copied()
                            .filter(|z| !inside(&self.records[*z]))
                            .take(LOOK);
                        for z in zs {
                            let rz = &self.records[z];
                            out.push(vec![
                                edit(y, ry.attrs.clone(), m, ry.unit.clone()),
                                edit(z, rz.attrs.clone(), m2, rz.unit.clone()),
                            ]);
                        }
                    }
                }
            }
        }
        // A record of the cell moved to a sibling month, or one of a sibling month into it.
        for m in key.unit.months() {
            for m2 in siblings(m) {
                for &i in by_month[m2 as usize]
                    .iter()
                    .filter(|i| inside(&self.records[**i]))
                    .take(4)
                {
                    let r = &self.records[i];
                    out.push(vec![edit(i, r.attrs.clone(), m, r.unit.clone())]);
                }
                for &i in by_month[m as usize]
                    .iter()
                    .filter(|i| inside(&self.records[**i]))
                    .take(4)
                {
                    let r = &self.records[i];
                    out.push(vec![edit(i, r.attrs.clone(), m2, r.unit.clone())]);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A household of municipality 1 told its guide early that it has moved away again; no
    /// household of the year can have answered "stayed", as the check is not due for any.
    /// The one "moved away" is hidden, and its protection must not pretend it could have
    /// "stayed": a reader knows that cell is 0. It takes another municipality instead.
    #[test]
    fn protection_uses_only_what_could_be() {
        const STAYED: u32 = 0;
        const MOVED_AWAY: u32 = 1;
        const NOT_DUE: u32 = 3;
        let rec = |m: u32, state: u32| Record {
            attrs: vec![m, state],
            month: 5,
            weight: 1,
            unit: vec![1],
        };
        let mut records = vec![rec(1, MOVED_AWAY)];
        records.extend((0..5).map(|_| rec(1, NOT_DUE)));
        records.extend((0..6).map(|_| rec(2, NOT_DUE)));
        let template = |dims: &[usize]| Template {
            dims: dims.to_vec(),
            ..Template::default()
        };
        fn same_due(from: &[u32], to: &[u32]) -> bool {
            (from[1] == 3) == (to[1] == 3)
        }
        let family = Family {
            templates: vec![template(&[0, 1]), template(&[1]), template(&[0])],
            measures: 1,
            trade: None,
            records,
            domain: vec![vec![1, 2], vec![STAYED, MOVED_AWAY, NOT_DUE]],
            allowed: Some(same_due),
            month_measures: 1,
            months: Some(Plausible {
                dims: vec![1],
                masks: [(vec![STAYED], 0u16)].into_iter().collect(),
            }),
        };
        let published = family.publish(&Control {
            threshold: 3,
            complementary: true,
        });
        let hidden: Vec<&Key> = published.hidden().collect();
        assert!(
            hidden
                .iter()
                .any(|k| k.template == 0 && k.values[..] == [1, MOVED_AWAY]),
            "{hidden:?}"
        );
        assert!(
            !hidden.iter().any(|k| k.values.contains(&STAYED)),
            "a cell that can only be 0 protects nothing: {hidden:?}"
        );
        assert!(
            hidden
                .iter()
                .any(|k| k.template == 0 && k.values[..] == [2, MOVED_AWAY]),
            "the household could have been another municipality's: {hidden:?}"
        );
    }
}
