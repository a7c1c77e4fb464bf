//! Lists out as well as in: the delegate list and the sign-in sheet as workbooks beside their
//! PDFs, laid out for printing, the same bytes each build, and the delegate list read back into
//! the same invitees.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::fixtures::{import, invitees, present};
use crate::support::{hoinghi, repo, s};

const SAMPLE: &str = "data/hoi-nghi-ocop-2025.json";

fn build_lists(model: &Path, out: &Path) {
    hoinghi(&[
        "build",
        s(model),
        "--out",
        s(out),
        "--only",
        "danh-sach-dai-bieu,so-ky",
    ])
    .ok();
}

/// The text of a part of a zip.
fn part(file: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The rows of the first sheet, each cell as text.
fn rows(file: &Path) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto(file).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The sample's invitees as JSON, in the order of the delegate list: by group in the order of
/// `groups`, pinned ones first, then as typed.
fn sample_in_protocol_order() -> Vec<Value> {
    let model: Value =
        serde_json::from_str(&std::fs::read_to_string(repo(SAMPLE)).unwrap()).unwrap();
    let groups: Vec<&str> = model["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    let mut invitees: Vec<(usize, &Value)> = model["invitees"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .collect();
    invitees.sort_by_key(|(i, inv)| {
        let group = groups
            .iter()
            .position(|g| Some(*g) == inv["group"].as_str())
            .unwrap_or(groups.len());
        let order = inv["order"].as_u64().unwrap_or(u64::MAX);
        (group, order, *i)
    });
    invitees.into_iter().map(|(_, inv)| present(inv)).collect()
}

#[test]
fn the_delegate_list_and_the_sign_in_sheet_are_written_as_workbooks_for_printing() {
    let out = tempfile::tempdir().unwrap();
    build_lists(&repo(SAMPLE), out.path());
    let list = out.path().join("danh-sach-dai-bieu.xlsx");
    let rows = rows(&list);
    assert_eq!(rows[0][0], "DANH SÁCH ĐẠI BIỂU");
    assert!(
        rows[1][0].starts_with("Dự Hội nghị sơ kết"),
        "{:?}",
        rows[1]
    );
    assert_eq!(
        rows[4][..8],
        [
            "STT",
            "Danh xưng",
            "Họ và tên",
            "Chức vụ",
            "Đơn vị",
            "Thành phần",
            "Điện thoại",
            "Xác nhận tham dự"
        ]
    );
    assert_eq!(rows[5][0], "I. Lãnh đạo tỉnh");
    // STT is the invitation's number, as on the invitation's file.
    let sample = sample_in_protocol_order();
    let first = &sample[0];
    let number = {
        let model: Value =
            serde_json::from_str(&std::fs::read_to_string(repo(SAMPLE)).unwrap()).unwrap();
        model["invitees"]
            .as_array()
            .unwrap()
            .iter()
            .position(|i| i["id"] == first["id"])
            .unwrap()
            + 1
    };
    assert_eq!(rows[6][0], number.to_string());
    assert_eq!(rows[6][2], first["name"].as_str().unwrap());

    // A4 portrait, one page wide, the header repeated, Times New Roman.
    let sheet = part(&list, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("paperSize=\"9\""), "{sheet}");
    assert!(sheet.contains("fitToHeight=\"0\""), "{sheet}");
    let workbook = part(&list, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains("$5:$5"),
        "{workbook}"
    );
    assert!(part(&list, "xl/styles.xml").contains("Times New Roman"));

    let signing = rows_of_sign_in(out.path());
    assert_eq!(
        signing[4],
        [
            "STT",
            "Họ và tên",
            "Chức vụ, đơn vị",
            "Điện thoại",
            "Ký tên"
        ]
    );
}

fn rows_of_sign_in(out: &Path) -> Vec<Vec<String>> {
    rows(&out.join("so-ky.xlsx"))
}

#[test]
fn the_workbooks_are_the_same_bytes_every_build() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build_lists(&repo(SAMPLE), a.path());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build_lists(&repo(SAMPLE), b.path());
    for file in ["danh-sach-dai-bieu.xlsx", "so-ky.xlsx"] {
        assert!(
            std::fs::read(a.path().join(file)).unwrap()
                == std::fs::read(b.path().join(file)).unwrap(),
            "{file} differs between two builds"
        );
    }
}

#[test]
fn the_delegate_list_imported_back_gives_the_same_list() {
    let out = tempfile::tempdir().unwrap();
    build_lists(&repo(SAMPLE), out.path());
    let run = import(&out.path().join("danh-sach-dai-bieu.xlsx"), &[]).ok();
    assert_eq!(invitees(&run), sample_in_protocol_order());
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

/// Words to make names, positions and units of, with the letters Vietnamese lists have.
const WORDS: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Văn", "Thị", "Minh", "Hữu", "Ngọc", "Thu", "An", "Bình", "Cường", "Dũng", "Hà", "Hải",
    "Khánh", "Lan", "Mai", "Nam", "Phương", "Quỳnh", "Sơn", "Tâm", "Uyên", "Vinh", "Yến",
];
const UNITS: &[&str] = &[
    "Sở Tài chính",
    "Sở Y tế",
    "UBND xã Chi Lăng",
    "Hội Nông dân tỉnh",
    "Báo Lạng Sơn",
    "Hợp tác xã Đồng Bành",
    "Công an tỉnh",
];
const POSITIONS: &[&str] = &[
    "Giám đốc",
    "Phó Giám đốc",
    "Chủ tịch",
    "Chuyên viên",
    "Phóng viên",
];

fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 2..=4).prop_map(|w| w.join(" "))
}

