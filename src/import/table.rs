//! A grid read as an office's list: the header found among the title rows above it, section
//! rows ("I. LÃNH ĐẠO TỈNH") made groups, totals, footers and signatures skipped, each cell
//! read for its column. Every row is accounted for: an invitee, a group, or skipped with why.

use serde_json::{Map, Value};

use super::clean::{self, Phone};
use super::{Cell, Grid, RowPlaces, Sheet, Skip, Skipped, legacy};
use crate::i18n::Lang;
use crate::i18n::lists::ListMsg;
use crate::problem::{Place, Problem, Problems, quote, shorten};
use crate::vn;

/// The columns a list may have, with the headers (folded: no diacritics, lower case, single
/// spaces, anything in brackets left out) that name them. Most fill the invitee field of their
/// name; "stt" (the row number every Vietnamese list has) and the columns the lists hoinghi
/// writes have for the office ("Xác nhận tham dự", "Ký tên") are known and not read;
/// "position_organization" is a combined "Chức vụ, đơn vị" column, split.
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
        "position_organization",
        &[
            "chuc vu don vi",
            "chuc vu don vi cong tac",
            "chuc vu co quan",
            "chuc vu co quan don vi",
            "chuc vu noi cong tac",
            "chuc danh don vi",
            "chuc danh don vi cong tac",
        ],
    ),
    (
        "attendees",
        &[
            "thanh phan",
            "thanh phan du",
            "thanh phan moi",
            "thanh phan duoc moi",
            "thanh phan tham du",
            "nguoi du",
            "attendees",
        ],
    ),
    ("short", &["chuc danh ngan", "chuc danh bien ten", "short"]),
    ("sends", &["so nguoi du", "so nguoi", "sends"]),
    ("group", &["nhom", "khoi", "nhom dai bieu", "group"]),
    ("order", &["thu tu", "thu tu uu tien", "order"]),
    ("seat", &["cho ngoi", "vi tri", "vi tri ngoi", "seat"]),
    (
        "phone",
        &[
            "dien thoai",
            "so dien thoai",
            "sdt",
            "so dt",
            "dt",
            "dien thoai lien he",
            "phone",
        ],
    ),
    ("address", &["dia chi", "address"]),
    ("comment", &["ghi chu", "note", "comment"]),
    ("confirmation", &["xac nhan tham du", "xac nhan", "tham du"]),
    ("signature", &["ky ten", "chu ky", "ky nhan"]),
];

/// Columns known but not read.
const NOT_READ: [&str; 3] = ["stt", "confirmation", "signature"];

/// Columns that tell who is invited: a header needs one.
const IDENTIFYING: [&str; 4] = ["name", "organization", "attendees", "position_organization"];

/// How far down the header is looked for, in rows holding something.
const HEADER_SEARCH: usize = 30;

/// Fields where a date may be what was meant: anywhere else, a date is Excel's reading of
/// something typed ("1/10" in an address).
const DATE_FIELDS: [&str; 1] = ["comment"];

/// Reads a grid as a list; `header_row` (1-based) overrides the guess.
pub fn read(
    grid: &Grid,
    shown: &str,
    sheet: Option<&str>,
    header_row: Option<usize>,
) -> Result<Sheet, Problems> {
    let at = Places { shown, sheet };
    let header_index = match header_row {
        Some(row) => given_header(grid, row, &at)?,
        None => guess_header(grid, &at)?,
    };
    let (header_row, header) = (grid[header_index].0, &grid[header_index].1);
    let mut table = Table {
        at,
        out: Sheet::default(),
        columns: Vec::new(),
        group: None,
        converted: Vec::new(),
    };
    table.out.report.header_row = header_row + 1;
    // A header of two rows ("Liên hệ" over "Điện thoại" and "Email"): the row under it is its
    // second row when it names columns the first leaves unnamed, and holds nothing else.
    let sub = grid
        .get(header_index + 1)
        .filter(|(row, cells)| *row == header_row + 1 && is_second_header_row(header, cells))
        .map(|(row, cells)| (*row, cells.as_slice()));
    table.map_columns(header_row, header, sub)?;
    for (row, cells) in &grid[..header_index] {
        table.skip(*row, Skip::AboveHeader, first_text(cells));
    }
    let mut body = header_index + 1;
    let mut last_row = header_row;
    if let Some((row, _)) = sub {
        table.skip(row, Skip::SecondHeaderRow, None);
        body += 1;
        last_row = row;
    }
    let mut ended = false;
    for (i, (row, cells)) in grid[body..].iter().enumerate() {
        if *row > last_row + 1 {
            table.skip_rows(last_row + 1, row - 1, Skip::Empty);
        }
        last_row = *row;
        if ended {
            table.skip(*row, Skip::AfterEnd, first_text(cells));
            continue;
        }
        if i == 0 && numbers_columns(cells) {
            table.skip(*row, Skip::ColumnNumbers, None);
            continue;
        }
        match table.classify(cells) {
            Row::Invitee => table.invitee(*row, cells),
            Row::Section(name) => {
                table.out.report.groups.push((*row + 1, name.clone()));
                table.group = Some(name);
            }
            Row::Skip(why) => {
                ended = why == Skip::Footer;
                table.skip(*row, why, first_text(cells));
            }
        }
    }
    Ok(table.finish())
}

