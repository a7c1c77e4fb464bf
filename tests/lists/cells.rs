//! Cells as offices fill them: forms of address typed with the name, phone numbers stored as
//! numbers, a combined "Chức vụ, đơn vị" column, numbers and dates where text was meant,
//! formulas never computed and error values.

use rust_xlsxwriter::{ExcelDateTime, Format};
use serde_json::json;

use crate::fixtures::{
    V, import, invitees, model_with_list, raw_workbook, run_en, text_cell, workbook, workbook_with,
    write_rows,
};
use crate::support::s;

#[test]
fn a_combined_position_and_unit_column_is_split_and_thanh_phan_moi_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.csv");
    std::fs::write(
        &file,
        "STT;Họ và tên;Chức vụ, đơn vị;Thành phần mời\n\
         1;Lê Văn An;Phó Giám đốc, Sở Công Thương;\n\
         2;;Sở Y tế;Đại diện lãnh đạo Sở\n\
         3;Bùi Thị Hà;Chuyên viên Văn phòng;\n\
         4;Hoàng Văn Nam;Trưởng phòng, Phòng Kinh tế, UBND huyện Cao Lộc;\n",
    )
    .unwrap();
    let run = import(&file, &[]).ok();
    assert_eq!(
        invitees(&run),
        [
            json!({"id": "r2", "name": "Lê Văn An", "position": "Phó Giám đốc",
                   "organization": "Sở Công Thương"}),
            json!({"id": "r3", "organization": "Sở Y tế", "attendees": "Đại diện lãnh đạo Sở"}),
            json!({"id": "r4", "name": "Bùi Thị Hà", "position": "Chuyên viên Văn phòng"}),
            json!({"id": "r5", "name": "Hoàng Văn Nam", "position": "Trưởng phòng",
                   "organization": "Phòng Kinh tế, UBND huyện Cao Lộc"}),
        ]
    );
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
}

