//! One row of a file, checked: the household through the same checks as the new-lead form,
//! and the lead's status, source, dates and note. A row that fails says which column, what
//! value and why, so the guide can fix it in the spreadsheet.

use chrono::{Datelike, NaiveDate};

use super::mapping::{self, Mapping, Target};
use super::reader::{Cell, RawRow};
use crate::domain::Household;
use crate::domain::{ReasonCode, Source, Status};
use crate::leads::forms::HouseholdForm;

/// A checked row, ready to become a lead.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    pub household: Household,
    pub status: Status,
    pub reason: Option<ReasonCode>,
    pub source: Source,
    /// When the mover first came in touch (the lead's creation and the note's date).
    pub date: Option<NaiveDate>,
    pub note: Option<String>,
    /// Moved in: when, adults, children.
    pub moved: Option<(NaiveDate, i32, i32)>,
}

/// Why a row cannot be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub line: u64,
    /// The header of the column at fault (empty: the row as a whole).
    pub column: String,
    pub value: String,
    /// Translation key.
    pub reason: &'static str,
}

/// The oldest date a row may carry; earlier ones are typing errors.
const FIRST_YEAR: i32 = 1990;

/// A date as Swedish and other spreadsheets write it, or an Excel serial day number.
/// A date from a cell, within the years a person means (1900–2200; see
/// `leads::forms::parse_date`).
pub fn parse_date(cell: &Cell) -> Result<Option<NaiveDate>, &'static str> {
    use chrono::Datelike;
    match any_date(cell)? {
        Some(d) if !(1900..=2200).contains(&d.year()) => Err("import-err-date"),
        d => Ok(d),
    }
}

fn any_date(cell: &Cell) -> Result<Option<NaiveDate>, &'static str> {
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Date(d) => return Ok(Some(*d)),
        Cell::Number(n) => return serial(*n).map(Some).ok_or("import-err-date"),
        Cell::Text(t) => t.trim(),
    };
    if text.is_empty() {
        return Ok(None);
    }
    // A date with a time: the date part.
    let day = text.split([' ', 'T']).next().unwrap_or(text);
    for fmt in [
        "%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y%m%d",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(day, fmt) {
            return Ok(Some(d));
        }
    }
    if let Ok(n) = day.parse::<f64>() {
        if let Some(d) = serial(n) {
            return Ok(Some(d));
        }
    }
    // Shaped like a date but not one (31 February): say so rather than "not a date".
    let digits: Vec<&str> = day.split(['-', '/', '.']).collect();
    if digits.len() == 3
        && digits
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err("import-err-date-impossible");
    }
    Err("import-err-date")
}

/// Excel's day number (1900 system) as a date, if it is a plausible one.
fn serial(n: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&n) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_signed(chrono::Duration::days(n.trunc() as i64))
}

/// A whole number written in a cell: "2", 2.0; not "två" or "2.5".
fn count(cell: &Cell) -> Result<Option<i32>, &'static str> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.fract() == 0.0 && (0.0..=100.0).contains(n) => Ok(Some(*n as i32)),
        Cell::Number(_) | Cell::Date(_) => Err("import-err-number"),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Text(t) => t
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (0..=100).contains(n))
            .map(Some)
            .ok_or("import-err-number"),
    }
}

/// "Lastname, Firstname" or "Firstname Lastname …".
fn split_name(full: &str) -> (String, String) {
    let full = full.trim();
    if let Some((last, first)) = full.split_once(',') {
        return (first.trim().to_string(), last.trim().to_string());
    }
    match full.split_once(' ') {
        Some((first, last)) => (first.to_string(), last.trim().to_string()),
        None => (full.to_string(), String::new()),
    }
}

/// The household fields of the new-lead form, by the column that feeds each.
const FIELD_TARGETS: &[(&str, &[Target])] = &[
    ("first_name", &[Target::FirstName, Target::Name]),
    ("last_name", &[Target::LastName, Target::Name]),
    ("email", &[Target::Email]),
    ("phone", &[Target::Phone]),
    ("country", &[Target::Country]),
    ("place", &[Target::Place]),
    ("adults", &[Target::Adults]),
    ("children_birth_years", &[Target::Children]),
    ("occupation", &[Target::Occupation]),
    ("notes", &[Target::HouseholdNotes]),
];

pub struct Checker<'a> {
    pub mapping: &'a Mapping,
    pub today: NaiveDate,
    /// The language of the words the import writes itself (a children count in the notes).
    pub lang: crate::i18n::Lang,
}

