//! A new conference from `hoinghi init`, as a clerk who reads only Vietnamese meets it: the
//! folder it makes, the first build (drafts), what `check` says is still to fill in, the list
//! template in Excel, filling in and building again; the model's JSON Schema that the starter
//! names; and the README's model example, which must load as written.

#[path = "../support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{Pdf, Run, repo, s};

const SAMPLE: &str = "data/hoi-nghi-ocop-2025.json";
const STARTER_FILES: [&str; 4] = [
    "hoi-nghi.json",
    "hoi-nghi.schema.json",
    "dai-bieu.xlsx",
    "HUONG-DAN.md",
];

/// Runs `hoinghi` in `dir`, in Vietnamese (whatever the machine's language).
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_hoinghi"))
        .args(args)
        .current_dir(dir)
        .env_remove("HOINGHI_TEMPLATES")
        .env_remove("HOINGHI_FONT_PATHS")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .expect("hoinghi runs");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A new conference in a temporary folder: the folder that holds it, and the conference's.
fn new_conference() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let run = run_in(tmp.path(), &["init", "hoi-nghi-moi"]).ok();
    let dir = tmp.path().join("hoi-nghi-moi");
    for name in STARTER_FILES {
        assert!(dir.join(name).is_file(), "{name} missing:\n{}", run.stderr);
    }
    (tmp, dir)
}

/// Every PDF under `dir`.
fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "pdf") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The lines of `stderr` that are warnings.
fn warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("Cảnh báo:"))
        .collect()
}

/// Writes an invitee list in place of the starter's, as a clerk would in Excel.
fn write_list(path: &Path, rows: &[[&str; 5]]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Danh sách").unwrap();
    for (c, title) in ["Danh xưng", "Họ và tên", "Chức vụ", "Đơn vị", "Nhóm"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *title).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, *value).unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}

