//! Lists that are strange, huge or not lists at all: each refused at once with a message that
//! helps, or read without using memory out of proportion; none hangs or aborts.

use std::io::Write;

use serde_json::json;

use crate::fixtures::{
    V, import, invitees, model_with_list, ods, ods_cell, raw_parts, run_en, workbook, workbook_with,
};
use crate::support::s;

#[test]
fn a_quote_never_closed_is_reported_with_its_line_not_swallowing_the_rows_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.csv");
    std::fs::write(
        &file,
        "Họ và tên;Đơn vị\nLê Văn An;\"Sở Y tế\nBùi Thị Hà;Sở Tài chính\nHoàng Văn Nam;Sở Xây dựng\n",
    )
    .unwrap();
    let run = import(&file, &[]).failed();
    assert!(
        run.stderr
            .contains("ds.csv:2: the double quote opening a cell on this line is never closed"),
        "{}",
        run.stderr
    );
    // A quote closed rows later swallows them just the same.
    std::fs::write(
        &file,
        "Họ và tên;Đơn vị\nLê Văn An;\"Sở Y tế\nBùi Thị Hà;Sở Tài chính\nHoàng Văn Nam;Sở Xây\" dựng\n",
    )
    .unwrap();
    let run = import(&file, &[]).failed();
    assert!(
        run.stderr.contains(
            "ds.csv:2: the double quote opening a cell on this line closes only on line 4"
        ),
        "{}",
        run.stderr
    );
    // A cell typed over two lines (Alt+Enter) is fine (its line break is a space in the model).
    std::fs::write(
        &file,
        "Họ và tên;Đơn vị\nLê Văn An;\"Sở Y tế\ntỉnh Lạng Sơn\"\n",
    )
    .unwrap();
    assert_eq!(
        invitees(&import(&file, &[]).ok()),
        [json!({"id": "r2", "name": "Lê Văn An", "organization": "Sở Y tế tỉnh Lạng Sơn"})]
    );
}

#[test]
fn a_sheet_with_one_cell_at_a1_and_one_at_xfd1048576_is_read_not_materialised() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("far.xlsx");
    workbook_with(&file, |sheet| {
        sheet.write_string(0, 0, "Họ và tên").unwrap();
        sheet.write_string(1, 0, "Lê Văn An").unwrap();
        sheet.write_string(1_048_575, 16_383, "x").unwrap();
    });
    let run = import(&file, &[]).ok();
    assert_eq!(invitees(&run), [json!({"id": "r2", "name": "Lê Văn An"})]);
    assert!(
        run.stderr
            .contains("3–1048575 (empty); 1048576 (text only in columns not read: \"x\")"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_list_of_more_than_a_hundred_thousand_rows_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.csv");
    let mut text = String::from("Họ và tên;Đơn vị\n");
    for i in 0..100_001 {
        text.push_str(&format!("Người {i};Đơn vị {i}\n"));
    }
    std::fs::write(&file, text).unwrap();
    let run = import(&file, &[]).failed();
    assert!(
        run.stderr
            .contains("has more than 100000 rows, too many for a list of invitees"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_workbook_that_expands_to_hundreds_of_megabytes_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bomb.xlsx");
    // One cell of 300 MB of "a", which deflates to a few hundred kilobytes.
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&file).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in raw_parts("") {
        zip.start_file(name, options).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let (head, tail) = text.split_once("<sheetData>").unwrap();
            write!(
                zip,
                "{head}<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
            )
            .unwrap();
            let chunk = vec![b'a'; 1 << 20];
            for _ in 0..300 {
                zip.write_all(&chunk).unwrap();
            }
            write!(zip, "</t></is></c></row>{tail}").unwrap();
        } else {
            zip.write_all(text.as_bytes()).unwrap();
        }
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&file).unwrap().len() < 2_000_000);
    let run = import(&file, &[]).failed();
    assert!(
        run.stderr.contains(
            "the part \"xl/worksheets/sheet1.xml\" of the workbook expands beyond the limit"
        ),
        "{}",
        run.stderr
    );
}

