//! Lists the tests make: workbooks written with rust_xlsxwriter (or by hand, for what Excel
//! writes and rust_xlsxwriter does not: formulas never computed, error values, huge parts),
//! CSV text in any encoding, and the runs of the binary that read them.

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use serde_json::{Map, Value, json};
use unicode_normalization::UnicodeNormalization;

use crate::support::{Run, hoinghi, model_with, s};

/// A cell of a fixture sheet.
#[derive(Clone, Copy)]
pub enum V<'a> {
    S(&'a str),
    N(f64),
}

/// Writes a workbook of one sheet named "Danh sách": `rows` from A1 down, then `merges`
/// (0-based first row, first column, last row, last column) merged with the text of their
/// first cell.
pub fn workbook(path: &Path, rows: &[Vec<V>], merges: &[(u32, u16, u32, u16)]) {
    workbook_with(path, |sheet| {
        write_rows(sheet, rows);
        for &(r1, c1, r2, c2) in merges {
            let text = match rows[r1 as usize].get(c1 as usize) {
                Some(V::S(t)) => *t,
                _ => "",
            };
            sheet
                .merge_range(r1, c1, r2, c2, text, &Format::new())
                .unwrap();
        }
    });
}

/// Writes a workbook of one sheet named "Danh sách", filled by `fill`.
pub fn workbook_with(path: &Path, fill: impl FnOnce(&mut Worksheet)) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Danh sách").unwrap();
    fill(sheet);
    book.save(path).unwrap();
}

pub fn write_rows(sheet: &mut Worksheet, rows: &[Vec<V>]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match *cell {
                V::S("") => {}
                V::S(text) => {
                    sheet.write_string(r as u32, c as u16, text).unwrap();
                }
                V::N(n) => {
                    sheet.write_number(r as u32, c as u16, n).unwrap();
                }
            }
        }
    }
}

/// Writes an XLSX package by hand around `sheet_data` (the `<sheetData>` element's content),
/// with text in inline strings: what rust_xlsxwriter cannot be made to write.
pub fn raw_workbook(path: &Path, sheet_data: &str) {
    let parts = raw_parts(sheet_data);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// The parts of a minimal XLSX package of one sheet.
pub fn raw_parts(sheet_data: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.into(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.into(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
            ),
        ),
    ]
}

/// An inline text cell for [`raw_workbook`].
pub fn text_cell(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// Text as Excel on a Vietnamese Windows saves "CSV (Comma delimited)": Windows-1258, whose
/// letters with a tone are a base letter and a combining tone mark.
pub fn windows_1258(text: &str) -> Vec<u8> {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut out = String::new();
    let mut cluster = String::new();
    let mut tone = None;
    let flush = |out: &mut String, cluster: &mut String, tone: &mut Option<char>| {
        out.extend(cluster.nfc());
        out.extend(tone.take());
        cluster.clear();
    };
    for c in text.nfd() {
        if TONES.contains(&c) {
            tone = Some(c);
        } else if unicode_normalization::char::is_combining_mark(c) {
            cluster.push(c);
        } else {
            flush(&mut out, &mut cluster, &mut tone);
            cluster.push(c);
        }
    }
    flush(&mut out, &mut cluster, &mut tone);
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&out);
    assert!(!unmappable, "{text} has letters Windows-1258 lacks");
    bytes.into_owned()
}

/// UTF-16 with its BOM, little- or big-endian.
pub fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut bytes = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

/// `hoinghi import FILE` with `args`, in English.
pub fn import(file: &Path, args: &[&str]) -> Run {
    let mut all = vec!["import", s(file), "--lang", "en"];
    all.extend_from_slice(args);
    hoinghi(&all)
}

/// The invitees an import printed, each without its empty fields.
pub fn invitees(run: &Run) -> Vec<Value> {
    let json: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}:\n{}\n{}", run.stdout, run.stderr));
    json["invitees"]
        .as_array()
        .unwrap()
        .iter()
        .map(present)
        .collect()
}

/// An object without its null fields.
pub fn present(value: &Value) -> Value {
    let map: Map<String, Value> = value
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Value::Object(map)
}

/// The small model with its invitees read from `list` in `dir` (`"invitees": {"file": …}` and
/// whatever else `source` says) and its groups as given.
pub fn model_with_list(dir: &Path, source: Value, groups: Option<Value>) -> PathBuf {
    model_with(dir, "model.json", "tests/fixtures/small.json", |m| {
        m["invitees"] = source;
        if let Some(groups) = groups {
            m["groups"] = groups;
        }
    })
}