/// The model's text with `from` replaced by `to`, once, as a clerk edits it (comments kept).
fn fill(model: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(model).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from} is not in the model once"
    );
    std::fs::write(model, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn init_makes_a_conference_that_builds_at_once_with_every_paper_a_draft() {
    let (_tmp, dir) = new_conference();
    // No model named: the folder's hoi-nghi.json.
    let run = run_in(&dir, &["build"]).ok();
    assert!(run.stderr.contains("DỰ THẢO"), "{}", run.stderr);
    let pdfs = pdfs_under(&dir.join("out"));
    assert!(pdfs.len() >= 5, "{pdfs:?}");
    // The envelopes and the name cards are the exception: they carry no date, are the same once
    // it is fixed, and may be printed early.
    for pdf in pdfs
        .iter()
        .filter(|p| !p.ends_with("phong-bi.pdf") && !p.ends_with("bien-ten.pdf"))
    {
        let text = Pdf::open(pdf).text();
        assert!(text.contains("DỰ THẢO"), "{} is not a draft", pdf.display());
    }
    let invitations = Pdf::open(&dir.join("out/giay-moi.pdf")).text();
    assert!(invitations.contains("Hội nghị …"), "{invitations}");
    assert!(invitations.contains("Nguyễn Văn …"), "{invitations}");
}

#[test]
fn init_says_what_each_file_is_and_what_to_do_next() {
    let tmp = tempfile::tempdir().unwrap();
    let run = run_in(tmp.path(), &["init", "hội nghị mới"]).ok();
    for expected in [
        "đã tạo hội nghị mới trong thư mục hội nghị mới",
        "hoi-nghi.json: tệp hội nghị: thay mọi chỗ có dấu … bằng nội dung thật",
        "dai-bieu.xlsx: danh sách đại biểu (Excel)",
        "Tiếp theo:",
        "cd \"hội nghị mới\"",
        "hoinghi check",
        "hoinghi build",
    ] {
        assert!(run.stderr.contains(expected), "{expected}:\n{}", run.stderr);
    }
    let english = run_in(tmp.path(), &["--lang", "en", "init", "en"]).ok();
    assert!(
        english.stderr.contains("created a new conference in en"),
        "{}",
        english.stderr
    );
    // In the current folder when no folder is named.
    let here = tmp.path().join("here");
    std::fs::create_dir(&here).unwrap();
    let run = run_in(&here, &["init"]).ok();
    assert!(here.join("hoi-nghi.json").is_file());
    assert!(!run.stderr.contains("cd "), "{}", run.stderr);
}

#[test]
fn check_lists_every_placeholder_as_a_warning_with_its_place() {
    let (_tmp, dir) = new_conference();
    let run = run_in(&dir, &["check"]).ok();
    assert!(!run.stderr.contains("Lỗi"), "{}", run.stderr);
    let warnings = warnings(&run.stderr);
    for expected in [
        "Cảnh báo: Thông tin hội nghị, trường \"Tên hội nghị\" (event.title): \"Hội nghị …\" vẫn là chỗ để trống của mẫu: hãy điền nội dung thật",
        "Cảnh báo: Người ký, trường \"Họ tên người ký\" (signer.name): \"…\" vẫn là chỗ để trống",
        "Cảnh báo: Cơ quan ban hành, trường \"Địa danh\" (issuer.place): \"…\"",
        "Cảnh báo: Mục chương trình thứ 2 (agenda[1]), trường \"Người phát biểu › Họ và tên\": \"…\"",
        // The example row of the list, by its cells.
        "Cảnh báo: dai-bieu.xlsx, trang \"Danh sách\", ô C2: \"Nguyễn Văn …\" vẫn là chỗ để trống",
        "Cảnh báo: dai-bieu.xlsx, trang \"Danh sách\", ô D2: \"Giám đốc Sở …\"",
    ] {
        assert!(
            warnings.iter().any(|w| w.starts_with(expected)),
            "{expected}\nnot among:\n{}",
            warnings.join("\n")
        );
    }
    // Texts the starter gives in full are not placeholders.
    assert!(
        !warnings.iter().any(|w| w.contains("invitation.symbol")),
        "{}",
        warnings.join("\n")
    );
    assert!(run.stdout.contains("không có lỗi"), "{}", run.stdout);
    assert!(
        run.stdout.contains("mọi văn bản in chữ DỰ THẢO"),
        "{}",
        run.stdout
    );
}

#[test]
fn filling_in_the_model_and_the_list_then_building_gives_the_final_papers() {
    let (_tmp, dir) = new_conference();
    run_in(&dir, &["build"]).ok();
    let model = dir.join("hoi-nghi.json");
    fill(
        &model,
        "\"title\": \"Hội nghị …\"",
        "\"title\": \"Hội nghị tổng kết công tác năm 2025\"",
    );
    fill(
        &model,
        "\"date\": null,\n    // Thời gian",
        "\"date\": \"2026-03-25\",\n    // Thời gian",
    );
    fill(
        &model,
        "\"venue\": \"…\"",
        "\"venue\": \"Hội trường tầng 3\"",
    );
    write_list(
        &dir.join("dai-bieu.xlsx"),
        &[
            [
                "Bà",
                "Trần Thị Bình",
                "Giám đốc Sở Tài chính",
                "",
                "Các sở, ban, ngành, đoàn thể",
            ],
            ["", "", "", "Báo Nhân Dân", "Khách mời"],
        ],
    );

    let check = run_in(&dir, &["check"]).ok();
    let warnings = warnings(&check.stderr);
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("event.title") || w.contains("dai-bieu.xlsx")),
        "{}",
        warnings.join("\n")
    );
    assert!(
        warnings.iter().any(|w| w.contains("(signer.name)")),
        "what is not filled in is still listed:\n{}",
        warnings.join("\n")
    );
    assert!(check.stdout.contains("25/3/2026"), "{}", check.stdout);

    let run = run_in(&dir, &["build"]).ok();
    assert!(!run.stderr.contains("DỰ THẢO"), "{}", run.stderr);
    let invitations = Pdf::open(&dir.join("out/giay-moi.pdf"));
    assert_eq!(invitations.page_count(), 2);
    let first = invitations.page_text(1);
    assert!(!first.contains("DỰ THẢO"), "{first}");
    for expected in [
        "Bà Trần Thị Bình",
        "Giám đốc Sở Tài chính",
        "Hội nghị tổng kết công tác năm 2025",
        "Hội trường tầng 3",
        "25/3/2026",
    ] {
        assert!(first.contains(expected), "{expected}: {first}");
    }
    assert!(invitations.page_text(2).contains("Báo Nhân Dân"));
}

