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
        // init's short guide, with its table of files
        "Hướng dẫn nhanh",
        "mở bằng",
        "hoi-nghi.schema.json",
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
fn the_guide_as_text_is_its_source_with_the_short_guide_of_init_as_a_section() {
    let own = std::fs::read_to_string(repo("data/HUONG-DAN.md")).unwrap();
    let short = std::fs::read_to_string(repo("data/starter/HUONG-DAN.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("HUONG-DAN.txt");
    hoinghi_at_home(dir.path(), &["huong-dan", "-o", s(&file)], &[]).ok();
    let text = std::fs::read_to_string(&file).unwrap();
    for line in own.lines().filter(|line| !line.starts_with("<!--")) {
        assert!(text.contains(line), "{line:?} not in the guide");
    }
    assert!(!text.contains("<!--"), "{text}");
    for line in short.lines() {
        let deeper = if line.starts_with('#') { "#" } else { "" };
        let line = format!("{deeper}{line}");
        assert!(text.contains(&line), "{line:?} not in the guide");
    }
    // What init writes is the same short guide.
    let conference = dir.path().join("hoi-nghi");
    hoinghi_at_home(dir.path(), &["init", s(&conference)], &[]).ok();
    assert_eq!(
        std::fs::read_to_string(conference.join("HUONG-DAN.md")).unwrap(),
        short
    );
    let printed = hoinghi_at_home(dir.path(), &["--quiet", "huong-dan"], &[]).ok();
    assert_eq!(printed.stdout, text);
}
