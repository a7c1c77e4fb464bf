//! Invitees as persons and as organisations, and their Vietnamese letters on the way to the PDF.

use serde_json::json;

use super::*;

#[test]
fn persons_get_honorific_name_position_and_unit_and_organisations_who_attends() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(SMALL), out.path(), &[]).ok();
    let merged = Pdf::open(&out.path().join("giay-moi.pdf"));
    let p1 = merged.page_text(1);
    assert!(p1.contains("kính mời: Đồng chí Hoàng Văn Đức Phó Chủ tịch Thường trực Hội đồng nhân dân tỉnh Tới dự"), "{p1}");
    let p2 = merged.page_text(2);
    assert!(
        p2.contains("kính mời: Sở Tài chính Thành phần: Đại diện lãnh đạo Sở Tới dự"),
        "{p2}"
    );
    let p3 = merged.page_text(3);
    assert!(
        p3.contains("kính mời: Bà Đàm Thị Ưng Giám đốc, Hợp tác xã Nông nghiệp Đồng Bành Tới dự"),
        "{p3}"
    );
}

#[test]
fn decomposed_input_prints_composed() {
    let dir = tempfile::tempdir().unwrap();
    let nfd = "Nguy\u{0065}\u{0302}\u{0303}n Th\u{0069}\u{0323} H\u{0075}\u{031B}\u{006F}\u{031B}\u{0301}ng";
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][0]["name"] = json!(nfd)
    });
    let out = dir.path().join("out");
    build(&model, &out, &[]).ok();
    let text = Pdf::open(&out.join("giay-moi.pdf")).page_text(1);
    assert!(text.contains("Đồng chí Nguyễn Thị Hướng"), "{text}");
    assert!(
        std::fs::read_dir(out.join("giay-moi"))
            .unwrap()
            .any(|e| e.unwrap().file_name() == "001-nguyen-thi-huong.pdf")
    );
}

#[test]
fn every_vietnamese_letter_survives_the_trip_to_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let letters =
        "aàảãáạ ăằẳẵắặ âầẩẫấậ đ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ";
    let upper = letters.to_uppercase();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][0]["position"] = json!(letters);
        m["invitees"][1]["organization"] = json!(upper);
    });
    let out = dir.path().join("out");
    build(&model, &out, &[]).ok();
    let merged = Pdf::open(&out.join("giay-moi.pdf"));
    assert!(
        merged.page_text(1).contains(letters),
        "{}",
        merged.page_text(1)
    );
    assert!(
        merged.page_text(2).contains(&upper),
        "{}",
        merged.page_text(2)
    );
}