#[test]
fn once_every_placeholder_is_filled_check_warns_of_nothing() {
    let (_tmp, dir) = new_conference();
    let model = dir.join("hoi-nghi.json");
    // Every "…" outside the comments, as if typed in.
    let text = std::fs::read_to_string(&model).unwrap();
    let filled: Vec<String> = text
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("//") {
                line.to_string()
            } else {
                line.replace('…', "X")
            }
        })
        .collect();
    std::fs::write(&model, filled.join("\n")).unwrap();
    write_list(
        &dir.join("dai-bieu.xlsx"),
        &[["Ông", "Lê Văn Cường", "Chủ tịch", "", "Lãnh đạo tỉnh"]],
    );
    let run = run_in(&dir, &["check"]).ok();
    assert!(warnings(&run.stderr).is_empty(), "{}", run.stderr);
}

#[test]
fn init_never_overwrites_a_file_and_then_writes_nothing() {
    let (tmp, dir) = new_conference();
    let model = dir.join("hoi-nghi.json");
    std::fs::write(&model, "{ \"comment\": \"đã sửa\" }").unwrap();
    let run = run_in(tmp.path(), &["init", "hoi-nghi-moi"]).failed();
    assert_eq!(run.status, 1);
    for name in STARTER_FILES {
        let path = Path::new("hoi-nghi-moi").join(name);
        assert!(
            run.stderr.contains(&format!(
                "Lỗi: {}: tệp này đã có; hoinghi init không bao giờ ghi đè",
                path.display()
            )),
            "{name}:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("hoinghi init TÊN-THƯ-MỤC-MỚI"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&model).unwrap(),
        "{ \"comment\": \"đã sửa\" }"
    );

    // One file of the starter in the way: it is named, and no other file is written.
    let other = tmp.path().join("khac");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("HUONG-DAN.md"), "ghi chú của tôi").unwrap();
    let run = run_in(tmp.path(), &["init", "khac"]).failed();
    assert!(run.stderr.contains("HUONG-DAN.md"), "{}", run.stderr);
    assert!(
        run.stderr.contains("có 1 lỗi; không ghi gì"),
        "{}",
        run.stderr
    );
    let left: Vec<_> = std::fs::read_dir(&other).unwrap().collect();
    assert_eq!(left.len(), 1);
    assert_eq!(
        std::fs::read_to_string(other.join("HUONG-DAN.md")).unwrap(),
        "ghi chú của tôi"
    );

    // A file where the folder should be.
    std::fs::write(tmp.path().join("tep"), "").unwrap();
    let run = run_in(tmp.path(), &["init", "tep"]).failed();
    assert!(run.stderr.contains("Lỗi: tep:"), "{}", run.stderr);
}

