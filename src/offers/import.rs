//! Vacancies and homes from a spreadsheet, the way leads come in (`import`): the file is
//! read by the lead importer's reader (CSV in any of Excel's encodings and delimiters, or
//! XLSX), each column is given a meaning (guessed from its header, changed by the guide),
//! a check lists every row that would fail and why, and the import writes the valid rows
//! in one transaction. Each row is checked by the same form check as a vacancy or home
//! typed in by hand. The file waits in `offer_uploads` meanwhile, a day at most.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use super::forms::{HomeForm, VacancyForm};
use super::occupations;
use super::store::{NewHome, NewVacancy};
use crate::entities::offer_upload;
use crate::import::mapping::normalise;
use crate::import::reader::{self, Cell, FileError, RawRow};
use crate::import::rows::parse_date;
use crate::scope::Scope;

/// More rows than a municipality's offers would ever be: a file of something else.
pub const MAX_ROWS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Vacancies,
    Homes,
}

/// One field a column may hold: its form name, its label, and headers that mean it.
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    aliases: &'static [&'static str],
}

const VACANCY_FIELDS: &[Field] = &[
    Field {
        name: "employer",
        label: "vacancy-employer",
        aliases: &[
            "arbetsgivare",
            "employer",
            "företag",
            "company",
            "organisation",
            "organization",
        ],
    },
    Field {
        name: "contact_name",
        label: "vacancy-contact-name",
        aliases: &[
            "kontaktperson",
            "kontakt",
            "contact",
            "contact person",
            "contact name",
        ],
    },
    Field {
        name: "contact_email",
        label: "vacancy-contact-email",
        aliases: &["e-post", "epost", "email", "e-mail", "mejl", "mail"],
    },
    Field {
        name: "contact_phone",
        label: "vacancy-contact-phone",
        aliases: &["telefon", "phone", "tel", "mobil"],
    },
    Field {
        name: "title",
        label: "vacancy-title",
        aliases: &[
            "titel",
            "title",
            "tjänst",
            "befattning",
            "rubrik",
            "job title",
            "position",
            "jobb",
        ],
    },
    Field {
        name: "occupation",
        label: "vacancy-occupation",
        aliases: &["yrke", "occupation", "ssyk", "yrkesområde", "yrkesroll"],
    },
    Field {
        name: "place",
        label: "vacancy-place",
        aliases: &[
            "ort",
            "place",
            "plats",
            "arbetsort",
            "location",
            "arbetsplats",
        ],
    },
    Field {
        name: "extent",
        label: "vacancy-extent",
        aliases: &[
            "omfattning",
            "extent",
            "anställningsform",
            "tjänstgöringsgrad",
            "arbetstid",
            "employment type",
        ],
    },
    Field {
        name: "starts",
        label: "vacancy-starts",
        aliases: &["tillträde", "start", "startdatum", "start date"],
    },
    Field {
        name: "last_day",
        label: "vacancy-last-day",
        aliases: &[
            "sista ansökningsdag",
            "sista dag",
            "last day",
            "deadline",
            "apply by",
            "ansök senast",
            "sista ansökningsdatum",
        ],
    },
    Field {
        name: "description",
        label: "vacancy-description",
        aliases: &["beskrivning", "description", "text", "annonstext"],
    },
    Field {
        name: "link",
        label: "vacancy-link",
        aliases: &["länk", "link", "url", "annons", "webbadress"],
    },
];

