//! Invitee lists as offices type them: XLSX, XLSB, XLS and ODS workbooks (calamine) and CSV
//! files in any encoding Excel writes (encoding_rs), turned into the model's invitees.
//!
//! The steps, each in its own file: the file is checked and recognised by its content (here),
//! read into a [`Grid`] of cells ([`text`] for CSV, [`workbook`] for workbooks: merged cells
//! filled down, formulas without a value and error cells kept as such, the used range bounded),
//! then read as a table ([`table`]: the header found among title rows, section rows made
//! groups, totals and signatures skipped, every skipped row listed) whose cells are cleaned
//! ([`clean`]: forms of address, phone numbers, the combined "Chức vụ, đơn vị" column).
//! [`legacy`] converts text typed in TCVN3 and VNI; `crate::office::xlsx` writes the lists back out.

mod clean;
pub mod legacy;
mod table;
mod text;
mod workbook;

use std::io::Read;
use std::path::Path;

use serde_json::{Map, Value};

use crate::i18n::lists::ListMsg;
use crate::i18n::{Lang, Text};
use crate::problem::{Place, Problem, Problems};

pub use table::COLUMNS;

/// The most rows a list may have: a hundred times the largest conference, small enough that
/// reading it cannot exhaust an office PC.
pub const MAX_ROWS: usize = 100_000;

/// The largest list file read.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The most one part of a workbook (a sheet, the shared strings) may hold once decompressed,
/// and all its parts together: a sheet of 100,000 rows of ten columns takes about 40 MB.
pub const MAX_PART_BYTES: u64 = 128 * 1024 * 1024;
pub const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;

/// How to read a list.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The sheet to read; the first when none.
    pub sheet: Option<String>,
    /// The header's row, 1-based as the spreadsheet shows it, when the guess is wrong.
    pub header_row: Option<usize>,
}

/// The invitees read from one sheet.
#[derive(Debug, Default)]
pub struct Sheet {
    /// One object per invitee, with the model's keys.
    pub invitees: Vec<Map<String, Value>>,
    /// For each invitee: its row's place and each field's cell, to name them in messages.
    pub places: Vec<RowPlaces>,
    /// What was read, for the summary.
    pub report: ListReport,
    /// Things worth knowing that do not stop the import: columns ignored, text converted.
    pub warnings: Vec<Problem>,
    /// Cells that could not be read; the rows are kept (without them) so that everything
    /// else wrong with the list is reported in the same run.
    pub problems: Vec<Problem>,
}

/// What reading a list found, for the clerk to see: nothing is skipped silently.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ListReport {
    /// The file as named in the model.
    pub file: String,
    pub sheet: Option<String>,
    /// The text encoding of a CSV file: "UTF-8", "Windows-1258" …
    pub encoding: Option<&'static str>,
    /// The header's row, 1-based.
    pub header_row: usize,
    /// How many rows became invitees.
    pub invitees: usize,
    /// The section rows that became groups: their row and the group's name, in order.
    pub groups: Vec<(usize, String)>,
    /// The rows that were not read, in order.
    pub skipped: Vec<Skipped>,
    /// The cells (`C7`) whose text was typed in TCVN3 or VNI and read converted, in order.
    pub converted: Vec<String>,
}

/// A row that was not read as an invitee nor as a group, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The first and last rows of a run of rows skipped for one reason, 1-based as the
    /// spreadsheet shows them.
    pub first: usize,
    pub last: usize,
    pub why: Skip,
    /// The row's first text, shortened, to recognise it by.
    pub text: Option<String>,
}

/// Why a row was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Above the header: titles, "Kèm theo …".
    AboveHeader,
    /// The row under the header that numbers its columns: (1), (2) …
    ColumnNumbers,
    /// The second row of a header of two rows.
    SecondHeaderRow,
    /// The header typed again lower down.
    RepeatedHeader,
    /// Nothing in it, or only a row number.
    Empty,
    /// Text only in columns that are not read.
    NothingRead,
    /// "Tổng cộng …", "Cộng: …".
    Total,
    /// "Người lập biểu", "Ký tên", a date line, "Nơi nhận": the table ends there.
    Footer,
    /// Below the footer.
    AfterEnd,
}

impl ListReport {
    /// The summary `check` and `import` print: what became invitees and groups, and which rows
    /// were skipped and why.
    pub fn summary(&self, lang: Lang) -> Vec<String> {
        let mut lines = vec![
            ListMsg::SummaryRead {
                file: match &self.sheet {
                    Some(sheet) => format!("{} ({sheet})", self.file),
                    None => self.file.clone(),
                },
                header: self.header_row,
                invitees: self.invitees,
                encoding: self
                    .encoding
                    .map(|e| ListMsg::SummaryEncoding { encoding: e.into() }.text(lang))
                    .unwrap_or_default(),
            }
            .text(lang),
        ];
        if !self.groups.is_empty() {
            let groups = self
                .groups
                .iter()
                .map(|(row, name)| format!("{row} \"{name}\""))
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(
                ListMsg::SummaryGroups {
                    count: self.groups.len(),
                    groups,
                }
                .text(lang),
            );
        }
        if !self.skipped.is_empty() {
            lines.push(
                ListMsg::SummarySkipped {
                    count: self.skipped.iter().map(|s| s.last + 1 - s.first).sum(),
                    rows: skipped_rows(&self.skipped, lang),
                }
                .text(lang),
            );
        }
        lines
    }
}

