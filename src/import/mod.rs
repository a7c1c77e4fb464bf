//! Invitee lists from spreadsheets: XLSX, XLS and ODS (calamine) and CSV (csv). Columns are
//! recognised by their Vietnamese headers however they are written; every bad cell is
//! reported with its address; text typed in the legacy TCVN3 and VNI encodings is converted.

pub mod legacy;

use std::path::Path;

use calamine::{Data, Reader};
use serde_json::{Map, Value};

use crate::i18n::Text;
use crate::i18n::lists::ListMsg;
use crate::problem::{Place, Problem, Problems};
use crate::vn::{self, HONORIFICS};

/// The invitee fields a column can fill, with the headers (folded: no diacritics, lower
/// case, single spaces) that name them. "stt" is the row number every Vietnamese list has.
pub const COLUMNS: &[(&str, &[&str])] = &[
    ("stt", &["stt", "tt", "so tt", "so thu tu"]),
    ("id", &["id", "ma", "ma so", "ma dai bieu", "ma khach moi"]),
    (
        "honorific",
        &["danh xung", "xung ho", "xung danh", "honorific"],
    ),
    (
        "name",
        &[
            "ho va ten",
            "ho ten",
            "ho va ten dai bieu",
            "ten dai bieu",
            "dai bieu",
            "ten",
            "name",
        ],
    ),
    ("position", &["chuc vu", "chuc danh", "position"]),
    (
        "organization",
        &[
            "don vi",
            "co quan",
            "don vi cong tac",
            "co quan don vi",
            "noi cong tac",
            "to chuc",
            "organization",
        ],
    ),
    (
        "attendees",
        &["thanh phan", "thanh phan du", "nguoi du", "attendees"],
    ),
    ("group", &["nhom", "khoi", "nhom dai bieu", "group"]),
    ("order", &["thu tu", "thu tu uu tien", "order"]),
    ("seat", &["cho ngoi", "vi tri", "vi tri ngoi", "seat"]),
    (
        "phone",
        &["dien thoai", "so dien thoai", "sdt", "so dt", "dt", "phone"],
    ),
    ("address", &["dia chi", "address"]),
    ("comment", &["ghi chu", "note", "comment"]),
];

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
    /// The header's row, 1-based.
    pub header_row: usize,
    /// How many rows became invitees.
    pub invitees: usize,
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

/// Reads the invitees of `path`, naming it `shown` in messages. Errors are what stops reading
/// altogether (no file, no sheet, no header); bad cells are in the sheet's `problems`.
pub fn read(path: &Path, shown: &str, options: &Options) -> Result<Sheet, Problems> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (grid, sheet_name) = match extension.as_str() {
        "csv" | "txt" => (read_csv(path, shown)?, None),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => {
            let (grid, name) = read_workbook(path, shown, options.sheet.as_deref())?;
            (grid, Some(name))
        }
        _ => {
            return Err(Problem::error(Place::File(shown.to_string()), ListMsg::NotAList).into());
        }
    };
    let mut sheet = parse_grid(&grid, shown, sheet_name.as_deref())?;
    sheet.report.file = shown.to_string();
    sheet.report.sheet = sheet_name;
    Ok(sheet)
}

/// A cell as read: its text, or why it has none.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    /// An Excel error value such as #N/A.
    Error(String),
}

/// The rows of a sheet, each cell with its 0-based (row, column) in the sheet.
type Grid = Vec<(usize, Vec<(usize, Cell)>)>;

