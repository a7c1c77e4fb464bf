//! Invitee lists from spreadsheets and CSV files, protocol order, and the list documents.

use serde_json::json;

use super::*;

/// Writes an XLSX workbook with one sheet of text rows (whole numbers as numbers, as Excel has them).
#[track_caller]
fn xlsx(path: &Path, sheet: &str, rows: &[&[&str]]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            match text.parse::<f64>() {
                Ok(n) if !text.starts_with('0') => {
                    worksheet.write_number(r as u32, c as u16, n).unwrap()
                }
                _ => worksheet.write_string(r as u32, c as u16, *text).unwrap(),
            };
        }
    }
    workbook.save(path).unwrap();
}

/// The small model with its invitees taken from `list` (a file in `dir`), and `groups`.
#[track_caller]
fn model_with_list(dir: &Path, list: serde_json::Value, groups: &[&str]) -> std::path::PathBuf {
    model_with(dir, "model.json", SMALL, |m| {
        m["invitees"] = list;
        m["groups"] = json!(groups);
    })
}

/// The same, each group sorted by name (persons in Vietnamese name order, then organisations)
/// rather than kept in the order typed.
fn model_with_sorted_list(
    dir: &Path,
    list: serde_json::Value,
    groups: &[&str],
) -> std::path::PathBuf {
    model_with(dir, "model.json", SMALL, |m| {
        m["invitees"] = list;
        m["groups"] = groups
            .iter()
            .map(|g| json!({"name": g, "sort": "name"}))
            .collect();
    })
}

/// The delegate list's text between its title and its end, where the names are.
#[track_caller]
fn delegate_names(out: &Path) -> String {
    Pdf::open(&out.join("danh-sach-dai-bieu.pdf")).text()
}

const HAND_SORTED: [&str; 16] = [
    // By given name (the last word), then middle, then family name, in Vietnamese order:
    // An < Anh < Ánh (tone after letters) < Ân (a < â) < Ấn; d < đ; Hà < Hạ (huyền < nặng) < Hải
    // (a prefix first); ơ < ư; a name without middle names before one with them.
    "Lê An",
    "Trần Thị An",
    "Nguyễn Ngọc Anh",
    "Đỗ Thị Ánh",
    "Mã Văn Ân",
    "Chu Thị Ấn",
    "Nguyễn Văn Bình",
    "Bùi Văn Dũng",
    "Hoàng Minh Đức",
    "Phạm Văn Đức",
    "Nguyễn Thị Hà",
    "Lê Thị Hạ",
    "Trần Văn Hải",
    "Lương Văn Ơn",
    "Vũ Thị Ưng",
    "Hà Thị Yến",
];

#[test]
fn an_xlsx_list_with_diacritic_free_headers_feeds_every_document() {
    let dir = tempfile::tempdir().unwrap();
    // Rows in a scrambled order; the headers written without diacritics, in capitals.
    let mut rows: Vec<Vec<&str>> = vec![vec![
        "STT",
        "HO VA TEN",
        "Chuc vu",
        "Don vi",
        "Danh xung",
        "Nhom",
    ]];
    let scrambled = [7, 2, 12, 0, 15, 9, 4, 13, 1, 11, 6, 14, 3, 10, 8, 5];
    let numbers: Vec<String> = (1..=16).map(|n| n.to_string()).collect();
    for (n, &i) in scrambled.iter().enumerate() {
        rows.push(vec![
            &numbers[n],
            HAND_SORTED[i],
            "Chuyên viên",
            "Sở Tài chính",
            "Ông",
            "Đại biểu",
        ]);
    }
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    xlsx(&dir.path().join("dai-bieu.xlsx"), "Danh sách", &rows);
    let model = model_with_sorted_list(dir.path(), json!({"file": "dai-bieu.xlsx"}), &["Đại biểu"]);
    let out = dir.path().join("out");
    build(&model, &out, &[]).ok();

    // The invitations keep the sheet's order; the delegate list is in Vietnamese order.
    let invitations = Pdf::open(&out.join("giay-moi.pdf"));
    assert_eq!(invitations.page_count(), 16);
    assert!(
        invitations
            .page_text(1)
            .contains(&format!("Ông {}", HAND_SORTED[7])),
        "{}",
        invitations.page_text(1)
    );
    let list = delegate_names(&out);
    // Each numbered as their invitation: their row in the sheet.
    let numbered: Vec<String> = HAND_SORTED
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let row = scrambled.iter().position(|&s| s == i).unwrap() + 1;
            format!("{row} {n} Chuyên viên Sở Tài chính")
        })
        .collect();
    in_order(&list, &numbered);
    assert!(list.contains("I. Đại biểu"), "{list}");
}

