//! hoinghi from the outside: the binary run on models, its PDFs read back as a reader sees them.

mod support;

use std::path::Path;

use serde_json::json;
use support::*;

const SAMPLE: &str = "data/hoi-nghi-ocop-2025.json";
const SMALL: &str = "tests/fixtures/small.json";

fn build(model: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["build", s(model), "--out", s(out)];
    args.extend_from_slice(extra);
    hoinghi(&args)
}

fn sample_invitee_count() -> usize {
    let text = std::fs::read_to_string(repo(SAMPLE)).unwrap();
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    model["invitees"].as_array().unwrap().len()
}

// --- The sample conference -------------------------------------------------------------

#[test]
fn the_sample_conference_builds_one_page_per_invitee_and_a_merged_file() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &[]).ok();
    let n = sample_invitee_count();
    assert!((120..=200).contains(&n), "{n} invitees");

    let merged = Pdf::open(&out.path().join("giay-moi.pdf"));
    assert_eq!(merged.page_count(), n);
    assert!(
        merged.page_sizes_mm().iter().all(|&size| size == A4),
        "{:?}",
        merged.page_sizes_mm()
    );
    assert_fonts_embedded(&merged);

    let mut files: Vec<_> = std::fs::read_dir(out.path().join("giay-moi"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), n);
    for (i, file) in files.iter().enumerate() {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with(&format!("{:03}-", i + 1)), "{name}");
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'),
            "{name}"
        );
    }
    for file in [&files[0], &files[n / 2], &files[n - 1]] {
        let pdf = Pdf::open(file);
        assert_eq!(pdf.page_count(), 1);
        assert_eq!(pdf.page_sizes_mm(), [A4]);
        assert_fonts_embedded(&pdf);
        // The file holds the same invitation as its page of the merged file.
        let i: usize = file.file_name().unwrap().to_str().unwrap()[..3]
            .parse()
            .unwrap();
        assert_eq!(pdf.page_text(1), merged.page_text(i as u32));
    }
}

#[test]
fn sample_invitations_read_as_the_decree_lays_them_out() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &[]).ok();
    let merged = Pdf::open(&out.path().join("giay-moi.pdf"));
    let text = merged.page_text(1);
    for expected in [
        "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /GM-UBND",
        "Lạng Sơn, ngày tháng 10 năm 2025",
        "GIẤY MỜI",
        "Ủy ban nhân dân tỉnh Lạng Sơn trân trọng kính mời:",
        "Tới dự Hội nghị sơ kết Chương trình mỗi xã một sản phẩm tỉnh Lạng Sơn",
        "Thời gian: 08 giờ 00 phút, trong tháng 10/2025.",
        "Địa điểm: Nhà khách A1, số 35 Đường Đinh Tiên Hoàng, phường Lương Văn Tri.",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lương Trọng Quỳnh",
        "./.",
        "DỰ THẢO",
    ] {
        assert!(
            text.contains(expected),
            "page 1 lacks {expected:?}:\n{text}"
        );
    }
    // Header order: issuer, then number; the number line before the title.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s:?} missing"));
    assert!(at("ỦY BAN NHÂN DÂN") < at("GIẤY MỜI"));
    assert!(at("GIẤY MỜI") < at("trân trọng kính mời"));
    assert!(at("trân trọng kính mời") < at("Thời gian"));
    assert!(at("Nơi nhận") < text.rfind("Lương Trọng Quỳnh").unwrap());
}

#[test]
fn every_sample_invitee_appears_on_its_own_page_in_list_order() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &[]).ok();
    let merged = Pdf::open(&out.path().join("giay-moi.pdf"));
    let text = std::fs::read_to_string(repo(SAMPLE)).unwrap();
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    for (i, invitee) in model["invitees"].as_array().unwrap().iter().enumerate() {
        let page = merged.page_text(i as u32 + 1);
        let who = invitee["name"]
            .as_str()
            .or(invitee["organization"].as_str())
            .unwrap();
        assert!(page.contains(who), "page {} lacks {who:?}", i + 1);
        if let (Some(h), Some(n)) = (invitee["honorific"].as_str(), invitee["name"].as_str()) {
            assert!(
                page.contains(&format!("{h} {n}")),
                "page {} lacks {h} {n}",
                i + 1
            );
        }
    }
}

// --- Dates, numbers and the draft mark ------------------------------------------------------

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

// --- Invitees as persons and as organisations ----------------------------------------------

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

// --- Escaping: model text prints literally ---------------------------------------------------

#[test]
fn hostile_strings_print_exactly_as_typed() {
    let hostile = [
        r#"#read("/etc/passwd")"#,
        r#"*A* _b_ $c$ <d> @e \ [f] // g /* h"#,
        r#"a -- b --- c ... d ~ e "f" 'g' `h`"#,
        r#"= Heading - item + enum 1. x / term: y"#,
        r#"#let x = 1; #x }{)( "; #panic("pwn"); ""#,
        r#"http://example.com \u{41} {{ x }} {% y %}"#,
    ];
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        let invitees = m["invitees"].as_array_mut().unwrap();
        invitees.clear();
        for (i, h) in hostile.iter().enumerate() {
            invitees.push(json!({"name": h, "position": h, "organization": h}));
            invitees.push(json!({"organization": h, "attendees": h, "id": format!("o{i}")}));
        }
        m["event"]["venue"] = json!(hostile[1]);
    });
    let out = dir.path().join("out");
    build(&model, &out, &[]).ok();
    let merged = Pdf::open(&out.join("giay-moi.pdf"));
    assert_eq!(merged.page_count(), hostile.len() * 2);
    for (i, h) in hostile.iter().enumerate() {
        let person = merged.page_text(2 * i as u32 + 1);
        assert!(
            person.contains(&format!("kính mời: {h} {h}, {h} Tới dự")),
            "page {}:\n{person}\nexpected {h}",
            2 * i + 1
        );
        assert!(
            person.contains(&format!("Địa điểm: {}.", hostile[1])),
            "{person}"
        );
        let organisation = merged.page_text(2 * i as u32 + 2);
        assert!(
            organisation.contains(&format!("kính mời: {h} Thành phần: {h} Tới dự")),
            "{organisation}"
        );
    }
}

// --- One page whatever the length -------------------------------------------------------------

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
    let run = build(&model, &out, &[]).failed();
    assert!(
        run.stderr
            .contains("error: invitees[0]: the invitation of \"Hoàng Văn Đức\" takes"),
        "{}",
        run.stderr
    );
    assert!(!out.join("giay-moi.pdf").exists());
}

// --- Rebuilding --------------------------------------------------------------------------------

#[test]
fn one_invitee_can_be_rebuilt_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SMALL), &out, &[]).ok();
    let before = pdfs(&out);
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][2]["position"] = json!("Chủ tịch Hội đồng quản trị");
        m["invitees"][0]["position"] = json!("Không được in lại");
    });
    build(&model, &out, &["--invitee", "c"]).ok();
    let after = pdfs(&out);
    assert_eq!(before.len(), after.len());
    for ((path, old), (_, new)) in before.iter().zip(&after) {
        let name = path.to_str().unwrap();
        let changed = name == "giay-moi.pdf" || name.ends_with("003-dam-thi-ung.pdf");
        assert_eq!(old != new, changed, "{name}");
    }
    let third = Pdf::open(&out.join("giay-moi/003-dam-thi-ung.pdf")).page_text(1);
    assert!(third.contains("Chủ tịch Hội đồng quản trị"), "{third}");

    let run = build(&model, &out, &["--invitee", "nobody"]).failed();
    assert!(
        run.stderr
            .contains("--invitee: no invitee has the id \"nobody\""),
        "{}",
        run.stderr
    );
}

