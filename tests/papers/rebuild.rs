//! Rebuilding: only what changed is written, one invitee alone can be rebuilt, the same input
//! gives the same bytes, and a build tells what it did.

use serde_json::json;

use super::*;

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

    build(&model, &out, &["--invitee", "nobody"])
        .exit(1)
        .says("Lỗi: tùy chọn --invitee: không có đại biểu nào có mã, số thứ tự hay số dòng \"nobody\"\n")
        .says("  gợi ý: dùng mã (\"id\") của đại biểu, số thứ tự của đại biểu trong danh sách (1, 2, …) hoặc dòng của bảng tính (r7)");
}

/// When each file under `dir` was last written.
#[track_caller]
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
            .starts_with("đã ghi 0/11 tệp, 11 tệp không đổi, xóa 0 tệp cũ"),
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
            "danh-sach-dai-bieu.xlsx",
            "giay-moi.pdf",
            "giay-moi/003-dam-thi-ung.pdf",
            "phong-bi.pdf",
            "so-ky.pdf",
            "so-ky.xlsx"
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
    // The seating plan carries the draft mark too; the lists' spreadsheets show the date.
    assert_eq!(changed.len(), 10, "{changed:?}");

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
    let a = reproducible(&dir.path().join("a"));
    assert!(a.len() > 6, "{} files", a.len());
    assert_same_files(&a, &reproducible(&dir.path().join("b")));
}

#[test]
fn a_build_says_one_line_quiet_says_nothing_and_verbose_says_each_file_and_stage() {
    let dir = tempfile::tempdir().unwrap();
    let summary = build(&repo(SMALL), &dir.path().join("a"), &[]).ok().stderr;
    assert_eq!(summary.lines().count(), 1, "{summary}");
    assert!(
        summary.starts_with("đã ghi 11/11 tệp, 0 tệp không đổi, xóa 0 tệp cũ (giay-moi, danh-sach-dai-bieu, so-ky, bien-ten, so-do-cho-ngoi, phong-bi) vào "),
        "{summary}"
    );
    assert!(
        summary.ends_with(" giây (DỰ THẢO: chưa chốt ngày họp)\n"),
        "{summary}"
    );
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
    let wrote = |file: &str| format!("đã ghi {}", out.join(file).display());
    assert!(verbose.contains(&wrote("giay-moi.pdf")), "{verbose}");
    assert!(
        verbose.contains(&wrote("giay-moi/003-dam-thi-ung.pdf")),
        "{verbose}"
    );
    for stage in [
        "đọc hội nghị, mẫu và phông: ",
        "đọc mẫu và so dấu vân tay: ",
        "  dàn trang giấy mời: 3 × ",
        "  tạo PDF từng giấy mời: 3 × ",
        "  ghi ra đĩa: 3 × ",
    ] {
        assert_contains(&verbose, stage);
    }
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
    assert_same_files(&pdfs(&out), &pdfs(&fresh));
    let merged = Pdf::open(&out.join("giay-moi.pdf"));
    assert_eq!(merged.page_count(), 60);
    assert!(merged.page_text(41).contains("Hoàng Văn Tuấn"));
    assert!(merged.page_text(60).contains("Nguyễn Thị Hạnh 59"));
}
