//! The one problem type of the whole program: what is wrong, where, how bad, and what to do.
//! Every stage reports problems as values; only the edge (the command line, the web page)
//! puts them into words, in the language of the run.

use std::fmt;

use crate::i18n::places::{PlaceMsg, model_place};
use crate::i18n::{Lang, Text};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; the work goes on.
    Warning,
    /// The work cannot be done as asked.
    Error,
}

/// Where a problem is, as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Place {
    /// The run as a whole.
    #[default]
    Nowhere,
    /// A part of the model, by its JSON path (`invitees[3].honorific`; empty for the model).
    Model(String),
    /// A point in a text file: 1-based line and column, and the text of that line to show
    /// with a caret under the column.
    Source {
        file: String,
        line: usize,
        column: usize,
        text: String,
    },
    /// A spreadsheet, or one of its sheets.
    Sheet { file: String, sheet: Option<String> },
    /// A line of a text file (a CSV line).
    Line { file: String, line: usize },
    /// A cell of a spreadsheet (`C7`); `sheet` is none for a CSV file.
    Cell {
        file: String,
        sheet: Option<String>,
        cell: String,
    },
    /// A row of a spreadsheet, 1-based as the spreadsheet shows it.
    Row {
        file: String,
        sheet: Option<String>,
        row: usize,
    },
    /// A file or folder.
    File(String),
    /// A template: a file of the override folder or a built-in one, and a line if known.
    Template { origin: Origin, line: Option<usize> },
    /// A command-line option: `--invitee`.
    Arg(&'static str),
    /// An environment variable.
    Env(&'static str),
}

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn(String),
    File(String),
}

impl Place {
    pub fn model(path: impl Into<String>) -> Self {
        Self::Model(path.into())
    }

    pub fn file(path: impl AsRef<std::path::Path>) -> Self {
        Self::File(path.as_ref().display().to_string())
    }

    /// The place in words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let sheet_of = |file: &str, sheet: &Option<String>| match sheet {
            Some(sheet) => PlaceMsg::Sheet {
                file: file.to_string(),
                sheet: sheet.clone(),
            }
            .text(lang),
            None => file.to_string(),
        };
        match self {
            Self::Nowhere => String::new(),
            Self::Model(path) => model_place(path, lang),
            Self::Source {
                file, line, column, ..
            } => PlaceMsg::LineColumn {
                file: file.clone(),
                line: *line,
                column: *column,
            }
            .text(lang),
            Self::Sheet { file, sheet } => sheet_of(file, sheet),
            Self::Line { file, line } => PlaceMsg::Line {
                file: file.clone(),
                line: *line,
            }
            .text(lang),
            Self::Cell { file, sheet, cell } => PlaceMsg::Cell {
                sheet: sheet_of(file, sheet),
                cell: cell.clone(),
            }
            .text(lang),
            Self::Row { file, sheet, row } => PlaceMsg::Row {
                sheet: sheet_of(file, sheet),
                row: *row,
            }
            .text(lang),
            Self::File(path) => path.clone(),
            Self::Template { origin, line } => {
                let file = match origin {
                    Origin::BuiltIn(name) => PlaceMsg::BuiltIn { name: name.clone() }.text(lang),
                    Origin::File(path) => path.clone(),
                };
                match line {
                    Some(line) => PlaceMsg::Line { file, line: *line }.text(lang),
                    None => file,
                }
            }
            Self::Arg(name) => PlaceMsg::Arg {
                name: name.to_string(),
            }
            .text(lang),
            Self::Env(name) => PlaceMsg::Env {
                name: name.to_string(),
            }
            .text(lang),
        }
    }

    /// The JSON path of a place in the model, for the web page's fields.
    pub fn model_path(&self) -> Option<&str> {
        match self {
            Self::Model(path) => Some(path),
            _ => None,
        }
    }
}

impl From<&std::path::Path> for Place {
    fn from(path: &std::path::Path) -> Self {
        Self::file(path)
    }
}

/// One thing wrong with the input or the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub place: Place,
    pub message: Text,
    /// What to do about it, when the message alone does not say.
    pub hints: Vec<Text>,
}

impl Problem {
    pub fn error(place: impl Into<Place>, message: impl Into<Text>) -> Self {
        Self {
            severity: Severity::Error,
            place: place.into(),
            message: message.into(),
            hints: Vec::new(),
        }
    }

    pub fn warning(place: impl Into<Place>, message: impl Into<Text>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(place, message)
        }
    }

    /// The problem with a hint added.
    pub fn hint(mut self, hint: impl Into<Text>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// The same problem as a warning.
    pub fn as_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// The same problem at another place.
    pub fn at(mut self, place: Place) -> Self {
        self.place = place;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `place: message` in `lang`, without the severity and the hints.
    pub fn text(&self, lang: Lang) -> String {
        let place = self.place.text(lang);
        let message = self.message.get(lang);
        if place.is_empty() {
            message.to_string()
        } else {
            format!("{place}: {message}")
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.text(Lang::Vi))
    }
}

/// Problems found together: a stage reports all it finds before failing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn one(problem: Problem) -> Self {
        Self(vec![problem])
    }

    /// Every value of `results`, or every problem of all of them: independent steps report
    /// together. The same problem found by several steps (a template's mistake met by every
    /// invitation) is reported once.
    pub fn gather<T>(
        results: impl IntoIterator<Item = Result<T, Problems>>,
    ) -> Result<Vec<T>, Problems> {
        let mut values = Vec::new();
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for result in results {
            match result {
                Ok(value) => values.push(value),
                Err(p) => problems.extend(
                    p.0.into_iter()
                        .filter(|p| seen.insert((p.severity, p.text(Lang::En)))),
                ),
            }
        }
        if problems.is_empty() {
            Ok(values)
        } else {
            Err(Self(problems))
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        self.0.extend(problems);
    }

    /// Ok when nothing was found, else all of it.
    pub fn into_result(self) -> Result<(), Problems> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl From<Problem> for Problems {
    fn from(problem: Problem) -> Self {
        Self::one(problem)
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// A value as it appears in a message: in double quotes, with invisible characters spelled out.
pub fn quote(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_invisible(c) || c.is_whitespace() && c != ' ' => {
                out.push_str(&format!("\\u{{{:04X}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Control characters (but the whitespace that is folded to spaces), and the format characters
/// that hide text or reverse it: zero-width, soft hyphen, bidi controls, BOM.
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && !matches!(c, ' ' | '\t' | '\n' | '\r'))
        || matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Text cut to `max` characters, with "…" where it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        text.chars().take(max).chain("…".chars()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_in_the_language_of_the_run() {
        let cell = Place::Cell {
            file: "dai-bieu.xlsx".into(),
            sheet: Some("Danh sách".into()),
            cell: "C7".into(),
        };
        assert_eq!(
            cell.text(Lang::Vi),
            "dai-bieu.xlsx, trang \"Danh sách\", ô C7"
        );
        assert_eq!(
            cell.text(Lang::En),
            "dai-bieu.xlsx, sheet \"Danh sách\", cell C7"
        );
        let source = Place::Source {
            file: "m.json".into(),
            line: 12,
            column: 5,
            text: String::new(),
        };
        assert_eq!(source.text(Lang::Vi), "m.json, dòng 12, cột 5");
        assert_eq!(source.text(Lang::En), "m.json:12:5");
    }

    #[test]
    fn quoting_spells_out_what_cannot_be_seen() {
        assert_eq!(quote("A\u{7}B"), "\"A\\u{0007}B\"");
        assert_eq!(quote("say \"x\""), "\"say \\\"x\\\"\"");
    }
}
