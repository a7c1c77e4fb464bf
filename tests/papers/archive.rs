//! Nothing lost, archive-grade output: a killed build, a folder in use, PDF/A, reproducible
//! bytes.

use serde_json::json;

use super::*;

#[test]
fn a_build_killed_halfway_leaves_the_previous_output_and_the_next_build_tidies_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SMALL), &out, &[]).ok();
    let before = snapshot(&out);
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][0]["name"] = json!("Người Khác")
    });
    hoinghi_with(
        &["build", s(&model), "--out", s(&out)],
        &[("HOINGHI_ABORT_AFTER", "2")],
    )
    .failed();
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
    build(&repo(SMALL), &out, &[])
        .exit(1)
        .says("một hoinghi khác đang ghi vào thư mục này; hãy đợi nó xong");
    assert!(!out.join("giay-moi.pdf").exists());
    drop(lock);
    build(&repo(SMALL), &out, &[]).ok();
}

/// A PDF that lopdf parses whole, every object and stream decoded: the check qpdf makes.
#[track_caller]
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
        hoinghi_with(
            &["build", SMALL, "--out", s(&dir.path().join(folder))],
            &[("SOURCE_DATE_EPOCH", "1760572800")],
        )
        .ok();
    }
    let a = reproducible(&dir.path().join("a"));
    assert_same_files(&a, &reproducible(&dir.path().join("b")));
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
