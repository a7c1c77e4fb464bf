//! One page whatever the length: long texts shrink to fit, and what cannot fit is named.

use serde_json::json;

use super::*;

#[test]
fn the_longest_allowed_texts_still_fit_on_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let name = "Nguyễn Thị Ngọc Huyền Trang Phương Thảo Hoàng Lan Anh Đức Hạnh Minh Châu Bảo Ngọ";
    assert_eq!(name.chars().count(), 80);
    let line: String =
        "Phó Giám đốc phụ trách Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh "
            .repeat(3)
            .chars()
            .take(200)
            .collect();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][0]["name"] = json!(name);
        m["invitees"][0]["position"] = json!(line.trim_end());
        m["invitees"][0]["organization"] = json!(line.trim_end());
        m["invitees"][1]["organization"] = json!(line.trim_end());
        m["invitees"][1]["attendees"] = json!(line.trim_end());
        let notes = m["invitation"]["notes"].as_array_mut().unwrap();
        notes.push(json!("Các chủ thể OCOP mang theo sản phẩm để trưng bày tại khu vực hội nghị theo hướng dẫn của Ban tổ chức."));
    });
    let out = dir.path().join("out");
    build(&model, &out, &[]).ok();
    let merged = Pdf::open(&out.join("giay-moi.pdf"));
    assert_eq!(merged.page_count(), 3);
    let text = merged.page_text(1);
    assert!(text.contains(name), "{text}");
    assert!(
        text.contains("Lương Trọng Quỳnh"),
        "the signature was pushed off the page:\n{text}"
    );
}

#[test]
fn an_invitation_that_cannot_fit_is_an_error_naming_the_invitee() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        let notes = m["invitation"]["notes"].as_array_mut().unwrap();
        for _ in 0..30 {
            notes.push(json!(
                "Đề nghị các đại biểu dự đúng thành phần, có mặt trước 15 phút để ổn định tổ chức."
            ));
        }
    });
    let out = dir.path().join("out");
    // Every invitation is too long for the same reason: the text they share is named.
    build(&model, &out, &[])
        .exit(1)
        .says("Lỗi: Giấy mời, trường \"Lưu ý\" (invitation.notes): giấy mời gửi \"Hoàng Văn Đức\" chiếm 2 trang dù đã thu nhỏ chữ 2 điểm; một giấy mời phải vừa một trang\n")
        .says("  gợi ý: phần làm giấy mời dài quá một trang: Giấy mời, trường \"Lưu ý\" (invitation.notes); hãy rút gọn")
        .says("có 1 lỗi; không ghi gì");
    assert!(!out.join("giay-moi.pdf").exists());
}
