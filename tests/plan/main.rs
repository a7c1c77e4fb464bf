//! The plan itself, from the model: the Kế hoạch with its annexes, the checklist of its tasks
//! with their deadlines, and the calendar of those deadlines. Everything is read back from the
//! files a real build writes: the PDFs' text, their page sizes, the calendar parsed.

#[path = "../support/mod.rs"]
mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use support::{Pdf, Run, hoinghi, model_with, repo, s};

const SAMPLE: &str = "data/hoi-nghi-ocop-2025.json";

/// The plan the sample was made from, as its text was taken from the signed document.
const SEED: &str = include_str!("seed-ke-hoach.txt");

/// Runs `hoinghi build MODEL --out OUT` with more arguments, in Vietnamese.
fn build(model: &Path, out: &Path, args: &[&str]) -> Run {
    let mut all = vec!["build", s(model), "--out", s(out), "--lang", "vi"];
    all.extend_from_slice(args);
    hoinghi(&all)
}

fn sample() -> PathBuf {
    repo(SAMPLE)
}

fn sample_json() -> Value {
    serde_json::from_str(&std::fs::read_to_string(sample()).unwrap()).unwrap()
}

/// How many invitations the sample's list sends to a group.
fn group_count(model: &Value, group: &str) -> usize {
    model["invitees"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["group"] == group)
        .count()
}

/// Every run of whitespace made one space.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text between the first `from` and the next `to` after it (`from` included).
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} is not in:\n{text}"));
    let end = text[start..]
        .find(to)
        .map(|e| start + e)
        .unwrap_or_else(|| panic!("{to:?} does not follow {from:?} in:\n{text}"));
    text[start..end].trim()
}

fn is_portrait((w, h): (f64, f64)) -> bool {
    (w - 210.0).abs() < 0.5 && (h - 297.0).abs() < 0.5
}

fn is_landscape((w, h): (f64, f64)) -> bool {
    (w - 297.0).abs() < 0.5 && (h - 210.0).abs() < 0.5
}

/// The text of a page as a reader sees it, without the draft mark and the page number at the
/// top.
fn reading(pdf: &Pdf, page: u32) -> String {
    let text = pdf.page_text(page).replace("DỰ THẢO", " ");
    let text = normalize(&text);
    let number = page_number(pdf, page);
    match number {
        Some(n) => text[n.len()..].trim_start().to_string(),
        None => text,
    }
}

/// The number printed at the top of a page, if any.
fn page_number(pdf: &Pdf, page: u32) -> Option<String> {
    let text = normalize(&pdf.page_text(page).replace("DỰ THẢO", " "));
    let first = text.split(' ').next()?;
    first
        .chars()
        .all(|c| c.is_ascii_digit())
        .then(|| first.to_string())
        .filter(|n| !n.is_empty())
}

/// The plan's own pages (portrait), read through, and the annexes' pages (landscape).
fn pages(pdf: &Pdf) -> (Vec<u32>, Vec<u32>) {
    let sizes = pdf.page_sizes_mm();
    let portrait: Vec<u32> = (1..=sizes.len() as u32)
        .filter(|&p| is_portrait(sizes[p as usize - 1]))
        .collect();
    let landscape: Vec<u32> = (1..=sizes.len() as u32)
        .filter(|&p| is_landscape(sizes[p as usize - 1]))
        .collect();
    assert_eq!(
        portrait.len() + landscape.len(),
        sizes.len(),
        "every page is A4, upright or landscape: {sizes:?}"
    );
    (portrait, landscape)
}