const HOME_FIELDS: &[Field] = &[
    Field {
        name: "tenure",
        label: "home-tenure",
        aliases: &[
            "upplåtelse",
            "upplåtelseform",
            "tenure",
            "typ",
            "hyra/köp",
            "form",
        ],
    },
    Field {
        name: "rooms",
        label: "home-rooms",
        aliases: &["rum", "antal rum", "rooms", "rok", "storlek rum"],
    },
    Field {
        name: "size_m2",
        label: "home-size",
        aliases: &[
            "storlek", "yta", "kvm", "m2", "m²", "boarea", "size", "area",
        ],
    },
    Field {
        name: "cost",
        label: "home-cost",
        aliases: &[
            "hyra",
            "pris",
            "kostnad",
            "rent",
            "price",
            "månadshyra",
            "hyra/mån",
            "utgångspris",
        ],
    },
    Field {
        name: "place",
        label: "home-place",
        aliases: &[
            "ort", "adress", "område", "place", "address", "by", "location",
        ],
    },
    Field {
        name: "available_from",
        label: "home-available-from",
        aliases: &[
            "ledig från",
            "tillträde",
            "available",
            "available from",
            "inflyttning",
            "ledig",
        ],
    },
    Field {
        name: "contact",
        label: "home-contact",
        aliases: &[
            "kontakt",
            "hyresvärd",
            "mäklare",
            "contact",
            "landlord",
            "broker",
            "värd",
        ],
    },
    Field {
        name: "link",
        label: "vacancy-link",
        aliases: &["länk", "link", "url", "annons", "webbadress"],
    },
    Field {
        name: "description",
        label: "home-description",
        aliases: &["beskrivning", "description", "text", "övrigt"],
    },
];

impl Kind {
    pub fn parse(code: &str) -> Option<Kind> {
        match code {
            "vacancies" => Some(Kind::Vacancies),
            "homes" => Some(Kind::Homes),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Kind::Vacancies => "vacancies",
            Kind::Homes => "homes",
        }
    }

    /// Where its pages are.
    pub fn base(self) -> &'static str {
        match self {
            Kind::Vacancies => "/vacancies/import",
            Kind::Homes => "/housing/import",
        }
    }

    /// The list its rows go to.
    pub fn list(self) -> &'static str {
        match self {
            Kind::Vacancies => "/vacancies",
            Kind::Homes => "/housing",
        }
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Vacancies => VACANCY_FIELDS,
            Kind::Homes => HOME_FIELDS,
        }
    }

    /// The columns a file must have.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Kind::Vacancies => &["employer", "title", "last_day"],
            Kind::Homes => &["rooms", "place"],
        }
    }

    fn is_date(self, field: &str) -> bool {
        matches!(field, "last_day" | "available_from")
    }
}

/// The field a header most likely is ("" for none): its alias, or its label in Swedish or
/// English.
pub fn guess(kind: Kind, header: &str) -> &'static str {
    let h = normalise(header);
    if h.is_empty() {
        return "";
    }
    kind.fields()
        .iter()
        .find(|f| {
            f.aliases.iter().any(|a| normalise(a) == h)
                || crate::i18n::STAFF
                    .iter()
                    .any(|l| normalise(&crate::i18n::t(*l, f.label)) == h)
        })
        .map_or("", |f| f.name)
}

/// What each column means: a field name per column, "" for none.
pub type Mapping = Vec<String>;

/// The mapping guessed from the header row; a field is given to its first column only.
pub fn guess_mapping(kind: Kind, header: &RawRow) -> Mapping {
    let mut taken = Vec::new();
    header
        .cells
        .iter()
        .map(|c| {
            let f = guess(kind, &c.display());
            if f.is_empty() || taken.contains(&f) {
                String::new()
            } else {
                taken.push(f);
                f.to_string()
            }
        })
        .collect()
}

/// The required columns no column was given to (their labels' keys).
pub fn missing(kind: Kind, mapping: &Mapping) -> Vec<&'static str> {
    kind.required()
        .iter()
        .filter(|r| !mapping.iter().any(|m| m == *r))
        .filter_map(|r| kind.fields().iter().find(|f| f.name == *r).map(|f| f.label))
        .collect()
}

/// The file as read: its header row and rows (at most `MAX_ROWS` + 1, to tell too many).
pub struct Sheet {
    pub header: RawRow,
    pub rows: Vec<RawRow>,
}

pub fn read(bytes: &[u8]) -> Result<Sheet, FileError> {
    let format = reader::detect(bytes)?;
    let mut all = Vec::new();
    reader::each_row(bytes, format, |row| {
        all.push(row);
        all.len() <= MAX_ROWS + 1
    })?;
    let mut it = all.into_iter();
    let header = it.next().ok_or(FileError::Empty)?;
    let rows: Vec<RawRow> = it.collect();
    if rows.is_empty() {
        return Err(FileError::NoRows);
    }
    Ok(Sheet { header, rows })
}

