//! The second proof (issue 14): every paper of the sample and of the second fixture can be
//! signed and printed as it comes out. Each test reads the built PDFs back, as text and as
//! geometry (where each glyph and line is on the page), and checks one correction. Also the
//! two hardening items of issue 19 that concern the papers: text past the margin is an error
//! naming document, page and text; an invitation too long because of what every invitation
//! shares is not blamed on its invitee.

#[path = "../support/mod.rs"]
mod support;

mod pdf;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pdf::Page;
use support::{hoinghi, model_with, repo, s};

const SAMPLE: &str = "data/hoi-nghi-ocop-2025.json";
const OTHER: &str = "tests/fixtures/other-conference.json";

/// A model built once into a folder of its own, shared by the tests that read its papers.
struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
    model: serde_json::Value,
}

impl Built {
    fn new(model: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        hoinghi(&["build", model, "--out", s(&out), "--quiet"]).ok();
        let model = serde_json::from_str(&std::fs::read_to_string(repo(model)).unwrap()).unwrap();
        Self {
            _dir: dir,
            out,
            model,
        }
    }

    fn pages(&self, file: &str) -> Vec<Page> {
        pdf::pages(&self.out.join(file))
    }

    /// The text of a document, page by page.
    fn texts(&self, file: &str) -> Vec<String> {
        self.pages(file).iter().map(Page::text).collect()
    }

    fn text(&self, file: &str) -> String {
        self.texts(file).join(" ")
    }

    /// The PDFs a reader prints: every document, the merged invitations among them.
    fn papers(&self) -> Vec<String> {
        let mut files: Vec<String> = std::fs::read_dir(&self.out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".pdf") && !n.ends_with("-in.pdf"))
            .collect();
        files.sort();
        files
    }

    /// The invitation of the invitee with this id: its text.
    fn invitation(&self, id: &str) -> String {
        let k = self.model["invitees"]
            .as_array()
            .unwrap()
            .iter()
            .position(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("no invitee {id}"));
        self.pages("giay-moi.pdf")[k].text()
    }
}

fn sample() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| Built::new(SAMPLE))
}

fn other() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| Built::new(OTHER))
}

fn both() -> [&'static Built; 2] {
    [sample(), other()]
}

/// Every person's name a model prints.
fn names(model: &serde_json::Value) -> Vec<String> {
    let mut names = vec![model["signer"]["name"].as_str().unwrap().to_string()];
    let mut add = |v: &serde_json::Value| {
        if let Some(n) = v["name"].as_str() {
            names.push(n.to_string());
        }
    };
    for i in model["invitees"].as_array().unwrap() {
        add(i);
    }
    for p in model["presentations"].as_array().into_iter().flatten() {
        add(&p["speaker"]);
    }
    add(&model["awards"]["presenter"]);
    for a in model["awards"]["individuals"]
        .as_array()
        .into_iter()
        .flatten()
    {
        add(a);
    }
    names
}

