//! Fonts: the embedded Tinos, font folders, and families that do not exist.

use super::*;

#[test]
fn an_unknown_font_family_is_an_error_not_a_fallback() {
    hoinghi(&["check", SMALL, "--font", "Times New Roman"])
        .exit(1)
        .says("Lỗi: tùy chọn --font: \"Times New Roman\" không phải một họ phông đã nạp (đã nạp: Tinos); thêm tệp phông bằng --font-path THƯ_MỤC");
}

#[test]
fn fonts_lists_families_faces_and_the_one_in_use() {
    let run = hoinghi(&["fonts", SMALL]).ok();
    assert_contains(
        &run.stdout,
        "Tinos: đậm (có sẵn), đậm nghiêng (có sẵn), nghiêng (có sẵn), thường (có sẵn)\n",
    );
    assert_contains(&run.stdout, "giay-moi: Tinos (4 kiểu)\n");
}

#[test]
fn font_folders_add_fonts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo("fonts/Tinos-Regular.ttf"),
        dir.path().join("Extra.ttf"),
    )
    .unwrap();
    let run = hoinghi(&["fonts", SMALL, "--font-path", s(dir.path())]).ok();
    assert_contains(&run.stdout, "giay-moi: Tinos (5 kiểu)\n");
    hoinghi(&["fonts", "--font-path", "no/such/dir"])
        .exit(1)
        .says("Lỗi: no/such/dir: không có thư mục hay tệp phông nào ở đây");
}