/// When each file under `dir` was last written.
fn written_at(dir: &Path) -> Vec<(String, std::time::SystemTime)> {
    snapshot(dir)
        .into_iter()
        .map(|(p, _)| {
            (
                p.display().to_string(),
                std::fs::metadata(dir.join(&p)).unwrap().modified().unwrap(),
            )
        })
        .collect()
}

/// The files written between two `written_at` readings.
fn rewritten(
    before: &[(String, std::time::SystemTime)],
    after: &[(String, std::time::SystemTime)],
) -> Vec<String> {
    after
        .iter()
        .filter(|f| !before.contains(f))
        .map(|(p, _)| p.clone())
        .collect()
}

#[test]
fn a_rebuild_writes_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SMALL), &out, &[]).ok();

    // Nothing changed: nothing written, not even the manifest.
    let first = written_at(&out);
    let run = build(&repo(SMALL), &out, &[]).ok();
    assert_eq!(written_at(&out), first);
    assert!(
        run.stderr
            .starts_with("0 of 7 files written, 7 unchanged, 0 removed"),
        "{}",
        run.stderr
    );

    // One invitee changed: its invitation, the merged file, and the lists that show it.
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][2]["position"] = json!("Chủ tịch Hội đồng quản trị")
    });
    build(&model, &out, &[]).ok();
    let second = written_at(&out);
    let mut changed: Vec<String> = rewritten(&first, &second)
        .into_iter()
        .filter(|p| !p.starts_with(".hoinghi-cache"))
        .collect();
    changed.sort();
    assert_eq!(
        changed,
        [
            ".hoinghi-manifest.json",
            "danh-sach-dai-bieu.pdf",
            "giay-moi.pdf",
            "giay-moi/003-dam-thi-ung.pdf",
            "phong-bi.pdf",
            "so-ky.pdf"
        ]
    );
    assert!(
        Pdf::open(&out.join("giay-moi/003-dam-thi-ung.pdf"))
            .page_text(1)
            .contains("Chủ tịch Hội đồng quản trị")
    );

    // The date fixed: everything that shows it (or the draft mark), not the envelopes.
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][2]["position"] = json!("Chủ tịch Hội đồng quản trị");
        m["event"]["date"] = json!("2025-10-16");
    });
    build(&model, &out, &[]).ok();
    let mut changed: Vec<String> = rewritten(&second, &written_at(&out))
        .into_iter()
        .filter(|p| !p.starts_with(".hoinghi-cache"))
        .collect();
    changed.sort();
    assert!(
        !changed.contains(&"phong-bi.pdf".to_string()),
        "{changed:?}"
    );
    assert_eq!(changed.len(), 7, "{changed:?}");

    // A file deleted by hand comes back.
    std::fs::remove_file(out.join("so-ky.pdf")).unwrap();
    build(&model, &out, &[]).ok();
    assert!(out.join("so-ky.pdf").is_file());
}

#[test]
fn files_of_invitees_no_longer_listed_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SMALL), &out, &[]).ok();
    std::fs::write(out.join("giay-moi/ghi-chu.txt"), "kept").unwrap();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"].as_array_mut().unwrap().remove(0);
    });
    build(&model, &out, &[]).ok();
    let mut names: Vec<String> = std::fs::read_dir(out.join("giay-moi"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["001-so-tai-chinh.pdf", "002-dam-thi-ung.pdf", "ghi-chu.txt"]
    );
}

#[test]
fn the_same_input_gives_byte_identical_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    build(&repo(SMALL), &dir.path().join("a"), &[]).ok();
    build(&repo(SMALL), &dir.path().join("b"), &[]).ok();
    assert_eq!(
        snapshot(&dir.path().join("a")),
        snapshot(&dir.path().join("b"))
    );
}

#[test]
fn a_build_says_one_line_quiet_says_nothing_and_verbose_says_each_file_and_stage() {
    let dir = tempfile::tempdir().unwrap();
    let summary = build(&repo(SMALL), &dir.path().join("a"), &[]).ok().stderr;
    assert_eq!(summary.lines().count(), 1, "{summary}");
    assert!(summary.starts_with("7 of 7 files written, 0 unchanged, 0 removed"));
    // Not on a terminal: no progress bar redrawing itself.
    assert!(
        !summary.contains('\r') && !summary.contains('\x1b'),
        "{summary:?}"
    );

    let quiet = build(&repo(SMALL), &dir.path().join("b"), &["--quiet"]).ok();
    assert_eq!(quiet.stderr, "");
    assert_eq!(quiet.stdout, "");

    let out = dir.path().join("c");
    let verbose = build(&repo(SMALL), &out, &["--verbose"]).ok().stderr;
    let wrote = |file: &str| format!("wrote {}", out.join(file).display());
    assert!(verbose.contains(&wrote("giay-moi.pdf")), "{verbose}");
    assert!(
        verbose.contains(&wrote("giay-moi/003-dam-thi-ung.pdf")),
        "{verbose}"
    );
    assert!(
        verbose.contains("set invitations in type: 3 × "),
        "{verbose}"
    );
    assert!(verbose.contains("make invitation PDFs: 3 × "), "{verbose}");
    assert!(verbose.contains("write them to disk: 3 × "), "{verbose}");
    assert!(verbose.contains("render and fingerprint: "), "{verbose}");
}

#[test]
fn a_rebuild_after_a_change_gives_the_same_bytes_as_a_fresh_build() {
    // Sixty invitees: the merged file is joined from several parts, most of them kept from
    // the first build.
    let sixty = |m: &mut serde_json::Value| {
        let first = m["invitees"][0].clone();
        m["invitees"] = json!(
            (0..60)
                .map(|i| {
                    let mut invitee = first.clone();
                    invitee["id"] = json!(format!("k{i}"));
                    invitee["name"] = json!(format!("Nguyễn Thị Hạnh {i}"));
                    invitee
                })
                .collect::<Vec<_>>()
        );
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let model = model_with(dir.path(), "m.json", SMALL, sixty);
    build(&model, &out, &["--only", "giay-moi"]).ok();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        sixty(m);
        m["invitees"][40]["name"] = json!("Hoàng Văn Tuấn");
    });
    build(&model, &out, &["--only", "giay-moi"]).ok();
    let fresh = dir.path().join("fresh");
    build(&model, &fresh, &["--only", "giay-moi"]).ok();
    assert_eq!(pdfs(&out).len(), 61);
    assert!(
        pdfs(&out) == pdfs(&fresh),
        "the rebuilt files differ from a fresh build's"
    );
    let merged = Pdf::open(&out.join("giay-moi.pdf"));
    assert_eq!(merged.page_count(), 60);
    assert!(merged.page_text(41).contains("Hoàng Văn Tuấn"));
    assert!(merged.page_text(60).contains("Nguyễn Thị Hạnh 59"));
}

// --- Bad input ---------------------------------------------------------------------------------

#[test]
fn a_failed_build_leaves_the_output_folder_exactly_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SMALL), &out, &[]).ok();
    let before = snapshot(&out);
    for edit in [
        (|m: &mut serde_json::Value| m["invitees"][1]["honorific"] = json!("Ong"))
            as fn(&mut serde_json::Value),
        |m| m["invitees"][2]["name"] = json!("Lê 😀"),
        |m| m["style"]["font"] = json!("Times New Roman"),
    ] {
        let model = model_with(dir.path(), "bad.json", SMALL, edit);
        build(&model, &out, &[]).failed();
        assert_eq!(snapshot(&out), before);
    }
}

