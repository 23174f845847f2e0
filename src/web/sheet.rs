//! CSV as the reader's spreadsheet opens it. Excel reads a CSV file in the system's list
//! separator and encoding unless told otherwise: in Swedish that is `;` (the comma is the
//! decimal sign) and a legacy code page, so a file is written with a byte-order mark (Excel
//! then reads UTF-8: "Åsele", not "Ã…sele") and, for a Swedish interface, with `;` and
//! decimal commas. Anyone who wants commas asks for `sep=comma` (and `sep=semicolon` in
//! English). Written here once for every download meant for a spreadsheet: the report, the
//! lead list and the import report (the audit log is for scripts: plain commas).

use crate::i18n::Lang;

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    Semicolon,
    Comma,
}

impl Separator {
    /// The separator asked for (`comma` or `semicolon`), else the one of the reader's language.
    pub fn for_reader(lang: Lang, asked: &str) -> Self {
        match asked {
            "comma" => Separator::Comma,
            "semicolon" => Separator::Semicolon,
            _ if lang == Lang::Sv => Separator::Semicolon,
            _ => Separator::Comma,
        }
    }

    /// The other one, as a query value: what a link to the file with the other separator asks.
    pub fn other(self) -> &'static str {
        match self {
            Separator::Semicolon => "comma",
            Separator::Comma => "semicolon",
        }
    }

    fn byte(self) -> u8 {
        match self {
            Separator::Semicolon => b';',
            Separator::Comma => b',',
        }
    }

    /// A number with one decimal as this file's spreadsheet reads it: `56,5` beside `;`.
    pub fn decimal(self, x: f64) -> String {
        let s = format!("{x:.1}");
        match self {
            Separator::Semicolon => s.replace('.', ","),
            Separator::Comma => s,
        }
    }
}

/// A CSV writer that starts with the byte-order mark and splits with `sep`.
pub fn writer(sep: Separator) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(sep.byte())
        .from_writer(BOM.to_vec())
}

/// A value a spreadsheet would run as a formula gets a leading apostrophe (and the importer
/// drops it again). Phone numbers such as "+4670…" are left as they are.
pub fn safe(s: &str) -> String {
    let risky = match s.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !s[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || " -()".contains(c)),
        _ => false,
    };
    if risky {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_files_split_on_semicolons() {
        assert_eq!(Separator::for_reader(Lang::Sv, ""), Separator::Semicolon);
        assert_eq!(Separator::for_reader(Lang::Sv, "comma"), Separator::Comma);
        assert_eq!(Separator::for_reader(Lang::En, ""), Separator::Comma);
        assert_eq!(
            Separator::for_reader(Lang::En, "semicolon"),
            Separator::Semicolon
        );
        assert_eq!(Separator::Semicolon.decimal(56.5), "56,5");
        assert_eq!(Separator::Comma.decimal(56.5), "56.5");
        let mut w = writer(Separator::Semicolon);
        w.write_record(["Malå", "1,5"]).unwrap();
        let bytes = w.into_inner().unwrap();
        assert_eq!(bytes, "\u{feff}Malå;1,5\n".as_bytes());
        assert_eq!(safe("=1+1"), "'=1+1");
        assert_eq!(safe("+46 70 123"), "+46 70 123");
        assert_eq!(safe("-1+2"), "'-1+2");
        assert_eq!(safe("Anna"), "Anna");
    }
}