/// `hoinghi ARGS --lang en`.
pub fn run_en(args: &[&str]) -> Run {
    let mut all = args.to_vec();
    all.extend(["--lang", "en"]);
    hoinghi(&all)
}

/// The office's list of the issue, as the Văn phòng types it: a merged title, "Kèm theo …",
/// the header on row 3, section rows (one numbered in the STT column, one in its text), forms
/// of address in the names, phones stored as numbers, a unit merged down two rows, an empty
/// row, a total, a date line, "Người lập biểu" and the clerk's name.
pub fn office_list(path: &Path) {
    use V::{N, S};
    let rows = vec![
        vec![S(
            "DANH SÁCH ĐẠI BIỂU MỜI DỰ HỘI NGHỊ TỔNG KẾT CÔNG TÁC NĂM 2025",
        )],
        vec![S(
            "(Kèm theo Kế hoạch số 125/KH-UBND ngày 10/9/2025 của UBND tỉnh)",
        )],
        vec![
            S("STT"),
            S("Họ và tên"),
            S("Chức vụ"),
            S("Đơn vị"),
            S("Điện thoại"),
            S("Ghi chú"),
        ],
        vec![S("I"), S("LÃNH ĐẠO TỈNH")],
        vec![
            N(1.0),
            S("Đ/c Hoàng Văn Đức"),
            S("Phó Chủ tịch Thường trực"),
            S("HĐND tỉnh"),
            N(912345678.0),
        ],
        vec![
            N(2.0),
            S("Ông: Nông Văn Tú"),
            S("Phó Chủ tịch"),
            S("UBND tỉnh"),
            N(2053812345.0),
        ],
        vec![],
        vec![S("II. CÁC SỞ, BAN, NGÀNH")],
        vec![
            N(3.0),
            S("Bà Lý Thị Mai"),
            S("Giám đốc"),
            S("Sở Tài chính"),
            S("0987.654.321"),
        ],
        vec![
            N(4.0),
            S("Ô. Triệu Văn Hùng"),
            S("Phó Giám đốc"),
            S(""),
            N(988123456.0),
        ],
        vec![
            N(5.0),
            S(""),
            S(""),
            S("Sở Y tế"),
            S(""),
            S("Mời lãnh đạo Sở"),
        ],
        vec![S(""), S("Tổng cộng: 05 đại biểu")],
        vec![],
        vec![S(""), S(""), S(""), S("Lạng Sơn, ngày 10 tháng 9 năm 2025")],
        vec![S(""), S(""), S(""), S("Người lập biểu")],
        vec![S(""), S(""), S(""), S("Nguyễn Thị Lập")],
    ];
    workbook(
        path,
        &rows,
        &[
            (0, 0, 0, 5),
            (1, 0, 1, 5),
            (3, 1, 3, 5),
            (7, 0, 7, 5),
            (8, 3, 9, 3),
        ],
    );
}

/// The list [`office_list`] must give.
pub fn office_invitees() -> Vec<Value> {
    let leaders = "LÃNH ĐẠO TỈNH";
    let departments = "CÁC SỞ, BAN, NGÀNH";
    vec![
        json!({"id": "r5", "honorific": "Đồng chí", "name": "Hoàng Văn Đức",
               "position": "Phó Chủ tịch Thường trực", "organization": "HĐND tỉnh",
               "group": leaders, "phone": "0912345678"}),
        json!({"id": "r6", "honorific": "Ông", "name": "Nông Văn Tú", "position": "Phó Chủ tịch",
               "organization": "UBND tỉnh", "group": leaders, "phone": "02053812345"}),
        json!({"id": "r9", "honorific": "Bà", "name": "Lý Thị Mai", "position": "Giám đốc",
               "organization": "Sở Tài chính", "group": departments, "phone": "0987.654.321"}),
        json!({"id": "r10", "honorific": "Ông", "name": "Triệu Văn Hùng",
               "position": "Phó Giám đốc", "organization": "Sở Tài chính", "group": departments,
               "phone": "0988123456"}),
        json!({"id": "r11", "organization": "Sở Y tế", "group": departments,
               "comment": "Mời lãnh đạo Sở"}),
    ]
}

/// Writes an ODS spreadsheet by hand around `rows` (the `<table:table>` element's content).
pub fn ods(path: &Path, rows: &str) {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Danh sách">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
    )
    .unwrap();
    zip.finish().unwrap();
}

/// A text cell for [`ods`].
pub fn ods_cell(text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}
