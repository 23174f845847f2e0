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
    let index = |combo: usize, month: u8, measure: usize| {
        (combo * 12 + month as usize) * f.measures + measure
    };
    let mut figures = Vec::new();
    for (t, tpl) in f.templates.iter().enumerate() {
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
                for measure in 0..f.measures {
                    let key = Key {
                        template: t,
                        values: values.clone(),
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
    if let Some([a, c, total]) = persons {
        for ci in 0..combos.len() {
            for m in 0..12 {
                relations.push(vec![
                    (index(ci, m, total), 1.0),
                    (index(ci, m, a), -1.0),
                    (index(ci, m, c), -1.0),
                ]);
            }
        }
    }
    Problem {
        unknowns: combos.len() * 12 * f.measures,
        figures,
        relations,
    }
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
            },
            Template {
                dims: vec![1],
                cumulative: false,
                count_only: false,
            },
            Template {
                dims: vec![2],
                cumulative: false,
                count_only: false,
            },
            Template {
                dims: vec![3],
                cumulative: true,
                count_only: false,
            },
            Template::default(),
        ],
        measures: 1,
        trade: None,
        records,
        domain: vec![],
        allowed: None,
        fixed_months: false,
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
            },
            Template {
                dims: vec![1],
                cumulative: false,
                count_only: false,
            },
            Template::default(),
        ],
        measures: 4,
        trade: Some((1, 2)),
        records,
        domain: vec![],
        allowed: None,
        fixed_months: false,
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
            },
            Template {
                dims: vec![1],
                cumulative: false,
                count_only: false,
            },
        ],
        measures: 1,
        trade: None,
        records,
        domain: vec![],
        allowed: None,
        fixed_months: false,
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