/// Names places in the file.
#[derive(Clone, Copy)]
struct Places<'a> {
    shown: &'a str,
    sheet: Option<&'a str>,
}

impl Places<'_> {
    fn sheet(&self) -> Place {
        Place::Sheet {
            file: self.shown.to_string(),
            sheet: self.sheet.map(String::from),
        }
    }

    /// A 0-based row as the spreadsheet numbers it.
    fn row(&self, row: usize) -> Place {
        Place::Row {
            file: self.shown.to_string(),
            sheet: self.sheet.map(String::from),
            row: row + 1,
        }
    }

    /// The cell at the 0-based (row, column): `B17`.
    fn cell(&self, row: usize, column: usize) -> Place {
        Place::Cell {
            file: self.shown.to_string(),
            sheet: self.sheet.map(String::from),
            cell: cell_name(row, column),
        }
    }
}

/// `B17` for the 0-based (16, 1).
pub fn cell_name(row: usize, column: usize) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// The field a header names, if it is one hoinghi knows; a header typed in a legacy encoding
/// is read converted.
fn field_of(title: &str) -> Option<&'static str> {
    let converted = legacy::convert(title);
    let title = converted.as_ref().map_or(title, |(text, _)| text.as_str());
    // "Điện thoại (di động)", "Họ và tên (1)": what is in brackets explains, and is left out.
    let bare: String = {
        let mut depth = 0;
        title
            .chars()
            .filter(|&c| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => return depth == 0,
                }
                false
            })
            .collect()
    };
    let folded = vn::fold(&bare, ' ');
    let folded = if folded.is_empty() {
        vn::fold(title, ' ')
    } else {
        folded
    };
    COLUMNS
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))
        .map(|(field, _)| *field)
}

/// How many cells of a row name known columns, and whether one of them says who is invited.
fn header_score(cells: &[(usize, Cell)]) -> (usize, bool) {
    let fields: Vec<&str> = cells
        .iter()
        .filter_map(|(_, c)| match c {
            Cell::Text(t) => field_of(t),
            _ => None,
        })
        .collect();
    (fields.len(), fields.iter().any(|f| IDENTIFYING.contains(f)))
}

/// The header is the first row with two known columns or more, one of which says who is
/// invited; failing that, the first row with such a column alone. Titles, "Kèm theo …" and
/// merged headings above it are skipped.
fn guess_header(grid: &Grid, at: &Places) -> Result<usize, Problems> {
    if grid.is_empty() {
        return Err(Problem::error(at.sheet(), ListMsg::EmptySheet).into());
    }
    let search = &grid[..grid.len().min(HEADER_SEARCH)];
    let scores: Vec<(usize, bool)> = search.iter().map(|(_, c)| header_score(c)).collect();
    scores
        .iter()
        .position(|&(known, who)| known >= 2 && who)
        .or_else(|| scores.iter().position(|&(_, who)| who))
        .ok_or_else(|| {
            Problem::error(
                at.sheet(),
                ListMsg::NoHeader {
                    rows: search.last().map_or(0, |(r, _)| r + 1),
                },
            )
            .hint(ListMsg::NoHeaderHint)
            .into()
        })
}