#[test]
fn forms_of_address_move_out_of_the_name_and_must_agree_with_their_column() {
    use V::S;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.xlsx");
    workbook(
        &file,
        &[
            vec![S("Họ và tên"), S("Danh xưng")],
            vec![S("Đồng chí Lương Văn Quý"), S("")],
            vec![S("đ/c Hà Văn Tâm"), S("Đ/c")],
            vec![S("B. Lý Thị Mai"), S("")],
            vec![S("Bàn Văn Hùng"), S("Ông")],
        ],
        &[],
    );
    let got = invitees(&import(&file, &[]).ok());
    let names: Vec<(&str, &str)> = got
        .iter()
        .map(|i| {
            (
                i["honorific"].as_str().unwrap(),
                i["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Đồng chí", "Lương Văn Quý"),
            ("Đồng chí", "Hà Văn Tâm"),
            ("Bà", "Lý Thị Mai"),
            // Bàn is a family name, not "Bà" with an n.
            ("Ông", "Bàn Văn Hùng"),
        ]
    );

    workbook(
        &file,
        &[
            vec![S("Họ và tên"), S("Danh xưng")],
            vec![S("Bà Lý Thị Mai"), S("Ông")],
        ],
        &[],
    );
    let run = import(&file, &[]).failed();
    assert!(
        run.stderr.contains(
            "ds.xlsx, sheet \"Danh sách\", cell A2: the name \"Bà Lý Thị Mai\" begins with the \
             form of address \"Bà\" but the Danh xưng column says \"Ông\""
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn phones_stored_as_numbers_get_their_leading_zero_and_impossible_ones_are_warned() {
    use V::{N, S};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.xlsx");
    workbook(
        &file,
        &[
            vec![S("Họ và tên"), S("Số điện thoại")],
            vec![S("Lê Văn An"), N(912345678.0)],
            vec![S("Bùi Thị Hà"), N(2053812345.0)],
            vec![S("Hoàng Văn Nam"), N(912.0)],
            vec![S("Nông Thị Hoa"), S("0205.3812.468")],
            vec![S("Triệu Văn Hải"), N(912.345678)],
        ],
        &[],
    );
    let run = import(&file, &[]).ok();
    let got = invitees(&run);
    let phones: Vec<&str> = got.iter().map(|i| i["phone"].as_str().unwrap()).collect();
    assert_eq!(
        phones,
        [
            "0912345678",
            "02053812345",
            "912",
            "0205.3812.468",
            "912.345678"
        ]
    );
    for cell in [
        "cell B4: \"912\" is not a Vietnamese phone number",
        "cell B6: \"912.345678\"",
    ] {
        assert!(run.stderr.contains(cell), "{cell} not in:\n{}", run.stderr);
    }
    assert_eq!(run.stderr.matches("warning:").count(), 2, "{}", run.stderr);
}

#[test]
fn numbers_and_dates_where_text_was_meant_are_read_with_a_warning() {
    use V::{N, S};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.xlsx");
    workbook_with(&file, |sheet| {
        write_rows(
            sheet,
            &[
                vec![S("Họ và tên"), S("Đơn vị"), S("Chức vụ"), S("Ghi chú")],
                vec![S("Lê Văn An"), N(45658.35), S("Giám đốc")],
                vec![S("Bùi Thị Hà"), N(115.0), S("Chuyên viên")],
            ],
        );
        let date = ExcelDateTime::from_ymd(2025, 10, 16).unwrap();
        let format = Format::new().set_num_format("dd/mm/yyyy");
        sheet
            .write_datetime_with_format(2, 2, &date, &format)
            .unwrap();
        sheet
            .write_datetime_with_format(1, 3, &date, &format)
            .unwrap();
    });
    let run = import(&file, &[]).ok();
    assert_eq!(
        invitees(&run),
        [
            json!({"id": "r2", "name": "Lê Văn An", "organization": "45658.35",
                   "position": "Giám đốc", "comment": "16/10/2025"}),
            json!({"id": "r3", "name": "Bùi Thị Hà", "organization": "115",
                   "position": "16/10/2025"}),
        ]
    );
    assert!(
        run.stderr.contains(
            "cell B2: the cell of the column \"Đơn vị\" holds the number 45658.35, not text"
        ),
        "{}",
        run.stderr
    );
    // A date in the position column is not what was typed; in the notes it may be.
    assert!(
        run.stderr
            .contains("cell C3: the cell of the column \"Chức vụ\" holds the date 16/10/2025"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("cell D2"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("warning:").count(), 2, "{}", run.stderr);
}

#[test]
fn formulas_never_computed_and_error_values_stop_import_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.xlsx");
    let rows = [
        format!(
            "<row r=\"1\">{}{}{}</row>",
            text_cell("A1", "Họ và tên"),
            text_cell("B1", "Chức vụ"),
            text_cell("C1", "Đơn vị")
        ),
        format!(
            "<row r=\"2\">{}{}<c r=\"C2\"><f>VLOOKUP(A2,DonVi!A:B,2,0)</f></c></row>",
            text_cell("A2", "Lê Văn An"),
            text_cell("B2", "Giám đốc")
        ),
        format!(
            "<row r=\"3\">{}<c r=\"B3\" t=\"e\"><f>#REF!</f><v>#REF!</v></c>{}</row>",
            text_cell("A3", "Bùi Thị Hà"),
            text_cell("C3", "Sở Y tế")
        ),
        format!(
            "<row r=\"4\">{}<c r=\"C4\" t=\"e\"><v>#DIV/0!</v></c></row>",
            text_cell("A4", "Hoàng Văn Nam")
        ),
    ];
    raw_workbook(&file, &rows.concat());
    let run = import(&file, &[]).failed();
    for expected in [
        "cell C2: the cell holds the formula \"=VLOOKUP(A2,DonVi!A:B,2,0)\" but no computed value",
        "cell B3: the cell holds the spreadsheet error #REF!",
        "cell C4: the cell holds the spreadsheet error #DIV/0!",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected}\nnot in:\n{}",
            run.stderr
        );
    }
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let model = model_with_list(dir.path(), json!({"file": "ds.xlsx"}), None);
    let run = run_en(&["check", s(&model)]).failed();
    assert!(run.stderr.contains("cell C2"), "{}", run.stderr);
}
