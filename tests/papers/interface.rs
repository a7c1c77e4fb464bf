//! The interface a chuyên viên meets: every message in Vietnamese (English when asked), every
//! mistake of a model in one run with its place in words, JSON syntax errors shown with the
//! line and a caret, help in the user's language, the command line's own mistakes with a
//! suggestion, and the hardening of odd inputs (a pipe for a model, a runaway template, …).

use std::path::{Path, PathBuf};

use serde_json::json;

use super::*;

/// The sample with one mistake of each kind in five places: a date not on the calendar, a
/// number where a name belongs, an unknown key in the programme, a wrong honorific and no
/// signer at all.
#[track_caller]
fn five_mistakes(dir: &Path) -> PathBuf {
    model_with(dir, "m.json", SAMPLE, |m| {
        m["event"]["date"] = json!("2025-02-30");
        // Invitee 6 is introduced in the script: its name's mistake is reported once, not
        // again as "no name to introduce".
        m["invitees"][5]["name"] = json!(12);
        m["agenda"][2]["thoi_luong"] = json!(10);
        // Invitee 10 is an organisation: it is given a person's name with the honorific.
        m["invitees"][9]["name"] = json!("Lê Văn Tám");
        m["invitees"][9]["honorific"] = json!("Ong");
        m.as_object_mut().unwrap().remove("signer");
    })
}

/// The lines of `text` that start with `prefix`.
fn lines_starting<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.starts_with(prefix)).collect()
}

/// Writes `text` as a model file in `dir`.
#[track_caller]
fn model_text(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("m.json");
    std::fs::write(&path, text).unwrap();
    path
}

// --- Every mistake in one run, each with its place in words ------------------------------------

#[test]
fn every_mistake_of_a_model_is_reported_in_one_run_each_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let model = five_mistakes(dir.path());
    let out = dir.path().join("out");
    let run = build(&model, &out, &[]).exit(1);
    for expected in [
        "Lỗi: Thông tin hội nghị, trường \"Ngày họp\" (event.date): \"2025-02-30\" không có trên lịch",
        "Lỗi: Đại biểu thứ 6 (invitees[5]), trường \"Họ và tên\": cần một chuỗi chữ trong dấu ngoặc kép, không phải số 12",
        "Lỗi: Mục chương trình thứ 3 (agenda[2]), trường \"thoi_luong\": khóa \"thoi_luong\" không có trong mẫu; ở đây chỉ dùng: ",
        "Lỗi: Đại biểu thứ 10 (invitees[9]), trường \"Danh xưng\": \"Ong\" không phải \"Đồng chí\", \"Ông\" hoặc \"Bà\"",
        "Lỗi: Tệp hội nghị: thiếu \"signer\" (Người ký), là mục bắt buộc",
    ] {
        assert_contains(&run.stderr, expected);
    }
    assert_eq!(
        lines_starting(&run.stderr, "Lỗi: ").len(),
        5,
        "five mistakes, five errors:\n{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().last(), Some("có 5 lỗi; không ghi gì"));
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_json_syntax_error_shows_the_line_and_a_caret_under_the_column() {
    let dir = tempfile::tempdir().unwrap();
    // A comma missing at the end of line 3: the caret stands where it belongs.
    let model = model_text(
        dir.path(),
        "{\n  \"issuer\": {\n    \"name\": \"Sở Tài chính\"\n    \"place\": \"Lạng Sơn\"\n  }\n}\n",
    );
    let run = hoinghi(&["check", s(&model)]).exit(1);
    assert_eq!(
        run.stderr,
        format!(
            "Lỗi: {}, dòng 3, cột 27: thiếu dấu phẩy giữa hai mục\n \
             3 |     \"name\": \"Sở Tài chính\"\n   \
             |                           ^\n\
             có 1 lỗi; không ghi gì\n",
            model.display()
        )
    );
}

#[test]
fn the_caret_counts_characters_not_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // Vietnamese letters before the mistake take two or three bytes each.
    let model = model_text(dir.path(), "{\"tên\": \"Đặng Thị Ánh\" x}");
    hoinghi(&["check", s(&model)])
        .exit(1)
        .says(", dòng 1, cột 24: không hiểu \"x\" ở đây; chữ phải đặt trong dấu ngoặc kép\n")
        .says(" 1 | {\"tên\": \"Đặng Thị Ánh\" x}\n   |                        ^\n");
}

