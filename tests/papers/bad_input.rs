//! Bad input: every mistake named with its place and value, and nothing written; the
//! catalogue of broken inputs in `tests/bad/`.

use serde_json::json;

use super::*;

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
        assert_same_files(&snapshot(&out), &before);
    }
}

#[test]
fn model_errors_name_the_place_and_the_value_all_at_once() {
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
    let run = hoinghi(&["check", s(&model)]).exit(1);
    assert_eq!(
        run.stderr,
        "Lỗi: Thông tin hội nghị, trường \"Ngày họp\" (event.date): \"2025-02-30\" không có trên lịch\n\
         Lỗi: Thông tin hội nghị, trường \"Giờ bắt đầu\" (event.start): \"25:00\" không phải một giờ trong ngày (00:00 đến 23:59)\n\
         Lỗi: Đại biểu thứ 2 (invitees[1]), trường \"Danh xưng\": \"Ong\" không phải \"Đồng chí\", \"Ông\" hoặc \"Bà\"\n\
         Lỗi: Đại biểu thứ 3 (invitees[2]), trường \"Mã đại biểu\": \"a\" đã là mã của Đại biểu thứ 1 (invitees[0])\n\
         Lỗi: Đại biểu thứ 4 (invitees[3]): không có cả họ tên lẫn đơn vị: giấy mời gửi cho ai?\n\
         có 5 lỗi; không ghi gì\n"
    );
}

#[test]
fn unknown_keys_and_wrong_types_are_errors_with_a_suggestion_for_a_near_miss() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][0]["chuc_vu"] = json!("x");
        m["invitees"][1]["organisation"] = json!("Sở Tài chính");
        m["invitees"][2]["name"] = json!(12);
    });
    hoinghi(&["check", s(&model)])
        .exit(1)
        .says(
            "Lỗi: Đại biểu thứ 1 (invitees[0]), trường \"chuc_vu\": khóa \"chuc_vu\" không có trong mẫu; \
             ở đây chỉ dùng: id, honorific, name, position, short, organization, attendees, sends, group, \
             order, seat, phone, address, comment\n",
        )
        .says(
            "Lỗi: Đại biểu thứ 2 (invitees[1]), trường \"organisation\": khóa \"organisation\" không có \
             trong mẫu; ở đây chỉ dùng: id, honorific, name, position, short, organization, attendees, \
             sends, group, order, seat, phone, address, comment\n  gợi ý: có phải ý bạn là \"organization\"?\n",
        )
        .says(
            "Lỗi: Đại biểu thứ 3 (invitees[2]), trường \"Họ và tên\": cần một chuỗi chữ trong dấu ngoặc \
             kép, không phải số 12\n",
        )
        .says("có 3 lỗi; không ghi gì");
}

#[test]
fn a_json_syntax_error_gives_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.json");
    std::fs::write(&path, "{\n  \"issuer\" {}\n}\n").unwrap();
    hoinghi(&["check", s(&path)]).exit(1).says(&format!(
        "Lỗi: {}, dòng 2, cột 12: thiếu dấu hai chấm : sau tên khóa\n 2 |   \"issuer\" {{}}\n   |            ^\n",
        path.display()
    ));
}

#[test]
fn a_missing_model_is_named() {
    hoinghi(&["check", "no/such/model.json"])
        .exit(1)
        .says("Lỗi: no/such/model.json: không đọc được tệp hội nghị: không tìm thấy");
}

#[test]
fn a_character_no_font_can_draw_is_named_with_its_invitee() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["invitees"][2]["name"] = json!("Lê Văn 王")
    });
    hoinghi(&["check", s(&model)]).exit(1).says(
        "Lỗi: Đại biểu thứ 3 (invitees[2]), trường \"Họ và tên\": ký tự '王' (U+738B) trong \
         \"Lê Văn 王\" không phông nào vẽ được; hãy xóa nó hoặc thêm phông có ký tự đó bằng --font-path",
    );
}

/// Runs every case of `tests/bad`: each folder holds the input and an `expect` file with the
/// exit status (`exit 1`), the arguments (`args …`, with `{dir}` the case's folder and `{out}` an
/// output folder; default `build {dir}/model.json --out {out}`), lines the messages must contain
/// (`stderr …`, with the same `{dir}` and `{out}`), and for inputs that must work, files that
/// must appear (`file …`). A failing case ends with its count of errors and must leave the
/// output folder exactly as it was.
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
                "stderr" => {
                    fragments.push(value.replace("{dir}", s(case)).replace("{out}", s(&out)))
                }
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
        let errors = run
            .stderr
            .lines()
            .filter(|l| l.starts_with("Lỗi: "))
            .count();
        if status != 0 {
            let closing = format!("có {errors} lỗi; không ghi gì");
            if errors == 0 || run.stderr.lines().last() != Some(closing.as_str()) {
                failures.push(format!(
                    "{name}: not closed by {closing:?}:\n{}",
                    run.stderr
                ));
            }
            if snapshot(&out) != before {
                failures.push(format!("{name}: the output folder changed"));
            }
        }
        if status == 0 && errors > 0 {
            failures.push(format!(
                "{name}: errors in a build that worked:\n{}",
                run.stderr
            ));
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