#[test]
fn model_errors_name_the_path_and_the_value_all_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][1]["honorific"] = json!("Ong");
        m["invitees"][1]["name"] = json!("Trần An");
        m["invitees"][2]["id"] = json!("a");
        m["event"]["date"] = json!("2025-02-30");
        m["event"]["start"] = json!("25:00");
        m["invitees"]
            .as_array_mut()
            .unwrap()
            .push(json!({"position": "Giám đốc"}));
    });
    let run = hoinghi(&["check", s(&model)]).failed();
    for expected in [
        r#"error: invitees[1].honorific: "Ong" is not one of "Đồng chí", "Ông", "Bà""#,
        r#"error: invitees[2].id: "a" is already the id of invitees[0]"#,
        r#"error: event.date: "2025-02-30" is not a date of the calendar"#,
        r#"error: event.start: "25:00" is not a time of day"#,
        "error: invitees[3]: has neither a name nor an organization",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn unknown_fields_and_wrong_types_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][0]["chuc_vu"] = json!("x");
        m["invitees"][2]["name"] = json!(12);
    });
    let run = hoinghi(&["check", s(&model)]).failed();
    assert!(
        run.stderr
            .contains("error: invitees[0].chuc_vu: unknown field `chuc_vu`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: invitees[2].name: invalid type: integer `12`, expected a string"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_json_syntax_error_gives_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.json");
    std::fs::write(&path, "{\n  \"issuer\": {},\n}\n").unwrap();
    let run = hoinghi(&["check", s(&path)]).failed();
    assert!(
        run.stderr.contains(&format!(
            "error: {}:3:1: invalid JSON: trailing comma",
            path.display()
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_model_is_named() {
    let run = hoinghi(&["check", "no/such/model.json"]).failed();
    assert!(
        run.stderr
            .contains("error: no/such/model.json: cannot read the model"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_character_no_font_can_draw_is_named_with_its_invitee() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][2]["name"] = json!("Lê Văn 王")
    });
    let run = hoinghi(&["check", s(&model)]).failed();
    assert!(
        run.stderr
            .contains("error: invitees[2].name: the character '王' (U+738B)"),
        "{}",
        run.stderr
    );
}

// --- Fonts -------------------------------------------------------------------------------------

#[test]
fn an_unknown_font_family_is_an_error_not_a_fallback() {
    let run = hoinghi(&["check", SMALL, "--font", "Times New Roman"]).failed();
    assert!(
        run.stderr.contains(
            "error: --font: \"Times New Roman\" is not a loaded font family (loaded: Tinos)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn fonts_lists_families_faces_and_the_one_in_use() {
    let run = hoinghi(&["fonts", SMALL]).ok();
    assert!(
        run.stdout
            .contains("Tinos: bold, bold italic, italic, regular"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("giay-moi: Tinos (4 faces)"),
        "{}",
        run.stdout
    );
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
    assert!(
        run.stdout.contains("giay-moi: Tinos (5 faces)"),
        "{}",
        run.stdout
    );
    let run = hoinghi(&["fonts", "--font-path", "no/such/dir"]).failed();
    assert!(
        run.stderr
            .contains("no/such/dir: the font folder does not exist"),
        "{}",
        run.stderr
    );
}

// --- Templates ---------------------------------------------------------------------------------

#[test]
fn a_template_folder_overrides_the_wording() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(repo("templates/giay-moi.typ.j2")).unwrap();
    std::fs::write(
        dir.path().join("giay-moi.typ.j2"),
        template.replace("trân trọng kính mời:", "kính mời đồng chí tới dự:"),
    )
    .unwrap();
    let out = dir.path().join("out");
    build(&repo(SMALL), &out, &["--templates", s(dir.path())]).ok();
    let text = Pdf::open(&out.join("giay-moi.pdf")).page_text(1);
    assert!(
        text.contains("Ủy ban nhân dân tỉnh Lạng Sơn kính mời đồng chí tới dự:"),
        "{text}"
    );
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(repo("templates/giay-moi.typ.j2")).unwrap();
    let line_of = |needle: &str| template.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let path = dir.path().join("giay-moi.typ.j2");

    // A minijinja syntax error.
    std::fs::write(
        &path,
        template.replace("{{ event.venue }}", "{{ event.venue }"),
    )
    .unwrap();
    let run = hoinghi(&["check", SMALL, "--templates", s(dir.path())]).failed();
    assert!(
        run.stderr.contains(&format!(
            "error: {}:{}: syntax error",
            path.display(),
            line_of("{{ event.venue }}")
        )),
        "{}",
        run.stderr
    );

    // A variable the model does not have: strict, never a silent blank.
    std::fs::write(
        &path,
        template.replace("{{ event.venue }}", "{{ event.hall }}"),
    )
    .unwrap();
    let run = hoinghi(&["check", SMALL, "--templates", s(dir.path())]).failed();
    assert!(
        run.stderr.contains(&format!(
            "error: {}:{}: undefined value",
            path.display(),
            line_of("{{ event.venue }}")
        )),
        "{}",
        run.stderr
    );

    // Valid minijinja producing invalid Typst.
    std::fs::write(&path, template.replace("*Chủ trì:*", "#chu-tri(")).unwrap();
    let run = hoinghi(&["check", SMALL, "--templates", s(dir.path())]).failed();
    assert!(
        run.stderr.contains(&format!(
            "error: {}:{}: Typst error",
            path.display(),
            line_of("*Chủ trì:*")
        )),
        "{}",
        run.stderr
    );
}

// --- Other commands ----------------------------------------------------------------------------

#[test]
fn check_summarises_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let run = hoinghi(&["check", SMALL]).ok();
    assert!(
        run.stdout
            .contains("invitations: 3 (2 to persons, 1 to organisations)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("date: not fixed (trong tháng 10/2025)"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
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

// --- Programme, script and annexes ------------------------------------------------------------

const OTHER: &str = "tests/fixtures/other-conference.json";

fn model_json(path: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(repo(path)).unwrap()).unwrap()
}

/// The clock times the model implies, computed here independently: "14h00 - 14h10" per item.
fn expected_times(model: &serde_json::Value) -> (Vec<String>, Vec<String>) {
    let start = model["event"]["start"].as_str().unwrap();
    let mut now: u64 = start[..2].parse::<u64>().unwrap() * 60 + start[3..].parse::<u64>().unwrap();
    let clock = |m: u64| format!("{:02}h{:02}", m / 60, m % 60);
    let presentations: Vec<u64> = model["presentations"].as_array().map_or(vec![], |p| {
        p.iter().map(|p| p["minutes"].as_u64().unwrap()).collect()
    });
    let (mut items, mut talks) = (vec![], vec![]);
    for item in model["agenda"].as_array().unwrap() {
        let minutes = match item["minutes"].as_u64() {
            Some(m) => m,
            None => presentations.iter().sum(),
        };
        if item["kind"] == "presentations" {
            let mut at = now;
            for m in &presentations {
                talks.push(format!("{} - {}", clock(at), clock(at + m)));
                at += m;
            }
        }
        items.push(format!("{} - {}", clock(now), clock(now + minutes)));
        now += minutes;
    }
    (items, talks)
}

fn in_order(text: &str, needles: &[String]) {
    let mut from = 0;
    for needle in needles {
        let at = text[from..]
            .find(needle.as_str())
            .unwrap_or_else(|| panic!("{needle:?} missing or out of order in:\n{text}"));
        from += at + needle.len();
    }
}

#[test]
fn the_programme_and_the_script_agree_with_the_computed_clock_times() {
    for model in [SAMPLE, OTHER] {
        let out = tempfile::tempdir().unwrap();
        build(
            &repo(model),
            out.path(),
            &["--only", "chuong-trinh,kich-ban"],
        )
        .ok();
        let (items, talks) = expected_times(&model_json(model));
        let programme = Pdf::open(&out.path().join("chuong-trinh.pdf")).text();
        in_order(&programme, &items);
        in_order(&programme, &talks);
        let script = Pdf::open(&out.path().join("kich-ban.pdf")).text();
        let starts: Vec<String> = items.iter().map(|t| t[..5].to_string()).collect();
        in_order(&script, &starts);
        let talk_starts: Vec<String> = talks.iter().map(|t| t[..5].to_string()).collect();
        in_order(&script, &talk_starts);
        // The script ends where the programme ends.
        let end = items.last().unwrap()[8..].to_string();
        assert!(
            script.contains(&format!("{end} Kết thúc Hội nghị")),
            "{model}: {script}"
        );
    }
}

#[test]
fn the_script_introduces_delegates_by_rank_with_honorific_name_and_position() {
    let model = model_json(OTHER);
    let out = tempfile::tempdir().unwrap();
    build(&repo(OTHER), out.path(), &["--only", "kich-ban"]).ok();
    let script = Pdf::open(&out.path().join("kich-ban.pdf")).text();
    let mut intros: Vec<&serde_json::Value> = model["script"]["introductions"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    let in_array_order: Vec<u64> = intros.iter().map(|i| i["rank"].as_u64().unwrap()).collect();
    intros.sort_by_key(|i| i["rank"].as_u64().unwrap());
    assert_ne!(
        in_array_order,
        intros
            .iter()
            .map(|i| i["rank"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        "the fixture must list ranks out of order"
    );
    let invitees = model["invitees"].as_array().unwrap();
    let names: Vec<String> = intros
        .iter()
        .map(|i| {
            let person = match i["invitee"].as_str() {
                Some(id) => invitees.iter().find(|inv| inv["id"] == id).unwrap(),
                None => &i["person"],
            };
            let honorific = person["honorific"].as_str().unwrap().to_lowercase();
            format!(
                "{honorific} {}, {}",
                person["name"].as_str().unwrap(),
                person["position"].as_str().unwrap()
            )
        })
        .collect();
    in_order(&script, &names);
    assert!(
        script.contains("Kính thưa các đồng chí lãnh đạo"),
        "{script}"
    );
    assert!(
        script.contains(model["script"]["reason"].as_str().unwrap()),
        "{script}"
    );
}

#[test]
fn awards_are_called_to_the_stage_in_groups_of_the_configured_size() {
    let model = model_json(OTHER);
    let awards = &model["awards"];
    let size = awards["group_size"].as_u64().unwrap() as usize;
    let mut everyone: Vec<String> = awards["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap().to_string())
        .collect();
    everyone.extend(
        awards["individuals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap().to_string()),
    );
    let groups = everyone.len().div_ceil(size);
    assert!(groups >= 2, "the fixture must need several groups");

    let out = tempfile::tempdir().unwrap();
    build(&repo(OTHER), out.path(), &["--only", "kich-ban"]).ok();
    let script = Pdf::open(&out.path().join("kich-ban.pdf")).text();
    let form = awards["form"].as_str().unwrap();
    for g in 1..=groups {
        assert!(
            script.contains(&format!("lên nhận {form} (đợt {g}):")),
            "group {g} missing:\n{script}"
        );
    }
    assert!(!script.contains(&format!("(đợt {})", groups + 1)));
    // Numbered through, collectives first, in the decision's order.
    let numbered: Vec<String> = everyone
        .iter()
        .enumerate()
        .map(|(i, name)| format!("{}. {name}", i + 1))
        .collect();
    in_order(&script, &numbered);
}

#[test]
fn the_booklet_is_a5_and_its_print_copy_is_imposed_for_saddle_stitching() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &["--only", "chuong-trinh"]).ok();
    let booklet = Pdf::open(&out.path().join("chuong-trinh.pdf"));
    assert!(
        booklet.page_sizes_mm().iter().all(|&s| s == (148.0, 210.0)),
        "{:?}",
        booklet.page_sizes_mm()
    );
    let pages = booklet.page_count();
    assert!(pages >= 3);
    let padded = pages.div_ceil(4) * 4;

    let imposed = Pdf::open(&out.path().join("chuong-trinh-in.pdf"));
    assert_eq!(imposed.page_count(), padded / 2);
    assert!(
        imposed.page_sizes_mm().iter().all(|&s| s == (297.0, 210.0)),
        "{:?}",
        imposed.page_sizes_mm()
    );
    let text_of = |p: usize| {
        if p <= pages {
            booklet.page_text(p as u32)
        } else {
            String::new()
        }
    };
    for side in 0..padded / 2 {
        // Sheet s: front (last - 2s, 1 + 2s), back (2 + 2s, last - 1 - 2s).
        let s = side / 2;
        let (left, right) = if side % 2 == 0 {
            (padded - 2 * s, 2 * s + 1)
        } else {
            (2 * s + 2, padded - 2 * s - 1)
        };
        let expected = format!("{} {}", text_of(left), text_of(right))
            .trim()
            .to_string();
        assert_eq!(
            imposed.page_text(side as u32 + 1),
            expected,
            "printed side {}",
            side + 1
        );
    }
}

#[test]
fn the_programme_lists_agenda_presentations_and_display_tables() {
    let model = model_json(OTHER);
    let out = tempfile::tempdir().unwrap();
    build(&repo(OTHER), out.path(), &["--only", "chuong-trinh"]).ok();
    let programme = Pdf::open(&out.path().join("chuong-trinh.pdf"));
    let cover = programme.page_text(1);
    assert!(cover.contains("CHƯƠNG TRÌNH"), "{cover}");
    assert!(
        cover.contains(model["event"]["title"].as_str().unwrap()),
        "{cover}"
    );
    assert!(cover.contains("thứ Năm, ngày 15/01/2026"), "{cover}");
    let text = programme.text();
    let contents: Vec<String> = model["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["content"].as_str().unwrap().to_string())
        .collect();
    in_order(&text, &contents);
    for exhibit in model["exhibits"].as_array().unwrap() {
        for product in exhibit["products"].as_array().unwrap() {
            let line = format!(
                "{} {} {} sao",
                product["name"].as_str().unwrap(),
                product["producer"].as_str().unwrap(),
                product["stars"]
            );
            assert!(text.contains(&line), "{line:?} missing:\n{text}");
        }
    }
}

#[test]
fn the_annexes_are_landscape_with_the_decree_heading() {
    let model = model_json(OTHER);
    let out = tempfile::tempdir().unwrap();
    build(
        &repo(OTHER),
        out.path(),
        &["--only", "bieu-01-tham-luan,bieu-02-trung-bay"],
    )
    .ok();
    let issuer = model["issuer"]["name"].as_str().unwrap();
    for (file, label, title) in [
        (
            "bieu-01-tham-luan.pdf",
            "Biểu số 01",
            "PHÂN CÔNG THAM LUẬN TẠI HỘI NGHỊ",
        ),
        (
            "bieu-02-trung-bay.pdf",
            "Biểu số 02",
            "PHÂN CÔNG TRƯNG BÀY SẢN PHẨM",
        ),
    ] {
        let pdf = Pdf::open(&out.path().join(file));
        assert!(
            pdf.page_sizes_mm().iter().all(|&s| s == (297.0, 210.0)),
            "{file}"
        );
        assert_fonts_embedded(&pdf);
        let text = pdf.text();
        let heading = format!(
            "{label} {title} (Kèm theo Kế hoạch số 05/KH-UBND ngày 20 tháng 12 năm 2025 của {issuer})"
        );
        assert!(text.starts_with(&heading), "{file}:\n{text}");
    }
    let annex = Pdf::open(&out.path().join("bieu-01-tham-luan.pdf")).text();
    for (i, p) in model["presentations"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let row = format!("{} {}", i + 1, p["unit"].as_str().unwrap());
        assert!(annex.contains(&row), "{row:?}:\n{annex}");
        assert!(
            annex.contains(&format!(
                "{} {} phút",
                p["topic"].as_str().unwrap(),
                p["minutes"]
            )),
            "{annex}"
        );
    }
}

#[test]
fn a_programme_longer_than_its_session_is_reported_with_the_overrun() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", OTHER, |m| {
        let (items, _) = expected_times(m);
        let end = &items.last().unwrap()[8..];
        let end_minutes: i64 =
            end[..2].parse::<i64>().unwrap() * 60 + end[3..].parse::<i64>().unwrap();
        // Lengthen the first item so the programme ends 25 minutes after 17:00.
        let first = m["agenda"][0]["minutes"].as_i64().unwrap();
        m["agenda"][0]["minutes"] = json!(first + (17 * 60 + 25 - end_minutes));
    });
    let out = dir.path().join("out");
    let run = build(&model, &out, &[]).ok();
    assert!(run.stderr.contains("warning: agenda: the programme ends at 17h25, 25 minutes after buổi chiều ends at 17h00"), "{}", run.stderr);
    let run = build(&model, &dir.path().join("strict"), &["--strict"]).failed();
    assert!(
        run.stderr
            .contains("error: agenda: the programme ends at 17h25, 25 minutes after"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("strict").join("kich-ban.pdf").exists());
    let run = hoinghi(&["check", s(&model), "--strict"]).failed();
    assert!(run.stderr.contains("25 minutes after"), "{}", run.stderr);
}

#[test]
fn a_programme_past_midnight_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", OTHER, |m| {
        m["event"]["start"] = json!("23:30");
        m["session"]["end"] = json!("23:59");
    });
    let run = hoinghi(&["check", s(&model)]).failed();
    assert!(
        run.stderr.contains("the programme would run past midnight"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_second_conference_leaves_no_trace_of_the_first() {
    let model = model_json(OTHER);
    let out = tempfile::tempdir().unwrap();
    build(&repo(OTHER), out.path(), &[]).ok();
    let files = pdfs(out.path());
    assert!(files.len() > 6);
    for (path, _) in &files {
        let text = Pdf::open(&out.path().join(path)).text();
        for trace in [
            "Lạng Sơn",
            "LẠNG SƠN",
            "OCOP",
            "Lương Trọng Quỳnh",
            "mỗi xã một sản phẩm",
            "DỰ THẢO",
        ] {
            assert!(
                !text.contains(trace),
                "{}: {trace:?} in\n{text}",
                path.display()
            );
        }
        assert!(
            text.contains(model["issuer"]["header"][1].as_str().unwrap())
                || text.contains(model["issuer"]["name"].as_str().unwrap()),
            "{}",
            path.display()
        );
    }
    let invitation = Pdf::open(&out.path().join("giay-moi.pdf")).page_text(1);
    let place = model["issuer"]["place"].as_str().unwrap();
    assert!(
        invitation.contains(&format!("{place}, ngày 08 tháng 01 năm 2026")),
        "{invitation}"
    );
    assert!(
        invitation.contains("thứ Năm, ngày 15/01/2026"),
        "{invitation}"
    );
}

#[test]
fn only_builds_the_named_documents_and_list_shows_them_all() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(OTHER), out.path(), &["--only", "kich-ban"]).ok();
    let names: Vec<String> = pdfs(out.path())
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert_eq!(names, ["kich-ban.pdf"]);
    let run = build(&repo(OTHER), out.path(), &["--only", "thiep-moi"]).failed();
    assert!(run.stderr.contains("--only: \"thiep-moi\" is not a document; the documents are giay-moi, chuong-trinh, kich-ban"), "{}", run.stderr);

    let run = hoinghi(&["list", OTHER, "--out", "ra"]).ok();
    for expected in [
        "giay-moi",
        "ra/giay-moi.pdf",
        "ra/giay-moi/001-",
        "chuong-trinh",
        "ra/chuong-trinh.pdf",
        "ra/chuong-trinh-in.pdf",
        "ra/kich-ban.pdf",
        "ra/bieu-01-tham-luan.pdf",
        "ra/bieu-02-trung-bay.pdf",
    ] {
        assert!(
            run.stdout.contains(expected),
            "{expected} missing:\n{}",
            run.stdout
        );
    }
    // A model without a programme produces invitations only.
    let run = hoinghi(&["list", SMALL]).ok();
    assert!(!run.stdout.contains("kich-ban"), "{}", run.stdout);
}

// --- Invitee lists from spreadsheets, protocol order, list documents ----------------------------

/// Writes an XLSX workbook with one sheet of text rows (whole numbers as numbers, as Excel has them).
fn xlsx(path: &Path, sheet: &str, rows: &[&[&str]]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            match text.parse::<f64>() {
                Ok(n) if !text.starts_with('0') => {
                    worksheet.write_number(r as u32, c as u16, n).unwrap()
                }
                _ => worksheet.write_string(r as u32, c as u16, *text).unwrap(),
            };
        }
    }
    workbook.save(path).unwrap();
}

/// The small model with its invitees taken from `list` (a file in `dir`), and `groups`.
fn model_with_list(dir: &Path, list: serde_json::Value, groups: &[&str]) -> std::path::PathBuf {
    model_with(dir, "model.json", SMALL, |m| {
        m["invitees"] = list;
        m["groups"] = json!(groups);
    })
}

/// The delegate list's text between its title and its end, where the names are.
fn delegate_names(out: &Path) -> String {
    Pdf::open(&out.join("danh-sach-dai-bieu.pdf")).text()
}

const HAND_SORTED: [&str; 16] = [
    // By given name (the last word), then middle, then family name, in Vietnamese order:
    // An < Anh < Ánh (tone after letters) < Ân (a < â) < Ấn; d < đ; Hà < Hạ (huyền < nặng) < Hải
    // (a prefix first); ơ < ư; a name without middle names before one with them.
    "Lê An",
    "Trần Thị An",
    "Nguyễn Ngọc Anh",
    "Đỗ Thị Ánh",
    "Mã Văn Ân",
    "Chu Thị Ấn",
    "Nguyễn Văn Bình",
    "Bùi Văn Dũng",
    "Hoàng Minh Đức",
    "Phạm Văn Đức",
    "Nguyễn Thị Hà",
    "Lê Thị Hạ",
    "Trần Văn Hải",
    "Lương Văn Ơn",
    "Vũ Thị Ưng",
    "Hà Thị Yến",
];

#[test]
fn an_xlsx_list_with_diacritic_free_headers_feeds_every_document() {
    let dir = tempfile::tempdir().unwrap();
    // Rows in a scrambled order; the headers written without diacritics, in capitals.
    let mut rows: Vec<Vec<&str>> = vec![vec![
        "STT",
        "HO VA TEN",
        "Chuc vu",
        "Don vi",
        "Danh xung",
        "Nhom",
    ]];
    let scrambled = [7, 2, 12, 0, 15, 9, 4, 13, 1, 11, 6, 14, 3, 10, 8, 5];
    let numbers: Vec<String> = (1..=16).map(|n| n.to_string()).collect();
    for (n, &i) in scrambled.iter().enumerate() {
        rows.push(vec![
            &numbers[n],
            HAND_SORTED[i],
            "Chuyên viên",
            "Sở Tài chính",
            "Ông",
            "Đại biểu",
        ]);
    }
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    xlsx(&dir.path().join("dai-bieu.xlsx"), "Danh sách", &rows);
    let model = model_with_list(dir.path(), json!({"file": "dai-bieu.xlsx"}), &["Đại biểu"]);
    let out = dir.path().join("out");
    build(&model, &out, &[]).ok();

    // The invitations keep the sheet's order; the delegate list is in Vietnamese order.
    let invitations = Pdf::open(&out.join("giay-moi.pdf"));
    assert_eq!(invitations.page_count(), 16);
    assert!(
        invitations
            .page_text(1)
            .contains(&format!("Ông {}", HAND_SORTED[7])),
        "{}",
        invitations.page_text(1)
    );
    let list = delegate_names(&out);
    let numbered: Vec<String> = HAND_SORTED
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {n} Chuyên viên Sở Tài chính", i + 1))
        .collect();
    in_order(&list, &numbered);
    assert!(list.contains("I. Đại biểu"), "{list}");
}

#[test]
fn a_pinned_order_comes_before_the_alphabet_and_groups_follow_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "Họ và tên;Chức vụ;Đơn vị;Nhóm;Thứ tự\n\
               Nguyễn Văn Bình;Chuyên viên;Sở A;Khách;\n\
               Vũ Thị Ưng;Giám đốc;Sở A;Khách;1\n\
               Lê An;Phó Chủ tịch;UBND tỉnh;Lãnh đạo;\n\
               ;;Báo X;Báo chí;\n\
               Hà Thị Yến;Phóng viên;Báo Y;Báo chí;\n";
    std::fs::write(dir.path().join("ds.csv"), csv).unwrap();
    let model = model_with_list(
        dir.path(),
        json!({"file": "ds.csv"}),
        &["Lãnh đạo", "Khách", "Báo chí"],
    );
    let out = dir.path().join("out");
    build(&model, &out, &["--only", "danh-sach-dai-bieu,so-ky"]).ok();
    let list = delegate_names(&out);
    in_order(
        &list,
        &[
            "I. Lãnh đạo".into(),
            "1 Lê An".into(),
            "II. Khách".into(),
            "2 Vũ Thị Ưng".into(),
            "3 Nguyễn Văn Bình".into(),
            "III. Báo chí".into(),
            "4 Hà Thị Yến".into(),
            "5 Đại diện Báo X".into(),
        ],
    );
}

#[test]
fn csv_lists_read_with_a_bom_and_commas_or_semicolons() {
    for (name, text) in [
        (
            "bom.csv",
            "\u{feff}Họ và tên,Chức vụ,Đơn vị\nLê Thị Hạ,Giám đốc,\"Công ty A, chi nhánh B\"\n",
        ),
        (
            "semi.csv",
            "ho ten;chuc danh;co quan\nLê Thị Hạ;Giám đốc;Công ty A, chi nhánh B\n",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), text).unwrap();
        let model = model_with_list(dir.path(), json!({"file": name}), &[]);
        let out = dir.path().join("out");
        build(&model, &out, &["--only", "giay-moi"]).ok();
        let page = Pdf::open(&out.join("giay-moi.pdf")).page_text(1);
        assert!(
            page.contains("kính mời: Lê Thị Hạ Giám đốc, Công ty A, chi nhánh B Tới dự"),
            "{name}: {page}"
        );
    }
}

#[test]
fn bad_cells_are_all_reported_with_file_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    xlsx(
        &dir.path().join("dai-bieu.xlsx"),
        "DS",
        &[
            &[
                "STT",
                "Họ và tên",
                "Danh xưng",
                "Chỗ ngồi",
                "Nhóm",
                "Sở thích",
            ],
            &["1", "Lê An", "Ong", "", "Khách", "cờ"],
            &["2", "Trần Bình", "Ông", "ban công", "Khách", ""],
            &["3", "", "Bà", "", "Khách", ""],
            &["4", "Ngô Cường", "Ông", "", "Khách mời", ""],
        ],
    );
    let model = model_with_list(
        dir.path(),
        json!({"file": "dai-bieu.xlsx", "sheet": "DS"}),
        &["Khách"],
    );
    let run = hoinghi(&["check", s(&model)]).failed();
    for expected in [
        "error: dai-bieu.xlsx!D3: \"ban công\" is not a seat",
        "error: dai-bieu.xlsx!C2: \"Ong\" is not one of \"Đồng chí\", \"Ông\", \"Bà\"",
        "error: dai-bieu.xlsx row 4: has neither a name nor an organization",
        "error: dai-bieu.xlsx!E5: \"Khách mời\" is not one of the model's groups",
        "warning: dai-bieu.xlsx!F1: the column \"Sở thích\" is not one hoinghi knows",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in:\n{}",
            run.stderr
        );
    }
    let run = hoinghi(&[
        "check",
        s(&model_with_list(
            dir.path(),
            json!({"file": "dai-bieu.xlsx", "sheet": "Khác"}),
            &[],
        )),
    ])
    .failed();
    assert!(
        run.stderr
            .contains("error: dai-bieu.xlsx: has no sheet \"Khác\"; its sheets are: DS"),
        "{}",
        run.stderr
    );
}

#[test]
fn legacy_tcvn3_and_vni_text_is_converted_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    // Bytes as the legacy fonts typed them: TCVN3 "Nguyễn Văn An" and VNI "Đặng Thị Ánh".
    let mut csv: Vec<u8> = b"Ho va ten;Don vi\r\n".to_vec();
    csv.extend_from_slice(b"Nguy\xd4n V\xa8n An;S\xeb T\xb5i ch\xddnh\r\n");
    csv.extend_from_slice(b"\xd1a\xebng Th\xf2 A\xd9nh;Co\xe2ng ty A\r\n");
    std::fs::write(dir.path().join("cu.csv"), &csv).unwrap();
    let model = model_with_list(dir.path(), json!({"file": "cu.csv"}), &[]);
    let out = dir.path().join("out");
    let run = build(&model, &out, &["--only", "giay-moi"]).ok();
    let merged = Pdf::open(&out.join("giay-moi.pdf"));
    assert!(
        merged
            .page_text(1)
            .contains("kính mời: Nguyễn Văn An Sở Tài chính Tới dự"),
        "{}",
        merged.page_text(1)
    );
    assert!(
        merged
            .page_text(2)
            .contains("kính mời: Đặng Thị Ánh Công ty A Tới dự"),
        "{}",
        merged.page_text(2)
    );
    assert!(
        run.stderr.contains(
            "cu.csv: 4 cells typed in a legacy encoding converted to Unicode: cu.csv!A2 (TCVN3"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("cu.csv!A3 (VNI-Windows"),
        "{}",
        run.stderr
    );
}

#[test]
fn import_turns_a_sheet_into_the_models_json() {
    let dir = tempfile::tempdir().unwrap();
    xlsx(
        &dir.path().join("ds.xlsx"),
        "Sheet1",
        &[
            &[
                "TT",
                "Ho ten",
                "Chuc vu",
                "Co quan",
                "Dien thoai",
                "Ghi chu",
            ],
            &[
                "1",
                "Lê An",
                "Giám đốc",
                "Sở Y tế",
                "0912345678",
                "gọi trước",
            ],
        ],
    );
    let run = hoinghi(&["import", s(&dir.path().join("ds.xlsx"))]).ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["invitees"][0]["name"], "Lê An");
    assert_eq!(json["invitees"][0]["organization"], "Sở Y tế");
    assert_eq!(json["invitees"][0]["phone"], "0912345678");
    assert_eq!(json["invitees"][0]["comment"], "gọi trước");
    let out = dir.path().join("ds.json");
    hoinghi(&["import", s(&dir.path().join("ds.xlsx")), "-o", s(&out)]).ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), run.stdout);
}