#[test]
fn type_errors_are_in_words_never_in_rust_types() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", OTHER, |m| {
        m["agenda"][0]["minutes"] = json!("mười");
        m["agenda"][1]["minutes"] = json!(-5);
        m["exhibits"][0]["products"][0]["stars"] = json!(4.5);
        m["invitees"][0]["name"] = json!(["Lê", "Thị"]);
        m["style"] = json!("Tinos");
    });
    let run = hoinghi(&["check", s(&model)]).exit(1);
    for expected in [
        "Lỗi: Mục chương trình thứ 1 (agenda[0]), trường \"Thời lượng (phút)\": cần một số nguyên \
         không âm, không phải chuỗi chữ \"mười\"\n",
        "Lỗi: Mục chương trình thứ 2 (agenda[1]), trường \"Thời lượng (phút)\": cần một số nguyên \
         không âm, không phải số -5\n",
        "Lỗi: Bàn trưng bày thứ 1, sản phẩm thứ 1 (exhibits[0].products[0]), trường \"Hạng sao\": \
         cần một số nguyên từ 0 đến 255, không phải số 4.5\n",
        "Lỗi: Đại biểu thứ 1 (invitees[0]), trường \"Họ và tên\": cần một chuỗi chữ trong dấu ngoặc \
         kép, không phải một danh sách [ … ]\n",
        "Lỗi: Trình bày (style): cần một nhóm { … }, không phải chuỗi chữ \"Tinos\"\n",
    ] {
        assert_contains(&run.stderr, expected);
    }
    assert_eq!(run.stderr.lines().last(), Some("có 5 lỗi; không ghi gì"));
    for technical in [
        "u8",
        "u32",
        "u64",
        "i64",
        "usize",
        "f64",
        "invalid type",
        "expected",
        "struct",
        "sequence",
        "map",
    ] {
        let words: Vec<&str> = run
            .stderr
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .collect();
        assert!(
            !words.contains(&technical),
            "{technical:?} in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn comments_and_trailing_commas_are_allowed_in_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let small = std::fs::read_to_string(repo(SMALL)).unwrap();
    // A comment before the model, a comment on a line of its own, one after a value, a
    // block comment inside an object, and trailing commas in an object and a list.
    let commented = format!("// Hội nghị thử\n/* nhiều\n   dòng */\n{small}")
        .replacen(
            "\"event\": {",
            "\"event\": { // thông tin hội nghị\n    /* ngày chưa chốt */",
            1,
        )
        .replacen("\"place\": \"Lạng Sơn\"}", "\"place\": \"Lạng Sơn\",}", 1)
        .replacen("\"PHÓ CHỦ TỊCH\"]", "\"PHÓ CHỦ TỊCH\",]", 1);
    assert_ne!(commented, small);
    let model = model_text(dir.path(), &commented);
    hoinghi(&["check", s(&model)])
        .ok()
        .prints("giấy mời: 3 (2 gửi cá nhân, 1 gửi đơn vị)");
    // Positions still point at the right line after the comments.
    let broken = commented.replacen("\"start\": \"08:00\"", "\"start\": 0800", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("\"start\": 0800"))
        .unwrap()
        + 1;
    let model = model_text(dir.path(), &broken);
    hoinghi(&["check", s(&model)])
        .exit(1)
        .says(&format!("dòng {line}, cột"));
}

#[test]
fn a_key_given_twice_is_an_error_naming_both_lines() {
    let dir = tempfile::tempdir().unwrap();
    let small = std::fs::read_to_string(repo(SMALL)).unwrap();
    let twice = small.replacen(
        "\"start\": \"08:00\",",
        "\"start\": \"08:00\",\n    \"venue\": \"Hội trường tầng 2\",",
        1,
    );
    let lines: Vec<usize> = twice
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\"venue\":"))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(lines.len(), 2);
    let model = model_text(dir.path(), &twice);
    hoinghi(&["check", s(&model)]).exit(1).says(&format!(
        ", dòng {}, cột 5: khóa \"venue\" đã có ở dòng {}; mỗi khóa chỉ được ghi một lần",
        lines[1], lines[0]
    ));
}

// --- Two languages ------------------------------------------------------------------------------

/// The words of the frame of Vietnamese messages, none of which may appear in an English run.
const VIETNAMESE_FRAME: [&str; 8] = [
    "Lỗi:",
    "Cảnh báo:",
    "gợi ý:",
    ", dòng ",
    ", cột ",
    "trường \"",
    "Tệp hội nghị",
    "không ghi gì",
];