/// Runs `hoinghi ARGS --lang en`, killed if it has not finished in 30 seconds.
#[cfg(unix)]
fn run_bounded(args: &[&str]) -> (Option<i32>, String) {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let mut child = Command::new(env!("CARGO_BIN_EXE_hoinghi"))
        .args(args)
        .args(["--lang", "en"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
            return (status.code(), stderr);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    (None, String::new())
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_the_list_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ds.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (status, stderr) = run_bounded(&["import", s(&fifo)]);
    assert_eq!(status, Some(1), "hung or crashed: {stderr}");
    assert!(stderr.contains("is not a regular file"), "{stderr}");
    let model = model_with_list(dir.path(), json!({"file": "ds.csv"}), None);
    let (status, stderr) = run_bounded(&["check", s(&model)]);
    assert_eq!(status, Some(1), "hung or crashed: {stderr}");
    assert!(stderr.contains("ds.csv: is not a regular file"), "{stderr}");
    // A device that never ends.
    let (status, stderr) = run_bounded(&["import", "/dev/zero"]);
    assert_eq!(status, Some(1), "hung or crashed: {stderr}");
    assert!(
        stderr.contains("/dev/zero: is not a regular file"),
        "{stderr}"
    );
}

#[test]
fn a_folder_named_like_a_workbook_is_named_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("x.xlsx");
    std::fs::create_dir(&folder).unwrap();
    let run = import(&folder, &[]).failed();
    assert!(
        run.stderr.contains("x.xlsx: is a folder, not a list file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_workbook_named_as_another_kind_is_read_for_what_it_is() {
    use V::S;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.xls");
    workbook(&file, &[vec![S("Họ và tên")], vec![S("Lê Văn An")]], &[]);
    let run = import(&file, &[]).ok();
    assert_eq!(invitees(&run), [json!({"id": "r2", "name": "Lê Văn An"})]);
    assert!(
        run.stderr
            .contains("is in fact Excel (.xlsx) although its name ends in .xls"),
        "{}",
        run.stderr
    );
    // A web page that a program exported "to Excel".
    std::fs::write(
        &file,
        "<html><body><table><tr><td>Họ và tên</td></tr></table>",
    )
    .unwrap();
    let run = import(&file, &[]).failed();
    assert!(
        run.stderr.contains("is a web page (HTML)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("OLE"), "{}", run.stderr);
}

#[test]
fn a_sheet_named_for_a_csv_file_is_said_to_be_ignored() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ds.csv"), "Họ và tên\nLê Văn An\n").unwrap();
    let run = import(&dir.path().join("ds.csv"), &["--sheet", "DS"]).ok();
    assert!(
        run.stderr
            .contains("a CSV file has no sheets, so the sheet \"DS\" is ignored"),
        "{}",
        run.stderr
    );
    let model = model_with_list(dir.path(), json!({"file": "ds.csv", "sheet": "DS"}), None);
    let run = run_en(&["check", s(&model)]).ok();
    assert!(
        run.stderr.contains("the sheet \"DS\" is ignored"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_sheet_names_the_sheets_there_are() {
    use V::S;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.xlsx");
    workbook(&file, &[vec![S("Họ và tên")]], &[]);
    let run = import(&file, &["--sheet", "DS"]).failed();
    assert!(
        run.stderr
            .contains("has no sheet \"DS\"; its sheets are: Danh sách"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_ods_list_is_read_and_one_spanning_a_vast_rectangle_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.ods");
    let row = |cells: &[&str]| {
        let cells: String = cells.iter().map(|c| ods_cell(c)).collect();
        format!("<table:table-row>{cells}</table:table-row>")
    };
    ods(
        &file,
        &[
            row(&["Họ và tên", "Đơn vị"]),
            row(&["Lê Văn An", "Sở Y tế"]),
        ]
        .concat(),
    );
    assert_eq!(
        invitees(&import(&file, &[]).ok()),
        [json!({"id": "r2", "name": "Lê Văn An", "organization": "Sở Y tế"})]
    );
    // A few bytes that calamine would make a rectangle of ninety million cells (3 GB).
    let far = format!(
        r#"{}<table:table-row table:number-rows-repeated="90000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
        row(&["Họ và tên"])
    );
    ods(&file, &far);
    let run = import(&file, &[]).failed();
    assert!(
        run.stderr.contains("span more than 6400000 cells"),
        "{}",
        run.stderr
    );
}