#[test]
fn the_list_template_reads_back_with_the_recognised_headers_and_the_example_row() {
    let (_tmp, dir) = new_conference();
    let run = run_in(&dir, &["import", "dai-bieu.xlsx"]).ok();
    // Every column is recognised: none is reported as ignored.
    assert!(warnings(&run.stderr).is_empty(), "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let invitees = json["invitees"].as_array().unwrap();
    assert_eq!(invitees.len(), 1, "one example row: {json}");
    assert_eq!(invitees[0]["honorific"], "Ông");
    assert_eq!(invitees[0]["name"], "Nguyễn Văn …");
    assert_eq!(invitees[0]["group"], "Các sở, ban, ngành, đoàn thể");
}

/// The XML of one part of an XLSX file.
fn xlsx_part(path: &Path, part: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_list_template_offers_the_choices_of_honorific_group_and_seat() {
    let (_tmp, dir) = new_conference();
    let list = dir.join("dai-bieu.xlsx");
    let sheet = xlsx_part(&list, "xl/worksheets/sheet1.xml");
    // Danh xưng is column B, Nhóm G, Chỗ ngồi I; each choice applies to the rows under the
    // header.
    for (range, formula) in [
        ("B2:B1001", "\"Đồng chí,Ông,Bà\""),
        (
            "G2:G1001",
            "OFFSET('Danh mục'!$A$3,0,0,COUNTA('Danh mục'!$A$3:$A$200),1)",
        ),
        ("I2:I1001", "\"Chủ tọa,Hàng đầu\""),
    ] {
        let at = sheet
            .find(&format!("sqref=\"{range}\""))
            .unwrap_or_else(|| panic!("no choice for {range}: {sheet}"));
        let from = sheet[..at].rfind("<dataValidation ").unwrap();
        let rule = &sheet[from..];
        let rule = &rule[..rule.find("</dataValidation>").unwrap()];
        assert!(
            rule.contains(&format!("<formula1>{}</formula1>", xml_escape(formula))),
            "{range}: {rule}"
        );
        assert!(rule.contains("type=\"list\""), "{rule}");
    }
    // The groups to choose from are the model's.
    let strings = xlsx_part(&list, "xl/sharedStrings.xml");
    for group in ["Lãnh đạo tỉnh", "Các sở, ban, ngành, đoàn thể", "Khách mời"] {
        assert!(strings.contains(group), "{group}");
    }
    let model = std::fs::read_to_string(dir.join("hoi-nghi.json")).unwrap();
    assert!(model.contains(
        "\"groups\": [\"Lãnh đạo tỉnh\", \"Các sở, ban, ngành, đoàn thể\", \"Khách mời\"]"
    ));
}

/// Text as an XML element holds it.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The schema `hoinghi schema` prints.
fn printed_schema() -> serde_json::Value {
    let run = support::hoinghi(&["schema"]).ok();
    serde_json::from_str(&run.stdout).expect("the schema is JSON")
}

/// Vietnamese sentences are written with letters English has not.
fn is_vietnamese(text: &str) -> bool {
    text.chars().any(|c| !c.is_ascii() && c.is_alphabetic())
}

#[test]
fn the_schema_describes_every_field_in_vietnamese() {
    let schema = printed_schema();
    let mut objects = vec![("(model)".to_string(), &schema)];
    for (name, definition) in schema["definitions"].as_object().unwrap() {
        objects.push((name.clone(), definition));
        if let Some(variants) = definition["anyOf"].as_array() {
            for variant in variants {
                objects.push((format!("{name} (variant)"), variant));
            }
        }
    }
    let mut fields = 0;
    let mut undescribed = Vec::new();
    for (name, object) in objects {
        let Some(properties) = object["properties"].as_object() else {
            continue;
        };
        for (key, property) in properties {
            fields += 1;
            match property["description"].as_str() {
                Some(d) if is_vietnamese(d) => {}
                other => undescribed.push(format!("{name}.{key}: {other:?}")),
            }
        }
    }
    assert!(
        undescribed.is_empty(),
        "fields without a Vietnamese description: {undescribed:#?}"
    );
    // The model's sections, the invitees' fields, the agenda's: well over a hundred.
    assert!(fields > 90, "only {fields} fields");
    assert!(schema["properties"]["$schema"].is_object());
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
}

#[test]
fn the_sample_and_the_starter_validate_against_the_schema_and_mistakes_do_not() {
    let schema = printed_schema();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid schema");
    let errors = |model: &serde_json::Value| -> Vec<String> {
        validator
            .iter_errors(model)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect()
    };

    let sample: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo(SAMPLE)).unwrap()).unwrap();
    assert_eq!(errors(&sample), Vec::<String>::new(), "the sample");

    let (_tmp, dir) = new_conference();
    let starter = jsonc(&std::fs::read_to_string(dir.join("hoi-nghi.json")).unwrap());
    assert_eq!(errors(&starter), Vec::<String>::new(), "the starter");
    assert_eq!(starter["$schema"], "./hoi-nghi.schema.json");
    assert!(starter["invitees"]["file"].is_string(), "a list file");
    // The schema init writes is the one the program prints.
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("hoi-nghi.schema.json")).unwrap())
            .unwrap();
    assert_eq!(written, schema);

    // A list file with its sheet and header row is a real shape too.
    let mut with_sheet = starter.clone();
    with_sheet["invitees"] =
        serde_json::json!({"file": "ds.xlsx", "sheet": "Danh sách", "header_row": 3});
    assert_eq!(errors(&with_sheet), Vec::<String>::new());

    // What the program refuses, the schema refuses.
    let mut unknown = sample.clone();
    unknown["event"]["titel"] = "x".into();
    assert!(!errors(&unknown).is_empty(), "an unknown key");
    let mut honorific = sample.clone();
    honorific["invitees"][3]["honorific"] = "Ong".into();
    assert!(!errors(&honorific).is_empty(), "a form of address");
    let mut missing = sample.clone();
    missing.as_object_mut().unwrap().remove("signer");
    assert!(!errors(&missing).is_empty(), "a missing section");
    let mut kind = sample.clone();
    kind["agenda"][0]["kind"] = "break".into();
    assert!(!errors(&kind).is_empty(), "an unknown kind of item");
}

