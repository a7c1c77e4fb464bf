//! Workbooks read into a [`Grid`]: XLSX and XLSB cell by cell from calamine's streaming
//! readers, so that only the cells there are take memory (a sheet with one cell at A1 and one
//! at XFD1048576 takes two, where calamine's rectangular range would take 512 GiB); XLS and
//! ODS through calamine's ranges (XLS sheets have at most 65,536 × 256 cells, and calamine caps
//! ODS). Before calamine opens a zip, each part is decompressed once to count its size, so that
//! a small file that expands to gigabytes is refused. Merged cells are filled down; a formula
//! without a computed value and an error value stay what they are, for the table to report.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Reader};

use super::{Cell, Grid, Kind, MAX_PART_BYTES, MAX_ROWS, MAX_UNZIPPED_BYTES};
use crate::i18n::Text;
use crate::i18n::lists::ListMsg;
use crate::problem::{Place, Problem, Problems};

/// A sheet read into cells.
pub(super) struct WorkbookRead {
    pub grid: Grid,
    pub sheet: String,
}

/// Which workbook a zip is, by the parts it holds.
pub(super) fn zip_kind(bytes: &[u8]) -> Result<Kind, ListMsg> {
    let zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ListMsg::CannotReadWorkbook {
            error: e.to_string(),
        })?;
    let has = |name: &str| zip.index_for_name(name).is_some();
    if has("xl/workbook.xml") {
        Ok(Kind::Xlsx)
    } else if has("xl/workbook.bin") {
        Ok(Kind::Xlsb)
    } else if has("content.xml") {
        Ok(Kind::Ods)
    } else {
        Err(ListMsg::NotAWorkbook)
    }
}

/// Reads the sheet named `sheet` (the first when none) of a workbook of `kind`.
pub(super) fn read(
    bytes: Vec<u8>,
    kind: Kind,
    shown: &str,
    sheet: Option<&str>,
) -> Result<WorkbookRead, Problems> {
    let fail =
        |message: Text| Problems::one(Problem::error(Place::File(shown.to_string()), message));
    let cannot = |e: &dyn std::fmt::Display| {
        fail(
            ListMsg::CannotReadWorkbook {
                error: e.to_string(),
            }
            .into(),
        )
    };
    if kind != Kind::Xls {
        check_parts(&bytes).map_err(|m| fail(m.into()))?;
    }
    if kind == Kind::Ods {
        check_ods_extent(&bytes).map_err(|m| fail(m.into()))?;
    }
    let pick = |names: Vec<String>| -> Result<String, Problems> {
        match sheet {
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
                }),
            None => names
                .first()
                .cloned()
                .ok_or_else(|| fail(ListMsg::NoSheet.into())),
        }
    };
    let cells_of = |error: &dyn std::fmt::Display, name: &str| {
        fail(
            ListMsg::CannotReadSheet {
                sheet: name.to_string(),
                error: error.to_string(),
            }
            .into(),
        )
    };
    let reader = Cursor::new(bytes);
    let mut cells = Cells::default();
    let (name, merges) = match kind {
        Kind::Xlsx => {
            let mut book = calamine::Xlsx::new(reader).map_err(|e| cannot(&e))?;
            let name = pick(book.sheet_names())?;
            let mut sheet = book
                .worksheet_cells_reader(&name)
                .map_err(|e| cells_of(&e, &name))?;
            while let Some(record) = sheet
                .next_cell_with_formula()
                .map_err(|e| cells_of(&e, &name))?
            {
                let cell = match (&record.value, record.formula) {
                    (DataRef::Empty, Some(formula)) => Cell::Uncomputed(formula),
                    (value, _) => cell_of_ref(value),
                };
                cells.add(record.pos, cell).map_err(|m| fail(m.into()))?;
            }
            drop(sheet);
            let merges = book
                .merge_cells_by_sheet_name(&name)
                .map_err(|e| cells_of(&e, &name))?;
            (name, merges)
        }
        Kind::Xlsb => {
            let mut book = calamine::Xlsb::new(reader).map_err(|e| cannot(&e))?;
            let name = pick(book.sheet_names())?;
            let mut sheet = book
                .worksheet_cells_reader(&name)
                .map_err(|e| cells_of(&e, &name))?;
            while let Some(cell) = sheet.next_cell().map_err(|e| cells_of(&e, &name))? {
                cells
                    .add(cell.get_position(), cell_of_ref(cell.get_value()))
                    .map_err(|m| fail(m.into()))?;
            }
            (name, Vec::new())
        }
        Kind::Xls => {
            let mut book = calamine::Xls::new(reader).map_err(|e| cannot(&e))?;
            let name = pick(book.sheet_names())?;
            let range = book
                .worksheet_range(&name)
                .map_err(|e| cells_of(&e, &name))?;
            for (r, c, data) in range.used_cells() {
                let (top, left) = range.start().unwrap_or_default();
                cells
                    .add((top + r as u32, left + c as u32), cell_of(data))
                    .map_err(|m| fail(m.into()))?;
            }
            let merges = book
                .merge_cells_by_sheet_name(&name)
                .map_err(|e| cells_of(&e, &name))?;
            (name, merges)
        }
        Kind::Ods => {
            let mut book = calamine::Ods::new(reader).map_err(|e| cannot(&e))?;
            let name = pick(book.sheet_names())?;
            let range = book
                .worksheet_range(&name)
                .map_err(|e| cells_of(&e, &name))?;
            for (r, c, data) in range.used_cells() {
                let (top, left) = range.start().unwrap_or_default();
                cells
                    .add((top + r as u32, left + c as u32), cell_of(data))
                    .map_err(|m| fail(m.into()))?;
            }
            (name, Vec::new())
        }
        Kind::Text => unreachable!("text is not read as a workbook"),
    };
    let merges: Vec<Merge> = merges.iter().map(|d| (d.start, d.end)).collect();
    Ok(WorkbookRead {
        grid: cells.into_grid(&merges).map_err(|m| fail(m.into()))?,
        sheet: name,
    })
}