fn plan_text(pdf: &Pdf) -> String {
    let (portrait, _) = pages(pdf);
    portrait
        .iter()
        .map(|&p| reading(pdf, p))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_sample_plan_says_what_the_seed_plan_says_section_by_section() {
    let out = tempfile::tempdir().unwrap();
    build(&sample(), out.path(), &["--only", "ke-hoach"]).ok();
    let pdf = Pdf::open(&out.path().join("ke-hoach.pdf"));
    let got = plan_text(&pdf);

    // Where the plan now says what the list says, and where its layout sets the punctuation
    // the seed had by hand, the seed is brought to what the plan must print.
    let model = sample_json();
    let seed = normalize(SEED)
        .replace(
            "(khoảng 30-40 chủ thể",
            &format!(
                "({:02} chủ thể",
                group_count(&model, "Các chủ thể OCOP tiêu biểu")
            ),
        )
        .replace(
            "(khoảng 10 đại biểu)",
            &format!(
                "({:02} đại biểu)",
                group_count(&model, "Doanh nghiệp, chuyên gia, nhà phân phối")
            ),
        )
        // A task list's items end with ";" and its last with "."
        .replace(
            "chủ thể phát biểu tham luận.",
            "chủ thể phát biểu tham luận;",
        )
        // An agency with one task has it on the same line, after a colon.
        .replace(
            "2. Văn phòng Uỷ ban nhân dân tỉnh Phối hợp",
            "2. Văn phòng Uỷ ban nhân dân tỉnh: Phối hợp",
        );

    let sections = [
        ("KẾ HOẠCH", "Thực hiện chương trình"),
        ("Thực hiện chương trình", "I. MỤC ĐÍCH"),
        ("I. MỤC ĐÍCH", "II. THỜI GIAN"),
        ("II. THỜI GIAN", "III. KINH PHÍ"),
        ("III. KINH PHÍ", "IV. TỔ CHỨC"),
        ("IV. TỔ CHỨC", "Nơi nhận"),
    ];
    for (from, to) in sections {
        assert_eq!(
            between(&got, from, to),
            between(&seed, from, to),
            "section {from}"
        );
    }
    // Nơi nhận and the signature sit side by side: each line is there.
    let closing = &got[got.find("Nơi nhận:").unwrap()..];
    for line in [
        "- Thường trực Đảng ủy UBND tỉnh;",
        "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
        "- Báo và Đài PTTH LS;",
        "- Lưu: VT, KTCN(HĐN).",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lương Trọng Quỳnh",
    ] {
        assert!(closing.contains(line), "{line:?} is not in {closing:?}");
    }
    // The header: the number left blank for the clerk, the day too.
    let first = reading(&pdf, 1);
    assert!(first.contains("Số: /KH-UBND"), "{first}");
    assert!(first.contains("Lạng Sơn, ngày tháng 9 năm 2025"), "{first}");
}

#[test]
fn the_composition_carries_the_counts_of_the_current_list() {
    let dir = tempfile::tempdir().unwrap();
    // Three of the OCOP producers taken off the list (none that an award or a presentation
    // names: a link to no invitee is an error).
    let model = model_with(dir.path(), "fewer.json", SAMPLE, |m| {
        let whole = m.to_string();
        let linked = |i: &Value| whole.contains(&format!("\"invitee\":{}", i["id"]));
        let invitees = m["invitees"].as_array_mut().unwrap();
        for _ in 0..3 {
            let at = invitees
                .iter()
                .position(|i| i["group"] == "Các chủ thể OCOP tiêu biểu" && !linked(i))
                .unwrap();
            invitees.remove(at);
        }
    });
    let before = group_count(&sample_json(), "Các chủ thể OCOP tiêu biểu");
    let out = dir.path().join("out");
    build(&model, &out, &["--only", "ke-hoach"]).ok();
    let text = plan_text(&Pdf::open(&out.join("ke-hoach.pdf")));
    assert!(
        text.contains(&format!(
            "trở lên ({:02} chủ thể có sản phẩm tiêu biểu",
            before - 3
        )),
        "{text}"
    );
    assert!(!text.contains(&format!("({before:02} chủ thể")));

    // Without lines of its own, the plan names every group of the list with its count.
    let model = model_with(dir.path(), "plain.json", SAMPLE, |m| {
        m["plan"]["composition"] = json!([]);
    });
    let out = dir.path().join("plain");
    build(&model, &out, &["--only", "ke-hoach"]).ok();
    let text = plan_text(&Pdf::open(&out.join("ke-hoach.pdf")));
    let composition = between(&text, "Thành phần Hội nghị:", "4. Nội dung");
    let json = sample_json();
    let lines: Vec<String> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let g = g.as_str().unwrap();
            format!("- {g}: {:02} đại biểu", group_count(&json, g))
        })
        .collect();
    assert_eq!(
        composition,
        format!("Thành phần Hội nghị: {}.", lines.join("; "))
    );
}