/// The skipped rows in words, runs of one reason together: `1–2 (above the header: "DANH
/// SÁCH …"); 8 (empty); 14 (total)`.
fn skipped_rows(skipped: &[Skipped], lang: Lang) -> String {
    let mut runs: Vec<(usize, usize, Skip, Option<&str>)> = Vec::new();
    for s in skipped {
        match runs.last_mut() {
            Some((_, last, why, _)) if *why == s.why && *last + 1 == s.first => *last = s.last,
            _ => runs.push((s.first, s.last, s.why, s.text.as_deref())),
        }
    }
    runs.iter()
        .map(|&(first, last, why, text)| {
            let rows = if first == last {
                first.to_string()
            } else {
                format!("{first}–{last}")
            };
            let reason = reason(why).text(lang);
            match text {
                Some(text) if why != Skip::AfterEnd => format!("{rows} ({reason}: \"{text}\")"),
                _ => format!("{rows} ({reason})"),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn reason(why: Skip) -> ListMsg {
    match why {
        Skip::AboveHeader => ListMsg::SkipAboveHeader,
        Skip::ColumnNumbers => ListMsg::SkipColumnNumbers,
        Skip::SecondHeaderRow => ListMsg::SkipSecondHeaderRow,
        Skip::RepeatedHeader => ListMsg::SkipRepeatedHeader,
        Skip::Empty => ListMsg::SkipEmpty,
        Skip::NothingRead => ListMsg::SkipNothingRead,
        Skip::Total => ListMsg::SkipTotal,
        Skip::Footer => ListMsg::SkipFooter,
        Skip::AfterEnd => ListMsg::SkipAfterEnd,
    }
}

/// Where an invitee's row and cells are.
#[derive(Debug, Default, Clone)]
pub struct RowPlaces {
    pub row: Place,
    pub cells: Vec<(&'static str, Place)>,
}

impl RowPlaces {
    /// The cell of `field`, or the row when the field came from no cell.
    pub fn of(&self, field: &str) -> &Place {
        self.cells
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(&self.row, |(_, c)| c)
    }
}

/// A cell as read: its value as the spreadsheet holds it, so that each column can decide what
/// a number or a date means there.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date (or time) as Vietnamese write it: "16/10/2025", "16/10/2025 08:30".
    Date(String),
    Bool(bool),
    /// An Excel error value such as #REF!.
    Error(String),
    /// A formula whose value was never computed (the file was written by a program, not
    /// saved by Excel): reading it as empty would hide it.
    Uncomputed(String),
}

impl Cell {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// The rows of a sheet that hold something, in order, each with its 0-based row and its
/// non-empty cells by 0-based column, in order. Only what is there is kept, so that a sheet
/// with one cell at A1 and one at XFD1048576 takes two cells, not sixteen billion.
type Grid = Vec<(usize, Vec<(usize, Cell)>)>;

/// What a list file holds, told by its first bytes rather than its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Xlsb,
    Ods,
    /// The compound file of Excel 97–2003.
    Xls,
    Text,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Xlsx => "Excel (.xlsx)",
            Kind::Xlsb => "Excel (.xlsb)",
            Kind::Ods => "OpenDocument (.ods)",
            Kind::Xls => "Excel 97–2003 (.xls)",
            Kind::Text => "CSV",
        }
    }

    /// Whether a file of this kind may be named with `extension`.
    fn fits(self, extension: &str) -> bool {
        match self {
            Kind::Xlsx => matches!(extension, "xlsx" | "xlsm"),
            Kind::Xlsb => extension == "xlsb",
            Kind::Ods => extension == "ods",
            Kind::Xls => extension == "xls",
            Kind::Text => matches!(extension, "csv" | "txt" | "tsv"),
        }
    }
}

/// Reads the invitees of `path`, naming it `shown` in messages. Errors are what stops reading
/// altogether (no file, no sheet, no header); bad cells are in the sheet's `problems`.
pub fn read(path: &Path, shown: &str, options: &Options) -> Result<Sheet, Problems> {
    let file_place = || Place::File(shown.to_string());
    let fail = |message: Text| Problems::one(Problem::error(file_place(), message));
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bytes = read_bytes(path, shown)?;
    let kind = sniff(&bytes, &extension).map_err(|m| fail(m.into()))?;
    let mut warnings = Vec::new();
    if !extension.is_empty() && !kind.fits(&extension) {
        warnings.push(Problem::warning(
            file_place(),
            ListMsg::NamedAsOther {
                kind: kind.name().into(),
                extension: extension.clone(),
            },
        ));
    }
    let (grid, sheet_name, encoding) = match kind {
        Kind::Text => {
            if let Some(sheet) = &options.sheet {
                warnings.push(Problem::warning(
                    file_place(),
                    ListMsg::SheetOfCsv {
                        sheet: sheet.clone(),
                    },
                ));
            }
            let read = text::read_csv(&bytes, shown)?;
            (read.grid, None, Some(read.encoding))
        }
        _ => {
            let read = workbook::read(bytes, kind, shown, options.sheet.as_deref())?;
            (read.grid, Some(read.sheet), None)
        }
    };
    let mut sheet = table::read(&grid, shown, sheet_name.as_deref(), options.header_row)?;
    warnings.append(&mut sheet.warnings);
    sheet.warnings = warnings;
    sheet.report.file = shown.to_string();
    sheet.report.sheet = sheet_name;
    sheet.report.encoding = encoding;
    Ok(sheet)
}

/// The file's bytes: a regular file (a pipe or a device would block or never end), no larger
/// than [`MAX_FILE_BYTES`].
fn read_bytes(path: &Path, shown: &str) -> Result<Vec<u8>, Problems> {
    let fail =
        |message: Text| Problems::one(Problem::error(Place::File(shown.to_string()), message));
    let cannot = |e: std::io::Error| {
        fail(Text::each(|l| {
            ListMsg::CannotRead {
                error: crate::i18n::build::io_error(&e, l),
            }
            .text(l)
        }))
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return Err(fail(ListMsg::IsAFolder.into()));
    }
    if !meta.is_file() {
        return Err(fail(ListMsg::NotAFile.into()));
    }
    let too_large = || {
        fail(
            ListMsg::FileTooLarge {
                max: megabytes(MAX_FILE_BYTES),
            }
            .into(),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

/// What the bytes are: a zip (XLSX, XLSB or ODS, told apart by their parts), the compound file
/// of an XLS, or text. A web page or an XML spreadsheet named .xls, as some programs export
/// "to Excel", is refused with what to do.
fn sniff(bytes: &[u8], extension: &str) -> Result<Kind, ListMsg> {
    if bytes.starts_with(b"PK\x03\x04") {
        return workbook::zip_kind(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // Excel wraps a workbook saved with a password in such a compound file.
        if matches!(extension, "xlsx" | "xlsm" | "xlsb") {
            return Err(ListMsg::Encrypted);
        }
        return Ok(Kind::Xls);
    }
    let start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |at| &bytes[at..]);
    if start.first() == Some(&b'<') {
        return Err(ListMsg::WebPage);
    }
    if matches!(extension, "csv" | "txt" | "tsv")
        || !matches!(extension, "xlsx" | "xlsm" | "xlsb" | "xls" | "ods")
    {
        if bytes.is_empty() || text::looks_like_text(bytes) {
            return Ok(Kind::Text);
        }
        return Err(ListMsg::NotAList);
    }
    // Named as a workbook but holding text: a CSV renamed, read as what it is.
    if text::looks_like_text(bytes) {
        return Ok(Kind::Text);
    }
    Err(ListMsg::NotAWorkbook)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_rows_are_told_in_runs() {
        let s = |row, why, text: Option<&str>| Skipped {
            first: row,
            last: row,
            why,
            text: text.map(String::from),
        };
        let text = skipped_rows(
            &[
                s(1, Skip::AboveHeader, Some("DANH SÁCH")),
                s(2, Skip::AboveHeader, Some("(Kèm theo)")),
                s(8, Skip::Empty, None),
                s(14, Skip::Total, Some("Tổng cộng: 09")),
                s(16, Skip::Footer, Some("Người lập biểu")),
                s(17, Skip::AfterEnd, Some("Nguyễn Thị B")),
                s(18, Skip::AfterEnd, None),
            ],
            Lang::En,
        );
        assert_eq!(
            text,
            "1–2 (above the header: \"DANH SÁCH\"); 8 (empty); 14 (total: \"Tổng cộng: 09\"); \
             16 (signature or footer, where the table ends: \"Người lập biểu\"); 17–18 (below the end of the table)"
        );
    }

    #[test]
    fn files_are_told_by_their_content() {
        let compound = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";
        assert_eq!(sniff(compound, "xls"), Ok(Kind::Xls));
        // A workbook saved with a password.
        assert_eq!(sniff(compound, "xlsx"), Err(ListMsg::Encrypted));
        assert_eq!(
            sniff("Họ và tên;Đơn vị\n".as_bytes(), "csv"),
            Ok(Kind::Text)
        );
        assert_eq!(sniff(b"<html><table>", "xls"), Err(ListMsg::WebPage));
        assert_eq!(
            sniff(b"\x00\x01\x02\x03\xFF", "xlsx"),
            Err(ListMsg::NotAWorkbook)
        );
    }
}
