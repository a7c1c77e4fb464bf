//! Dates, numbers and the draft mark: how the event's date and the invitation's number print.

use serde_json::json;

use super::*;

#[test]
fn a_fixed_date_gives_weekday_leading_zeros_and_no_draft_mark() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["event"]["date"] = json!("2025-10-16");
        m["event"]["start"] = json!("14:30");
        m["invitation"]["number"] = json!(5);
        m["invitation"]["date"] = json!("2026-02-05");
    });
    let out = dir.path().join("out");
    build(&model, &out, &[]).ok();
    let text = Pdf::open(&out.join("giay-moi.pdf")).page_text(1);
    assert!(
        text.contains("Thời gian: 14 giờ 30 phút, thứ Năm, ngày 16/10/2025."),
        "{text}"
    );
    assert!(text.contains("Số: 05/GM-UBND"), "{text}");
    assert!(
        text.contains("Lạng Sơn, ngày 05 tháng 02 năm 2026"),
        "{text}"
    );
    assert!(!text.contains("DỰ THẢO"), "{text}");
}

#[test]
fn months_from_march_on_have_no_leading_zero_and_days_below_ten_do() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["event"]["date"] = json!("2026-03-01");
        m["invitation"]["date"] = json!("2026-03-09");
        m["invitation"]["number"] = json!(125);
    });
    let out = dir.path().join("out");
    build(&model, &out, &[]).ok();
    let text = Pdf::open(&out.join("giay-moi.pdf")).page_text(1);
    assert!(
        text.contains("Lạng Sơn, ngày 09 tháng 3 năm 2026"),
        "{text}"
    );
    assert!(
        text.contains("08 giờ 00 phút, Chủ nhật, ngày 01/3/2026"),
        "{text}"
    );
    assert!(text.contains("Số: 125/GM-UBND"), "{text}");
}

#[test]
fn an_open_date_marks_every_invitation_as_a_draft_with_the_tentative_wording() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(SMALL), out.path(), &[]).ok();
    let merged = Pdf::open(&out.path().join("giay-moi.pdf"));
    for page in 1..=merged.page_count() as u32 {
        let text = merged.page_text(page);
        assert!(text.contains("DỰ THẢO"), "page {page}: {text}");
        assert!(
            text.contains("08 giờ 00 phút, trong tháng 10/2025"),
            "page {page}: {text}"
        );
        assert!(
            text.contains("Lạng Sơn, ngày tháng 10 năm 2025"),
            "page {page}: {text}"
        );
    }
}