#[test]
fn a_pinned_order_comes_first_then_the_order_typed_and_groups_follow_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "Họ và tên;Chức vụ;Đơn vị;Nhóm;Thứ tự\n\
               Nguyễn Văn Bình;Chuyên viên;Sở A;Khách;\n\
               Vũ Thị Ưng;Giám đốc;Sở A;Khách;1\n\
               Lê An;Phó Chủ tịch;UBND tỉnh;Lãnh đạo;\n\
               ;;Báo X;Báo chí;\n\
               Hà Thị Yến;Phóng viên;Báo Y;Báo chí;\n";
    std::fs::write(dir.path().join("ds.csv"), csv).unwrap();
    let model = model_with_sorted_list(
        dir.path(),
        json!({"file": "ds.csv"}),
        &["Lãnh đạo", "Khách", "Báo chí"],
    );
    let out = dir.path().join("out");
    build(&model, &out, &["--only", "danh-sach-dai-bieu,so-ky"]).ok();
    let list = delegate_names(&out);
    in_order(
        &list,
        &[
            // Each numbered as their invitation: its row in the list.
            "I. Lãnh đạo".into(),
            "3 Lê An".into(),
            "II. Khách".into(),
            "2 Vũ Thị Ưng".into(),
            "1 Nguyễn Văn Bình".into(),
            "III. Báo chí".into(),
            "5 Hà Thị Yến".into(),
            "4 Đại diện Báo X".into(),
        ],
    );
}

#[test]
fn csv_lists_read_with_a_bom_and_commas_or_semicolons() {
    for (name, text) in [
        (
            "bom.csv",
            "\u{feff}Họ và tên,Chức vụ,Đơn vị\nLê Thị Hạ,Giám đốc,\"Công ty A, chi nhánh B\"\n",
        ),
        (
            "semi.csv",
            "ho ten;chuc danh;co quan\nLê Thị Hạ;Giám đốc;Công ty A, chi nhánh B\n",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), text).unwrap();
        let model = model_with_list(dir.path(), json!({"file": name}), &[]);
        let out = dir.path().join("out");
        build(&model, &out, &["--only", "giay-moi"]).ok();
        let page = Pdf::open(&out.join("giay-moi.pdf")).page_text(1);
        assert!(
            page.contains("kính mời: Lê Thị Hạ Giám đốc, Công ty A, chi nhánh B Tới dự"),
            "{name}: {page}"
        );
    }
}

#[test]
fn bad_cells_are_all_reported_with_file_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    xlsx(
        &dir.path().join("dai-bieu.xlsx"),
        "DS",
        &[
            &[
                "STT",
                "Họ và tên",
                "Danh xưng",
                "Chỗ ngồi",
                "Nhóm",
                "Sở thích",
            ],
            &["1", "Lê An", "Ong", "", "Khách", "cờ"],
            &["2", "Trần Bình", "Ông", "ban công", "Khách", ""],
            &["3", "", "Bà", "", "Khách", ""],
            &["4", "Ngô Cường", "Ông", "", "Khách mời", ""],
        ],
    );
    let model = model_with_list(
        dir.path(),
        json!({"file": "dai-bieu.xlsx", "sheet": "DS"}),
        &["Khách"],
    );
    let run = hoinghi(&["check", s(&model)]).exit(1);
    for expected in [
        "Lỗi: dai-bieu.xlsx, trang \"DS\", ô D3: \"ban công\" không phải chỗ ngồi: hãy ghi \"Chủ tọa\" (đoàn chủ tịch) hoặc \"Hàng đầu\" (hàng ghế đầu)",
        "Lỗi: dai-bieu.xlsx, trang \"DS\", ô C2: \"Ong\" không phải \"Đồng chí\", \"Ông\" hoặc \"Bà\"",
        "Lỗi: dai-bieu.xlsx, trang \"DS\", dòng 4: không có cả họ tên lẫn đơn vị: giấy mời gửi cho ai?",
        "Lỗi: dai-bieu.xlsx, trang \"DS\", ô C4: có danh xưng nhưng không có họ tên",
        "Lỗi: dai-bieu.xlsx, trang \"DS\", ô E5: \"Khách mời\" không phải một nhóm của hội nghị: \"Khách\"",
        "Cảnh báo: dai-bieu.xlsx, trang \"DS\", ô F1: cột \"Sở thích\" không phải cột hoinghi biết nên được bỏ qua",
    ] {
        assert_contains(&run.stderr, expected);
    }
    assert_eq!(run.stderr.lines().last(), Some("có 5 lỗi; không ghi gì"));
    hoinghi(&[
        "check",
        s(&model_with_list(
            dir.path(),
            json!({"file": "dai-bieu.xlsx", "sheet": "Khác"}),
            &[],
        )),
    ])
    .exit(1)
    .says("Lỗi: dai-bieu.xlsx: không có trang \"Khác\"; các trang của tệp là: DS");
}