#[test]
fn once_the_date_is_fixed_the_plan_says_when_and_where_as_the_invitations_do() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "dated.json", SAMPLE, |m| {
        m["event"]["date"] = "2025-10-16".into();
        m["plan"]["closing"] = "Trên đây là Kế hoạch tổ chức Hội nghị".into();
        m["plan"]["items"][0]["text"] = "{số bàn} bàn, {số tham luận} bài tham luận.".into();
    });
    let out = dir.path().join("out");
    build(&model, &out, &["--only", "ke-hoach"]).ok();
    let text = plan_text(&Pdf::open(&out.join("ke-hoach.pdf")));
    assert!(
        text.contains(
            "1. Thời gian: 01 buổi, 08 giờ 00 phút, thứ Năm, ngày 16/10/2025. \
             2. Địa điểm: Nhà khách A1, số 35 Đường Đinh Tiên Hoàng, phường Lương Văn Tri. "
        ),
        "{text}"
    );
    assert!(
        text.contains("6. Trưng bày, giới thiệu một số sản phẩm OCOP: 11 bàn, 08 bài tham luận."),
        "{text}"
    );
    // A closing paragraph ends the plan, and the last task ends as any other agency's.
    assert!(
        text.contains("để xem xét, tổng hợp. Trên đây là Kế hoạch tổ chức Hội nghị./. Nơi nhận:"),
        "{text}"
    );
}

#[test]
fn the_annexes_are_in_the_plan_on_landscape_pages_numbered_on_their_own() {
    let out = tempfile::tempdir().unwrap();
    build(
        &sample(),
        out.path(),
        &["--only", "ke-hoach,bieu-01-tham-luan,bieu-02-trung-bay"],
    )
    .ok();
    let plan = Pdf::open(&out.path().join("ke-hoach.pdf"));
    let (portrait, landscape) = pages(&plan);
    assert!(portrait.len() >= 2, "the plan has its own pages");
    assert!(
        portrait.iter().max() < landscape.iter().min(),
        "the annexes come after the plan: {portrait:?} {landscape:?}"
    );
    // The plan's pages are numbered from the second on.
    assert_eq!(page_number(&plan, 1), None);
    assert_eq!(page_number(&plan, 2).as_deref(), Some("2"));

    // Each annex is the table of its own paper, starting on a page of its own, numbered
    // from its second page.
    let mut next = landscape.clone().into_iter();
    for (name, label) in [
        ("bieu-01-tham-luan.pdf", "Biểu số 01"),
        ("bieu-02-trung-bay.pdf", "Biểu số 02"),
    ] {
        let alone = Pdf::open(&out.path().join(name));
        let count = alone.page_count() as u32;
        let in_plan: Vec<u32> = next.by_ref().take(count as usize).collect();
        assert_eq!(in_plan.len() as u32, count, "{name}: all its pages");
        assert_eq!(page_number(&plan, in_plan[0]), None, "{name}");
        assert!(reading(&plan, in_plan[0]).starts_with(label), "{name}");
        for (k, &p) in in_plan.iter().enumerate() {
            assert_eq!(
                reading(&plan, p),
                reading(&alone, k as u32 + 1),
                "{name}, its page {}",
                k + 1
            );
            if k > 0 {
                assert_eq!(page_number(&plan, p), Some((k + 1).to_string()));
            }
        }
    }
    assert_eq!(next.next(), None, "no page after the annexes");
}