/// JSON with comments, read as the program reads it.
fn jsonc(text: &str) -> serde_json::Value {
    let mut problems = Vec::new();
    let value = hoinghi::model::json::parse(text, "hoi-nghi.json", &mut problems).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    value
}

#[test]
fn schema_writes_to_a_file_with_o() {
    let tmp = tempfile::tempdir().unwrap();
    let run = run_in(tmp.path(), &["schema", "-o", "luoc-do.json"]).ok();
    assert!(
        run.stderr.contains("đã ghi lược đồ vào luoc-do.json"),
        "{}",
        run.stderr
    );
    let printed = run_in(tmp.path(), &["schema"]).ok().stdout;
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("luoc-do.json")).unwrap(),
        printed
    );
}

#[test]
fn the_readme_model_example_loads_as_written() {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let section = &readme[readme
        .find("\n## The model\n")
        .expect("a section on the model")..];
    let start = section.find("```jsonc\n").expect("a jsonc example") + "```jsonc\n".len();
    let example = &section[start..start + section[start..].find("\n```").unwrap()];
    let tmp = tempfile::tempdir().unwrap();
    let model = tmp.path().join("model.json");
    std::fs::write(&model, example).unwrap();
    let run = support::hoinghi(&["check", s(&model)]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("Lỗi"), "{}", run.stderr);
    // It shows the model's shapes: comments, the schema, an inline list, a programme.
    assert!(example.contains("//") && example.contains("\"$schema\""));
    assert!(
        run.stdout.contains("chương trình: 8 mục, 07h30 - 09h55"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_new_commands_are_explained_in_vietnamese() {
    let help = support::hoinghi(&["--lang", "vi", "--help"]).ok().stdout;
    assert!(help.contains("init"), "{help}");
    assert!(help.contains("Tạo một hội nghị mới để điền"), "{help}");
    assert!(help.contains("In lược đồ JSON của tệp hội nghị"), "{help}");
    let init = support::hoinghi(&["--lang", "vi", "init", "--help"])
        .ok()
        .stdout;
    assert!(init.contains("Thư mục của hội nghị mới"), "{init}");
    assert!(
        init.contains("Cách dùng: hoinghi init [TÙY CHỌN] [THƯ_MỤC]"),
        "{init}"
    );
    let schema = support::hoinghi(&["--lang", "vi", "schema", "--help"])
        .ok()
        .stdout;
    assert!(schema.contains("-o, --output <TỆP>"), "{schema}");
    for help in [&init, &schema] {
        for english in ["Usage", "Options", "Print help", "[OPTIONS]"] {
            assert!(!help.contains(english), "{english}: {help}");
        }
    }
    let english = support::hoinghi(&["--lang", "en", "init", "--help"])
        .ok()
        .stdout;
    assert!(english.contains("The new conference's folder"), "{english}");
}