#[test]
fn the_sign_in_sheet_repeats_its_header_and_leaves_room_to_sign() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &["--only", "so-ky"]).ok();
    let sheet = Pdf::open(&out.path().join("so-ky.pdf"));
    assert!(sheet.page_count() >= 3);
    for page in 1..=sheet.page_count() as u32 {
        let text = sheet.page_text(page);
        assert!(
            text.contains("TT Họ và tên Chức vụ, đơn vị Điện thoại Ký tên"),
            "page {page}: {text}"
        );
    }
    let all = sheet.text();
    assert!(
        all.contains(&format!("{} ", sample_invitee_count())),
        "every invitee is numbered"
    );
}

#[test]
fn name_cards_are_printed_twice_per_sheet_for_the_head_table_and_front_rows() {
    let model = model_json(SAMPLE);
    let seated: Vec<&serde_json::Value> = model["invitees"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["seat"].is_string())
        .collect();
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &["--only", "bien-ten"]).ok();
    let cards = Pdf::open(&out.path().join("bien-ten.pdf"));
    assert_eq!(cards.page_count(), seated.len());
    assert!(cards.page_sizes_mm().iter().all(|&s| s == (297.0, 210.0)));
    // The head table first.
    let first_head = seated.iter().find(|i| i["seat"] == "head").unwrap()["name"]
        .as_str()
        .unwrap();
    let page = cards.page_text(1);
    assert_eq!(page.matches(first_head).count(), 2, "{page}");
}