impl Checker<'_> {
    fn cell<'r>(&self, row: &'r RawRow, t: Target) -> &'r Cell {
        self.mapping
            .column_of(t)
            .and_then(|i| row.cells.get(i))
            .unwrap_or(&Cell::Empty)
    }

    fn text(&self, row: &RawRow, t: Target) -> String {
        let s = self.cell(row, t).display();
        // Lotsbok's own CSV export protects formula-like values with an apostrophe.
        match s.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
            _ => s,
        }
    }

    fn header(&self, t: Target) -> String {
        self.mapping
            .column_of(t)
            .and_then(|i| self.mapping.headers.get(i))
            .cloned()
            .unwrap_or_default()
    }

    fn err(&self, row: &RawRow, t: Target, reason: &'static str) -> RowError {
        RowError {
            line: row.line,
            column: self.header(t),
            value: self.text(row, t),
            reason,
        }
    }

    /// Checks a row, rule by rule, and makes it a household with its lead's fields; or
    /// gives every problem found, each with its column and value.
    pub fn check(&self, row: &RawRow) -> Result<Row, Vec<RowError>> {
        let mut errors: Vec<RowError> = self.too_long(row).into_iter().collect();
        let (form, children_count) = self.household_form(row, &mut errors);
        let date = self.date(row, Target::Date, &mut errors);
        let moved_on = self.date(row, Target::MovedInOn, &mut errors);
        let status = self.coded(
            row,
            Target::Status,
            &self.mapping.statuses,
            Status::parse,
            Status::New,
            &mut errors,
        );
        let source = self.coded(
            row,
            Target::Source,
            &self.mapping.sources,
            Source::parse,
            Source::Other,
            &mut errors,
        );
        let moved_counts = self.moved_counts(row, &mut errors);
        let Some(mut household) = self.household(row, form, &mut errors) else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let note = self.note(row)?;
        let years = household
            .children_birth_years
            .as_deref()
            .map_or(0, |y| y.split(',').count() as i32);
        let moved = (status == Status::MovedIn).then(|| {
            (
                moved_on.or(date).unwrap_or(self.today),
                moved_counts[0].unwrap_or(household.adults),
                moved_counts[1].or(children_count).unwrap_or(years),
            )
        });
        if let (Some(n), None) = (children_count, &moved) {
            // How many children, without birth years: kept where the guide will see it.
            let line =
                crate::i18n::t_args(self.lang, "import-children-count", &[("count", n.into())]);
            household.notes = Some(match household.notes.take() {
                Some(n) => format!("{n}\n{line}"),
                None => line,
            });
        }
        let reason = status
            .is_lost()
            .then(|| mapping::guess_reason(&self.text(row, Target::Reason)));
        Ok(Row {
            line: row.line,
            household,
            status,
            reason,
            source,
            date,
            note,
            moved,
        })
    }

    /// Cells beyond the header row's columns.
    fn too_long(&self, row: &RawRow) -> Option<RowError> {
        let width = self.mapping.headers.len();
        let extra = row.cells.len() > width && row.cells[width..].iter().any(|c| !c.is_empty());
        extra.then(|| RowError {
            line: row.line,
            column: String::new(),
            value: row.cells.len().to_string(),
            reason: "import-err-row-too-long",
        })
    }

    /// The household's cells as the household form would have them typed, with how many
    /// children when the cell gives a number rather than birth years.
    fn household_form(
        &self,
        row: &RawRow,
        errors: &mut Vec<RowError>,
    ) -> (HouseholdForm, Option<i32>) {
        let mut form = HouseholdForm {
            adults: "1".into(),
            source: Source::Other.as_str().into(),
            ..HouseholdForm::default()
        };
        if self.mapping.column_of(Target::FirstName).is_some() {
            form.first_name = self.text(row, Target::FirstName);
            form.last_name = self.text(row, Target::LastName);
        } else {
            (form.first_name, form.last_name) = split_name(&self.text(row, Target::Name));
            if self.mapping.column_of(Target::LastName).is_some() {
                form.last_name = self.text(row, Target::LastName);
            }
        }
        form.email = self.text(row, Target::Email);
        form.phone = self.text(row, Target::Phone);
        form.place = self.text(row, Target::Place);
        form.occupation = self.text(row, Target::Occupation);
        form.notes = self.text(row, Target::HouseholdNotes);
        self.country_and_county(row, &mut form, errors);
        match count(self.cell(row, Target::Adults)) {
            Ok(Some(n)) => form.adults = n.to_string(),
            Ok(None) => {}
            Err(k) => errors.push(self.err(row, Target::Adults, k)),
        }
        // Children: birth years ("2015, 2018") or how many.
        let mut children_count = None;
        match count(self.cell(row, Target::Children)) {
            Ok(Some(n)) if n <= 20 => children_count = Some(n),
            _ => form.children_birth_years = self.text(row, Target::Children),
        }
        (form, children_count)
    }

    /// The country (a name or code in any of our languages) and the Swedish county, which
    /// implies Sweden.
    fn country_and_county(
        &self,
        row: &RawRow,
        form: &mut HouseholdForm,
        errors: &mut Vec<RowError>,
    ) {
        let country = self.text(row, Target::Country);
        if !country.is_empty() {
            match mapping::guess_country(&country) {
                Some(c) => form.country = c.into(),
                None => errors.push(self.err(row, Target::Country, "import-err-country")),
            }
        }
        let county = self.text(row, Target::County);
        if !county.is_empty() {
            match mapping::guess_county(&county) {
                Some(c) => {
                    form.se_region = c.into();
                    if form.country.is_empty() {
                        form.country = "SE".into();
                    }
                }
                None => errors.push(self.err(row, Target::County, "import-err-county")),
            }
        }
    }

    /// Adults and children who moved in, if the file says.
    fn moved_counts(&self, row: &RawRow, errors: &mut Vec<RowError>) -> [Option<i32>; 2] {
        let mut moved_counts = [None, None];
        for (i, t) in [Target::MovedAdults, Target::MovedChildren]
            .into_iter()
            .enumerate()
        {
            match count(self.cell(row, t)) {
                Ok(n) => moved_counts[i] = n,
                Err(k) => errors.push(self.err(row, t, k)),
            }
        }
        moved_counts
    }

    /// The household form checked as the guide's own form checks it; each of its problems
    /// is put on the column the field came from.
    fn household(
        &self,
        row: &RawRow,
        form: HouseholdForm,
        errors: &mut Vec<RowError>,
    ) -> Option<Household> {
        match form.parse(self.today.year()) {
            Ok((household, _)) => Some(household),
            Err(fields) => {
                for (field, key) in fields.iter() {
                    let t = FIELD_TARGETS
                        .iter()
                        .find(|(f, _)| f == field)
                        .and_then(|(_, ts)| {
                            ts.iter()
                                .copied()
                                .find(|t| self.mapping.column_of(*t).is_some())
                        })
                        .unwrap_or(Target::Ignore);
                    errors.push(self.err(row, t, key));
                }
                None
            }
        }
    }

    /// The first note, within the length a note may have.
    fn note(&self, row: &RawRow) -> Result<Option<String>, Vec<RowError>> {
        let note = Some(self.text(row, Target::Note)).filter(|n| !n.is_empty());
        if note
            .as_ref()
            .is_some_and(|n| n.chars().count() > crate::domain::MAX_TEXT)
        {
            return Err(vec![self.err(row, Target::Note, "err-too-long")]);
        }
        Ok(note)
    }

    fn date(&self, row: &RawRow, t: Target, errors: &mut Vec<RowError>) -> Option<NaiveDate> {
        match parse_date(self.cell(row, t)) {
            Ok(Some(d)) if d > self.today => {
                errors.push(self.err(row, t, "import-err-date-future"));
                None
            }
            Ok(Some(d)) if d.year() < FIRST_YEAR => {
                errors.push(self.err(row, t, "import-err-date-old"));
                None
            }
            Ok(d) => d,
            Err(k) => {
                errors.push(self.err(row, t, k));
                None
            }
        }
    }

    /// A status or source through the table the guide confirmed; empty: the default.
    fn coded<C: Copy>(
        &self,
        row: &RawRow,
        t: Target,
        table: &std::collections::BTreeMap<String, String>,
        parse: fn(&str) -> Option<C>,
        default: C,
        errors: &mut Vec<RowError>,
    ) -> C {
        let raw = mapping::normalise(&self.text(row, t));
        if raw.is_empty() {
            return default;
        }
        match table.get(&raw).and_then(|code| parse(code)) {
            Some(c) => c,
            None => {
                errors.push(self.err(row, t, "import-err-value-unmapped"));
                default
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_shapes_spreadsheets_write() {
        let d = |s: &str| parse_date(&Cell::Text(s.into()));
        let day = NaiveDate::from_ymd_opt(2024, 3, 5);
        assert_eq!(d("2024-03-05"), Ok(day));
        assert_eq!(d("2024-03-05 14:30"), Ok(day));
        assert_eq!(d("05.03.2024"), Ok(day));
        assert_eq!(d("20240305"), Ok(day));
        assert_eq!(parse_date(&Cell::Number(45356.0)), Ok(day));
        assert_eq!(d("2023-02-30"), Err("import-err-date-impossible"));
        assert_eq!(d("igår"), Err("import-err-date"));
        assert_eq!(d(""), Ok(None));
    }

    #[test]
    fn counts_are_whole_numbers() {
        assert_eq!(count(&Cell::Text(" 2 ".into())), Ok(Some(2)));
        assert_eq!(count(&Cell::Number(3.0)), Ok(Some(3)));
        assert_eq!(count(&Cell::Text("två".into())), Err("import-err-number"));
        assert_eq!(count(&Cell::Number(2.5)), Err("import-err-number"));
    }

    #[test]
    fn names_split_either_way() {
        assert_eq!(
            split_name("Jan van der Berg"),
            ("Jan".into(), "van der Berg".into())
        );
        assert_eq!(
            split_name("Svensson, Anna"),
            ("Anna".into(), "Svensson".into())
        );
    }
}
