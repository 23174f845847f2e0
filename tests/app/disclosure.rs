//! Disclosure control, proven: random data through the engine, then the solver
//! (`solver.rs`) gets every published figure of the year and must find at least two values
//! for every hidden one. With the complementary step switched off it must pin some: the
//! test has teeth. The same for the report itself, on SQLite and PostgreSQL, further down.

use lotsbok::reports::disclosure::{
    Control, Family, Key, Published, Record, Shown, Template, Unit, NONE,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::solver::{pinned, Figure, Problem};

/// Every unit of a year: 12 months, 4 quarters, the year.
pub fn units() -> Vec<Unit> {
    (0..12)
        .map(Unit::Month)
        .chain((0..4).map(Unit::Quarter))
        .chain([Unit::Year])
        .collect()
}

/// The solver's view of a published family: an unknown per combination of attribute values
/// (from `domain`), month and measure; a figure per template cell, unit and measure.
fn problem(f: &Family, p: &Published, domain: &[Vec<u32>], persons: Option<[usize; 3]>) -> Problem {
    let mut combos: Vec<Vec<u32>> = vec![vec![]];
    for values in domain {
        combos = combos
            .into_iter()
            .flat_map(|c| {
                values.iter().map(move |v| {
                    let mut c = c.clone();
                    c.push(*v);
                    c
                })
            })
            .collect();
    }
    if let Some(ok) = f.allowed {
        combos.retain(|c| ok(c, c));
    }
    let index = |combo: usize, month: u8, measure: usize| {
        (combo * 12 + month as usize) * f.measures + measure
    };
    let mut figures = Vec::new();
    for (t, tpl) in f.templates.iter().enumerate().filter(|(_, t)| !t.off) {
        let mut cells: Vec<Vec<u32>> = vec![vec![]];
        for d in &tpl.dims {
            cells = cells
                .into_iter()
                .flat_map(|c| {
                    domain[*d].iter().filter(|v| **v != NONE).map(move |v| {
                        let mut c = c.clone();
                        c.push(*v);
                        c
                    })
                })
                .collect();
        }
        for values in cells {
            for unit in units() {
                let measures = match (tpl.count_only, unit) {
                    (true, _) => 1,
                    (false, Unit::Month(_)) => f.measures.min(f.month_measures.max(1)),
                    _ => f.measures,
                };
                for measure in 0..measures {
                    let key = Key {
                        template: t,
                        values: values.clone().into(),
                        unit,
                        measure,
                    };
                    let mut terms = Vec::new();
                    for (ci, combo) in combos.iter().enumerate() {
                        let inside = tpl.dims.iter().zip(&values).all(|(d, v)| {
                            if tpl.cumulative {
                                combo[*d] != NONE && combo[*d] >= *v
                            } else {
                                combo[*d] == *v
                            }
                        });
                        if inside {
                            for m in unit.months() {
                                terms.push((index(ci, m, measure), 1.0));
                            }
                        }
                    }
                    let shown = match p.get(&key) {
                        Shown::Count(n) => Some(n),
                        Shown::Hidden => None,
                    };
                    figures.push(Figure {
                        label: format!("{key:?}"),
                        terms,
                        shown,
                        truth: p.value(&key),
                    });
                }
            }
        }
    }
    let mut relations = Vec::new();
    let mut households = Vec::new();
    if let Some([a, c, total]) = persons {
        for ci in 0..combos.len() {
            for m in 0..12 {
                relations.push(vec![
                    (index(ci, m, total), 1.0),
                    (index(ci, m, a), -1.0),
                    (index(ci, m, c), -1.0),
                ]);
                households.push((
                    index(ci, m, 0),
                    vec![index(ci, m, a), index(ci, m, c), index(ci, m, total)],
                    index(ci, m, total),
                ));
            }
        }
    }
    Problem {
        unknowns: combos.len() * 12 * f.measures,
        figures,
        relations,
        households,
    }
}

/// Every value a dimension has in the records or may be given (the solver must allow every
/// value the engine may move a record to).
fn domain_of(f: &Family) -> Vec<Vec<u32>> {
    let dims = f.records.first().map_or(0, |r| r.attrs.len());
    (0..dims)
        .map(|d| {
            let cumulative = f.templates.iter().any(|t| t.cumulative && t.dims == [d]);
            let mut v: Vec<u32> = f.records.iter().map(|r| r.attrs[d]).collect();
            v.extend(f.domain.get(d).into_iter().flatten());
            if cumulative {
                let max = v.iter().copied().filter(|x| *x != NONE).max().unwrap_or(0);
                v = (0..=max).collect();
            }
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect()
}

/// A month, most in a few busy months, some alone in quiet ones.
fn month(rng: &mut ChaCha8Rng) -> u8 {
    if rng.random_bool(0.7) {
        [2, 3, 8][rng.random_range(0..3)]
    } else {
        rng.random_range(0..12)
    }
}

/// New leads: municipality, source, campaign (or none), the step reached (a funnel).
fn leads(rng: &mut ChaCha8Rng) -> (Family, Vec<Vec<u32>>) {
    let n = rng.random_range(20..70);
    let records = (0..n)
        .map(|_| Record {
            attrs: vec![
                rng.random_range(0..4),
                rng.random_range(0..2),
                if rng.random_bool(0.6) {
                    NONE
                } else {
                    rng.random_range(0..2)
                },
                rng.random_range(0..3),
            ],
            month: month(rng),
            weight: 1,
            unit: vec![1],
        })
        .collect();
    let family = Family {
        templates: vec![
            Template {
                dims: vec![0],
                cumulative: false,
                count_only: false,
                off: false,
            },
            Template {
                dims: vec![1],
                cumulative: false,
                count_only: false,
                off: false,
            },
            Template {
                dims: vec![2],
                cumulative: false,
                count_only: false,
                off: false,
            },
            Template {
                dims: vec![3],
                cumulative: true,
                count_only: false,
                off: false,
            },
            Template::default(),
        ],
        measures: 1,
        month_measures: 1,
        trade: None,
        records,
        domain: vec![],
        allowed: None,
        months: None,
    };
    (
        family,
        vec![
            vec![0, 1, 2, 3],
            vec![0, 1],
            vec![0, 1, NONE],
            vec![0, 1, 2],
        ],
    )
}

/// Households that moved in: municipality, source; households, adults, children, persons.
fn households(rng: &mut ChaCha8Rng) -> (Family, Vec<Vec<u32>>) {
    let n = rng.random_range(8..30);
    let records = (0..n)
        .map(|_| {
            let (a, c) = (rng.random_range(1..3), rng.random_range(0..3));
            Record {
                attrs: vec![rng.random_range(0..4), rng.random_range(0..2)],
                month: month(rng),
                weight: 1,
                unit: vec![1, a, c, a + c],
            }
        })
        .collect();
    let family = Family {
        templates: vec![
            Template {
                dims: vec![0],
                cumulative: false,
                count_only: false,
                off: false,
            },
            Template {
                dims: vec![1],
                cumulative: false,
                count_only: false,
                off: false,
            },
            Template::default(),
        ],
        measures: 4,
        month_measures: 4,
        trade: Some((1, 2)),
        records,
        domain: vec![],
        allowed: None,
        months: None,
    };
    (family, vec![vec![0, 1, 2, 3], vec![0, 1]])
}

/// Answers to stay checks: municipality by answer, and the answers' totals.
fn answers(rng: &mut ChaCha8Rng) -> (Family, Vec<Vec<u32>>) {
    let n = rng.random_range(10..40);
    let records = (0..n)
        .map(|_| Record {
            attrs: vec![rng.random_range(0..3), rng.random_range(0..3)],
            month: month(rng),
            weight: 1,
            unit: vec![1],
        })
        .collect();
    let family = Family {
        templates: vec![
            Template {
                dims: vec![0, 1],
                cumulative: false,
                count_only: false,
                off: false,
            },
            Template {
                dims: vec![1],
                cumulative: false,
                count_only: false,
                off: false,
            },
        ],
        measures: 1,
        month_measures: 1,
        trade: None,
        records,
        domain: vec![],
        allowed: None,
        months: None,
    };
    (family, vec![vec![0, 1, 2], vec![0, 1, 2]])
}

type Maker = fn(&mut ChaCha8Rng) -> (Family, Vec<Vec<u32>>);

#[test]
fn no_hidden_figure_can_be_pinned() {
    let makers: [(&str, Maker, Option<[usize; 3]>); 3] = [
        ("leads", leads, None),
        ("households", households, Some([1, 2, 3])),
        ("answers", answers, None),
    ];
    let mut pinned_without = 0;
    for (name, make, persons) in makers {
        for seed in 0..4u64 {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let (mut family, domain) = make(&mut rng);
            family.domain = domain.clone();
            let on = family.publish(&Control {
                threshold: 3,
                complementary: true,
            });
            assert!(
                on.hidden().count() > 0,
                "{name} {seed}: nothing hidden, nothing proven"
            );
            let found = pinned(&problem(&family, &on, &domain, persons), false);
            assert!(found.is_empty(), "{name} seed {seed}: pinned {found:#?}");
            let off = family.publish(&Control {
                threshold: 3,
                complementary: false,
            });
            if pinned_without == 0 {
                pinned_without += pinned(&problem(&family, &off, &domain, persons), true).len();
            }
        }
    }
    assert!(
        pinned_without > 0,
        "without the complementary step the solver pins some"
    );
}

// --- The report itself, on both databases ----------------------------------------------------

use chrono::{Duration, NaiveDate};
use lotsbok::entities::{campaign, follow_up};
use lotsbok::leads::insert_timeline;
use lotsbok::reports::figures::{self, Selection};
use sea_orm::{ActiveModelTrait, Set};

use crate::helpers::{Backend, TestApp};
use crate::reports::{at, seed, Seed};

/// A random year of work in three municipalities and the pool: leads from two sources and a
/// fair, from Sweden (with or without a county) and the Netherlands, how far each came,
/// households moved in with their stay checks answered or not, leads lost, contacts, open
/// follow-ups. Dates in 2025, so that every stay check of the year can be due.
async fn random_year(app: &TestApp, rng: &mut ChaCha8Rng) -> Vec<i64> {
    let db = &app.state.db;
    let guide = app
        .create_user(
            "lena@lycksele.se",
            "guide",
            Some("lycksele"),
            "a long enough password",
        )
        .await;
    let fair = campaign::ActiveModel {
        name: Set("Emigratiebeurs".into()),
        kind: Set(lotsbok::domain::CampaignKind::Fair),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let slugs = [Some("lycksele"), Some("dorotea"), Some("mala"), None];
    let steps = ["contacted", "in_dialogue", "visit", "decided"];
    for _ in 0..rng.random_range(30..45) {
        let muni = slugs[rng.random_range(0..4)];
        let created = at(2025, month(rng) as u32 + 1, rng.random_range(1..28));
        let from_se = rng.random_bool(0.5);
        // Nobody works on a lead of the pool: it stays new.
        let history = if muni.is_some() {
            &steps[..rng.random_range(0..4)]
        } else {
            &steps[..0]
        };
        let moved = (muni.is_some() && rng.random_bool(0.35)).then(|| {
            let on = (created + Duration::days(rng.random_range(5..60))).date_naive();
            let on = on.min(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
            (on, rng.random_range(0..3), rng.random_range(0..3))
        });
        let moved = moved.map(|(d, a, c)| (d, if a + c == 0 { 1 } else { a }, c));
        let lost = (moved.is_none() && rng.random_bool(0.2)).then(|| {
            (
                "not_moving",
                ["no_job", "housing"][rng.random_range(0..2)],
                created + Duration::days(30),
            )
        });
        let id = seed(
            app,
            Seed {
                muni,
                source: ["interest_form", "fair"][rng.random_range(0..2)],
                campaign: rng.random_bool(0.3).then_some(fair),
                created,
                country: if from_se { "SE" } else { "NL" },
                region: (from_se && rng.random_bool(0.7))
                    .then(|| ["AB", "M"][rng.random_range(0..2)]),
                history,
                moved,
                lost,
            },
        )
        .await;
        let municipality = match muni {
            Some(slug) => Some(
                lotsbok::accounts::find_municipality(db, slug)
                    .await
                    .unwrap()
                    .id,
            ),
            None => None,
        };
        // Every other household of a municipality was sent a selection of jobs and homes,
        // three days after it came (before it moved in, if it did).
        if municipality.is_some() && id % 2 == 0 {
            let sent = created + Duration::days(3);
            lotsbok::entities::selection::ActiveModel {
                lead_id: Set(id),
                sent_on: Set(sent.date_naive()),
                municipality_id: Set(municipality),
                lang: Set("nl".into()),
                created_at: Set(sent),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
        }
        if let Some((on, _, _)) = moved {
            for (kind, months) in [("stay_6", 6), ("stay_12", 12)] {
                let due = on + chrono::Months::new(months);
                let answer = (due <= lotsbok::web::format::today())
                    .then(|| [Some("stayed"), Some("moved_away"), None][rng.random_range(0..3)])
                    .flatten();
                follow_up::ActiveModel {
                    lead_id: Set(id),
                    municipality_id: Set(municipality),
                    due_on: Set(due),
                    title: Set("t".into()),
                    kind: Set(lotsbok::domain::FollowUpKind::parse(kind).unwrap()),
                    answer: Set(answer.map(str::to_string)),
                    created_at: Set(chrono::Utc::now()),
                    ..Default::default()
                }
                .insert(db)
                .await
                .unwrap();
            }
        }
        // Contacts only where a guide works (not on the pool's leads).
        for _ in 0..if muni.is_some() {
            rng.random_range(0..3)
        } else {
            0
        } {
            insert_timeline(
                db,
                lotsbok::entities::LeadId(id),
                Some(lotsbok::entities::UserId(guide)),
                "call",
                Some(lotsbok::domain::Direction::Outgoing),
                created + Duration::days(rng.random_range(0..40)),
                None,
            )
            .await
            .unwrap();
        }
        if rng.random_bool(0.3) {
            follow_up::ActiveModel {
                lead_id: Set(id),
                municipality_id: Set(municipality),
                due_on: Set(
                    lotsbok::web::format::today() + Duration::days(rng.random_range(-20..20))
                ),
                title: Set("t".into()),
                created_at: Set(chrono::Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
        }
    }
    let mut ids = Vec::new();
    for slug in slugs.iter().flatten() {
        ids.push(
            lotsbok::accounts::find_municipality(db, slug)
                .await
                .unwrap()
                .id,
        );
    }
    ids
}

async fn random_years_through_every_report_table(backend: Backend) {
    let Some(mut app) = TestApp::with_config(backend, |_| {}).await else {
        return;
    };
    let mut rng = ChaCha8Rng::seed_from_u64(18);
    let ids = random_year(&app, &mut rng).await;
    let sel = Selection {
        municipalities: ids,
        include_pool: true,
    };
    let year = figures::year(
        &app.state.db,
        &sel,
        (2025, lotsbok::web::format::today()),
        false,
        (figures::Part::All, figures::Counted::Kept),
    )
    .await
    .unwrap();
    let mut pinned_without = 0;
    let families = [
        ("new leads", &year.leads, None),
        ("households and stays", &year.moved, Some([1, 2, 3])),
        ("contacts", &year.contacts, None),
        ("outcomes", &year.outcomes, None),
        ("open follow-ups", &year.open, None),
        ("jobs and homes", &year.offers, None),
    ];
    for (name, family, persons) in families {
        // The municipalities as the report has them; other values as in the records (the
        // report's full lists of sources and outcomes only make the solver slower).
        let mut family = family.clone();
        family.domain.truncate(1);
        assert!(
            !family.records.is_empty(),
            "{name}: no data, nothing proven"
        );
        let domain = domain_of(&family);
        let on = family.publish(&Control {
            threshold: 3,
            complementary: true,
        });
        let found = pinned(&problem(&family, &on, &domain, persons), false);
        assert!(found.is_empty(), "{name}: pinned {found:#?}");
        let off = family.publish(&Control {
            threshold: 3,
            complementary: false,
        });
        pinned_without += pinned(&problem(&family, &off, &domain, persons), true).len();
    }
    assert!(
        pinned_without > 0,
        "without the complementary step the solver pins some"
    );
    // Every period of the year renders, and what it shows comes from these figures.
    app.create_user(
        "leader@region10.se",
        "coordinator",
        None,
        "a long enough password",
    )
    .await;
    app.login("leader@region10.se", "a long enough password")
        .await;
    let mut periods: Vec<String> = (1..=12)
        .map(|m| format!("period=month&year=2025&month={m}"))
        .collect();
    periods.extend((1..=4).map(|q| format!("period=quarter&year=2025&quarter={q}")));
    periods.push("period=year&year=2025".into());
    for p in periods {
        let page = app.get(&format!("/reports?{p}")).await;
        assert_eq!(page.status, axum::http::StatusCode::OK, "{p}");
        assert!(
            page.body.contains("dold uppgift"),
            "{p}: something is hidden"
        );
    }
}

#[tokio::test]
async fn random_years_through_every_report_table_sqlite() {
    random_years_through_every_report_table(Backend::Sqlite).await;
}

#[tokio::test]
async fn random_years_through_every_report_table_postgres() {
    random_years_through_every_report_table(Backend::Postgres).await;
}
