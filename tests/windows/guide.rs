//! The guide shipped in the release zips: set as a PDF by the program, and as text, from one
//! source.

use crate::hoinghi_at_home;
use crate::support::{A4, Pdf, repo, s};

#[test]
fn the_guide_is_written_as_a_pdf_in_vietnamese_and_the_same_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("HUONG-DAN.pdf");
    let run = hoinghi_at_home(dir.path(), &["huong-dan", "-o", s(&first)], &[]).ok();
    assert!(
        run.stderr.contains("đã ghi hướng dẫn vào"),
        "{}",
        run.stderr
    );
    let pdf = Pdf::open(&first);
    assert!(pdf.page_sizes_mm().iter().all(|&size| size == A4));
    let text = pdf.text();
    for words in [
        "HƯỚNG DẪN SỬ DỤNG HOINGHI",
        "Nghị định 30/2020/NĐ-CP",
        "hoinghi build",
        "D:\\Hội nghị\\2025\\hoi-nghi.json",
        "đang mở trong chương trình khác",
    ] {
        assert!(text.contains(words), "{words:?} not in: {text}");
    }
    let second = dir.path().join("lan-hai.PDF");
    hoinghi_at_home(dir.path(), &["huong-dan", "-o", s(&second)], &[]).ok();
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
}

#[test]
fn the_guide_as_text_is_its_source() {
    let source = std::fs::read_to_string(repo("data/HUONG-DAN.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("HUONG-DAN.txt");
    hoinghi_at_home(dir.path(), &["huong-dan", "-o", s(&text)], &[]).ok();
    assert_eq!(std::fs::read_to_string(&text).unwrap(), source);
    let printed = hoinghi_at_home(dir.path(), &["--quiet", "huong-dan"], &[]).ok();
    assert_eq!(printed.stdout, source);
}