/// Asserts `stderr` is English: no word with a Vietnamese letter but the words of `model`
/// (names, titles, the session's name are the user's own words, in any language).
#[track_caller]
fn assert_english(stderr: &str, model: Option<&Path>) {
    for frame in VIETNAMESE_FRAME {
        assert!(!stderr.contains(frame), "{frame:?} in:\n{stderr}");
    }
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().any(|c| c.is_alphabetic() && !c.is_ascii()))
            .map(String::from)
            .collect()
    };
    let own: Vec<String> = model
        .map(|m| words(&std::fs::read_to_string(m).unwrap()))
        .unwrap_or_default();
    for line in stderr.lines() {
        // The model's own line, shown under a caret.
        if line.trim_start().starts_with(|c: char| c.is_ascii_digit()) && line.contains(" | ") {
            continue;
        }
        for word in words(line) {
            assert!(
                own.contains(&word),
                "the Vietnamese word {word:?} in the English line:\n{line}"
            );
        }
    }
}

#[test]
fn lang_en_gives_english_messages_with_the_same_places() {
    let dir = tempfile::tempdir().unwrap();
    let model = five_mistakes(dir.path());
    let run = hoinghi(&["check", s(&model), "--lang", "en"]).exit(1);
    for expected in [
        "error: the model: \"signer\" (signer) is required and missing\n",
        "error: invitee 6 (invitees[5]), field \"name\": expected a string in double quotes, not \
         the number 12\n",
        "error: agenda item 3 (agenda[2]), field \"thoi_luong\": unknown key \"thoi_luong\"; the \
         keys here are: kind, content, by, speaker, minutes, direction\n",
        "error: event, field \"date\" (event.date): \"2025-02-30\" is not a date of the calendar\n",
        "error: invitee 10 (invitees[9]), field \"honorific\": \"Ong\" is not one of \"Đồng chí\", \
         \"Ông\", \"Bà\"\n",
    ] {
        assert_contains(&run.stderr, expected);
    }
    assert_eq!(
        run.stderr.lines().last(),
        Some("5 problem(s) found; nothing was written")
    );
    assert_english(&run.stderr, Some(&model));
}

#[test]
fn an_english_locale_gives_english_and_lang_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_text(dir.path(), "{\n  \"issuer\": {}\n  \"event\": {}\n}\n");
    for env in [
        [("LANG", "en_US.UTF-8"), ("LC_ALL", "")],
        [("LANG", "vi_VN.UTF-8"), ("LC_ALL", "en_GB.UTF-8")],
    ] {
        let run = hoinghi_with(&["check", s(&model)], &env).exit(1);
        assert_contains(
            &run.stderr,
            &format!(
                "error: {}:2:15: a comma is missing between two entries\n",
                model.display()
            ),
        );
        assert_english(&run.stderr, Some(&model));
    }
    hoinghi_with(
        &["check", s(&model), "--lang", "vi"],
        &[("LANG", "en_US.UTF-8")],
    )
    .exit(1)
    .says("Lỗi: ")
    .says("dòng 2, cột 15: thiếu dấu phẩy giữa hai mục");
}

#[test]
fn an_english_build_speaks_english_from_start_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let model = model_with(dir.path(), "m.json", OTHER, |m| {
        // A warning on the way: the programme overruns its session.
        m["session"]["end"] = json!("14:00");
    });
    let run = build(&model, &out, &["--lang", "en", "--verbose"]).ok();
    assert_contains(
        &run.stderr,
        "warning: programme (agenda): the programme ends at 16h16, 136 minutes after buổi chiều \
         ends at 14h00\n  hint: shorten some items, or change the session's end (session.end)\n",
    );
    assert_contains(&run.stderr, "load model, templates and fonts: ");
    assert_contains(
        &run.stderr,
        &format!("wrote {}", out.join("kich-ban.pdf").display()),
    );
    assert_contains(
        &run.stderr,
        "26 of 26 file(s) written, 0 unchanged, 0 removed (giay-moi, chuong-trinh, kich-ban, ",
    );
    assert_english(&run.stderr, Some(&model));
    let run = hoinghi(&["check", s(&model), "--lang", "en"]).ok();
    assert_contains(
        &run.stdout,
        "\n  invitations: 10 (3 to persons, 7 to organisations)\n",
    );
    assert_contains(&run.stdout, "\n  date: 15/01/2026 at 14:00 — final\n");
    assert!(run.stdout.ends_with("\nok\n"), "{}", run.stdout);
    assert_english(&run.stderr, Some(&model));
}

