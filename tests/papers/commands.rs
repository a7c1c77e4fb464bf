//! The other commands: check, preview, and the sample as the default model.

use super::*;

#[test]
fn check_summarises_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.json");
    std::fs::copy(repo(SMALL), &model).unwrap();
    let run = hoinghi(&["check", s(&model)]).ok();
    assert_eq!(
        run.stdout,
        "Hội nghị sơ kết Chương trình mỗi xã một sản phẩm tỉnh Lạng Sơn giai đoạn 2021 - 2025; \
         nhiệm vụ, giải pháp thực hiện Chương trình giai đoạn 2026 - 2030\n  \
         giấy mời: 3 (2 gửi cá nhân, 1 gửi đơn vị)\n  \
         ngày họp: chưa chốt (trong tháng 10/2025) — mọi văn bản in chữ DỰ THẢO\n  \
         địa điểm: Nhà khách A1, số 35 Đường Đinh Tiên Hoàng, phường Lương Văn Tri\n  \
         văn bản: giay-moi, danh-sach-dai-bieu, so-ky, bien-ten, so-do-cho-ngoi, phong-bi\n  \
         phông chữ: Tinos 14 pt\n\
         không có lỗi\n"
    );
    assert_eq!(run.stderr, "");
    assert_eq!(snapshot(dir.path()).len(), 1, "only the model is there");
}

#[test]
fn preview_writes_a_picture_of_one_invitation() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("p.png");
    hoinghi(&[
        "preview",
        SMALL,
        "--invitee",
        "b",
        "-o",
        s(&png),
        "--dpi",
        "72",
    ])
    .ok();
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (595, 842), "an A4 page at 72 dpi");
}

#[test]
fn the_sample_model_is_the_default() {
    let run = hoinghi(&["check"]).ok();
    assert!(
        run.stdout
            .contains("Hội nghị sơ kết Chương trình mỗi xã một sản phẩm"),
        "{}",
        run.stdout
    );
}