fn read_workbook(
    path: &Path,
    shown: &str,
    sheet: Option<&str>,
) -> Result<(Grid, String), Problems> {
    let fail =
        |message: Text| Problems::one(Problem::error(Place::File(shown.to_string()), message));
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| {
        fail(
            ListMsg::CannotReadWorkbook {
                error: e.to_string(),
            }
            .into(),
        )
    })?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                fail(
                    ListMsg::NoSuchSheet {
                        wanted: wanted.to_string(),
                        sheets: names.join(", "),
                    }
                    .into(),
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| fail(ListMsg::NoSheet.into()))?,
    };
    let range = workbook.worksheet_range(&name).map_err(|e| {
        fail(
            ListMsg::CannotReadSheet {
                sheet: name.clone(),
                error: e.to_string(),
            }
            .into(),
        )
    })?;
    let (top, left) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let grid = range
        .rows()
        .enumerate()
        .map(|(r, row)| {
            let cells = row
                .iter()
                .enumerate()
                .map(|(c, data)| (left + c, cell(data)))
                .collect();
            (top + r, cells)
        })
        .collect();
    Ok((grid, name))
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Text(i.to_string()),
        // Whole numbers typed in Excel come back as floats: 5.0 is "5".
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            Cell::Text(format!("{}", *f as i64))
        }
        Data::Float(f) => Cell::Text(f.to_string()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(d) => Cell::Text(d.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A CSV file: UTF-8 with or without a BOM, fields separated by `;` or `,` (whichever the
/// header line uses more). Bytes that are not UTF-8 are read as Windows-1252, which is how
/// legacy TCVN3 and VNI files arrive; their text is then converted like spreadsheet cells.
fn read_csv(path: &Path, shown: &str) -> Result<Grid, Problems> {
    let bytes = std::fs::read(path).map_err(|e| {
        Problems::one(Problem::error(
            Place::File(shown.to_string()),
            ListMsg::CannotRead {
                error: e.to_string(),
            },
        ))
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| legacy::windows_1252(b)).collect(),
    };
    let header = text.lines().next().unwrap_or("");
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(r + 1, |p| p.line() as usize);
            Problems::one(Problem::error(
                Place::Line {
                    file: shown.to_string(),
                    line,
                },
                ListMsg::CannotReadCsvLine {
                    error: e.to_string(),
                },
            ))
        })?;
        let cells = record
            .iter()
            .enumerate()
            .map(|(c, text)| {
                (
                    c,
                    if text.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(text.to_string())
                    },
                )
            })
            .collect();
        grid.push((r, cells));
    }
    Ok(grid)
}