/// The checklist's text, without the draft mark.
fn checklist(model: &Path, today: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    build(model, out.path(), &["--only", "nhiem-vu", "--today", today]).ok();
    let pdf = Pdf::open(&out.path().join("nhiem-vu.pdf"));
    (1..=pdf.page_count() as u32)
        .map(|p| reading(&pdf, p))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_checklist_flags_the_tasks_overdue_on_the_day_given() {
    // The sample's deadlines: three on 30/9, one on 10/10, two on 15/10; nothing done.
    let text = checklist(&sample(), "2025-10-12");
    assert!(
        text.contains("Tính đến ngày 12/10/2025: 12 nhiệm vụ, 0 đã xong, 4 quá hạn"),
        "{text}"
    );
    assert_eq!(text.matches("QUÁ HẠN").count(), 4, "{text}");
    assert_eq!(text.matches("QUÁ HẠN 12 ngày").count(), 3, "{text}");
    assert_eq!(text.matches("QUÁ HẠN 2 ngày").count(), 1, "{text}");
    assert!(
        text.contains("30/09/2025"),
        "deadlines as dd/mm/yyyy: {text}"
    );
    // The task's text with its deadline written in, as the plan says it.
    assert!(
        text.contains("gửi về Sở Nông nghiệp và Môi trường để tổng hợp, trước ngày 30/9/2025"),
        "{text}"
    );

    // Before the first deadline nothing is late.
    let text = checklist(&sample(), "2025-09-20");
    assert!(!text.contains("QUÁ HẠN"), "{text}");
    assert!(text.contains("0 quá hạn"), "{text}");

    // A task marked done is done, not late.
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "done.json", SAMPLE, |m| {
        m["plan"]["tasks"][5]["items"][0]["done"] = true.into();
    });
    let text = checklist(&model, "2025-10-12");
    assert!(text.contains("12 nhiệm vụ, 1 đã xong, 3 quá hạn"), "{text}");
    assert!(text.contains("Đã xong"), "{text}");
}

#[test]
fn the_day_changes_the_checklist_and_no_other_paper() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let sources = |day: &str| {
        let typst = dir.path().join(day);
        build(
            &sample(),
            &out,
            &["--today", day, "--emit-typst", s(&typst), "--verbose"],
        )
        .ok()
    };
    sources("2025-09-01");
    let again = sources("2025-10-12");
    // Only the checklist is written again.
    let written: Vec<&str> = again
        .stderr
        .lines()
        .filter(|l| l.starts_with("đã ghi ") && !l.contains(" tệp không đổi"))
        .collect();
    assert_eq!(written.len(), 1, "{}", again.stderr);
    assert!(written[0].ends_with("nhiem-vu.pdf"), "{written:?}");
    // And the only source that differs is its own.
    let read = |day: &str| -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = std::fs::read_dir(dir.path().join(day))
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&path).unwrap())
            })
            .collect();
        files.sort();
        files
    };
    let (a, b) = (read("2025-09-01"), read("2025-10-12"));
    assert_eq!(a.len(), b.len());
    let differ: Vec<&str> = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, _)| x.0.as_str())
        .collect();
    assert_eq!(differ, ["nhiem-vu.typ"]);
}

#[test]
fn check_warns_of_overdue_tasks_and_of_deadlines_after_the_conference() {
    let run = hoinghi(&["check", SAMPLE, "--today", "2025-10-12", "--lang", "vi"]).ok();
    let late: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("Cảnh báo:") && l.contains("quá hạn"))
        .collect();
    assert_eq!(late.len(), 4, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "Cảnh báo: Cơ quan thực hiện thứ 6, nhiệm vụ thứ 1 (plan.tasks[5].items[0]), \
             trường \"Thời hạn\": nhiệm vụ của UBND các xã, phường đã quá hạn 12 ngày \
             (hạn 30/9/2025) mà chưa đánh dấu xong"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ghi \"done\": true"), "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "nhiệm vụ của kế hoạch: 12 việc, 6 có thời hạn, 0 đã xong, 4 quá hạn tính đến ngày 12/10/2025"
        ),
        "{}",
        run.stdout
    );
    let early = hoinghi(&["check", SAMPLE, "--today", "2025-09-01", "--lang", "vi"]).ok();
    assert!(!early.stderr.contains("quá hạn"), "{}", early.stderr);

    // The conference fixed on 14/10: the two tasks due on 15/10 come too late.
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "dated.json", SAMPLE, |m| {
        m["event"]["date"] = "2025-10-14".into();
    });
    let run = hoinghi(&["check", s(&model), "--today", "2025-09-01", "--lang", "en"]).ok();
    let after: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("falls after the conference"))
        .collect();
    assert_eq!(after.len(), 2, "{}", run.stderr);
    assert!(
        after[0].starts_with(
            "warning: agency 1, task 2 (plan.tasks[0].items[1]), field \"deadline\": \
             the deadline 15/10/2025 falls after the conference on 14/10/2025"
        ),
        "{after:?}"
    );
}