fn invitee(i: usize) -> impl Strategy<Value = Value> {
    (
        prop::option::of((prop::sample::select(&["Đồng chí", "Ông", "Bà"][..]), name())),
        prop::option::of(prop::sample::select(POSITIONS)),
        prop::option::of(prop::sample::select(UNITS)),
        prop::option::of(prop::sample::select(
            &["Đại diện lãnh đạo", "Lãnh đạo đơn vị"][..],
        )),
        prop::option::of(0u32..3),
        prop::option::of(prop::sample::select(&["head", "front"][..])),
        prop::option::of(10_000_000u32..99_999_999),
        prop::option::of(prop::sample::select(
            &["Mời phát biểu", "Gửi trước 2 ngày"][..],
        )),
    )
        .prop_map(
            move |(person, position, unit, attendees, order, seat, phone, comment)| {
                let mut inv = json!({"id": format!("dbm-{i}")});
                if let Some((honorific, name)) = person {
                    inv["honorific"] = honorific.into();
                    inv["name"] = name.into();
                }
                if inv.get("name").is_none() || unit.is_some() {
                    inv["organization"] = unit.unwrap_or("Sở Xây dựng").into();
                }
                let fields = [
                    ("position", position.map(Value::from)),
                    ("attendees", attendees.map(Value::from)),
                    ("order", order.map(|o| Value::from(o + 1))),
                    ("seat", seat.map(Value::from)),
                    ("phone", phone.map(|p| Value::from(format!("09{p}")))),
                    ("comment", comment.map(Value::from)),
                ];
                for (key, value) in fields {
                    if let Some(value) = value {
                        inv[key] = value;
                    }
                }
                inv
            },
        )
}

/// A list of invitees, each in one of `groups` (or, when there are none, in no group).
fn list() -> impl Strategy<Value = (Vec<String>, Vec<Value>)> {
    (0usize..4, 1usize..12)
        .prop_flat_map(|(groups, n)| {
            let names: Vec<String> = ["Lãnh đạo tỉnh", "Khách mời", "CÁC SỞ, BAN, NGÀNH"]
                [..groups.min(3)]
                .iter()
                .map(|g| g.to_string())
                .collect();
            let people: Vec<_> = (0..n)
                .map(|i| (invitee(i), 0..names.len().max(1)))
                .collect();
            (Just(names), people)
        })
        .prop_map(|(names, people)| {
            let invitees = people
                .into_iter()
                .map(|(mut inv, g)| {
                    if !names.is_empty() {
                        inv["group"] = names[g].clone().into();
                    }
                    inv
                })
                .collect();
            (names, invitees)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A list written to the delegate list's workbook and read back is the list, in the order
    /// of the delegate list.
    #[test]
    fn a_list_written_to_xlsx_and_read_back_is_unchanged((groups, people) in list()) {
        let base = std::fs::read_to_string(repo("tests/fixtures/small.json")).unwrap();
        let mut model: Value = serde_json::from_str(&base).unwrap();
        model["groups"] = json!(groups);
        model["invitees"] = json!(people);
        let dir = tempfile::tempdir().unwrap();
        let conf = hoinghi::model::parse(&model.to_string(), "model.json", dir.path())
            .unwrap_or_else(|p| panic!("{p}"));
        let bytes = hoinghi::office::xlsx::delegate_list(&conf, &minijinja::Value::UNDEFINED)
            .unwrap();
        let file = dir.path().join("ds.xlsx");
        std::fs::write(&file, bytes).unwrap();
        let sheet = hoinghi::import::read(&file, "ds.xlsx", &Default::default()).unwrap();
        prop_assert!(sheet.problems.is_empty(), "{:?}", sheet.problems);
        prop_assert!(sheet.warnings.is_empty(), "{:?}", sheet.warnings);
        let read: Vec<Value> = sheet.invitees.into_iter().map(Value::Object).collect();
        let expected: Vec<Value> = hoinghi::context::protocol_order(&conf)
            .into_iter()
            .map(|i| present(&serde_json::to_value(&conf.model.invitees[i]).unwrap()))
            .collect();
        prop_assert_eq!(read, expected);
    }
}