/// Decompresses every part of a zip once, counting, and refuses one that holds more than
/// [`MAX_PART_BYTES`] or parts that hold more than [`MAX_UNZIPPED_BYTES`] together: what the
/// sizes written in the zip say cannot be trusted.
fn check_parts(bytes: &[u8]) -> Result<(), ListMsg> {
    let cannot = |e: &dyn std::fmt::Display| ListMsg::CannotReadWorkbook {
        error: e.to_string(),
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| cannot(&e))?;
    let mut total = 0;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| cannot(&e))?;
        let name = String::from_utf8_lossy(part.name_raw()).into_owned();
        let size = std::io::copy(&mut part.take(MAX_PART_BYTES + 1), &mut std::io::sink())
            .map_err(|e| cannot(&e))?;
        total += size;
        if size > MAX_PART_BYTES || total > MAX_UNZIPPED_BYTES {
            return Err(ListMsg::PartTooLarge {
                part: name,
                max: super::megabytes(MAX_PART_BYTES),
                total: super::megabytes(MAX_UNZIPPED_BYTES),
            });
        }
    }
    Ok(())
}

/// The most cells the rectangle of an ODS sheet's filled cells may span: calamine builds the
/// whole rectangle, 32 bytes a cell, so this keeps it near 200 MB.
const MAX_ODS_CELLS: u64 = 64 * MAX_ROWS as u64;