#[test]
fn warnings_start_with_canh_bao_and_errors_with_loi() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", OTHER, |m| {
        m["session"]["end"] = json!("14:00");
    });
    let run = build(&model, &dir.path().join("out"), &[]).exit(0);
    let warning = lines_starting(&run.stderr, "Cảnh báo: ");
    assert_eq!(
        warning,
        [
            "Cảnh báo: Chương trình (agenda): chương trình kết thúc lúc 16h16, quá 136 phút \
          so với buổi chiều (kết thúc 14h00)"
        ],
        "{}",
        run.stderr
    );
    assert_contains(&run.stderr, "\n  gợi ý: rút ngắn thời lượng một vài mục");
    assert!(lines_starting(&run.stderr, "Lỗi").is_empty());

    let run = build(&model, &dir.path().join("strict"), &["--strict"]).exit(1);
    assert_eq!(
        lines_starting(&run.stderr, "Lỗi: ").len(),
        1,
        "{}",
        run.stderr
    );
    assert!(lines_starting(&run.stderr, "Cảnh báo").is_empty());
}

// --- Help ---------------------------------------------------------------------------------------

const COMMANDS: [&str; 7] = [
    "build", "watch", "check", "list", "import", "preview", "fonts",
];

#[test]
fn help_is_vietnamese_for_the_program_and_every_command() {
    let top = hoinghi(&["--help"]).exit(0).stdout;
    for command in COMMANDS {
        assert_contains(&top, command);
    }
    for args in std::iter::once(vec!["--help"])
        .chain(COMMANDS.iter().map(|c| vec![*c, "--help"]))
        .chain([vec!["build", "-h"]])
    {
        let help = hoinghi(&args).exit(0).stdout;
        assert!(help.starts_with(|c: char| c.is_uppercase()), "{help}");
        assert_contains(&help, "Cách dùng: hoinghi");
        assert_contains(&help, "Tùy chọn");
        assert_contains(&help, "In hướng dẫn này");
        for english in [
            "Usage",
            "Options",
            "Commands",
            "[default",
            "[env",
            "[possible",
            "Print help",
            "[OPTIONS]",
        ] {
            assert!(
                !help.contains(english),
                "{english:?} in `hoinghi {}`:\n{help}",
                args.join(" ")
            );
        }
    }
    let build_help = hoinghi(&["build", "--help"]).stdout;
    assert_contains(&build_help, "Tạo các văn bản vào thư mục kết quả");
    assert_contains(&build_help, "--out <THƯ_MỤC>");
    assert_contains(&build_help, "(mặc định: out)");
    let preview_help = hoinghi(&["preview", "--help"]).stdout;
    assert_contains(&preview_help, "(mặc định: 110)");
}

#[test]
fn help_is_english_with_lang_en_or_an_english_locale() {
    for args in std::iter::once(vec!["--help", "--lang", "en"])
        .chain(COMMANDS.iter().map(|c| vec![*c, "--help", "--lang", "en"]))
    {
        let help = hoinghi(&args).exit(0).stdout;
        assert_contains(&help, "Usage: hoinghi");
        assert_contains(&help, "Options");
        assert!(!help.contains("Cách dùng"), "{help}");
        assert!(!help.contains("Tùy chọn"), "{help}");
    }
    let help = hoinghi_with(&["build", "--help"], &[("LANG", "en_US.UTF-8")])
        .exit(0)
        .stdout;
    assert_contains(&help, "Build the documents into the output folder");
    assert_contains(&help, "(default: out)");
}

// --- The command line's own mistakes ------------------------------------------------------------