#[test]
fn legacy_tcvn3_and_vni_text_is_converted_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    // Bytes as the legacy fonts typed them: TCVN3 "Nguyễn Văn An" and VNI "Đặng Thị Ánh".
    let mut csv: Vec<u8> = b"Ho va ten;Don vi\r\n".to_vec();
    csv.extend_from_slice(b"Nguy\xd4n V\xa8n An;S\xeb T\xb5i ch\xddnh\r\n");
    csv.extend_from_slice(b"\xd1a\xebng Th\xf2 A\xd9nh;Co\xe2ng ty A\r\n");
    std::fs::write(dir.path().join("cu.csv"), &csv).unwrap();
    let model = model_with_list(dir.path(), json!({"file": "cu.csv"}), &[]);
    let out = dir.path().join("out");
    let run = build(&model, &out, &["--only", "giay-moi"]).ok();
    let merged = Pdf::open(&out.join("giay-moi.pdf"));
    assert!(
        merged
            .page_text(1)
            .contains("kính mời: Nguyễn Văn An Sở Tài chính Tới dự"),
        "{}",
        merged.page_text(1)
    );
    assert!(
        merged
            .page_text(2)
            .contains("kính mời: Đặng Thị Ánh Công ty A Tới dự"),
        "{}",
        merged.page_text(2)
    );
    assert_contains(
        &run.stderr,
        "Cảnh báo: cu.csv: 4 ô gõ bằng bảng mã cũ đã được chuyển sang Unicode: cu.csv, ô A2 (TCVN3",
    );
    assert_contains(&run.stderr, "cu.csv, ô A3 (VNI-Windows");
}

#[test]
fn import_turns_a_sheet_into_the_models_json() {
    let dir = tempfile::tempdir().unwrap();
    xlsx(
        &dir.path().join("ds.xlsx"),
        "Sheet1",
        &[
            &[
                "TT",
                "Ho ten",
                "Chuc vu",
                "Co quan",
                "Dien thoai",
                "Ghi chu",
            ],
            &[
                "1",
                "Lê An",
                "Giám đốc",
                "Sở Y tế",
                "0912345678",
                "gọi trước",
            ],
        ],
    );
    let run = hoinghi(&["import", s(&dir.path().join("ds.xlsx"))]).ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["invitees"][0]["name"], "Lê An");
    assert_eq!(json["invitees"][0]["organization"], "Sở Y tế");
    assert_eq!(json["invitees"][0]["phone"], "0912345678");
    assert_eq!(json["invitees"][0]["comment"], "gọi trước");
    let out = dir.path().join("ds.json");
    hoinghi(&["import", s(&dir.path().join("ds.xlsx")), "-o", s(&out)]).ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), run.stdout);
}

#[test]
fn the_sign_in_sheet_repeats_its_header_and_leaves_room_to_sign() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &["--only", "so-ky"]).ok();
    let sheet = Pdf::open(&out.path().join("so-ky.pdf"));
    assert!(sheet.page_count() >= 3);
    for page in 1..=sheet.page_count() as u32 {
        let text = sheet.page_text(page);
        assert!(
            text.contains("TT Họ và tên Chức vụ, đơn vị Điện thoại Ký tên"),
            "page {page}: {text}"
        );
    }
    let all = sheet.text();
    assert!(
        all.contains(&format!("{} ", sample_invitee_count())),
        "every invitee is numbered"
    );
}

#[test]
fn name_cards_are_printed_twice_per_sheet_for_the_head_table_and_front_rows() {
    let model = model_json(SAMPLE);
    let seated: Vec<&serde_json::Value> = model["invitees"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["seat"].is_string())
        .collect();
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &["--only", "bien-ten"]).ok();
    let cards = Pdf::open(&out.path().join("bien-ten.pdf"));
    // The chair, who also signs, has a card without being invited.
    assert_eq!(cards.page_count(), seated.len() + 1);
    assert!(cards.page_sizes_mm().iter().all(|&s| s == (297.0, 210.0)));
    // The head table first, the chair at its head.
    let chair = model["signer"]["name"].as_str().unwrap();
    let page = cards.page_text(1);
    assert_eq!(page.matches(chair).count(), 2, "{page}");
    let first_head = seated.iter().find(|i| i["seat"] == "head").unwrap()["name"]
        .as_str()
        .unwrap();
    let page = cards.page_text(2);
    assert_eq!(page.matches(first_head).count(), 2, "{page}");
}

#[test]
fn envelopes_are_dl_size_one_per_invitation_in_order() {
    let model = model_json(SAMPLE);
    let invitees = model["invitees"].as_array().unwrap();
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &["--only", "phong-bi"]).ok();
    let envelopes = Pdf::open(&out.path().join("phong-bi.pdf"));
    assert_eq!(envelopes.page_count(), invitees.len());
    assert!(
        envelopes
            .page_sizes_mm()
            .iter()
            .all(|&s| s == (220.0, 110.0)),
        "{:?}",
        &envelopes.page_sizes_mm()[..1]
    );
    for i in [0, invitees.len() / 2, invitees.len() - 1] {
        let text = envelopes.page_text(i as u32 + 1);
        let who = invitees[i]["name"]
            .as_str()
            .or(invitees[i]["organization"].as_str())
            .unwrap();
        // The issuer with its address and phone in the corner, then the addressee.
        assert!(
            text.starts_with("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN Số 2 đường Hùng Vương")
                && text.contains("Điện thoại: 0205.3812.000 Kính gửi:"),
            "{text}"
        );
        assert!(text.contains(who), "envelope {} lacks {who}: {text}", i + 1);
    }
}