#[test]
fn a_day_that_is_not_a_date_is_refused_before_any_work() {
    let out = tempfile::tempdir().unwrap();
    let run = build(&sample(), out.path(), &["--today", "2025-13-01"]).failed();
    assert!(
        run.stderr
            .contains("tùy chọn --today: \"2025-13-01\" không có trên lịch"),
        "{}",
        run.stderr
    );
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none());
    let run = hoinghi(&["check", SAMPLE, "--today", "12/10/2025", "--lang", "en"]).failed();
    assert!(
        run.stderr
            .contains("option --today: \"12/10/2025\" is not a date written YYYY-MM-DD"),
        "{}",
        run.stderr
    );
}

#[test]
fn mistakes_in_the_plan_are_reported_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "bad.json", SAMPLE, |m| {
        let plan = &mut m["plan"];
        plan["composition"][7]["text"] = "Các chủ thể ({so} chủ thể)".into();
        plan["composition"][8]
            .as_object_mut()
            .unwrap()
            .remove("group");
        plan["tasks"][0]["items"][2]["text"] = "Trưng bày trước ngày {hạn}".into();
        plan["tasks"][0]["items"][3]["deadline"] = "2025-02-30".into();
        plan["tasks"][1]["items"][0]["text"] = "Phát hành giấy mời trước ngày 05/10/2025".into();
    });
    let run = hoinghi(&["check", s(&model), "--lang", "vi"]).failed();
    let err = &run.stderr;
    for expected in [
        "Lỗi: Dòng thành phần thứ 8 (plan.composition[7]), trường \"Lời văn\": {so} không phải chỗ thay của trường này; trường này nhận: {số}",
        "Lỗi: Dòng thành phần thứ 9 (plan.composition[8]), trường \"Lời văn\": dòng có {số} nhưng không ghi nhóm (\"group\")",
        "Lỗi: Cơ quan thực hiện thứ 1, nhiệm vụ thứ 3 (plan.tasks[0].items[2]), trường \"Lời văn nhiệm vụ\": lời văn có {hạn} nhưng nhiệm vụ không có thời hạn (\"deadline\")",
        "Lỗi: Cơ quan thực hiện thứ 1, nhiệm vụ thứ 4 (plan.tasks[0].items[3]), trường \"Thời hạn\": \"2025-02-30\" không có trên lịch",
        "Cảnh báo: Cơ quan thực hiện thứ 2, nhiệm vụ thứ 1 (plan.tasks[1].items[0]), trường \"Lời văn nhiệm vụ\": lời văn ghi ngày 05/10/2025 nhưng nhiệm vụ không có thời hạn (\"deadline\")",
        "Cảnh báo: Kế hoạch, trường \"Thành phần Hội nghị\" (plan.composition): nhóm \"Doanh nghiệp, chuyên gia, nhà phân phối\" có 10 giấy mời nhưng không dòng nào",
    ] {
        assert!(err.contains(expected), "{expected}\nnot in:\n{err}");
    }
    assert!(err.contains("có 4 lỗi"), "{err}");
}

/// The calendar a build of `model` writes.
fn calendar(model: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    build(model, out.path(), &["--only", "nhiem-vu"]).ok();
    std::fs::read_to_string(out.path().join("nhiem-vu.ics")).unwrap()
}

/// The calendar's events, as the iCalendar crate's parser reads them: (UID, DTSTART, SUMMARY).
fn events(text: &str) -> Vec<(String, String, String)> {
    use icalendar::{Calendar, CalendarComponent, Component};
    let calendar: Calendar = text.parse().expect("the calendar parses");
    calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((
                e.get_uid().unwrap().to_string(),
                e.properties()["DTSTART"].value().to_string(),
                e.get_summary().unwrap().to_string(),
            )),
            _ => None,
        })
        .collect()
}

/// What RFC 5545 asks of the file's lines: CRLF endings, at most 75 octets, components that
/// open and close in order, and the properties every event must have.
fn assert_strict(text: &str) {
    assert!(text.ends_with("\r\n"));
    let mut open: Vec<&str> = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.len() <= 75, "line of {} octets: {line}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'));
        if let Some(kind) = line.strip_prefix("BEGIN:") {
            open.push(kind);
        } else if let Some(kind) = line.strip_prefix("END:") {
            assert_eq!(open.pop(), Some(kind));
        }
    }
    assert!(open.is_empty());
    let unfolded = text.replace("\r\n ", "");
    for event in unfolded.split("BEGIN:VEVENT").skip(1) {
        for property in ["UID:", "DTSTAMP:", "DTSTART"] {
            assert_eq!(
                event.matches(&format!("\r\n{property}")).count(),
                1,
                "{property} in {event}"
            );
        }
    }
}