/// The header at a row the model or `--header-row` gives (1-based).
fn given_header(grid: &Grid, row: usize, at: &Places) -> Result<usize, Problems> {
    let found = grid.iter().position(|(r, _)| *r + 1 == row);
    let Some(index) = found.filter(|_| row > 0) else {
        return Err(Problem::error(at.sheet(), ListMsg::HeaderRowEmpty { row }).into());
    };
    if !header_score(&grid[index].1).1 {
        return Err(Problem::error(at.row(row - 1), ListMsg::NoNameColumn).into());
    }
    Ok(index)
}

/// Whether a row numbers the columns above it: "(1)", "(2)", "(3)" … or "A", "B", "C" …, as
/// official tables have under their header: three at least, counting up.
fn numbers_columns(cells: &[(usize, Cell)]) -> bool {
    let marks: Vec<Option<u32>> = cells
        .iter()
        .map(|(_, c)| match c {
            Cell::Number(n) if n.fract() == 0.0 && (1.0..=50.0).contains(n) => Some(*n as u32),
            Cell::Text(t) => {
                let t = t.trim().trim_start_matches('(').trim_end_matches(')');
                match t.parse::<u32>() {
                    Ok(n) => Some(n),
                    Err(_) if t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase()) => {
                        t.bytes().next().map(|b| u32::from(b - b'A') + 1)
                    }
                    Err(_) => None,
                }
            }
            _ => None,
        })
        .collect();
    marks.len() >= 3
        && marks
            .iter()
            .enumerate()
            .all(|(i, m)| *m == Some(marks[0].unwrap_or(0) + i as u32))
}

/// The text of the cell at column `c` of a row, if it holds text.
fn text_at(cells: &[(usize, Cell)], c: usize) -> Option<&String> {
    let at = cells.binary_search_by_key(&c, |(col, _)| *col).ok()?;
    match &cells[at].1 {
        Cell::Text(t) => Some(t),
        _ => None,
    }
}

/// Whether the row under the header is its second row: text only, each cell a column name or
/// under a header cell that names none, and one at least naming a column the header leaves
/// unnamed. An invitee's row has values under named columns, never their names.
fn is_second_header_row(header: &[(usize, Cell)], cells: &[(usize, Cell)]) -> bool {
    let names_none = |c: usize| text_at(header, c).is_none_or(|t| field_of(t).is_none());
    let mut adds = false;
    for (c, cell) in cells {
        let Cell::Text(text) = cell else {
            return false;
        };
        match field_of(text) {
            Some(_) => adds |= names_none(*c),
            None if names_none(*c) => {}
            None => return false,
        }
    }
    adds
}

/// The first text of a row, shortened, to name it in the summary.
fn first_text(cells: &[(usize, Cell)]) -> Option<String> {
    cells.iter().find_map(|(_, c)| match c {
        Cell::Text(t) if !t.trim().is_empty() => Some(shorten(t.trim(), 40)),
        _ => None,
    })
}

/// What a row is.
enum Row {
    Invitee,
    /// A section heading: the group's name.
    Section(String),
    Skip(Skip),
}

/// A list being read.
struct Table<'a> {
    at: Places<'a>,
    out: Sheet,
    /// Which field each column fills.
    columns: Vec<(usize, &'static str)>,
    /// The group of the section the rows are in.
    group: Option<String>,
    /// The cells converted from a legacy encoding, for the warning.
    converted: Vec<String>,
}

