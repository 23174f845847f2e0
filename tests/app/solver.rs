//! The attacker of the disclosure tests: given every figure a year of reports publishes,
//! the linear relations between them (each is a sum over the same underlying counts: rows,
//! columns, totals, months in quarters in the year, the same figure in another table) and
//! that no count is negative, how far can each hidden figure be pinned? (A hidden figure may
//! be 0: zeros are hidden too where a complement needs one.) Written apart from the engine: it knows the tables' meaning, not the moves.
//!
//! Unknowns are the counts of every combination of attribute values and month (and of each
//! measure there); a published figure is the sum of those it covers. For each hidden figure
//! a linear programme finds its least and greatest value; it is pinned when no two whole
//! numbers fit between them.

use std::collections::HashMap;

use good_lp::{constraint, variable, Expression, ProblemVariables, Solution, SolverModel};

/// A published figure: which unknowns it sums (index, coefficient), and what it shows.
#[derive(Clone, Debug)]
pub struct Figure {
    pub label: String,
    pub terms: Vec<(usize, f64)>,
    /// `None`: hidden.
    pub shown: Option<i64>,
    /// The true value: only to stop early once a second value is found, never to pin.
    pub truth: i64,
}

/// Extra exact relations between unknowns (persons = adults + children of the same group),
/// and what a reader knows besides: a group with no household has no persons, a household
/// has at least one person (`count`: the group's household count and its persons).
pub struct Problem {
    pub unknowns: usize,
    pub figures: Vec<Figure>,
    pub relations: Vec<Vec<(usize, f64)>>,
    /// (households, [other measures], persons) of each group.
    pub households: Vec<(usize, Vec<usize>, usize)>,
}

/// The hidden figures that can take fewer than two whole values (the first only, if asked).
pub fn pinned(p: &Problem, first: bool) -> Vec<(String, f64, f64)> {
    // Unknowns in a figure shown as 0 are 0: drop them.
    let mut zero = vec![false; p.unknowns];
    for f in &p.figures {
        if f.shown == Some(0) {
            for (i, c) in &f.terms {
                if *c > 0.0 {
                    zero[*i] = true;
                }
            }
        }
    }
    for (count, others, _) in &p.households {
        if zero[*count] {
            for o in others {
                zero[*o] = true;
            }
        }
    }
    let live: Vec<usize> = (0..p.unknowns).filter(|i| !zero[*i]).collect();
    let index: HashMap<usize, usize> = live.iter().enumerate().map(|(j, i)| (*i, j)).collect();
    let sum = |terms: &[(usize, f64)], vars: &[good_lp::Variable]| -> Expression {
        terms
            .iter()
            .filter_map(|(i, c)| index.get(i).map(|j| *c * vars[*j]))
            .sum()
    };
    let mut out = Vec::new();
    for target in p.figures.iter().filter(|f| f.shown.is_none()) {
        let mut bounds = [f64::NAN; 2];
        for (side, maximise) in [(1, true), (0, false)] {
            let mut vars = ProblemVariables::new();
            let xs: Vec<good_lp::Variable> =
                live.iter().map(|_| vars.add(variable().min(0.0))).collect();
            let objective = sum(&target.terms, &xs);
            let mut model = if maximise {
                vars.maximise(objective.clone())
            } else {
                vars.minimise(objective.clone())
            }
            .using(good_lp::microlp);
            for f in &p.figures {
                let e = sum(&f.terms, &xs);
                if let Some(v) = f.shown {
                    model = model.with(constraint!(e == v as f64));
                }
            }
            for r in &p.relations {
                model = model.with(constraint!(sum(r, &xs) == 0.0));
            }
            for (count, _, persons) in &p.households {
                if let (Some(c), Some(q)) = (index.get(count), index.get(persons)) {
                    model = model.with(constraint!(xs[*q] - xs[*c] >= 0.0));
                }
            }
            // An unbounded maximum is as good as a large one.
            if maximise {
                model = model.with(constraint!(objective.clone() <= 1e6));
            }
            let solution = model.solve().expect("the published figures are consistent");
            bounds[side] = solution.eval(&objective);
            // A value one above the true one fits: two values, no need for the least.
            if maximise && bounds[side] >= target.truth as f64 + 1.0 - 1e-6 {
                bounds[0] = target.truth as f64;
                break;
            }
        }
        let (lo, hi) = (bounds[0], bounds[1]);
        if (hi + 1e-6).floor() - (lo - 1e-6).ceil() < 1.0 {
            out.push((target.label.clone(), lo, hi));
            if first {
                break;
            }
        }
    }
    out
}