/// The header is the first row with any text; each row after it with any text is an invitee.
fn parse_grid(grid: &Grid, shown: &str, sheet: Option<&str>) -> Result<Sheet, Problems> {
    let cell_at = |row: usize, column: usize| cell_ref(shown, sheet, row, column);
    let mut problems = Vec::new();
    let mut sheet_out = Sheet::default();
    let mut rows = grid
        .iter()
        .filter(|(_, cells)| cells.iter().any(|(_, c)| *c != Cell::Empty));
    let Some((header_row, header)) = rows.next() else {
        return Err(Problem::error(sheet_place(shown, sheet), ListMsg::EmptySheet).into());
    };
    sheet_out.report.header_row = header_row + 1;

    // Which field each column fills.
    let mut columns: Vec<(usize, &'static str)> = Vec::new();
    for (c, cell) in header {
        let Cell::Text(title) = cell else { continue };
        let folded = vn::fold(title, ' ');
        match COLUMNS
            .iter()
            .find(|(_, names)| names.contains(&folded.as_str()))
        {
            Some((field, _)) if columns.iter().any(|(_, f)| f == field) => {
                problems.push(Problem::error(
                    cell_at(*header_row, *c),
                    ListMsg::SecondColumn {
                        title: title.clone(),
                        field: field.to_string(),
                    },
                ))
            }
            Some((field, _)) => columns.push((*c, field)),
            None => sheet_out.warnings.push(Problem::warning(
                cell_at(*header_row, *c),
                ListMsg::UnknownColumn {
                    title: title.clone(),
                },
            )),
        }
    }
    if !columns
        .iter()
        .any(|(_, f)| matches!(*f, "name" | "organization"))
    {
        return Err(Problem::error(
            Place::Row {
                file: shown.to_string(),
                sheet: sheet.map(String::from),
                row: header_row + 1,
            },
            ListMsg::NoNameColumn,
        )
        .into());
    }

    let mut converted = Vec::new();
    for (r, cells) in rows {
        let mut invitee = Map::new();
        let mut places = RowPlaces {
            row: Place::Row {
                file: shown.to_string(),
                sheet: sheet.map(String::from),
                row: r + 1,
            },
            cells: Vec::new(),
        };
        for (c, cell) in cells {
            let Some(&(_, field)) = columns.iter().find(|(col, _)| col == c) else {
                continue;
            };
            let place = cell_at(*r, *c);
            let text = match cell {
                Cell::Empty => continue,
                Cell::Error(e) => {
                    problems.push(Problem::error(
                        place,
                        ListMsg::SpreadsheetError { error: e.clone() },
                    ));
                    continue;
                }
                Cell::Text(text) => text.trim(),
            };
            if text.is_empty() || field == "stt" {
                continue;
            }
            let text = match legacy::convert(text) {
                Some((unicode, encoding)) => {
                    converted.push(format!(
                        "{} ({}: \"{text}\" → \"{unicode}\")",
                        place.text(crate::i18n::Lang::Vi),
                        encoding.name()
                    ));
                    unicode
                }
                None => text.to_string(),
            };
            let value = match field {
                "honorific" => Value::String(honorific(&text)),
                "seat" => match seat(&text) {
                    Some(seat) => Value::String(seat.into()),
                    None => {
                        problems.push(Problem::error(place, ListMsg::NotASeat { value: text }));
                        continue;
                    }
                },
                "order" => match text.parse::<u32>() {
                    Ok(n) => Value::from(n),
                    Err(_) => {
                        problems.push(Problem::error(place, ListMsg::NotAnOrder { value: text }));
                        continue;
                    }
                },
                _ => Value::String(text),
            };
            invitee.insert(field.to_string(), value);
            places.cells.push((field, place));
        }
        sheet_out.invitees.push(invitee);
        sheet_out.places.push(places);
    }
    sheet_out.report.invitees = sheet_out.invitees.len();
    if !converted.is_empty() {
        sheet_out.warnings.push(Problem::warning(
            sheet_place(shown, sheet),
            ListMsg::LegacyConverted {
                count: converted.len(),
                cells: converted.join("; "),
            },
        ));
    }
    sheet_out.problems = problems;
    Ok(sheet_out)
}

/// The file, with its sheet when it has sheets.
fn sheet_place(shown: &str, sheet: Option<&str>) -> Place {
    Place::Sheet {
        file: shown.to_string(),
        sheet: sheet.map(String::from),
    }
}

/// The forms of address as people type them: any case, and "Đ/c" for "Đồng chí". Anything
/// else is kept as typed, for validation to report.
fn honorific(text: &str) -> String {
    let lower = text.to_lowercase();
    if matches!(lower.as_str(), "đ/c" | "đc" | "đ/chí") {
        return "Đồng chí".into();
    }
    HONORIFICS
        .iter()
        .find(|h| h.to_lowercase() == lower)
        .map_or_else(|| text.to_string(), |h| h.to_string())
}

/// "Chủ tọa" (the head table) or "Hàng đầu" (the front rows), written any way.
fn seat(text: &str) -> Option<&'static str> {
    match vn::fold(text, ' ').as_str() {
        "chu toa" | "doan chu tich" | "head" => Some("head"),
        "hang dau" | "hang ghe dau" | "front" => Some("front"),
        _ => None,
    }
}

