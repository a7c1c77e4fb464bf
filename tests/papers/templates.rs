//! Templates: a folder of templates overrides the wording; their mistakes are named with the
//! template's file and line.

use super::*;

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
    hoinghi(&["check", SMALL, "--templates", s(dir.path())])
        .exit(1)
        .says(&format!(
            "Lỗi: {}, dòng {}: lỗi cú pháp trong mẫu: unexpected `}}`",
            path.display(),
            line_of("{{ event.venue }}")
        ));

    // A variable the model does not have: strict, never a silent blank.
    std::fs::write(
        &path,
        template.replace("{{ event.venue }}", "{{ event.hall }}"),
    )
    .unwrap();
    hoinghi(&["check", SMALL, "--templates", s(dir.path())])
        .exit(1)
        .says(&format!(
            "Lỗi: {}, dòng {}: tên chưa được định nghĩa trong mẫu: `event.hall` is undefined",
            path.display(),
            line_of("{{ event.venue }}")
        ));

    // Valid minijinja producing invalid Typst.
    std::fs::write(&path, template.replace("*Chủ trì:*", "#chu-tri(")).unwrap();
    hoinghi(&["check", SMALL, "--templates", s(dir.path())])
        .exit(1)
        .says(&format!(
            "Lỗi: {}, dòng {}: Typst báo lỗi: unclosed delimiter (dòng ",
            path.display(),
            line_of("*Chủ trì:*")
        ));
}