/// Refuses an ODS file whose sheets' filled cells span a rectangle larger than
/// [`MAX_ODS_CELLS`] (one cell at A1 and one far away, or a cell repeated a million times),
/// found by one pass over `content.xml`, counting the repeats ODS writes instead of cells.
fn check_ods_extent(bytes: &[u8]) -> Result<(), ListMsg> {
    use quick_xml::events::{BytesStart, Event};
    let cannot = |e: &dyn std::fmt::Display| ListMsg::CannotReadWorkbook {
        error: e.to_string(),
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| cannot(&e))?;
    let content = zip.by_name("content.xml").map_err(|e| cannot(&e))?;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let repeats = |e: &BytesStart, name: &str| -> u64 {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| a.value.parse().ok())
            .unwrap_or(1)
    };
    let (mut row, mut column, mut rows) = (0u64, 0u64, 1u64);
    // The filled rectangle of the sheet being read: top, bottom, left, right.
    let mut extent: Option<(u64, u64, u64, u64)> = None;
    let area = |x: Option<(u64, u64, u64, u64)>| {
        x.map_or(0, |(t, b, l, r)| (b - t + 1).saturating_mul(r - l + 1))
    };
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| cannot(&e))?;
        let empty = matches!(event, Event::Empty(_));
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    (row, extent) = (0, None);
                }
                "table:table-row" => {
                    (rows, column) = (repeats(e, "table:number-rows-repeated"), 0);
                    if empty {
                        row = row.saturating_add(rows);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let columns = repeats(e, "table:number-columns-repeated");
                    if e.try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some()
                    {
                        let (bottom, right) = (
                            row.saturating_add(rows - 1),
                            column.saturating_add(columns.max(1) - 1),
                        );
                        extent = Some(match extent {
                            None => (row, bottom, column, right),
                            Some((t, b, l, r)) => {
                                (t.min(row), b.max(bottom), l.min(column), r.max(right))
                            }
                        });
                        if area(extent) > MAX_ODS_CELLS {
                            return Err(ListMsg::SpanTooLarge {
                                max: MAX_ODS_CELLS as usize,
                            });
                        }
                    }
                    column = column.saturating_add(columns);
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(rows);
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// A merged range: its first and last (row, column), 0-based.
type Merge = ((u32, u32), (u32, u32));

/// The cells of a sheet as they are met, by row.
#[derive(Default)]
struct Cells {
    rows: BTreeMap<usize, Vec<(usize, Cell)>>,
}

impl Cells {
    /// Keeps a cell unless it is empty; more rows than a list may have is an error, found
    /// before they fill the memory.
    fn add(&mut self, (row, column): (u32, u32), cell: Cell) -> Result<(), ListMsg> {
        if cell.is_empty() {
            return Ok(());
        }
        let (row, column) = (row as usize, column as usize);
        if !self.rows.contains_key(&row) && self.rows.len() == MAX_ROWS {
            return Err(ListMsg::TooManyRows { max: MAX_ROWS });
        }
        self.rows.entry(row).or_default().push((column, cell));
        Ok(())
    }

    /// The grid, each merged range's value copied down its first column into the rows of the
    /// range that hold something else (a unit merged down the rows of its people): rows that
    /// are empty but for the merge stay empty.
    fn into_grid(mut self, merges: &[Merge]) -> Result<Grid, ListMsg> {
        // Rows visited filling merges: a real list fills a few hundred; a sheet of a million
        // merges over a hundred thousand rows each would never finish.
        let mut budget = 10 * MAX_ROWS;
        for &((top, left), (bottom, _)) in merges {
            let (top, left, bottom) = (top as usize, left as usize, bottom as usize);
            // A merge across one row has nothing to fill (and one written upside down, nothing
            // to trust).
            if bottom <= top {
                continue;
            }
            let Some(value) = self
                .rows
                .get(&top)
                .and_then(|cells| cells.iter().find(|(c, _)| *c == left))
                .map(|(_, v)| v.clone())
            else {
                continue;
            };
            for (_, cells) in self.rows.range_mut(top + 1..=bottom) {
                budget = budget.checked_sub(1).ok_or(ListMsg::TooManyMerges)?;
                if !cells.iter().any(|(c, _)| *c == left) {
                    cells.push((left, value.clone()));
                }
            }
        }
        Ok(self
            .rows
            .into_iter()
            .map(|(row, mut cells)| {
                cells.sort_by_key(|(c, _)| *c);
                (row, cells)
            })
            .collect())
    }
}

fn cell_of_ref(data: &DataRef) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => date_time(d),
        DataRef::DateTimeIso(s) => Cell::Date(iso_date(s)),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => date_time(d),
        Data::DateTimeIso(s) => Cell::Date(iso_date(s)),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A date cell as Vietnamese write dates: "16/10/2025", with the time when it has one.
fn date_time(d: &calamine::ExcelDateTime) -> Cell {
    if !d.is_datetime() {
        return Cell::Number(d.as_f64());
    }
    let (year, month, day, hour, minute, ..) = d.to_ymd_hms_milli();
    let time = format!("{hour:02}:{minute:02}");
    Cell::Date(if d.as_f64() < 1.0 {
        time
    } else if hour == 0 && minute == 0 {
        format!("{day:02}/{month:02}/{year}")
    } else {
        format!("{day:02}/{month:02}/{year} {time}")
    })
}

/// An ISO date ("2025-10-16", as ODS stores them) as Vietnamese write it; anything else as is.
fn iso_date(text: &str) -> String {
    let date = text.get(..10).unwrap_or(text);
    match date.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            let time = text.get(11..16).filter(|t| *t != "00:00");
            match time {
                Some(time) => format!("{d}/{m}/{y} {time}"),
                None => format!("{d}/{m}/{y}"),
            }
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_cells_are_filled_down_into_rows_that_hold_something() {
        let mut cells = Cells::default();
        for (pos, text) in [
            ((0, 0), "A"),
            ((0, 1), "Sở Y tế"),
            ((1, 0), "B"),
            ((3, 0), "D"),
        ] {
            cells.add(pos, Cell::Text(text.into())).unwrap();
        }
        let grid = cells
            .into_grid(&[((0, 1), (4, 1)), ((0, 0), (0, 3)), ((3, 0), (1, 0))])
            .unwrap();
        let unit = |row: usize| {
            grid.iter()
                .find(|(r, _)| *r == row)
                .and_then(|(_, cells)| cells.iter().find(|(c, _)| *c == 1))
                .map(|(_, v)| v.clone())
        };
        assert_eq!(unit(1), Some(Cell::Text("Sở Y tế".into())));
        assert_eq!(unit(3), Some(Cell::Text("Sở Y tế".into())));
        // Rows 2 and 4 hold nothing else, and are not made up.
        assert_eq!(grid.len(), 3);
    }

    #[test]
    fn merges_beyond_any_real_list_are_refused_not_filled_forever() {
        let mut cells = Cells::default();
        for row in 0..1000 {
            cells.add((row, 0), Cell::Text("x".into())).unwrap();
        }
        let merges = vec![((0, 0), (999, 0)); 20_000];
        assert_eq!(
            cells.into_grid(&merges).unwrap_err(),
            ListMsg::TooManyMerges
        );
    }

    #[test]
    fn dates_read_as_dates() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let date = |v| date_time(&ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        assert_eq!(date(45946.0), Cell::Date("16/10/2025".into()));
        assert_eq!(date(45946.5), Cell::Date("16/10/2025 12:00".into()));
        assert_eq!(iso_date("2025-10-16"), "16/10/2025");
    }
}
