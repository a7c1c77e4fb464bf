//! Watching: a rebuild on every save, and the last good output kept after a bad one.

use super::*;

/// Waits for `done`, a minute at most (a build on a busy machine can take a while).
#[track_caller]
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_output_after_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.json");
    std::fs::copy(repo(SMALL), &model).unwrap();
    let out = dir.path().join("out");
    let log = dir.path().join("watch.log");
    let mut child = hoinghi_command()
        .args(["watch", s(&model), "--out", s(&out)])
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let first = out.join("giay-moi/001-hoang-van-duc.pdf");
    eventually("the first build", || first.is_file());

    let text = std::fs::read_to_string(&model).unwrap();
    std::fs::write(&model, text.replace("Hoàng Văn Đức", "Hoàng Văn Mới")).unwrap();
    let renamed = out.join("giay-moi/001-hoang-van-moi.pdf");
    eventually("the rebuild", || renamed.is_file() && !first.exists());
    let good = pdfs(&out);

    std::fs::write(&model, "{ \"issuer\": ").unwrap();
    eventually("the error", || {
        std::fs::read_to_string(&log)
            .unwrap()
            .contains("giữ nguyên kết quả tốt lần trước")
    });
    child.kill().unwrap();
    child.wait().unwrap();
    let log = std::fs::read_to_string(&log).unwrap();
    assert_contains(&log, "đã thay đổi: ");
    assert_contains(
        &log,
        &format!(
            "Lỗi: {}, dòng 1, cột 13: thiếu giá trị: sau dấu hai chấm phải có một giá trị",
            model.display()
        ),
    );
    assert_same_files(&pdfs(&out), &good);
    assert!(Pdf::open(&renamed).page_text(1).contains("Hoàng Văn Mới"));
}
