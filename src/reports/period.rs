//! The report's period and selection of municipalities, from the query string.

use chrono::{Datelike, NaiveDate};

use crate::web::format::{day_start, today};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// First day, inclusive.
    pub from: NaiveDate,
    /// Day after the last, exclusive.
    pub until: NaiveDate,
    pub kind: String,
}

impl Period {
    pub fn from_utc(&self) -> chrono::DateTime<chrono::Utc> {
        day_start(self.from)
    }
    pub fn until_utc(&self) -> chrono::DateTime<chrono::Utc> {
        day_start(self.until)
    }
    /// The same period a year earlier.
    pub fn year_before(&self) -> Period {
        let back = |d: NaiveDate| d.with_year(d.year() - 1).unwrap_or(d);
        Period {
            from: back(self.from),
            until: back(self.until),
            kind: self.kind.clone(),
        }
    }

    /// The period in a column heading: `2026`, `2026 K2` (`2026 Q2` in English), `2026-03`.
    pub fn short(&self, lang: crate::i18n::Lang) -> String {
        match self.kind.as_str() {
            "month" => self.from.format("%Y-%m").to_string(),
            "quarter" => crate::i18n::t_args(
                lang,
                "report-quarter-of",
                &[
                    ("year", self.from.year().into()),
                    ("quarter", (self.from.month0() / 3 + 1).into()),
                ],
            ),
            _ => self.from.year().to_string(),
        }
    }

    pub fn label(&self) -> String {
        let last = self.until.pred_opt().unwrap_or(self.until);
        format!("{} – {}", self.from, last)
    }
}

/// The report form as typed.
#[derive(Debug, Default, Clone)]
pub struct ReportQuery {
    pub period: String,
    pub year: String,
    pub month: String,
    pub quarter: String,
    /// Chosen municipality ids (coordinators); empty means all.
    pub municipalities: Vec<i64>,
    pub table: String,
    pub format: String,
    /// The CSV separator asked for (`comma`, `semicolon`; else the language's).
    pub sep: String,
}

impl ReportQuery {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut q = ReportQuery::default();
        for (k, v) in pairs {
            match k.as_str() {
                "period" => q.period = v,
                "year" => q.year = v,
                "month" => q.month = v,
                "quarter" => q.quarter = v,
                "m" => q.municipalities.extend(v.parse::<i64>().ok()),
                "table" => q.table = v,
                "format" => q.format = v,
                "sep" => q.sep = v,
                _ => {}
            }
        }
        q
    }

    /// The period asked for; the current year when nothing (or nothing valid) was asked.
    /// Only calendar years, quarters and months: free date ranges could be subtracted from
    /// each other to work out a hidden figure (`disclosure`).
    pub fn period(&self) -> Period {
        let now = today();
        let year = self
            .year
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .unwrap_or(now.year());
        let ymd = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(now);
        let (from, until, kind) = match self.period.as_str() {
            "month" => {
                let m = self
                    .month
                    .parse::<u32>()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .unwrap_or(now.month());
                let next = if m == 12 {
                    ymd(year + 1, 1)
                } else {
                    ymd(year, m + 1)
                };
                (ymd(year, m), next, "month")
            }
            "quarter" => {
                let q = self
                    .quarter
                    .parse::<u32>()
                    .ok()
                    .filter(|q| (1..=4).contains(q))
                    .unwrap_or(now.month().div_ceil(3));
                let start = ymd(year, (q - 1) * 3 + 1);
                let next = if q == 4 {
                    ymd(year + 1, 1)
                } else {
                    ymd(year, q * 3 + 1)
                };
                (start, next, "quarter")
            }
            _ => (ymd(year, 1), ymd(year + 1, 1), "year"),
        };
        Period {
            from,
            until,
            kind: kind.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> ReportQuery {
        ReportQuery::from_pairs(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn periods() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let p = q(&[("period", "year"), ("year", "2026")]).period();
        assert_eq!((p.from, p.until), (d(2026, 1, 1), d(2027, 1, 1)));
        let p = q(&[("period", "quarter"), ("year", "2026"), ("quarter", "4")]).period();
        assert_eq!((p.from, p.until), (d(2026, 10, 1), d(2027, 1, 1)));
        let p = q(&[("period", "month"), ("year", "2026"), ("month", "2")]).period();
        assert_eq!((p.from, p.until), (d(2026, 2, 1), d(2026, 3, 1)));
        let p = q(&[
            ("period", "custom"),
            ("year", "2026"),
            ("from", "2026-03-05"),
            ("to", "2026-03-05"),
        ])
        .period();
        assert_eq!(
            (p.from, p.until, p.kind.as_str()),
            (d(2026, 1, 1), d(2027, 1, 1), "year"),
            "no free date ranges"
        );
        assert_eq!(
            q(&[("m", "3"), ("m", "x"), ("m", "5")]).municipalities,
            vec![3, 5]
        );
    }
}
