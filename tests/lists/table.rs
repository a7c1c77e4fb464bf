//! Finding the table in an office's list: the header below titles, section rows made groups,
//! totals, footers and signatures skipped, and every row not taken told to the clerk.

use serde_json::json;

use crate::fixtures::{
    V, import, invitees, model_with_list, office_invitees, office_list, run_en, workbook,
};
use crate::support::{hoinghi, s};

#[test]
fn the_offices_own_list_gives_the_right_invitees_and_groups() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dai-bieu.xlsx");
    office_list(&file);
    let run = import(&file, &[]).ok();
    assert_eq!(invitees(&run), office_invitees(), "{}", run.stderr);
    // With the groups, so that the JSON can go into a model as it is.
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json["groups"],
        json!(["LÃNH ĐẠO TỈNH", "CÁC SỞ, BAN, NGÀNH"])
    );
}

#[test]
fn nothing_is_skipped_silently_check_tells_each_row_not_taken() {
    let dir = tempfile::tempdir().unwrap();
    office_list(&dir.path().join("dai-bieu.xlsx"));
    let model = model_with_list(dir.path(), json!({"file": "dai-bieu.xlsx"}), None);
    let run = run_en(&["check", s(&model)]).ok();
    let expected = [
        "  list: dai-bieu.xlsx (Danh sách), header on row 3; 5 row(s) read as invitees",
        "    2 row(s) read as groups: 4 \"LÃNH ĐẠO TỈNH\", 8 \"CÁC SỞ, BAN, NGÀNH\"",
        "    8 row(s) skipped: 1–2 (above the header: \"DANH SÁCH ĐẠI BIỂU MỜI DỰ HỘI NGHỊ TỔNG …\"); \
         7 (empty); 12 (total: \"Tổng cộng: 05 đại biểu\"); 13 (empty); 14 (signature or footer, \
         where the table ends: \"Lạng Sơn, ngày 10 tháng 9 năm 2025\"); 15–16 (below the end of the table)",
    ];
    for line in expected {
        assert!(run.stdout.contains(line), "{line}\nnot in:\n{}", run.stdout);
    }
    // The section rows are the model's groups now, in the order met.
    assert!(
        run.stdout
            .contains("invitations: 5 (4 to persons, 1 to organisations)"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_summary_is_in_vietnamese_by_default_and_import_prints_it_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dai-bieu.xlsx");
    office_list(&file);
    let run = hoinghi(&["import", s(&file), "--lang", "vi"]).ok();
    assert!(
        run.stderr
            .contains("tiêu đề ở dòng 3; 5 dòng đọc thành đại biểu"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("8 dòng bỏ qua: 1–2 (trên dòng tiêu đề"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_header_row_given_in_the_model_or_on_the_command_line_wins() {
    use V::S;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.xlsx");
    // A small table of who to contact sits above the list, and looks like its header.
    workbook(
        &file,
        &[
            vec![S("Đơn vị"), S("Tên")],
            vec![S("Ban Tổ chức"), S("Lê Thị Hoa")],
            vec![S("Họ và tên"), S("Chức vụ"), S("Đơn vị")],
            vec![S("Lê Văn An"), S("Giám đốc"), S("Sở Y tế")],
        ],
        &[],
    );
    let guessed = invitees(&import(&file, &[]).ok());
    assert_eq!(guessed[1]["organization"], "Lê Văn An");
    let given = invitees(&import(&file, &["--header-row", "3"]).ok());
    assert_eq!(
        given,
        [
            json!({"id": "r4", "name": "Lê Văn An", "position": "Giám đốc", "organization": "Sở Y tế"})
        ]
    );
    let model = model_with_list(
        dir.path(),
        json!({"file": "ds.xlsx", "header_row": 3}),
        None,
    );
    let run = run_en(&["check", s(&model)]).ok();
    assert!(
        run.stdout.contains("header on row 3; 1 row(s)"),
        "{}",
        run.stdout
    );
    // A row with no name column is refused with what to do.
    let run = import(&file, &["--header-row", "4"]).failed();
    assert!(
        run.stderr
            .contains("ds.xlsx, sheet \"Danh sách\", row 4: the header row has no column"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_list_without_a_header_says_how_to_name_its_row() {
    use V::S;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.xlsx");
    workbook(
        &file,
        &[vec![S("DANH SÁCH")], vec![S("Lê Văn An"), S("Sở Y tế")]],
        &[],
    );
    let run = import(&file, &[]).failed();
    assert!(run.stderr.contains("no header row found"), "{}", run.stderr);
    assert!(run.stderr.contains("--header-row N"), "{}", run.stderr);
}

#[test]
fn rows_under_a_section_keep_their_own_group_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.csv");
    std::fs::write(
        &file,
        "STT;Họ và tên;Nhóm\nI;KHÁCH MỜI;\n1;Lê Văn An;\n2;Bùi Thị Hà;Báo chí\n",
    )
    .unwrap();
    let got = invitees(&import(&file, &[]).ok());
    assert_eq!(
        got,
        [
            json!({"id": "r3", "name": "Lê Văn An", "group": "KHÁCH MỜI"}),
            json!({"id": "r4", "name": "Bùi Thị Hà", "group": "Báo chí"}),
        ]
    );
}

#[test]
fn a_header_of_two_rows_with_merged_cells_is_read_as_one() {
    use V::{N, S};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ds.xlsx");
    // "STT" and "Họ và tên" merged down two rows; "Liên hệ" across "Điện thoại" and "Email".
    workbook(
        &file,
        &[
            vec![S("STT"), S("Họ và tên"), S("Liên hệ")],
            vec![S(""), S(""), S("Điện thoại"), S("Email")],
            vec![
                N(1.0),
                S("Lê Văn An"),
                N(912345678.0),
                S("an@langson.gov.vn"),
            ],
        ],
        &[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3)],
    );
    let run = import(&file, &[]).ok();
    assert_eq!(
        invitees(&run),
        [json!({"id": "r3", "name": "Lê Văn An", "phone": "0912345678"})]
    );
    assert!(
        run.stderr
            .contains("cell D2: the column \"Email\" is not one hoinghi knows"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2 (second row of the header)"),
        "{}",
        run.stderr
    );
}