impl Table<'_> {
    /// Which field each column of the header fills (the second row of a two-row header naming
    /// it, if there is one); a second column for one field is an error, an unknown one a
    /// warning.
    fn map_columns(
        &mut self,
        row: usize,
        header: &[(usize, Cell)],
        second: Option<(usize, &[(usize, Cell)])>,
    ) -> Result<(), Problems> {
        let mut columns: Vec<usize> = header
            .iter()
            .chain(second.map_or(&[][..], |(_, cells)| cells))
            .map(|(c, _)| *c)
            .collect();
        columns.sort_unstable();
        columns.dedup();
        let mut problems = Vec::new();
        for c in columns {
            let top = text_at(header, c).map(|t| (row, t));
            let below = second.and_then(|(r, cells)| text_at(cells, c).map(|t| (r, t)));
            let chosen = [below, top]
                .into_iter()
                .flatten()
                .find_map(|(r, t)| field_of(t).map(|f| (r, t, f)));
            match chosen {
                Some((r, title, field)) if self.columns.iter().any(|(_, f)| *f == field) => {
                    problems.push(Problem::error(
                        self.at.cell(r, c),
                        ListMsg::SecondColumn {
                            title: title.clone(),
                            field: field.to_string(),
                        },
                    ))
                }
                Some((_, _, field)) => self.columns.push((c, field)),
                None => {
                    if let Some((r, title)) = below.or(top) {
                        self.out.warnings.push(Problem::warning(
                            self.at.cell(r, c),
                            ListMsg::UnknownColumn {
                                title: title.clone(),
                            },
                        ));
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Problems(problems))
        }
    }

    /// The field of a column; the columns are kept in order, and a sheet may have thousands.
    fn field(&self, column: usize) -> Option<&'static str> {
        self.columns
            .binary_search_by_key(&column, |(c, _)| *c)
            .ok()
            .map(|i| self.columns[i].1)
    }

    fn skip(&mut self, row: usize, why: Skip, text: Option<String>) {
        self.out.report.skipped.push(Skipped {
            first: row + 1,
            last: row + 1,
            why,
            text,
        });
    }

    /// Skips the 0-based rows `first..=last` at once (a sheet may have a million empty rows).
    fn skip_rows(&mut self, first: usize, last: usize, why: Skip) {
        self.out.report.skipped.push(Skipped {
            first: first + 1,
            last: last + 1,
            why,
            text: None,
        });
    }

    /// Whether a row is an invitee, a section heading, or a row to skip.
    fn classify(&self, cells: &[(usize, Cell)]) -> Row {
        let numbered = cells.iter().any(|(c, cell)| {
            self.field(*c) == Some("stt")
                && match cell {
                    Cell::Number(_) => true,
                    Cell::Text(t) => t.trim().trim_end_matches('.').parse::<u32>().is_ok(),
                    _ => false,
                }
        });
        // A row with a number in the STT column is an invitee, whatever else it holds.
        if numbered {
            return if cells.iter().any(|(c, _)| self.reads(*c)) {
                Row::Invitee
            } else if cells.len() > 1 {
                Row::Skip(Skip::NothingRead)
            } else {
                Row::Skip(Skip::Empty)
            };
        }
        // The header typed again lower down (where a printed list turned a page).
        let (known, who) = header_score(cells);
        if known >= 2 && who {
            return Row::Skip(Skip::RepeatedHeader);
        }
        let texts: Vec<&str> = cells
            .iter()
            .filter_map(|(_, c)| match c {
                Cell::Text(t) => Some(t.trim()),
                _ => None,
            })
            .collect();
        if let Some(why) = texts.first().and_then(|first| end_or_total(first)) {
            return Row::Skip(why);
        }
        if let Some(name) = self.section(cells) {
            return Row::Section(name);
        }
        if cells.iter().any(|(c, _)| self.reads(*c)) {
            Row::Invitee
        } else {
            Row::Skip(Skip::NothingRead)
        }
    }

    /// Whether the column at `c` is read into the invitee.
    fn reads(&self, c: usize) -> bool {
        self.field(c).is_some_and(|f| !NOT_READ.contains(&f))
    }

    /// The group a row heads, if it is a section heading: its only text in one cell (after a
    /// numbering "I", "II" in the STT column, if any), numbered "I.", "A." or in capitals.
    fn section(&self, cells: &[(usize, Cell)]) -> Option<String> {
        let (numbered, text) = match cells {
            [(_, Cell::Text(text))] => (false, text),
            [(c, Cell::Text(number)), (_, Cell::Text(text))]
                if self.field(*c).is_none_or(|f| f == "stt") && clean::numbering(number) =>
            {
                (true, text)
            }
            _ => return None,
        };
        let (has_numbering, name) = clean::heading(text);
        (numbered || has_numbering || clean::is_upper(&name))
            .then_some(name)
            .filter(|n| !n.is_empty())
    }

    /// Reads one invitee's row.
    fn invitee(&mut self, row: usize, cells: &[(usize, Cell)]) {
        let mut invitee = Map::new();
        let mut places = RowPlaces {
            row: self.at.row(row),
            cells: Vec::new(),
        };
        let mut combined = None;
        for (c, cell) in cells {
            let Some(field) = self.field(*c).filter(|f| !NOT_READ.contains(f)) else {
                continue;
            };
            let place = self.at.cell(row, *c);
            let Some(text) = self.text_of(cell, field, &place) else {
                continue;
            };
            let value = match field {
                "honorific" => Value::String(clean::honorific(&text).map_or(text, String::from)),
                "seat" => match seat(&text) {
                    Some(seat) => Value::String(seat.into()),
                    None => {
                        self.out
                            .problems
                            .push(Problem::error(place, ListMsg::NotASeat { value: text }));
                        continue;
                    }
                },
                // How many people an organisation sends: a whole number, as the order is.
                "order" | "sends" => match text.parse::<u32>() {
                    Ok(n) => Value::from(n),
                    Err(_) => {
                        self.out
                            .problems
                            .push(Problem::error(place, ListMsg::NotAnOrder { value: text }));
                        continue;
                    }
                },
                "phone" => {
                    let phone = match cell {
                        Cell::Number(n) => clean::phone_of_number(*n),
                        _ => clean::phone_of_text(&text),
                    };
                    match phone {
                        Phone::Valid(number) => Value::String(number),
                        Phone::Impossible(typed) => {
                            self.out.warnings.push(Problem::warning(
                                place.clone(),
                                ListMsg::ImpossiblePhone {
                                    value: quote(&typed),
                                },
                            ));
                            Value::String(typed)
                        }
                    }
                }
                "position_organization" => {
                    combined = Some((text, place));
                    continue;
                }
                _ => Value::String(text),
            };
            invitee.insert(field.to_string(), value);
            places.cells.push((field, place));
        }
        self.name_honorific(&mut invitee, &mut places);
        if let Some((text, place)) = combined {
            let (position, organization) = clean::split_position(&text);
            for (field, value) in [("position", position), ("organization", organization)] {
                if let Some(value) = value
                    && !invitee.contains_key(field)
                {
                    invitee.insert(field.to_string(), Value::String(value));
                    places.cells.push((field, place.clone()));
                }
            }
        }
        if !invitee.contains_key("id") {
            invitee.insert("id".into(), Value::String(format!("r{}", row + 1)));
        }
        if let Some(group) = &self.group
            && !invitee.contains_key("group")
        {
            invitee.insert("group".into(), Value::String(group.clone()));
        }
        self.out.invitees.push(invitee);
        self.out.places.push(places);
    }

    /// A form of address typed with the name goes to `honorific`; it must agree with the one
    /// the "Danh xưng" column gives, if any.
    fn name_honorific(&mut self, invitee: &mut Map<String, Value>, places: &mut RowPlaces) {
        let Some(Value::String(name)) = invitee.get("name").cloned() else {
            return;
        };
        let Some((form, rest)) = clean::split_honorific(&name) else {
            return;
        };
        let name_place = places.of("name").clone();
        match invitee.get("honorific") {
            Some(Value::String(given)) if given != form => {
                self.out.problems.push(Problem::error(
                    name_place,
                    ListMsg::HonorificDisagrees {
                        name: quote(&name),
                        form: form.into(),
                        given: quote(given),
                    },
                ));
                return;
            }
            Some(_) => {}
            None => {
                invitee.insert("honorific".into(), Value::String(form.into()));
                places.cells.push(("honorific", name_place));
            }
        }
        invitee.insert("name".into(), Value::String(rest));
    }

    /// The text of a cell for a field, or none when it has none: errors and formulas without
    /// a value are reported, numbers and dates where text is wanted are read with a warning,
    /// legacy-encoded text is converted.
    fn text_of(&mut self, cell: &Cell, field: &str, place: &Place) -> Option<String> {
        let warn = |out: &mut Sheet, message: ListMsg| {
            out.warnings.push(Problem::warning(place.clone(), message));
        };
        let text = match cell {
            Cell::Empty => return None,
            Cell::Error(e) => {
                self.out.problems.push(Problem::error(
                    place.clone(),
                    ListMsg::SpreadsheetError { error: e.clone() },
                ));
                return None;
            }
            Cell::Uncomputed(formula) => {
                self.out.problems.push(
                    Problem::error(
                        place.clone(),
                        ListMsg::FormulaWithoutValue {
                            formula: quote(&format!("={}", formula.trim_start_matches('='))),
                        },
                    )
                    .hint(ListMsg::FormulaWithoutValueHint),
                );
                return None;
            }
            Cell::Number(n) => {
                let text = number_text(*n);
                let whole = n.fract() == 0.0;
                if !whole && !matches!(field, "phone" | "order" | "sends") {
                    warn(
                        &mut self.out,
                        ListMsg::NumberInTextColumn {
                            value: text.clone(),
                            column: column_label(field),
                        },
                    );
                }
                text
            }
            Cell::Date(date) => {
                if !DATE_FIELDS.contains(&field) {
                    warn(
                        &mut self.out,
                        ListMsg::DateInColumn {
                            date: date.clone(),
                            column: column_label(field),
                        },
                    );
                }
                date.clone()
            }
            Cell::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
            Cell::Text(text) => text.trim().to_string(),
        };
        if text.is_empty() {
            return None;
        }
        Some(match legacy::convert(&text) {
            Some((unicode, encoding)) => {
                if let Place::Cell { cell, .. } = place {
                    self.out.report.converted.push(cell.clone());
                }
                self.converted.push(format!(
                    "{} ({}: \"{text}\" → \"{unicode}\")",
                    place.text(Lang::Vi),
                    encoding.name()
                ));
                unicode
            }
            None => text,
        })
    }

    fn finish(mut self) -> Sheet {
        self.out.report.invitees = self.out.invitees.len();
        if !self.converted.is_empty() {
            self.out.warnings.push(Problem::warning(
                self.at.sheet(),
                ListMsg::LegacyConverted {
                    count: self.converted.len(),
                    cells: self.converted.join("; "),
                },
            ));
        }
        self.out
    }
}

