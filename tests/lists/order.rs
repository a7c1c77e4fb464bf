//! The order of the lists (typed order by default, name order where a group asks for it,
//! pinned invitees first) and reaching an invitee of a list by its row or its number.

use std::path::Path;

use serde_json::json;

use crate::fixtures::{model_with_list, run_en};
use crate::support::{Pdf, s};

/// A list whose names are typed out of alphabetical order, in two sections.
const LIST: &str = "STT;Họ và tên;Chức vụ;Đơn vị;Thứ tự\n\
                    I;LÃNH ĐẠO TỈNH;;;\n\
                    1;Vũ Thị Ưng;Chủ tịch;UBND tỉnh;\n\
                    2;Lê An;Phó Chủ tịch;UBND tỉnh;\n\
                    3;Hà Thị Yến;Phó Chủ tịch;HĐND tỉnh;\n\
                    II;KHÁCH MỜI;;;\n\
                    4;Nguyễn Văn Bình;Giám đốc;Sở A;\n\
                    5;Đỗ Thị Ánh;Giám đốc;Sở B;1\n\
                    6;Bùi Văn Dũng;Giám đốc;Sở C;\n";

fn build_list(dir: &Path, groups: Option<serde_json::Value>) -> String {
    std::fs::write(dir.join("ds.csv"), LIST).unwrap();
    let model = model_with_list(dir, json!({"file": "ds.csv"}), groups);
    let out = dir.join("out");
    run_en(&[
        "build",
        s(&model),
        "--out",
        s(&out),
        "--only",
        "danh-sach-dai-bieu",
    ])
    .ok();
    Pdf::open(&out.join("danh-sach-dai-bieu.pdf")).text()
}

#[track_caller]
fn in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let at = text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing or out of order in:\n{text}"));
        from += at + needle.len();
    }
}

#[test]
fn lists_keep_the_typed_order_with_pinned_invitees_first() {
    let dir = tempfile::tempdir().unwrap();
    let text = build_list(dir.path(), None);
    in_order(
        &text,
        &[
            "I. LÃNH ĐẠO TỈNH",
            "1 Vũ Thị Ưng",
            "2 Lê An",
            "3 Hà Thị Yến",
            // Each numbered as their invitation: the pinned one keeps its number.
            "II. KHÁCH MỜI",
            "5 Đỗ Thị Ánh",
            "4 Nguyễn Văn Bình",
            "6 Bùi Văn Dũng",
        ],
    );
}

#[test]
fn a_group_may_ask_for_vietnamese_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let groups = json!(["LÃNH ĐẠO TỈNH", {"name": "KHÁCH MỜI", "sort": "name"}]);
    let text = build_list(dir.path(), Some(groups));
    in_order(
        &text,
        &[
            "1 Vũ Thị Ưng",
            "2 Lê An",
            "3 Hà Thị Yến",
            // Pinned first, then by given name: Bình < Dũng; each numbered as their invitation.
            "5 Đỗ Thị Ánh",
            "4 Nguyễn Văn Bình",
            "6 Bùi Văn Dũng",
        ],
    );
    // The model may spell the section's group in other capitals.
    let dir = tempfile::tempdir().unwrap();
    let groups = json!([{"name": "Lãnh đạo tỉnh", "sort": "name"}, "KHÁCH MỜI"]);
    let text = build_list(dir.path(), Some(groups));
    in_order(
        &text,
        &[
            "I. Lãnh đạo tỉnh",
            "2 Lê An",
            "1 Vũ Thị Ưng",
            "3 Hà Thị Yến",
            "II. KHÁCH MỜI",
        ],
    );
}

#[test]
fn a_group_sort_other_than_typed_or_name_or_a_group_listed_twice_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ds.csv"), LIST).unwrap();
    let model = model_with_list(
        dir.path(),
        json!({"file": "ds.csv"}),
        Some(json!(["KHÁCH MỜI", {"name": "LÃNH ĐẠO TỈNH", "sort": "abc"}])),
    );
    let run = run_en(&["check", s(&model)]).failed();
    assert!(
        run.stderr
            .contains("(groups[1]), field \"sort\": \"abc\" is not one of: typed, name"),
        "{}",
        run.stderr
    );
    let model = model_with_list(
        dir.path(),
        json!({"file": "ds.csv"}),
        Some(json!(["KHÁCH MỜI", "LÃNH ĐẠO TỈNH", {"name": "KHÁCH MỜI", "sort": "name"}])),
    );
    let run = run_en(&["check", s(&model)]).failed();
    assert!(
        run.stderr
            .contains("(groups[2]): the group \"KHÁCH MỜI\" is already listed at group 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_invitee_of_a_list_is_reached_by_its_row_or_its_number() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ds.csv"), LIST).unwrap();
    let model = model_with_list(dir.path(), json!({"file": "ds.csv"}), None);
    let png = |who: &str| {
        let file = dir.path().join(format!("{who}.png"));
        run_en(&[
            "preview",
            s(&model),
            "--invitee",
            who,
            "-o",
            s(&file),
            "--dpi",
            "30",
        ])
        .ok();
        std::fs::read(file).unwrap()
    };
    // Row 7 holds the 4th invitee.
    assert_eq!(png("r7"), png("4"));
    assert_ne!(png("r7"), png("r3"));
    let run = run_en(&[
        "preview",
        s(&model),
        "--invitee",
        "r2",
        "-o",
        s(&dir.path().join("x.png")),
    ])
    .failed();
    assert!(run.stderr.contains("\"r2\""), "{}", run.stderr);
}

#[test]
fn problems_of_a_list_invitee_name_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ds.csv"),
        "Họ và tên;Danh xưng\nLê An;Ông\n;Bà\n",
    )
    .unwrap();
    let model = model_with_list(dir.path(), json!({"file": "ds.csv"}), None);
    let run = run_en(&["check", s(&model)]).failed();
    assert!(run.stderr.contains("ds.csv, row 3"), "{}", run.stderr);
}