/// A code written as the spreadsheet's words: heltid, deltid, hyresrätt, köp …
fn coded(field: &str, value: &str) -> String {
    // A hyphen is a space: full-time is "full time".
    let v = normalise(&value.replace('-', " "));
    let table: &[(&str, &[&str])] = match field {
        "extent" => &[
            (
                "full_time",
                &[
                    "heltid",
                    "full time",
                    "fulltime",
                    "tillsvidare",
                    "100 %",
                    "100%",
                ],
            ),
            ("part_time", &["deltid", "part time"]),
            (
                "temporary",
                &[
                    "visstid",
                    "vikariat",
                    "tidsbegränsad",
                    "temporary",
                    "fixed term",
                ],
            ),
            (
                "seasonal",
                &[
                    "säsong",
                    "sommarjobb",
                    "säsongsanställning",
                    "seasonal",
                    "summer job",
                ],
            ),
        ],
        "tenure" => &[
            (
                "rent",
                &[
                    "hyra",
                    "hyresrätt",
                    "uthyres",
                    "rent",
                    "rental",
                    "andrahand",
                    "hyreslägenhet",
                ],
            ),
            (
                "buy",
                &[
                    "köp",
                    "köpa",
                    "bostadsrätt",
                    "villa",
                    "till salu",
                    "äganderätt",
                    "buy",
                    "sale",
                    "for sale",
                ],
            ),
        ],
        _ => &[],
    };
    table
        .iter()
        .find(|(code, words)| *code == v || words.contains(&v.as_str()))
        .map_or_else(|| value.trim().to_string(), |(code, _)| code.to_string())
}

/// A row's values by field, as the forms take them.
fn values(kind: Kind, mapping: &Mapping, row: &RawRow) -> BTreeMap<&'static str, String> {
    let mut out = BTreeMap::new();
    for (i, f) in mapping.iter().enumerate() {
        let Some(field) = kind.fields().iter().find(|x| x.name == f) else {
            continue;
        };
        let cell = row.cells.get(i).cloned().unwrap_or(Cell::Empty);
        let text = if kind.is_date(field.name) {
            match parse_date(&cell) {
                Ok(Some(d)) => d.to_string(),
                _ => cell.display(),
            }
        } else {
            cell.display()
        };
        let text = match field.name {
            "extent" | "tenure" => coded(field.name, &text),
            "occupation" => match occupations::find(text.trim()) {
                Some(o) => o.code.to_string(),
                None => {
                    let found = occupations::recognise(&text);
                    if found.len() == 1 {
                        found.into_iter().next().unwrap_or_default().to_string()
                    } else {
                        String::new()
                    }
                }
            },
            _ => text,
        };
        out.insert(field.name, text);
    }
    out
}

/// One row's problems: its line in the file, and (field label, message) pairs.
pub struct RowError {
    pub line: u64,
    pub problems: Vec<(&'static str, &'static str)>,
}

/// What the check found: the rows that may be imported, and the others with why.
pub struct Checked<T> {
    pub valid: Vec<T>,
    pub errors: Vec<RowError>,
}

fn label(kind: Kind, field: &str) -> &'static str {
    kind.fields()
        .iter()
        .find(|f| f.name == field)
        .map_or("import-file", |f| f.label)
}