/// A number as a text column shows it: 5 for 5.0, 45658.35 as it is.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// The header of a field's column, as the clerk knows it.
fn column_label(field: &str) -> String {
    match field {
        "id" => "Mã",
        "honorific" => "Danh xưng",
        "name" => "Họ và tên",
        "position" => "Chức vụ",
        "organization" => "Đơn vị",
        "position_organization" => "Chức vụ, đơn vị",
        "attendees" => "Thành phần",
        "short" => "Chức danh ngắn",
        "sends" => "Số người dự",
        "group" => "Nhóm",
        "order" => "Thứ tự",
        "seat" => "Chỗ ngồi",
        "phone" => "Điện thoại",
        "address" => "Địa chỉ",
        _ => "Ghi chú",
    }
    .to_string()
}

/// A row that ends the table (a footer: who made the list, signatures, the date line, "Nơi
/// nhận") or a total, by its first text. Compared with diacritics: "Cộng" is a total, "Công
/// an tỉnh" is not.
fn end_or_total(text: &str) -> Option<Skip> {
    let lower = text.trim_start_matches(['(', '*', '-', ' ']).to_lowercase();
    let after = |prefix: &str| lower.strip_prefix(prefix);
    let total = ["tổng cộng", "tổng số", "tổng:", "cộng:"]
        .iter()
        .any(|p| lower.starts_with(p))
        || matches!(lower.trim_end_matches([':', '.']), "tổng" | "cộng")
        || [after("cộng "), after("tổng ")]
            .into_iter()
            .flatten()
            .any(|rest| rest.starts_with(|c: char| c.is_ascii_digit() || c == '('));
    if total {
        return Some(Skip::Total);
    }
    const FOOTERS: [&str; 20] = [
        "người lập",
        "người duyệt",
        "người ký",
        "ký tên",
        "ký,",
        "ký và",
        "ký ghi rõ",
        "ký, ghi rõ",
        "thủ trưởng đơn vị",
        "thủ trưởng cơ quan",
        "lãnh đạo duyệt",
        "xác nhận của",
        "nơi nhận",
        "tm.",
        "kt.",
        "tl.",
        "q.",
        "ghi chú:",
        "lưu ý:",
        "chú ý:",
    ];
    let date_line = lower.contains("ngày") && lower.contains("tháng") && lower.contains("năm");
    (FOOTERS.iter().any(|f| lower.starts_with(f)) || date_line).then_some(Skip::Footer)
}