#[test]
fn the_calendar_holds_the_deadlines_and_keeps_its_entries_when_the_model_changes() {
    let text = calendar(&sample());
    assert_strict(&text);
    assert!(!text.contains("DTSTAMP:2026"), "no stamp from the clock");
    let first = events(&text);
    // One all-day entry per task with a deadline; no conference while its date is open.
    assert_eq!(first.len(), 6, "{first:?}");
    let days: BTreeSet<&str> = first.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(
        days,
        BTreeSet::from(["20250930", "20251010", "20251015"]),
        "{first:?}"
    );
    assert!(text.contains("DTSTART;VALUE=DATE:20250930"), "{text}");
    let uids: BTreeSet<&str> = first.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(uids.len(), 6, "UIDs are unique");
    assert!(first.iter().any(|e| {
        e.2.starts_with("Hạn: UBND các xã, phường – Báo cáo đánh giá")
    }));

    // The same model gives the same bytes.
    assert_eq!(calendar(&sample()), text);

    // A deadline moved, a text reworded, a task done, a task inserted before the others of
    // its agency, and the date fixed: every entry keeps its UID, and the conference is added.
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "changed.json", SAMPLE, |m| {
        let tasks = &mut m["plan"]["tasks"];
        tasks[5]["items"][0]["deadline"] = "2025-10-02".into();
        tasks[5]["items"][0]["done"] = true.into();
        tasks[4]["items"][0]["text"] = "Xây dựng phóng sự, xong trước ngày {hạn}".into();
        tasks[5]["items"].as_array_mut().unwrap().insert(
            0,
            json!({"id": "moi", "text": "Việc mới", "deadline": "2025-09-25"}),
        );
        m["event"]["date"] = "2025-10-16".into();
    });
    let text = calendar(&model);
    assert_strict(&text);
    let second = events(&text);
    assert_eq!(second.len(), 8, "{second:?}");
    let again: BTreeSet<&str> = second.iter().map(|e| e.0.as_str()).collect();
    assert!(uids.is_subset(&again), "{uids:?} {again:?}");
    let moved = second.iter().find(|e| e.1 == "20251002").unwrap();
    assert!(moved.2.starts_with("[Đã xong] Hạn: UBND các xã, phường"));
    // The conference at its hours, in UTC (08:00 in Vietnam is 01:00 UTC).
    let conference = second.iter().find(|e| e.1 == "20251016T010000Z").unwrap();
    assert!(conference.2.starts_with("Hội nghị sơ kết Chương trình"));
    assert!(text.contains("LOCATION:Nhà khách A1"), "{text}");
}

#[test]
fn the_same_model_gives_the_same_papers() {
    let run = |dir: &Path| {
        build(
            &sample(),
            dir,
            &["--only", "ke-hoach,nhiem-vu", "--today", "2025-10-12"],
        )
        .ok();
        support::snapshot(dir)
            .into_iter()
            .filter(|(p, _)| !p.starts_with(".hoinghi-manifest.json"))
            .collect::<Vec<_>>()
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (run(a.path()), run(b.path()));
    let names: Vec<String> = a.iter().map(|(p, _)| p.display().to_string()).collect();
    for name in ["ke-hoach.pdf", "nhiem-vu.pdf", "nhiem-vu.ics"] {
        assert!(names.iter().any(|n| n == name), "{names:?}");
    }
    assert!(a == b, "two builds of the same model differ");
}

#[test]
fn a_model_with_only_what_the_annexes_cite_has_no_plan_to_print() {
    let run = hoinghi(&[
        "list",
        "tests/fixtures/other-conference.json",
        "--lang",
        "vi",
    ])
    .ok();
    assert!(!run.stdout.contains("ke-hoach"), "{}", run.stdout);
    assert!(!run.stdout.contains("nhiem-vu"), "{}", run.stdout);
    let run = hoinghi(&["list", SAMPLE, "--lang", "vi"]).ok();
    assert!(run.stdout.contains("ke-hoach.pdf"), "{}", run.stdout);
    assert!(run.stdout.contains("nhiem-vu.ics"), "{}", run.stdout);
}