/// The cell at the 0-based (row, column): `B17`.
fn cell_ref(shown: &str, sheet: Option<&str>, row: usize, column: usize) -> Place {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    Place::Cell {
        file: shown.to_string(),
        sheet: sheet.map(String::from),
        cell: format!("{letters}{}", row + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        rows.iter()
            .enumerate()
            .map(|(r, cells)| {
                let cells = cells
                    .iter()
                    .enumerate()
                    .map(|(c, t)| {
                        (
                            c,
                            if t.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(t.to_string())
                            },
                        )
                    })
                    .collect();
                (r, cells)
            })
            .collect()
    }

    #[test]
    fn cell_references_are_spreadsheet_style() {
        let cell = |r, c| match cell_ref("a.xlsx", None, r, c) {
            Place::Cell { cell, .. } => cell,
            other => panic!("{other:?}"),
        };
        assert_eq!(cell(16, 1), "B17");
        assert_eq!(cell(0, 25), "Z1");
        assert_eq!(cell(0, 26), "AA1");
        assert_eq!(cell(0, 701), "ZZ1");
    }

    fn at(place: &Place) -> String {
        place.text(crate::i18n::Lang::En)
    }

    #[test]
    fn headers_are_matched_with_or_without_diacritics_in_any_case() {
        let g = grid(&[
            &[
                "STT",
                "HO VA TEN",
                "chức vụ",
                "Cơ quan",
                "Danh xưng",
                "Ghi chú",
            ],
            &["1", "Lê Văn An", "Giám đốc", "Sở Y tế", "ông", "x"],
        ]);
        let sheet = parse_grid(&g, "a.csv", None).unwrap();
        let inv = &sheet.invitees[0];
        assert_eq!(inv["name"], "Lê Văn An");
        assert_eq!(inv["position"], "Giám đốc");
        assert_eq!(inv["organization"], "Sở Y tế");
        assert_eq!(inv["honorific"], "Ông");
        assert_eq!(inv["comment"], "x");
        assert!(!inv.contains_key("stt"));
        assert_eq!(at(sheet.places[0].of("position")), "a.csv, cell C2");
        assert!(sheet.warnings.is_empty());
    }

    #[test]
    fn unknown_columns_are_reported_and_the_header_may_start_lower() {
        let g = grid(&[&["", ""], &["Họ tên", "Sở thích"], &["A", "cờ tướng"]]);
        let sheet = parse_grid(&g, "a.csv", None).unwrap();
        assert_eq!(sheet.invitees.len(), 1);
        assert_eq!(sheet.warnings.len(), 1);
        assert_eq!(at(&sheet.warnings[0].place), "a.csv, cell B2");
        assert!(
            sheet.warnings[0]
                .message
                .en
                .contains("\"Sở thích\" is not one hoinghi knows")
        );
    }

    #[test]
    fn a_sheet_without_a_name_or_unit_column_is_an_error() {
        let e = parse_grid(&grid(&[&["STT", "Chức vụ"], &["1", "x"]]), "a.csv", None).unwrap_err();
        assert_eq!(at(&e.0[0].place), "a.csv, row 1");
    }

    #[test]
    fn every_bad_cell_is_reported() {
        let g = grid(&[
            &["Họ và tên", "Chỗ ngồi", "Thứ tự"],
            &["A", "ban công", "1"],
            &["B", "Chủ tọa", "hai"],
            &["C", "hàng đầu", ""],
        ]);
        let e = parse_grid(&g, "a.csv", Some("DS")).unwrap().problems;
        let places: Vec<String> = e.iter().map(|p| at(&p.place)).collect();
        assert_eq!(
            places,
            [
                "a.csv, sheet \"DS\", cell B2",
                "a.csv, sheet \"DS\", cell C3"
            ]
        );
    }

    #[test]
    fn seats_and_honorifics_are_understood_as_people_write_them() {
        assert_eq!(seat("Chủ tọa"), Some("head"));
        assert_eq!(seat("CHU TOA"), Some("head"));
        assert_eq!(seat("Hàng ghế đầu"), Some("front"));
        assert_eq!(honorific("đ/c"), "Đồng chí");
        assert_eq!(honorific("BÀ"), "Bà");
        assert_eq!(honorific("Ong"), "Ong");
    }
}