#[test]
fn a_mistyped_command_gets_a_vietnamese_message_a_suggestion_and_status_2() {
    hoinghi(&["buidl"])
        .exit(2)
        .says("Lỗi: không có lệnh buidl")
        .says("  gợi ý: có phải ý bạn là build?");
    hoinghi(&["build", "--quite"])
        .exit(2)
        .says("Lỗi: không có tùy chọn --quite")
        .says("  gợi ý: có phải ý bạn là --quiet?");
    hoinghi(&["preview", "--dpi", "nhiều"])
        .exit(2)
        .says("Lỗi: giá trị nhiều không hợp lệ cho --dpi");
    hoinghi(&["--lang", "fr", "check"])
        .exit(2)
        .says("Lỗi: giá trị fr không hợp lệ cho --lang")
        .says("các giá trị được dùng: vi, en");
    let run = hoinghi(&["buidl", "--lang", "en"]).exit(2);
    assert_contains(&run.stderr, "error: unrecognized subcommand buidl");
    assert_contains(&run.stderr, "hint: did you mean build?");
    assert_english(&run.stderr, None);
}

#[test]
fn exit_status_is_0_for_success_1_for_a_bad_model_and_2_for_a_bad_command_line() {
    hoinghi(&["check", SMALL]).exit(0);
    hoinghi(&["--version"]).exit(0);
    hoinghi(&["check", "no/such/model.json"]).exit(1);
    hoinghi(&["check", SMALL, "--no-such-option"]).exit(2);
    // No command at all: the help, as a mistake.
    let run = hoinghi(&[]).exit(2);
    assert_contains(&format!("{}{}", run.stdout, run.stderr), "Cách dùng");
}

// --- Odd inputs, refused in words ----------------------------------------------------------------

#[test]
fn a_template_override_that_replaces_nothing_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("mau");
    std::fs::create_dir(&templates).unwrap();
    std::fs::copy(
        repo("templates/giay-moi.typ.j2"),
        templates.join("giaymoi.typ.j2"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = build(&repo(SMALL), &out, &["--templates", s(&templates)]).exit(0);
    assert_contains(
        &run.stderr,
        &format!(
            "Cảnh báo: {}: mẫu \"giaymoi.typ.j2\" không thay mẫu nào nên không được dùng",
            templates.join("giaymoi.typ.j2").display()
        ),
    );
    assert_contains(&run.stderr, "giay-moi.typ.j2");
    assert!(out.join("giay-moi.pdf").is_file());
}

#[test]
fn a_font_path_that_is_no_font_is_an_error_and_an_empty_font_file_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("ghi-chu.txt");
    std::fs::write(&notes, "không phải phông").unwrap();
    hoinghi(&["check", SMALL, "--font-path", s(&notes)])
        .exit(1)
        .says(&format!(
            "Lỗi: {}: không phải thư mục phông hay tệp phông (.ttf, .otf, .ttc)",
            notes.display()
        ));

    let folder = dir.path().join("phong");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("Rong.ttf"), b"").unwrap();
    std::fs::copy(repo("fonts/Tinos-Regular.ttf"), folder.join("Extra.ttf")).unwrap();
    hoinghi(&["fonts", SMALL, "--font-path", s(&folder)])
        .exit(0)
        .says(&format!(
            "Cảnh báo: {}: không phải tệp phông dùng được (hỏng hoặc trống) nên bị bỏ qua",
            folder.join("Rong.ttf").display()
        ))
        .prints("giay-moi: Tinos (5 kiểu)");
}

#[test]
fn preview_refuses_a_resolution_or_page_out_of_range() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("p.png");
    for (dpi, page, message) in [
        (
            "0",
            "1",
            "Lỗi: tùy chọn --dpi: độ phân giải 0 nằm ngoài khoảng cho phép 10–600 điểm mỗi inch",
        ),
        (
            "100000",
            "1",
            "Lỗi: tùy chọn --dpi: độ phân giải 100000 nằm ngoài khoảng cho phép 10–600",
        ),
        (
            "72",
            "0",
            "Lỗi: tùy chọn --page: không có trang 0: văn bản có 1 trang",
        ),
        (
            "72",
            "2",
            "Lỗi: tùy chọn --page: không có trang 2: văn bản có 1 trang",
        ),
    ] {
        hoinghi(&[
            "preview",
            SMALL,
            "-o",
            s(&png),
            "--dpi",
            dpi,
            "--page",
            page,
        ])
        .exit(1)
        .says(message);
        assert!(!png.exists());
    }
    hoinghi(&["preview", SMALL, "-o", s(&png), "--dpi", "10"]).ok();
    assert!(png.is_file());
}