#[test]
fn envelopes_are_dl_size_one_per_invitation_in_order() {
    let model = model_json(SAMPLE);
    let invitees = model["invitees"].as_array().unwrap();
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &["--only", "phong-bi"]).ok();
    let envelopes = Pdf::open(&out.path().join("phong-bi.pdf"));
    assert_eq!(envelopes.page_count(), invitees.len());
    assert!(
        envelopes
            .page_sizes_mm()
            .iter()
            .all(|&s| s == (220.0, 110.0)),
        "{:?}",
        &envelopes.page_sizes_mm()[..1]
    );
    for i in [0, invitees.len() / 2, invitees.len() - 1] {
        let text = envelopes.page_text(i as u32 + 1);
        let who = invitees[i]["name"]
            .as_str()
            .or(invitees[i]["organization"].as_str())
            .unwrap();
        assert!(
            text.starts_with("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN Kính gửi:"),
            "{text}"
        );
        assert!(text.contains(who), "envelope {} lacks {who}: {text}", i + 1);
    }
}

// --- The catalogue of bad input: tests/bad/*/expect ---------------------------------------------

/// Runs every case of `tests/bad`: each folder holds the input and an `expect` file with the
/// exit status (`exit 1`), the arguments (`args …`, with `{dir}` the case's folder and `{out}` an
/// output folder; default `build {dir}/model.json --out {out}`), fragments the error output must
/// contain (`stderr …`), and for inputs that must work, files that must appear (`file …`). A
/// failing case must leave the output folder exactly as it was.
#[test]
fn every_case_of_the_bad_input_catalogue_gives_its_message_and_status() {
    let mut cases: Vec<_> = std::fs::read_dir(repo("tests/bad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expect = std::fs::read_to_string(case.join("expect")).unwrap();
        let work = tempfile::tempdir().unwrap();
        let out = work.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("truoc-do.pdf"), b"an earlier build").unwrap();
        let before = snapshot(&out);

        let mut status = None;
        let mut args: Vec<String> = ["build", "{dir}/model.json", "--out", "{out}"]
            .map(String::from)
            .to_vec();
        let (mut fragments, mut files) = (Vec::new(), Vec::new());
        for line in expect
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (key, value) = line.split_once(' ').unwrap_or((line, ""));
            match key {
                "exit" => status = Some(value.parse::<i32>().unwrap()),
                "args" => args = value.split(' ').map(String::from).collect(),
                "stderr" => fragments.push(value.to_string()),
                "file" => files.push(value.to_string()),
                other => panic!("{name}: unknown line {other:?}"),
            }
        }
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("{dir}", s(case)).replace("{out}", s(&out)))
            .collect();
        let run = hoinghi(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let status = status.unwrap_or_else(|| panic!("{name}: no exit line"));
        if run.status != status {
            failures.push(format!(
                "{name}: exit {} instead of {status}:\n{}",
                run.status, run.stderr
            ));
            continue;
        }
        for fragment in &fragments {
            if !run.stderr.contains(fragment.as_str()) {
                failures.push(format!(
                    "{name}: {fragment:?} missing from:\n{}",
                    run.stderr
                ));
            }
        }
        if status != 0 {
            if !run.stderr.contains("nothing was written") {
                failures.push(format!("{name}: no closing line:\n{}", run.stderr));
            }
            if snapshot(&out) != before {
                failures.push(format!("{name}: the output folder changed"));
            }
        }
        for file in &files {
            let path = out.join(file);
            if !path.is_file()
                || Pdf::open(&path).page_count() != 1 && file.starts_with("giay-moi/")
            {
                failures.push(format!("{name}: {file} was not written"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

// --- Nothing lost, archive-grade output -------------------------------------------------------

#[test]
fn a_build_killed_halfway_leaves_the_previous_output_and_the_next_build_tidies_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SMALL), &out, &[]).ok();
    let before = snapshot(&out);
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][0]["name"] = json!("Người Khác")
    });
    let killed = std::process::Command::new(env!("CARGO_BIN_EXE_hoinghi"))
        .args(["build", s(&model), "--out", s(&out)])
        .env("HOINGHI_ABORT_AFTER", "2")
        .output()
        .unwrap();
    assert!(!killed.status.success());
    // Every earlier file is intact; what the killed build wrote sits in temporary files only.
    let after = snapshot(&out);
    let (temporary, kept): (Vec<_>, Vec<_>) = after.into_iter().partition(|(p, _)| {
        p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".hoinghi-tmp-")
    });
    assert_eq!(kept, before);
    assert!(!temporary.is_empty());
    // The next build removes them.
    build(&model, &out, &[]).ok();
    assert!(snapshot(&out).iter().all(|(p, _)| {
        !p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".hoinghi-tmp-")
    }));
    assert!(
        Pdf::open(&out.join("giay-moi.pdf"))
            .page_text(1)
            .contains("Người Khác")
    );
}

