//! CSV files in every encoding Excel and Windows write: each read into the same list, title
//! rows and all; text a wrong reading would garble is refused, never read.

use serde_json::json;

use crate::fixtures::{import, invitees, model_with_list, run_en, utf16, windows_1258};
use crate::support::s;

/// A list with a title above its header, as an office saves it.
const LIST: &str = "DANH SÁCH ĐẠI BIỂU;;;\n\
                    STT;Họ và tên;Chức vụ;Đơn vị\n\
                    1;Nguyễn Văn An;Phó Giám đốc;Sở Tài chính\n\
                    2;Đàm Thị Ưng;Giám đốc;Hợp tác xã Đồng Bành\n";

fn expected() -> Vec<serde_json::Value> {
    vec![
        json!({"id": "r3", "name": "Nguyễn Văn An", "position": "Phó Giám đốc",
               "organization": "Sở Tài chính"}),
        json!({"id": "r4", "name": "Đàm Thị Ưng", "position": "Giám đốc",
               "organization": "Hợp tác xã Đồng Bành"}),
    ]
}

#[test]
fn every_encoding_excel_writes_gives_the_same_list() {
    let tabs = LIST.replace(';', "\t");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("utf8.csv", LIST.as_bytes().to_vec(), "UTF-8"),
        (
            "bom.csv",
            [b"\xEF\xBB\xBF", LIST.as_bytes()].concat(),
            "UTF-8",
        ),
        // "Unicode Text": UTF-16 and tabs.
        ("le.txt", utf16(&tabs, true), "UTF-16LE"),
        ("be.csv", utf16(LIST, false), "UTF-16BE"),
        ("ansi.csv", windows_1258(LIST), "Windows-1258"),
    ];
    for (name, bytes, encoding) in cases {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let run = import(&file, &[]).ok();
        assert_eq!(invitees(&run), expected(), "{name}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("encoding {encoding}, header on row 2")),
            "{name}: {}",
            run.stderr
        );
        // And through the model, where the invitations come from.
        let model = model_with_list(dir.path(), json!({"file": name}), None);
        let run = run_en(&["check", s(&model)]).ok();
        assert!(
            run.stdout.contains("2 row(s) read as invitees"),
            "{name}: {}",
            run.stdout
        );
    }
}

#[test]
fn legacy_tcvn3_text_saved_by_a_western_windows_is_converted_and_told() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tcvn3.csv");
    // "Họ và tên;Đơn vị / Nguyễn Văn An;Sở Y tế" typed in the .VnTime font: TCVN3 bytes.
    std::fs::write(
        &file,
        b"H\xe4 v\xb5 t\xaan;\xa7\xacn v\xde\nNguy\xd4n V\xa8n An;S\xeb Y t\xd5\n",
    )
    .unwrap();
    let run = import(&file, &[]).ok();
    assert_eq!(
        invitees(&run),
        [json!({"id": "r2", "name": "Nguyễn Văn An", "organization": "Sở Y tế"})]
    );
    assert!(
        run.stderr.contains("converted to Unicode"),
        "{}",
        run.stderr
    );
}

#[test]
fn utf8_garbled_through_windows_1252_is_refused_without_printing_the_garble() {
    let dir = tempfile::tempdir().unwrap();
    // What Excel shows of a UTF-8 file it opened as Windows-1252, saved as CSV UTF-8.
    let garbled: String = encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(LIST.as_bytes())
        .0
        .into_owned();
    let file = dir.path().join("garbled.csv");
    std::fs::write(&file, &garbled).unwrap();
    let run = import(&file, &[]).failed();
    assert!(
        run.stderr
            .contains("garbled.csv:1: the Vietnamese letters are garbled"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("probably reads \"SÁCH\""),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("Ä"),
        "the garble was printed:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("CSV UTF-8"), "{}", run.stderr);

    // Saved as Windows-1252 instead: the bytes Windows-1252 lacks became "?".
    let saved: Vec<u8> = LIST
        .bytes()
        .map(|b| {
            if [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(&b) {
                b'?'
            } else {
                b
            }
        })
        .collect();
    std::fs::write(&file, saved).unwrap();
    let run = import(&file, &[]).failed();
    assert!(run.stderr.contains("garbled from line"), "{}", run.stderr);
    assert!(!run.stderr.contains("Ä"), "{}", run.stderr);
}

#[test]
fn vietnamese_lost_to_a_western_code_page_or_an_unknown_encoding_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lost.csv");
    // Saved by Excel on an English Windows: the letters Windows-1252 lacks are "?".
    std::fs::write(&file, b"Ho ten;Don vi\nNguy?n V?n An;S? Y t?\n").unwrap();
    let run = import(&file, &[]).failed();
    assert!(
        run.stderr
            .contains("lost.csv: line 2: Vietnamese letters were replaced by ? (\"Nguy?n\")"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("\"CSV UTF-8 (Comma delimited) (*.csv)\""),
        "{}",
        run.stderr
    );

    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Name;Unit\nJosé María;Café Ñandú\n");
    std::fs::write(&file, &bytes).unwrap();
    let run = import(&file, &[]).failed();
    assert!(
        run.stderr.contains("cannot tell the encoding"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("CSV UTF-8"), "{}", run.stderr);
}