#[test]
fn preview_of_a_document_that_does_not_exist_names_the_option() {
    hoinghi(&["preview", SMALL, "--document", "nope", "-o", "/nonexistent/p.png"])
        .exit(1)
        .says("Lỗi: tùy chọn --document: \"nope\" không phải tên một văn bản; các văn bản là: giay-moi, chuong-trinh");
    // A real document the model has nothing for.
    hoinghi(&[
        "preview",
        SMALL,
        "--document",
        "kich-ban",
        "-o",
        "/nonexistent/p.png",
    ])
    .exit(1)
    .says("Lỗi: tùy chọn --document: hội nghị này không tạo văn bản kich-ban");
}

#[test]
fn years_outside_1945_to_2200_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for date in ["0000-01-01", "1944-12-31", "2201-01-01"] {
        let model = model_with(dir.path(), "m.json", SMALL, |m| {
            m["event"]["date"] = json!(date)
        });
        hoinghi(&["check", s(&model)]).exit(1).says(&format!(
            "Lỗi: Thông tin hội nghị, trường \"Ngày họp\" (event.date): \"{date}\": năm phải từ 1945 đến 2200"
        ));
    }
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        m["event"]["date"] = json!("1945-09-02")
    });
    hoinghi(&["check", s(&model)]).ok();
}

#[test]
fn a_huge_number_of_minutes_is_an_error_not_a_wrap_or_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    for minutes in [json!(4294967295u64), json!(4294967296u64), json!(1441)] {
        let model = model_with(dir.path(), "m.json", OTHER, |m| {
            m["agenda"][0]["minutes"] = minutes.clone();
        });
        let run = hoinghi(&["check", s(&model)]).exit(1);
        assert_contains(
            &run.stderr,
            "Lỗi: Mục chương trình thứ 1 (agenda[0]), trường \"Thời lượng (phút)\": ",
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert_eq!(run.stderr.lines().last(), Some("có 1 lỗi; không ghi gì"));
    }
}

#[test]
fn a_list_at_the_top_says_in_words_that_a_model_is_an_object() {
    let dir = tempfile::tempdir().unwrap();
    for text in ["[]", "42", "\"hội nghị\"", "null"] {
        let model = model_text(dir.path(), text);
        hoinghi(&["check", s(&model)])
            .exit(1)
            .says("Lỗi: Tệp hội nghị: cần một nhóm { … } gồm các mục của hội nghị");
    }
}

/// Runs `hoinghi args`, failing the test if it has not ended within a minute (it must not
/// wait forever on its input).
#[cfg(unix)]
#[track_caller]
fn run_without_hanging(args: &[&str]) -> Run {
    use std::time::{Duration, Instant};
    let mut child = hoinghi_command()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("hoinghi {} hangs", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_as_the_model_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("m.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    for model in [s(&fifo), "/dev/zero"] {
        let run = run_without_hanging(&["check", model]).exit(1);
        assert_contains(
            &run.stderr,
            &format!(
                "Lỗi: {model}: không phải một tệp thông thường (là thư mục, ống dẫn hoặc thiết bị)"
            ),
        );
    }
}

#[test]
fn import_into_the_list_it_reads_is_refused_and_the_list_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("ds.csv");
    let text = "Họ và tên;Chức vụ\nLê An;Giám đốc\n";
    std::fs::write(&list, text).unwrap();
    hoinghi(&["import", s(&list), "-o", s(&list)])
        .exit(1)
        .says("tệp kết quả trùng với tệp danh sách đang đọc; hãy chọn tên khác cho -o");
    assert_eq!(std::fs::read_to_string(&list).unwrap(), text);
    // The same file by another path.
    let other = dir.path().join(".").join("ds.csv");
    hoinghi(&["import", s(&list), "-o", s(&other)]).exit(1);
    assert_eq!(std::fs::read_to_string(&list).unwrap(), text);
}

#[test]
fn a_runaway_template_loop_is_stopped_with_a_message_naming_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("giay-moi.typ.j2");
    let original = std::fs::read_to_string(repo("templates/giay-moi.typ.j2")).unwrap();
    std::fs::write(
        &template,
        format!(
            "{{% for i in range(100000) %}}{{% for j in range(100000) %}}{{% endfor %}}{{% endfor %}}\n{original}"
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = build(&repo(SMALL), &out, &["--templates", s(dir.path())]).exit(1);
    assert_contains(&run.stderr, &format!("Lỗi: {}", template.display()));
    assert_contains(
        &run.stderr,
        "mẫu chạy quá lâu (một vòng lặp quá lớn?) nên đã bị dừng",
    );
    assert!(!out.join("giay-moi.pdf").exists());
}