/// "Chủ tọa" (the head table) or "Hàng đầu" (the front rows), written any way.
fn seat(text: &str) -> Option<&'static str> {
    match vn::fold(text, ' ').as_str() {
        "chu toa" | "doan chu tich" | "head" => Some("head"),
        "hang dau" | "hang ghe dau" | "front" => Some("front"),
        _ => None,
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
                    .filter(|(_, t)| !t.is_empty())
                    .map(|(c, t)| (c, Cell::Text(t.to_string())))
                    .collect();
                (r, cells)
            })
            .filter(|(_, cells): &(usize, Vec<(usize, Cell)>)| !cells.is_empty())
            .collect()
    }

    fn at(place: &Place) -> String {
        place.text(Lang::En)
    }

    #[test]
    fn cell_references_are_spreadsheet_style() {
        assert_eq!(cell_name(16, 1), "B17");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 701), "ZZ1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
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
                "Điện thoại (DĐ)",
            ],
            &["1", "Lê Văn An", "Giám đốc", "Sở Y tế", "ông", "x", ""],
        ]);
        let sheet = read(&g, "a.csv", None, None).unwrap();
        let inv = &sheet.invitees[0];
        assert_eq!(inv["name"], "Lê Văn An");
        assert_eq!(inv["position"], "Giám đốc");
        assert_eq!(inv["organization"], "Sở Y tế");
        assert_eq!(inv["honorific"], "Ông");
        assert_eq!(inv["comment"], "x");
        assert_eq!(inv["id"], "r2");
        assert!(!inv.contains_key("stt"));
        assert_eq!(at(sheet.places[0].of("position")), "a.csv, cell C2");
        assert!(sheet.warnings.is_empty(), "{:?}", sheet.warnings);
    }

    #[test]
    fn the_header_is_found_below_titles_and_the_rows_above_are_listed() {
        let g = grid(&[
            &["DANH SÁCH ĐẠI BIỂU MỜI DỰ HỘI NGHỊ"],
            &["(Kèm theo Kế hoạch số 12/KH-UBND)"],
            &["STT", "Họ và tên", "Chức vụ", "Đơn vị"],
            &["(1)", "(2)", "(3)", "(4)"],
            &["1", "Lê Văn An", "Giám đốc", "Sở Y tế"],
        ]);
        let sheet = read(&g, "a.csv", None, None).unwrap();
        assert_eq!(sheet.report.header_row, 3);
        assert_eq!(sheet.invitees.len(), 1);
        let skipped: Vec<(usize, Skip)> = sheet
            .report
            .skipped
            .iter()
            .map(|s| (s.first, s.why))
            .collect();
        assert_eq!(
            skipped,
            [
                (1, Skip::AboveHeader),
                (2, Skip::AboveHeader),
                (4, Skip::ColumnNumbers)
            ]
        );
    }

    #[test]
    fn a_header_of_two_rows_names_the_columns_of_its_second_row() {
        let g = grid(&[
            &["STT", "Họ và tên", "Đơn vị", "Liên hệ", ""],
            &["STT", "Họ và tên", "Đơn vị", "Điện thoại", "Email"],
            &["1", "Lê Văn An", "Sở Y tế", "0912345678", "an@x.vn"],
        ]);
        let sheet = read(&g, "a.csv", None, None).unwrap();
        assert_eq!(sheet.invitees[0]["phone"], "0912345678");
        let warned: Vec<String> = sheet.warnings.iter().map(|w| at(&w.place)).collect();
        assert_eq!(warned, ["a.csv, cell E2"]);
        assert_eq!(sheet.report.skipped[0].why, Skip::SecondHeaderRow);
    }

    #[test]
    fn a_given_header_row_wins_and_must_hold_a_name_column() {
        let g = grid(&[
            &["Họ tên", "Đơn vị"],
            &["Tên", "Cơ quan"],
            &["Lê Văn An", "Sở Y tế"],
        ]);
        assert_eq!(read(&g, "a.csv", None, Some(2)).unwrap().invitees.len(), 1);
        let e = read(&g, "a.csv", None, Some(3)).unwrap_err();
        assert_eq!(at(&e.0[0].place), "a.csv, row 3");
        let e = read(&g, "a.csv", None, Some(9)).unwrap_err();
        assert!(e.0[0].message.en.contains("row 9"), "{}", e.0[0].message.en);
    }

    #[test]
    fn sections_become_groups_and_totals_and_footers_are_skipped() {
        let g = grid(&[
            &["STT", "Họ và tên", "Chức vụ", "Đơn vị"],
            &["I", "LÃNH ĐẠO TỈNH"],
            &["1", "Đ/c Hoàng Văn Đức", "Phó Chủ tịch", "HĐND tỉnh"],
            &[],
            &["II. CÁC SỞ, BAN, NGÀNH"],
            &["2", "Bà Lý Thị Mai", "Giám đốc", "Sở Y tế"],
            &["", "", "", "Công an tỉnh"],
            &["", "Tổng cộng: 03 đại biểu"],
            &["", "", "", "Người lập biểu"],
            &["", "", "", "Nguyễn Thị Lập"],
        ]);
        let sheet = read(&g, "a.csv", None, None).unwrap();
        let groups: Vec<&str> = sheet
            .invitees
            .iter()
            .map(|i| i["group"].as_str().unwrap())
            .collect();
        assert_eq!(
            groups,
            ["LÃNH ĐẠO TỈNH", "CÁC SỞ, BAN, NGÀNH", "CÁC SỞ, BAN, NGÀNH"]
        );
        assert_eq!(sheet.invitees[0]["name"], "Hoàng Văn Đức");
        assert_eq!(sheet.invitees[0]["honorific"], "Đồng chí");
        assert_eq!(sheet.invitees[2]["organization"], "Công an tỉnh");
        assert_eq!(
            sheet.report.groups,
            [
                (2, "LÃNH ĐẠO TỈNH".to_string()),
                (5, "CÁC SỞ, BAN, NGÀNH".to_string())
            ]
        );
        let skipped: Vec<(usize, usize, Skip)> = sheet
            .report
            .skipped
            .iter()
            .map(|s| (s.first, s.last, s.why))
            .collect();
        assert_eq!(
            skipped,
            [
                (4, 4, Skip::Empty),
                (8, 8, Skip::Total),
                (9, 9, Skip::Footer),
                (10, 10, Skip::AfterEnd)
            ]
        );
    }

    #[test]
    fn a_form_of_address_in_the_name_must_agree_with_the_column() {
        let g = grid(&[&["Họ và tên", "Danh xưng"], &["Bà Lý Thị Mai", "Ông"]]);
        let sheet = read(&g, "a.csv", None, None).unwrap();
        assert_eq!(at(&sheet.problems[0].place), "a.csv, cell A2");
        assert!(sheet.problems[0].message.en.contains("\"Bà\""));
    }

    #[test]
    fn every_bad_cell_is_reported() {
        let g = grid(&[
            &["Họ và tên", "Chỗ ngồi", "Thứ tự"],
            &["A", "ban công", "1"],
            &["B", "Chủ tọa", "hai"],
            &["C", "hàng đầu", ""],
        ]);
        let e = read(&g, "a.csv", Some("DS"), None).unwrap().problems;
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
    fn totals_and_footers_are_told_from_units_and_names() {
        assert_eq!(end_or_total("Tổng cộng: 09 đại biểu"), Some(Skip::Total));
        assert_eq!(end_or_total("Cộng: 3"), Some(Skip::Total));
        assert_eq!(end_or_total("Cộng 3 người"), Some(Skip::Total));
        assert_eq!(end_or_total("Công an tỉnh"), None);
        assert_eq!(end_or_total("Cộng đồng doanh nghiệp"), None);
        assert_eq!(end_or_total("Người lập biểu"), Some(Skip::Footer));
        assert_eq!(end_or_total("(Ký, ghi rõ họ tên)"), Some(Skip::Footer));
        assert_eq!(
            end_or_total("Lạng Sơn, ngày 10 tháng 10 năm 2025"),
            Some(Skip::Footer)
        );
        assert_eq!(end_or_total("Hoàng Văn Đức"), None);
    }

    #[test]
    fn seats_are_understood_as_people_write_them() {
        assert_eq!(seat("Chủ tọa"), Some("head"));
        assert_eq!(seat("CHU TOA"), Some("head"));
        assert_eq!(seat("Hàng ghế đầu"), Some("front"));
    }
}