fn check_rows<T>(
    kind: Kind,
    sheet: &Sheet,
    mapping: &Mapping,
    parse: impl Fn(&BTreeMap<&'static str, String>) -> Result<T, crate::web::FieldErrors>,
) -> Checked<T> {
    let mut out = Checked {
        valid: Vec::new(),
        errors: Vec::new(),
    };
    for row in &sheet.rows {
        match parse(&values(kind, mapping, row)) {
            Ok(v) => out.valid.push(v),
            Err(e) => out.errors.push(RowError {
                line: row.line,
                problems: e.iter().map(|(f, k)| (label(kind, f), *k)).collect(),
            }),
        }
    }
    out
}

fn get(v: &BTreeMap<&'static str, String>, k: &str) -> String {
    v.get(k).cloned().unwrap_or_default()
}

/// Vacancies: a missing extent is full time, a missing description the title.
pub fn check_vacancies(sheet: &Sheet, mapping: &Mapping, today: NaiveDate) -> Checked<NewVacancy> {
    check_rows(Kind::Vacancies, sheet, mapping, |v| {
        let title = get(v, "title");
        let or = |k: &str, d: &str| {
            Some(get(v, k))
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| d.to_string())
        };
        VacancyForm {
            employer: get(v, "employer"),
            contact_name: get(v, "contact_name"),
            contact_email: get(v, "contact_email"),
            contact_phone: get(v, "contact_phone"),
            occupation: get(v, "occupation"),
            place: get(v, "place"),
            extent: or("extent", "full_time"),
            starts: get(v, "starts"),
            last_day: get(v, "last_day"),
            description: or("description", &title),
            link: get(v, "link"),
            title,
            ..VacancyForm::default()
        }
        .parse(None, today)
    })
}

/// Homes: a missing tenure is a rental, a missing contact the one given for every row.
pub fn check_homes(sheet: &Sheet, mapping: &Mapping, contact: &str) -> Checked<NewHome> {
    check_rows(Kind::Homes, sheet, mapping, |v| {
        let or = |k: &str, d: &str| {
            Some(get(v, k))
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| d.to_string())
        };
        HomeForm {
            tenure: or("tenure", "rent"),
            rooms: get(v, "rooms"),
            size_m2: get(v, "size_m2"),
            cost: get(v, "cost"),
            place: get(v, "place"),
            available_from: get(v, "available_from"),
            contact: or("contact", contact),
            link: get(v, "link"),
            description: get(v, "description"),
        }
        .parse()
    })
}

pub async fn save(
    db: &impl ConnectionTrait,
    scope: &Scope,
    kind: Kind,
    file_name: &str,
    content: Vec<u8>,
) -> Result<i64, DbErr> {
    let Some(m) = scope.home().value() else {
        return Err(DbErr::Custom("an upload belongs to a municipality".into()));
    };
    let row = offer_upload::ActiveModel {
        municipality_id: Set(m),
        user_id: Set(Some(scope.user_id().0)),
        kind: Set(kind.code().into()),
        file_name: Set(file_name.chars().take(300).collect()),
        content: Set(content),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// An upload of this guide's municipality, of this kind.
pub async fn find(
    db: &impl ConnectionTrait,
    scope: &Scope,
    kind: Kind,
    id: i64,
) -> Result<Option<offer_upload::Model>, DbErr> {
    offer_upload::Entity::find_by_id(id)
        .filter(scope.own(offer_upload::Column::MunicipalityId))
        .filter(offer_upload::Column::Kind.eq(kind.code()))
        .one(db)
        .await
}

/// Removes an upload; false when it was gone already (imported or discarded meanwhile).
pub async fn delete(db: &impl ConnectionTrait, id: i64) -> Result<bool, DbErr> {
    Ok(offer_upload::Entity::delete_by_id(id)
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

/// Uploads older than a day: a file left half-way (it may name employers' contacts).
pub async fn delete_old(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let r = offer_upload::Entity::delete_many()
        .filter(offer_upload::Column::CreatedAt.lt(Utc::now() - chrono::Duration::days(1)))
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_words_of_a_real_sheet_are_understood() {
        assert_eq!(guess(Kind::Vacancies, "Sista ansökningsdag"), "last_day");
        assert_eq!(guess(Kind::Vacancies, "Arbetsgivare:"), "employer");
        assert_eq!(guess(Kind::Vacancies, "Last day to apply"), "last_day");
        assert_eq!(guess(Kind::Homes, "Antal rum"), "rooms");
        assert_eq!(guess(Kind::Homes, "Hyra/mån"), "cost");
        assert_eq!(guess(Kind::Homes, "Färg"), "");
        assert_eq!(coded("extent", "Heltid"), "full_time");
        assert_eq!(coded("extent", "Full-time"), "full_time");
        assert_eq!(coded("tenure", "Bostadsrätt"), "buy");
        assert_eq!(coded("tenure", "slott"), "slott");
    }
}