/// "thanh -" for each "thanh - Truyền" in the model's texts.
fn hyphens(model: &serde_json::Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![model];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(text) => {
                let words: Vec<&str> = text.split_whitespace().collect();
                for w in words.windows(2) {
                    if w[1] == "-" && !w[0].ends_with(|c: char| c.is_ascii_digit()) {
                        found.push(format!("{} -", w[0]));
                    }
                }
            }
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Whether all the glyphs of one occurrence stand on one baseline.
fn on_one_line(glyphs: &[&pdf::Glyph]) -> bool {
    glyphs.windows(2).all(|w| (w[0].y - w[1].y).abs() < 0.5)
}

fn mm(points: f64) -> f64 {
    points / 72.0 * 25.4
}

fn pt(millimetres: f64) -> f64 {
    millimetres / 25.4 * 72.0
}

/// Both models check clean: no error, no warning.
#[test]
fn both_models_check_without_a_warning() {
    for model in [SAMPLE, OTHER] {
        // On a day before the plan's first deadline, so that no task is overdue.
        let run = hoinghi(&["check", model, "--lang", "en", "--today", "2025-09-20"]).ok();
        assert!(
            !run.stderr.contains("warning") && !run.stderr.contains("error"),
            "{model}:\n{}",
            run.stderr
        );
    }
}

#[test]
fn number_ranges_titles_and_names_never_break_over_two_lines() {
    for built in both() {
        let mut needles = names(&built.model);
        needles.extend([
            "Phó Chủ tịch".to_string(),
            "2021 - 2025".into(),
            "2026 - 2030".into(),
        ]);
        // A spaced hyphen in the model's texts stays with the word before it: "thanh -" may
        // end a line, "- Truyền hình" never starts one.
        needles.extend(hyphens(&built.model));
        let mut ranges = 0;
        for file in built.papers() {
            for (p, page) in built.pages(&file).iter().enumerate() {
                for line in page.lines() {
                    let text = &line.text;
                    let ends_in_a_range = text.ends_with(" -")
                        && text[..text.len() - 2].ends_with(|c: char| c.is_ascii_digit());
                    let starts_in_a_range = text.starts_with("- ")
                        && text[2..].starts_with(|c: char| c.is_ascii_digit());
                    assert!(
                        !starts_in_a_range && !ends_in_a_range,
                        "{file}, page {}: a line broken in a range: {text:?}",
                        p + 1
                    );
                }
                for needle in &needles {
                    for hit in page.find(needle) {
                        ranges += usize::from(needle.contains(" - "));
                        assert!(
                            on_one_line(&hit),
                            "{file}, page {}: {needle:?} is broken over two lines",
                            p + 1
                        );
                    }
                }
            }
        }
        if built.model["event"]["title"]
            .as_str()
            .unwrap()
            .contains("2021 - 2025")
        {
            assert!(
                ranges > 100,
                "the ranges were looked for and found: {ranges}"
            );
        }
    }
}

/// The text area of each document: left and right margins in millimetres.
fn margins(file: &str) -> (f64, f64) {
    match file {
        "chuong-trinh.pdf" => (16.0, 14.0),
        "bien-ten.pdf" => (0.0, 0.0),
        "phong-bi.pdf" => (12.0, 12.0),
        "so-do-cho-ngoi.pdf" => (15.0, 15.0),
        _ => (30.0, 15.0),
    }
}

#[test]
fn no_glyph_reaches_into_the_margins() {
    for built in both() {
        for file in built.papers() {
            let (left, right) = margins(&file);
            for (p, page) in built.pages(&file).iter().enumerate() {
                for g in page
                    .glyphs
                    .iter()
                    .filter(|g| !g.light && !g.text.trim().is_empty())
                {
                    assert!(
                        g.x0 >= pt(left) - 0.1 && g.x1 <= page.width - pt(right) + 0.1,
                        "{file}, page {}: {:?} at {:.2}-{:.2} mm, outside {left}-{:.1} mm",
                        p + 1,
                        g.text,
                        mm(g.x0),
                        mm(g.x1),
                        mm(page.width) - right
                    );
                }
            }
        }
    }
}

#[test]
fn the_scripts_pages_never_split_an_award_batch_or_what_the_mc_reads_in_one_go() {
    for built in both() {
        let pages = built.texts("kich-ban.pdf");
        assert!(pages.len() > 1, "the script has several pages to test");
        for (p, text) in pages.iter().enumerate() {
            // After the last batch called on a page comes its presenter, on the same page.
            if let Some(at) = text.rfind("có tên sau lên nhận") {
                assert!(
                    text[at..].contains("lên trao"),
                    "page {}: a batch is cut from its presenter:\n{text}",
                    p + 1
                );
            }
            // Each later page starts at the start of a row, never in what the MC is reading:
            // after the table's header comes an item's number or time, the MC, or the
            // introductions.
            if p > 0 {
                let header = "TT Thời gian Nội dung, lời dẫn Thực hiện ";
                let at = text.find(header).expect("the header repeats") + header.len();
                let rest = &text[at..];
                assert!(
                    rest.starts_with(|c: char| c.is_ascii_digit())
                        || rest.starts_with("MC:")
                        || rest.starts_with("Về dự Hội nghị"),
                    "page {} starts inside a row: {rest}",
                    p + 1
                );
            }
            // The last page holds more than the closing line.
            if p + 1 == pages.len() {
                assert!(
                    text.contains("Chương trình Hội nghị đến đây là kết thúc")
                        && text.contains("Kết thúc Hội nghị"),
                    "last page: {text}"
                );
            }
        }
        // The introductions are read in one go: all on one page.
        let intro = pages
            .iter()
            .find(|t| t.contains("tôi xin trân trọng giới thiệu"))
            .unwrap();
        assert!(intro.contains("Xin trân trọng giới thiệu và nhiệt liệt chào mừng"));
        // Every presentation is called and thanked on one page.
        for p in built.model["presentations"].as_array().unwrap() {
            let topic = p["topic"].as_str().unwrap();
            let page = pages
                .iter()
                .find(|t| t.contains(topic))
                .unwrap_or_else(|| panic!("{topic} is in the script"));
            let after = &page[page.find(topic).unwrap()..];
            assert!(after.contains("Xin trân trọng cảm ơn"), "{topic}");
        }
    }
}

#[test]
fn stage_directions_are_set_apart_from_the_words_to_read() {
    let built = sample();
    let text = built.text("kich-ban.pdf");
    assert!(
        text.contains("(Trình chiếu phóng sự, 25 phút)"),
        "the film is a direction: {text}"
    );
    assert!(
        !text.contains("(phóng sự)."),
        "the MC does not read \"(phóng sự)\""
    );
    // Directions are in italics, the MC's words upright.
    let pages = built.pages("kich-ban.pdf");
    let direction = pages
        .iter()
        .flat_map(|p| p.find("Trình chiếu phóng sự"))
        .next()
        .expect("the direction");
    assert!(direction.iter().all(|g| g.font.contains("Italic")));
    let words = pages
        .iter()
        .flat_map(|p| p.find("xin mời Hội nghị theo dõi báo cáo"))
        .next()
        .expect("the MC's words");
    assert!(words.iter().all(|g| !g.font.contains("Italic")));
}

#[test]
fn the_script_leaves_blanks_where_the_plans_and_the_decisions_number_and_date_are_unknown() {
    let text = sample().text("kich-ban.pdf");
    // The plan is dated September 2025, its day and number not yet known.
    let plan = regex_like(
        &text,
        "Thực hiện Kế hoạch số /KH-UBND ngày /9/2025 của Ủy ban nhân dân tỉnh Lạng Sơn",
    );
    assert!(plan, "{text}");
    assert!(
        regex_like(
            &text,
            "công bố Quyết định số /QĐ-UBND ngày / /2025 của Chủ tịch Ủy ban nhân dân tỉnh"
        ),
        "{text}"
    );
    // Known numbers and dates are printed.
    let other = other().text("kich-ban.pdf");
    assert!(
        other.contains("Kế hoạch số 05/KH-UBND ngày 20/12/2025"),
        "{other}"
    );
    assert!(
        other.contains("Quyết định số 45/QĐ-UBND ngày 12/01/2026"),
        "{other}"
    );
}

/// Whether `text` holds `pattern` where each space of the pattern may be any run of spaces
/// (the blanks left to write in are spaces in the extracted text).
fn regex_like(text: &str, pattern: &str) -> bool {
    let squeeze = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    squeeze(text)
        .replace(" /", "/")
        .contains(&squeeze(pattern).replace(" /", "/"))
}

#[test]
fn a_reception_before_the_invitations_time_and_a_discussion_of_its_own() {
    let built = sample();
    let programme = built.texts("chuong-trinh.pdf").join(" ");
    assert!(
        programme.contains(
            "07h30 - 08h00 Đón tiếp đại biểu; tham quan khu trưng bày, giới thiệu sản phẩm OCOP"
        ),
        "{programme}"
    );
    assert!(
        programme.contains("Thảo luận, trao đổi ý kiến"),
        "{programme}"
    );
    let script = built.text("kich-ban.pdf");
    assert!(script.contains("07h30 (Đón tiếp đại biểu"), "{script}");
    assert!(
        script.contains("Xin kính mời các đồng chí đại biểu phát biểu ý kiến"),
        "{script}"
    );
    // The invitation still gives the start of the programme proper.
    let invitation = built.pages("giay-moi.pdf")[0].text();
    assert!(
        invitation.contains("Thời gian: 08 giờ 00 phút"),
        "{invitation}"
    );
    assert!(!invitation.contains("07"), "{invitation}");
}

#[test]
fn award_batches_say_collectives_or_persons_and_persons_are_read_with_ong_or_ba() {
    let text = sample().text("kich-ban.pdf");
    assert!(
        text.contains("kính mời đại diện các tập thể có tên sau lên nhận Bằng khen (đợt 1)"),
        "{text}"
    );
    assert!(
        text.contains("kính mời các cá nhân có tên sau lên nhận Bằng khen (đợt 2)"),
        "{text}"
    );
    assert!(
        text.contains("11. Ông Lương Văn Đạt, Chuyên viên"),
        "{text}"
    );
    assert!(text.contains("12. Bà Đinh Thị Hương"), "{text}");
    assert!(!text.contains("các tập thể, cá nhân có tên sau"), "{text}");
}

#[test]
fn notes_go_only_to_the_groups_they_name() {
    let built = sample();
    let chair_hdnd = built.invitation("ct-hdnd");
    assert!(!chair_hdnd.contains("dự đúng thành phần"), "{chair_hdnd}");
    assert!(!chair_hdnd.contains("mang theo sản phẩm"), "{chair_hdnd}");
    assert!(chair_hdnd.contains("Tài liệu Hội nghị được phát tại Hội nghị"));
    let department = built.invitation("so-tai-chinh");
    assert!(department.contains("dự đúng thành phần"), "{department}");
    assert!(!department.contains("mang theo sản phẩm"), "{department}");
    let producer = built.invitation("htx-che-cong-son");
    assert!(producer.contains("mang theo sản phẩm"), "{producer}");
    assert!(!producer.contains("dự đúng thành phần"), "{producer}");
    // The last paragraph of each ends the letter.
    for text in [&chair_hdnd, &department, &producer] {
        assert_eq!(text.matches("./.").count(), 1, "{text}");
    }
}

#[test]
fn each_invitation_carries_what_the_programme_asks_of_its_invitee() {
    let built = sample();
    let presenter = built.invitation("so-cong-thuong");
    assert!(
        presenter.contains("Đề nghị đơn vị chuẩn bị bài tham luận “Kết nối tiêu thụ"),
        "{presenter}"
    );
    assert!(presenter.contains("(Biểu số 01)"), "{presenter}");
    let host = built.invitation("ubnd-xa-van-quan");
    assert!(
        host.contains("tại bàn số 4 (Biểu số 02): Tinh dầu hồi Văn Quan"),
        "{host}"
    );
    assert!(host.contains("hoàn thành trước 07h30"), "{host}");
    assert!(
        host.contains("lên nhận Bằng khen tặng Ủy ban nhân dân xã Văn Quan"),
        "{host}"
    );
    assert!(host.contains("thông báo để bà Lộc Thị Uyên"), "{host}");
    let awarded = built.invitation("hkd-thach-den-diep-phuong");
    assert!(
        awarded.contains("Đề nghị bà có mặt đúng giờ để lên nhận Bằng khen"),
        "{awarded}"
    );
    let none = built.invitation("so-y-te");
    assert!(
        !none.contains("Biểu số") && !none.contains("Bằng khen"),
        "{none}"
    );
}

#[test]
fn the_signers_own_leaders_are_not_invited_and_inviting_the_signer_or_the_chair_warns() {
    let built = sample();
    let everyone = built.text("giay-moi.pdf");
    assert!(
        !everyone.contains("Chủ tịch Ủy ban nhân dân tỉnh Tới dự"),
        "no Chủ tịch UBND"
    );
    assert!(!everyone.contains("Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh"));
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SAMPLE, |m| {
        m["invitees"].as_array_mut().unwrap().push(serde_json::json!({
            "honorific": "Đồng chí", "name": "Lương Trọng Quỳnh", "position": "Phó Chủ tịch Ủy ban nhân dân tỉnh"
        }));
    });
    let run = hoinghi(&["check", s(&model), "--lang", "en"]).ok();
    assert!(
        run.stderr
            .contains("warning: invitee 131 (invitees[130]), field \"name\"")
            && run
                .stderr
                .contains("\"Lương Trọng Quỳnh\" signs the invitations"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_booklet_has_a_cover_as_the_decree_sets_one_and_lists_each_thing_once() {
    let built = sample();
    let pages = built.pages("chuong-trinh.pdf");
    let cover = &pages[0];
    let lines = cover.lines();
    let last = lines.iter().max_by(|a, b| a.y.total_cmp(&b.y)).unwrap();
    assert_eq!(
        last.text, "Lạng Sơn, tháng 10 năm 2025",
        "at the foot of the cover"
    );
    // A short rule under the issuer, centred under it.
    let issuer = cover.find("TỈNH LẠNG SƠN").remove(0);
    let below = issuer[0].y;
    let rule = cover
        .lines
        .iter()
        .find(|l| l.is_horizontal() && l.y0 > below && l.y0 < below + 20.0)
        .expect("a rule under the issuer");
    let centre = (issuer[0].x0 + issuer.last().unwrap().x1) / 2.0;
    assert!(((rule.x0 + rule.x1) / 2.0 - centre).abs() < 1.0);
    // Each presentation once; a unit's name on at most two lines.
    let text: String = pages.iter().map(Page::text).collect::<Vec<_>>().join(" ");
    for p in built.model["presentations"].as_array().unwrap() {
        let topic = p["topic"].as_str().unwrap();
        assert_eq!(text.matches(topic).count(), 1, "{topic}");
    }
    for page in &pages {
        for hit in page.find("Ủy ban nhân dân xã Chi Lăng") {
            let mut ys: Vec<i64> = hit.iter().map(|g| g.y.round() as i64).collect();
            ys.dedup();
            assert!(
                ys.len() <= 2,
                "\"Ủy ban nhân dân xã Chi Lăng\" on {} lines",
                ys.len()
            );
        }
    }
    // The display tables' heading stands on the page of its first table.
    let heading = pages
        .iter()
        .find(|p| p.text().contains("KHU TRƯNG BÀY"))
        .unwrap();
    assert!(heading.text().contains("Bàn số 1:"), "{}", heading.text());
}

#[test]
fn annex_01_keeps_its_rows_together_and_annex_02_continues_with_tiep() {
    let pages = sample().pages("bieu-01-tham-luan.pdf");
    assert_eq!(pages.len(), 1, "the eight presentations fit one page");
    // A display table longer than a page carries its number and unit onto the next page.
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SAMPLE, |m| {
        let products: Vec<serde_json::Value> = (1..=30)
            .map(|n| serde_json::json!({"name": format!("Sản phẩm {n}"), "producer": "Hợp tác xã A", "stars": 3}))
            .collect();
        m["exhibits"][1]["products"] = products.into();
    });
    let out = dir.path().join("out");
    hoinghi(&[
        "build",
        s(&model),
        "--out",
        s(&out),
        "--only",
        "bieu-02-trung-bay",
        "--quiet",
    ])
    .ok();
    let texts: Vec<String> = pdf::pages(&out.join("bieu-02-trung-bay.pdf"))
        .iter()
        .map(Page::text)
        .collect();
    assert!(texts.len() >= 2);
    assert!(
        texts[1].starts_with("2 Bàn số Đơn vị phụ trách Sản phẩm Chủ thể Hạng sao 2 (tiếp) Ủy ban nhân dân xã Bình Gia (tiếp)"),
        "{}",
        texts[1]
    );
}

#[test]
fn the_delegate_list_numbers_each_invitee_as_their_invitation_and_gives_the_total() {
    for built in both() {
        let text = built.text("danh-sach-dai-bieu.pdf");
        let invitees = built.model["invitees"].as_array().unwrap();
        for (k, inv) in invitees.iter().enumerate() {
            let label = inv["name"].as_str().or(inv["attendees"].as_str()).unwrap();
            assert!(
                text.contains(&format!("{} {label}", k + 1)),
                "invitation {} is number {} on the list: {label}",
                k + 1,
                k + 1
            );
        }
        assert!(text.contains("Kèm theo Giấy mời số"), "{text}");
        assert!(
            text.contains(&format!("Tổng số: {} giấy mời", invitees.len())),
            "{text}"
        );
    }
    // Who attends for an organisation fills the name and position columns: one line.
    for page in sample().pages("danh-sach-dai-bieu.pdf") {
        for hit in page.find("Đại diện lãnh đạo Sở") {
            assert!(on_one_line(&hit));
        }
    }
}

#[test]
fn the_sign_in_sheet_leaves_an_organisations_names_to_be_written_one_row_per_person_sent() {
    let built = sample();
    let pages = built.pages("so-ky.pdf");
    let text: String = pages.iter().map(Page::text).collect::<Vec<_>>().join(" ");
    assert!(
        !text.contains("Đồng chí"),
        "names are printed without a form of address"
    );
    assert!(text.contains("Vi Thị Hồng Nhung"));
    // The header's columns, to find the name column.
    let header = &pages[0];
    let name_column = header.find("Họ và tên").remove(0)[0].x0 - 20.0;
    let unit_column = header.find("Chức vụ, đơn vị").remove(0)[0].x0 - 20.0;
    // The number of each row, and the next row's, to find the row's height.
    let rows = |page: &Page| -> Vec<(String, f64)> {
        page.lines()
            .into_iter()
            .filter(|l| l.x0 < name_column && l.text.chars().all(|c| c.is_ascii_digit()))
            .map(|l| (l.text, l.y))
            .collect()
    };
    let invitees = built.model["invitees"].as_array().unwrap();
    let number_of =
        |id: &str| (invitees.iter().position(|i| i["id"] == id).unwrap() + 1).to_string();
    let mut checked = 0;
    for page in &pages {
        let rows = rows(page);
        for w in rows.windows(2) {
            let (number, y) = (&w[0].0, w[0].1);
            let height = w[1].1 - y;
            let glyph_in_name_cell = page.glyphs.iter().any(|g| {
                !g.light
                    && g.y > y - 8.0
                    && g.y < w[1].1 - 8.0
                    && g.x0 > name_column + 10.0
                    && g.x1 < unit_column
            });
            if *number == number_of("so-tai-chinh") {
                assert!(
                    !glyph_in_name_cell,
                    "the name cell of an organisation is blank"
                );
                checked += 1;
            }
            if *number == number_of("so-nnmt") {
                // Three people sent: three rows of room to write in.
                assert!(height > 3.0 * pt(6.0), "{number}: {:.1} mm", mm(height));
                checked += 1;
            }
            if *number == number_of("so-y-te") {
                assert!(
                    height < 2.0 * pt(6.0) + 20.0,
                    "{number}: {:.1} mm",
                    mm(height)
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 3);
    // Ten spare rows close the sheet, together on its last page.
    let last = pages.last().unwrap();
    let heading = last
        .find("Đại biểu khác")
        .pop()
        .expect("the spare rows are on the last page")[0]
        .y;
    let mut below: Vec<i64> = last
        .lines
        .iter()
        .filter(|l| l.is_horizontal() && l.y0 > heading)
        .map(|l| (l.y0 * 10.0).round() as i64)
        .collect();
    below.sort();
    below.dedup();
    assert!(
        below.len() >= 11,
        "10 spare rows: {} lines under them",
        below.len()
    );
}

#[test]
fn the_chair_and_the_signer_have_name_cards_with_a_short_title_and_a_name_on_one_line() {
    for built in both() {
        let pages = built.pages("bien-ten.pdf");
        let signer = built.model["signer"]["name"].as_str().unwrap();
        let short = built.model["signer"]["short"].as_str().unwrap();
        let card = pages
            .iter()
            .find(|p| p.text().contains(signer))
            .expect("a card for the chair, who signs");
        assert!(card.text().contains(short), "{}", card.text());
        // Both faces, each name on one line.
        let hits = card.find(signer);
        assert_eq!(hits.len(), 2);
        for hit in hits {
            assert!(on_one_line(&hit) || hit.windows(2).all(|w| (w[0].y - w[1].y).abs() < 0.5));
        }
    }
    // The first card is the chair's.
    let first = sample().pages("bien-ten.pdf")[0].text();
    assert!(
        first.contains("Lương Trọng Quỳnh Phó Chủ tịch UBND tỉnh"),
        "{first}"
    );
}

#[test]
fn envelopes_carry_the_issuers_address_and_phone_and_the_recipients_address() {
    let built = sample();
    let pages = built.pages("phong-bi.pdf");
    let first = pages[0].text();
    assert!(first.contains("Số 2 đường Hùng Vương"), "{first}");
    assert!(first.contains("Điện thoại: 0205.3812.000"), "{first}");
    let finance = pages
        .iter()
        .find(|p| p.text().contains("Sở Tài chính"))
        .unwrap()
        .text();
    assert!(finance.contains("Số 3 đường Hoàng Văn Thụ"), "{finance}");
}

#[test]
fn the_seating_plan_puts_the_most_senior_in_the_middle_and_the_second_on_their_right() {
    let built = sample();
    let pages = built.pages("so-do-cho-ngoi.pdf");
    assert_eq!(pages.len(), 1);
    let page = &pages[0];
    assert!(page.width > page.height, "A4 landscape");
    let at = |name: &str| {
        let hit = page
            .find(name)
            .pop()
            .unwrap_or_else(|| panic!("{name} on the plan: {}", page.text()));
        ((hit[0].x0 + hit.last().unwrap().x1) / 2.0, hit[0].y)
    };
    let stage = at("SÂN KHẤU");
    let chair = at("Lương Trọng Quỳnh");
    let second = at("Vi Thị Hồng Nhung");
    let third = at("Chu Văn Thành");
    assert!(stage.1 < chair.1, "the stage is drawn above the head table");
    assert!(
        (chair.0 - page.width / 2.0).abs() < 2.0,
        "the chair sits in the middle"
    );
    // Seen from the hall, the seated person's right is on the left.
    assert!(second.0 < chair.0 && chair.0 < third.0);
    // The front row from the centre aisle: 4 right of it, 5 left of it, 6 right of 4.
    let fourth = at("Hoàng Văn Đức");
    let fifth = at("Lộc Thị Xuân");
    let sixth = at("Sở Nông nghiệp và Môi trường");
    assert!(fifth.0 < page.width / 2.0 && page.width / 2.0 < fourth.0 && fourth.0 < sixth.0);
    assert!(fourth.1 > chair.1, "the front row is below the head table");
    assert!(
        page.text().contains("Phó Chủ tịch UBND tỉnh"),
        "short titles"
    );
}

/// The award batches of a text: for each batch, the numbers of those called.
fn batches(text: &str, start: &str) -> Vec<Vec<String>> {
    text.split(start)
        .skip(1)
        .map(|part| {
            let re_end = part
                .find("lên trao")
                .or(part.find("Đợt"))
                .unwrap_or(part.len());
            let part = &part[..re_end];
            part.split_whitespace()
                .filter(|w| {
                    w.ends_with('.')
                        && w[..w.len() - 1].chars().all(|c| c.is_ascii_digit())
                        && w.len() > 1
                })
                .map(|w| w.trim_end_matches('.').to_string())
                .collect()
        })
        .collect()
}

#[test]
fn the_award_stage_list_has_the_same_batches_as_the_script() {
    for built in both() {
        let script = built.text("kich-ban.pdf");
        let list = built.text("danh-sach-khen-thuong.pdf");
        let in_script = batches(&script, "có tên sau lên nhận");
        let on_list = batches(&list, "Đợt ");
        assert!(!in_script.is_empty());
        assert_eq!(in_script, on_list, "{list}");
        let presenter = built.model["awards"]["presenter"]["name"].as_str().unwrap();
        assert!(list.contains(presenter));
    }
}

#[test]
fn a_word_too_long_for_its_line_is_an_error_naming_the_document_the_page_and_the_word() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Phó".to_string() + &"x".repeat(120);
    let model = model_with(dir.path(), "m.json", "tests/fixtures/small.json", |m| {
        m["invitees"][0]["position"] = long.clone().into();
    });
    let run = hoinghi(&["check", s(&model), "--lang", "en"]).failed();
    assert!(
        run.stderr
            .contains("error: invitee 1 (invitees[0]), field \"position\"")
            && run
                .stderr
                .contains("giay-moi/001-hoang-van-duc.pdf, page 1: \"Phóxxx")
            && run.stderr.contains("runs past the margin"),
        "{}",
        run.stderr
    );
    let out = dir.path().join("out");
    let run = hoinghi(&["build", s(&model), "--out", s(&out), "--lang", "en"]).failed();
    assert!(
        run.stderr.contains("runs past the margin"),
        "{}",
        run.stderr
    );
    assert!(!out.join("giay-moi.pdf").exists(), "nothing written");
    // In Vietnamese by default.
    let run = hoinghi(&["check", s(&model)]).failed();
    assert!(
        run.stderr.contains("tràn ra ngoài lề giấy"),
        "{}",
        run.stderr
    );
    // A word shared by every paper is named once per document, at its field.
    let model = model_with(dir.path(), "v.json", "tests/fixtures/small.json", |m| {
        m["event"]["venue"] = "y".repeat(150).into();
    });
    let run = hoinghi(&["check", s(&model), "--lang", "en"]).failed();
    assert!(
        run.stderr
            .contains("error: event, field \"venue\" (event.venue): giay-moi/"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_invitation_too_long_because_of_what_it_shares_names_that_not_the_invitee() {
    let dir = tempfile::tempdir().unwrap();
    let title = ["Hội nghị tổng kết công tác năm và triển khai nhiệm vụ"; 30].join(", ");
    let model = model_with(dir.path(), "t.json", "tests/fixtures/small.json", |m| {
        m["event"]["title"] = title.clone().into();
    });
    let run = hoinghi(&["check", s(&model), "--lang", "en"]).failed();
    assert!(
        run.stderr
            .contains("error: event, field \"title\" (event.title): the invitation of")
            && run
                .stderr
                .contains("longer than a page: event, field \"title\" (event.title); shorten it")
            && !run.stderr.contains("(invitees["),
        "{}",
        run.stderr
    );
    // Long notes of one group: the notes are named.
    let model = model_with(dir.path(), "n.json", "tests/fixtures/small.json", |m| {
        m["groups"] = serde_json::json!(["A"]);
        m["invitees"][1]["group"] = "A".into();
        let note = "Đề nghị các đơn vị chuẩn bị đầy đủ tài liệu, số liệu, báo cáo và cử người dự đúng thành phần.";
        let long = [note; 30].join(" ");
        m["invitation"]["notes"] = serde_json::json!([{"text": long, "groups": ["A"]}]);
    });
    let run = hoinghi(&["check", s(&model), "--lang", "en"]).failed();
    assert!(
        run.stderr
            .contains("(invitation.notes): the invitation of \"Sở Tài chính\" takes 2 pages"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("(invitees["), "{}", run.stderr);
    // An invitee's own long texts are the invitee's: the others, with the same notes, fit.
    let model = model_with(dir.path(), "i.json", "tests/fixtures/small.json", |m| {
        let long: String = ["Ủy viên Ban Chấp hành, Phó Trưởng ban Thường trực"; 4]
            .join(", ")
            .chars()
            .take(199)
            .collect();
        m["invitees"][0]["position"] = long.clone().into();
        m["invitees"][0]["organization"] = long.into();
        let note = ["Đề nghị các đại biểu dự đúng thành phần, có mặt trước 15 phút."; 26].join(" ");
        m["invitation"]["notes"] = serde_json::json!([note]);
    });
    let run = hoinghi(&["check", s(&model), "--lang", "en"]).failed();
    assert!(
        run.stderr
            .contains("error: invitee 1 (invitees[0]): the invitation of \"Hoàng Văn Đức\"")
            && run
                .stderr
                .contains("shorten the name, position or organization")
            && run.stderr.contains("1 problem(s) found"),
        "{}",
        run.stderr
    );
}

#[test]
fn links_to_no_invitee_and_notes_to_no_group_are_errors_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SAMPLE, |m| {
        m["presentations"][0]["invitee"] = "khong-co".into();
        m["exhibits"][2]["invitee"] = "cung-khong".into();
        m["awards"]["individuals"][0]["invitee"] = "ai-do".into();
        m["invitation"]["notes"][0]["groups"][0] = "Nhóm lạ".into();
    });
    let run = hoinghi(&["check", s(&model), "--lang", "en"]).failed();
    for needle in [
        "(presentations[0]), field \"invitee\": no invitee has the id \"khong-co\"",
        "(exhibits[2]), field \"invitee\": no invitee has the id \"cung-khong\"",
        "(awards.individuals[0]), field \"invitee\": no invitee has the id \"ai-do\"",
        "(invitation.notes[0].groups[0]): \"Nhóm lạ\" is not one of the model's groups",
    ] {
        assert!(run.stderr.contains(needle), "{needle}:\n{}", run.stderr);
    }
    // In Vietnamese, where the user reads it.
    let run = hoinghi(&["check", s(&model)]).failed();
    assert!(run.stderr.contains("Tham luận thứ 1"), "{}", run.stderr);
}

#[test]
fn the_papers_list_names_the_two_new_ones() {
    let run = hoinghi(&["list", SAMPLE]).ok();
    assert!(run.stdout.contains("so-do-cho-ngoi"), "{}", run.stdout);
    assert!(
        run.stdout.contains("danh-sach-khen-thuong"),
        "{}",
        run.stdout
    );
    for built in both() {
        for file in ["so-do-cho-ngoi.pdf", "danh-sach-khen-thuong.pdf"] {
            assert!(built.out.join(file).exists(), "{file}");
            let _ = Path::new(file);
        }
    }
}