#[test]
fn a_second_build_into_the_same_folder_waits_its_turn() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // Hold the folder's lock as a running build does.
    let lock = std::fs::File::create(out.join(".hoinghi.lock")).unwrap();
    lock.lock().unwrap();
    let run = build(&repo(SMALL), &out, &[]).failed();
    assert!(
        run.stderr
            .contains("another hoinghi is writing into this folder"),
        "{}",
        run.stderr
    );
    assert!(!out.join("giay-moi.pdf").exists());
    drop(lock);
    build(&repo(SMALL), &out, &[]).ok();
}

/// A PDF that lopdf parses whole, every object and stream decoded: the check qpdf makes.
fn assert_well_formed(pdf: &Path) {
    let doc = lopdf::Document::load(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    for (id, object) in &doc.objects {
        if let lopdf::Object::Stream(stream) = object {
            let decoded = stream.decompressed_content();
            assert!(
                decoded.is_ok() || stream.filters().map(|f| f.is_empty()).unwrap_or(true),
                "{}: stream {id:?} does not decode",
                pdf.display()
            );
        }
    }
    assert!(
        doc.trailer.get(b"Root").is_ok(),
        "{}: no catalog",
        pdf.display()
    );
}

#[test]
fn pdf_a_output_declares_pdf_a_2b_and_every_pdf_is_well_formed_with_fonts_embedded() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(OTHER), out.path(), &["--pdf-a"]).ok();
    for (path, bytes) in pdfs(out.path()) {
        let full = out.path().join(&path);
        assert_well_formed(&full);
        assert_fonts_embedded(&Pdf::open(&full));
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("<pdfaid:part>2</pdfaid:part>")
                && text.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
            "{} is not PDF/A-2b",
            path.display()
        );
        assert!(
            text.contains("/CreationDate(D:20260115"),
            "{}: the date is the event's",
            path.display()
        );
    }
    let plain = tempfile::tempdir().unwrap();
    build(&repo(OTHER), plain.path(), &[]).ok();
    for (path, bytes) in pdfs(plain.path()) {
        assert_well_formed(&plain.path().join(&path));
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("pdfaid:part"), "{}", path.display());
        assert!(
            !text.contains("/CreationDate"),
            "{}: no clock time without PDF/A",
            path.display()
        );
    }
}

#[test]
fn source_date_epoch_sets_the_date_and_output_stays_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["a", "b"] {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_hoinghi"))
            .args(["build", SMALL, "--out", s(&dir.path().join(folder))])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("SOURCE_DATE_EPOCH", "1760572800")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let a = snapshot(&dir.path().join("a"));
    assert_eq!(a, snapshot(&dir.path().join("b")));
    let merged = &a
        .iter()
        .find(|(p, _)| p.as_os_str() == "giay-moi.pdf")
        .unwrap()
        .1;
    assert!(
        String::from_utf8_lossy(merged).contains("/CreationDate(D:20251016"),
        "1760572800 is 16/10/2025"
    );
}

// --- Hostile strings, thrown at random --------------------------------------------------------

mod literal_printing {
    use std::path::Path;
    use std::sync::OnceLock;

    use hoinghi::fonts::FontSet;
    use hoinghi::model;
    use hoinghi::render::Templates;
    use hoinghi::typeset::{Part, Typesetter};
    use hoinghi::{context, documents};
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    struct Pipeline {
        templates: Templates,
        typesetter: Typesetter,
        fonts: FontSet,
    }

    fn pipeline() -> &'static Pipeline {
        static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
        PIPELINE.get_or_init(|| {
            let templates = Templates::load(None).unwrap();
            let typesetter = Typesetter::new(
                FontSet::load(&[] as &[&Path]).unwrap(),
                templates.typst_files(),
            );
            Pipeline {
                templates,
                typesetter,
                fonts: FontSet::load(&[] as &[&Path]).unwrap(),
            }
        })
    }

    /// Text a reader compares: without whitespace, which line breaks and extraction move.
    fn letters(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// One piece of text: an ASCII character Typst markup or code gives a meaning to, a
    /// Vietnamese letter composed or decomposed (as Windows often sends it), or Latin-1.
    fn printable_piece() -> impl Strategy<Value = String> {
        let markup: Vec<char> = "#*_`$<>@\\[]{}()/=-+.:;~'\"!?&|^%,0123456789 \t\n"
            .chars()
            .collect();
        let vietnamese: Vec<char> =
            "aàảãáạăằẳẵắặâầẩẫấậđeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵĐƯƠ"
                .chars()
                .collect();
        prop_oneof![
            4 => proptest::sample::select(markup).prop_map(String::from),
            3 => proptest::sample::select(vietnamese.clone()).prop_map(String::from),
            1 => proptest::sample::select(vietnamese).prop_map(|c| c.to_string().nfd().collect()),
            // Latin-1 without the soft hyphen, which is refused as invisible.
            2 => proptest::char::range('\u{A1}', '\u{FF}').prop_filter("visible", |c| *c != '\u{AD}').prop_map(String::from),
        ]
    }

    fn text_of(pieces: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
        proptest::collection::vec(pieces, 1..60)
            .prop_map(|pieces| pieces.concat())
            .prop_filter("some text", |text| !text.trim().is_empty())
    }

    fn hostile_text() -> impl Strategy<Value = String> {
        text_of(printable_piece())
    }

    /// Now and then any character at all: control, invisible, a stray diacritic, unassigned,
    /// or one no font has.
    fn arbitrary_text() -> impl Strategy<Value = String> {
        text_of(prop_oneof![9 => printable_piece(), 1 => any::<char>().prop_map(String::from)])
    }

    /// Puts the four texts into a one-invitee model and checks they print exactly; `refusable`
    /// says whether refusing the model (with the place of each problem) is an acceptable outcome.
    fn check_literal(
        name: &str,
        position: &str,
        organization: &str,
        venue: &str,
        refusable: bool,
    ) -> Result<(), TestCaseError> {
        let mut model: serde_json::Value =
            serde_json::from_str(include_str!("fixtures/small.json")).unwrap();
        model["invitees"] =
            serde_json::json!([{"name": name, "position": position, "organization": organization}]);
        model["event"]["venue"] = serde_json::json!(venue);
        let conf = match model::parse(&model.to_string(), "m.json", Path::new(".")) {
            Ok(conf) => conf,
            Err(problems) => {
                prop_assert!(refusable, "{problems}");
                for p in &problems.0 {
                    prop_assert!(
                        p.place.starts_with("invitees[0].") || p.place == "event.venue",
                        "{p}"
                    );
                }
                return Ok(());
            }
        };
        let texts = conf.model.printed_texts();
        let p = pipeline();
        let undrawable = p.fonts.check_coverage(
            "Tinos",
            "style.font",
            texts.iter().map(|(k, v)| (k.clone(), v.as_str())),
        );
        if !undrawable.is_empty() {
            prop_assert!(refusable, "{undrawable:?}");
            prop_assert!(
                undrawable
                    .iter()
                    .all(|u| u.message.contains("cannot be drawn"))
            );
            return Ok(());
        }
        let giay_moi = &documents::DOCUMENTS[0];
        let source = p
            .templates
            .render(giay_moi.template, context::build(&conf, &[0]))
            .unwrap();
        let (doc, warnings) = p
            .typesetter
            .compile(&source)
            .map_err(|e| TestCaseError::fail(format!("{e:?}\n{source}")))?;
        prop_assert!(warnings.is_empty(), "{warnings:?}");
        prop_assert_eq!(doc.pages().len(), 1);
        let pdf = p.typesetter.pdf(&doc, "test", Part::Whole).unwrap();
        let read = lopdf::Document::load_mem(&pdf)
            .unwrap()
            .extract_text(&[1])
            .unwrap();
        let read = letters(&read);
        for given in [name, position, organization, venue] {
            let expected = letters(&given.nfc().collect::<String>());
            prop_assert!(read.contains(&expected), "{expected:?} not in {read:?}");
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn markup_characters_and_vietnamese_print_exactly_as_given(
            name in hostile_text(), position in hostile_text(), organization in hostile_text(), venue in hostile_text(),
        ) {
            check_literal(&name, &position, &organization, &venue, false)?;
        }

        #[test]
        fn any_text_prints_exactly_or_is_refused_with_its_place(
            name in arbitrary_text(), position in arbitrary_text(), organization in arbitrary_text(), venue in arbitrary_text(),
        ) {
            check_literal(&name, &position, &organization, &venue, true)?;
        }
    }
}

// --- Watching -----------------------------------------------------------------------------------

/// Waits up to ten seconds for `done`.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
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
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hoinghi"))
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
            .contains("the last good output is kept")
    });
    child.kill().unwrap();
    child.wait().unwrap();
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(log.contains("changed: "), "{log}");
    assert!(
        log.contains("m.json:1:12: invalid JSON: EOF while parsing"),
        "{log}"
    );
    assert_eq!(pdfs(&out), good);
    assert!(Pdf::open(&renamed).page_text(1).contains("Hoàng Văn Mới"));
}
