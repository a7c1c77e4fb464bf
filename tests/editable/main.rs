//! The editable copies: `kich-ban.docx`, `chuong-trinh.docx` and `giay-moi.docx`, made beside
//! their PDFs from the same source. Each opens as a Word package (read back here with a ZIP
//! reader and an XML parser), has the page, margins, fonts and sizes of NĐ 30 in its section and
//! styles, names the style of every paragraph, holds real tables whose header rows repeat, says
//! the same words in the same order as its PDF, and is made like the PDFs: incrementally,
//! atomically, byte for byte the same from the same model.

#[path = "../support/mod.rs"]
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use quick_xml::events::{BytesStart, Event};
use serde_json::json;
use similar::{Algorithm, DiffOp};

use support::{Pdf, hoinghi, model_with, repo, s, snapshot};

const SAMPLE: &str = "data/hoi-nghi-ocop-2025.json";

/// The three copies, each with the PDF it copies.
const COPIES: [(&str, &str); 3] = [
    ("kich-ban.docx", "kich-ban.pdf"),
    ("chuong-trinh.docx", "chuong-trinh.pdf"),
    ("giay-moi.docx", "giay-moi.pdf"),
];

/// The sample built once for the tests that only read it.
fn sample() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        build(&repo(SAMPLE), dir.path());
        dir
    })
    .path()
}

#[track_caller]
fn build(model: &Path, out: &Path) {
    hoinghi(&["build", s(model), "--out", s(out)]).ok();
}

/// A Word package as a reader meets it: its parts by name.
struct Docx {
    path: PathBuf,
    parts: BTreeMap<String, String>,
}

impl Docx {
    #[track_caller]
    fn open(path: &Path) -> Self {
        let file = std::fs::File::open(path).unwrap();
        let mut zip = zip::ZipArchive::new(file)
            .unwrap_or_else(|e| panic!("{} is not a ZIP package: {e}", path.display()));
        let mut parts = BTreeMap::new();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().unwrap().into_owned();
            let mut text = String::new();
            entry
                .read_to_string(&mut text)
                .unwrap_or_else(|e| panic!("{}: {name} is not text: {e}", path.display()));
            parts.insert(name, text);
        }
        Self {
            path: path.to_path_buf(),
            parts,
        }
    }

    #[track_caller]
    fn part(&self, name: &str) -> &str {
        self.parts
            .get(name)
            .unwrap_or_else(|| panic!("{}: no part {name}", self.path.display()))
    }

    /// Every element of a part, in document order, with its attributes and the text and
    /// elements it holds (checked to be well-formed XML on the way).
    #[track_caller]
    fn elements(&self, part: &str) -> Vec<Element> {
        parse(self.part(part))
            .unwrap_or_else(|e| panic!("{}: {part} is not XML: {e}", self.path.display()))
    }

    /// The attribute `attr` of the first `tag` of a part.
    #[track_caller]
    fn first(&self, part: &str, tag: &str, attr: &str) -> String {
        self.elements(part)
            .into_iter()
            .find(|e| e.tag == tag)
            .and_then(|e| e.attr(attr).map(str::to_string))
            .unwrap_or_else(|| panic!("{}: no {tag} {attr} in {part}", self.path.display()))
    }

    /// The body's paragraphs: their style (if any) and their text.
    fn paragraphs(&self) -> Vec<(Option<String>, String)> {
        self.elements("word/document.xml")
            .into_iter()
            .filter(|e| e.tag == "w:p")
            .map(|p| (p.style.clone(), p.text.clone()))
            .collect()
    }

    /// The words of the body in reading order.
    fn words(&self) -> Vec<String> {
        let text: String = self
            .paragraphs()
            .into_iter()
            .map(|(_, text)| text + " ")
            .collect();
        text.split_whitespace().map(str::to_string).collect()
    }
}

/// An element met while reading a part: for a paragraph, its style and text; for a table
/// row, whether it repeats as a header and its text.
#[derive(Debug, Default, Clone)]
struct Element {
    tag: String,
    attrs: Vec<(String, String)>,
    style: Option<String>,
    text: String,
    header: bool,
    /// How many tables it sits in.
    depth: usize,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn parse(xml: &str) -> Result<Vec<Element>, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<Element> = Vec::new();
    // Indexes into `out` of the paragraphs and rows being read.
    let mut paragraph: Option<usize> = None;
    let mut rows: Vec<usize> = Vec::new();
    let mut tables = 0;
    let mut in_text = false;
    let element = |e: &BytesStart, depth| Element {
        tag: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .flatten()
            .map(|a| {
                let value = quick_xml::escape::unescape(&a.value).map(|v| v.into_owned());
                (a.key.as_ref().to_string(), value.unwrap_or_default())
            })
            .collect(),
        depth,
        ..Element::default()
    };
    loop {
        let (e, empty) = match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::Text(t) if in_text => {
                let text = t.xml10_content();
                for i in paragraph.iter().chain(rows.last()) {
                    out[*i].text.push_str(&text);
                }
                continue;
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.into_inner();
                let text = quick_xml::escape::unescape(&format!("&{name};"))
                    .map_err(quick_xml::Error::from)?
                    .into_owned();
                for i in paragraph.iter().chain(rows.last()) {
                    out[*i].text.push_str(&text);
                }
                continue;
            }
            Event::End(e) => {
                match e.name().as_ref() {
                    "w:t" => in_text = false,
                    "w:p" => {
                        for i in paragraph.take().iter().chain(rows.last()) {
                            out[*i].text.push(' ');
                        }
                    }
                    "w:tr" => {
                        rows.pop();
                    }
                    "w:tbl" => tables -= 1,
                    _ => {}
                }
                continue;
            }
            _ => continue,
        };
        let el = element(&e, tables);
        match el.tag.as_str() {
            "w:t" if !empty => in_text = true,
            "w:br" | "w:tab" => {
                for i in paragraph.iter().chain(rows.last()) {
                    out[*i].text.push(' ');
                }
            }
            "w:pStyle" => {
                if let Some(i) = paragraph {
                    out[i].style = el.attr("w:val").map(str::to_string);
                }
            }
            "w:tblHeader" => {
                if let Some(&i) = rows.last() {
                    out[i].header = true;
                }
            }
            _ => {}
        }
        let tag = el.tag.clone();
        out.push(el);
        if !empty {
            match tag.as_str() {
                "w:p" => paragraph = Some(out.len() - 1),
                "w:tr" => rows.push(out.len() - 1),
                "w:tbl" => tables += 1,
                _ => {}
            }
        }
    }
    Ok(out)
}

/// Twips (twentieths of a point) of a length in millimetres, as Word rounds them.
fn twips(mm: f64) -> String {
    ((mm * 1440.0 / 25.4).round() as i64).to_string()
}

#[test]
fn each_copy_is_made_beside_its_pdf_and_opens_as_a_word_package() {
    for (docx, _) in COPIES {
        let doc = Docx::open(&sample().join(docx));
        for part in [
            "[Content_Types].xml",
            "word/document.xml",
            "word/styles.xml",
            "docProps/core.xml",
        ] {
            doc.elements(part);
        }
        assert!(!doc.words().is_empty(), "{docx} is empty");
        // No entries for folders: on Windows the zip library marks them with an MS-DOS
        // attribute, and the copy would not be the same bytes there.
        let mut zip =
            zip::ZipArchive::new(std::fs::File::open(sample().join(docx)).unwrap()).unwrap();
        for i in 0..zip.len() {
            let entry = zip.by_index(i).unwrap();
            assert!(!entry.is_dir(), "{docx}: a folder entry");
        }
    }
}

#[test]
fn the_page_is_that_of_its_pdf_with_the_nd30_margins() {
    // The script and the invitations are A4 with NĐ 30's margins: 20 mm top and bottom,
    // 30 mm left, 15 mm right; the programme is the A5 booklet, with its own.
    for docx in ["kich-ban.docx", "giay-moi.docx"] {
        let doc = Docx::open(&sample().join(docx));
        let part = "word/document.xml";
        assert_eq!(doc.first(part, "w:pgSz", "w:w"), twips(210.0), "{docx}");
        assert_eq!(doc.first(part, "w:pgSz", "w:h"), twips(297.0), "{docx}");
        for (side, mm) in [
            ("top", 20.0),
            ("bottom", 20.0),
            ("left", 30.0),
            ("right", 15.0),
        ] {
            let attr = format!("w:{side}");
            assert_eq!(
                doc.first(part, "w:pgMar", &attr),
                twips(mm),
                "{docx} {side}"
            );
        }
    }
    let programme = Docx::open(&sample().join("chuong-trinh.docx"));
    let pdf = Pdf::open(&sample().join("chuong-trinh.pdf"));
    let (w, h) = pdf.page_sizes_mm()[0];
    let part = "word/document.xml";
    assert_eq!(programme.first(part, "w:pgSz", "w:w"), twips(w));
    assert_eq!(programme.first(part, "w:pgSz", "w:h"), twips(h));
}

#[test]
fn the_font_is_times_new_roman_at_the_models_size() {
    // The sample asks for Tinos, the stand-in with Times New Roman's metrics, at 14 pt: Word
    // is told the name offices have.
    for (docx, _) in COPIES {
        let doc = Docx::open(&sample().join(docx));
        let styles = "word/styles.xml";
        for attr in ["w:ascii", "w:hAnsi", "w:cs"] {
            assert_eq!(
                doc.first(styles, "w:rFonts", attr),
                "Times New Roman",
                "{docx}"
            );
        }
        let size = doc.first(styles, "w:sz", "w:val");
        if docx != "chuong-trinh.docx" {
            assert_eq!(size, "28", "{docx}: 14 pt in half points");
        }
        // No run names a font of its own: a change of the style's font applies everywhere.
        let fonts = doc
            .elements("word/document.xml")
            .into_iter()
            .filter(|e| e.tag == "w:rFonts")
            .count();
        assert_eq!(fonts, 0, "{docx}");
    }
}

#[test]
fn every_paragraph_has_a_named_style() {
    for (docx, _) in COPIES {
        let doc = Docx::open(&sample().join(docx));
        let names: BTreeMap<String, String> = {
            let elements = doc.elements("word/styles.xml");
            let mut names = BTreeMap::new();
            let mut id = None;
            for e in elements {
                match e.tag.as_str() {
                    "w:style" => id = e.attr("w:styleId").map(str::to_string),
                    "w:name" => {
                        if let (Some(id), Some(name)) = (id.take(), e.attr("w:val")) {
                            names.insert(id, name.to_string());
                        }
                    }
                    _ => {}
                }
            }
            names
        };
        let mut used = BTreeSet::new();
        for (style, text) in doc.paragraphs() {
            match style {
                Some(style) => {
                    assert!(names.contains_key(&style), "{docx}: no style {style}");
                    used.insert(style);
                }
                // Only the empty paragraph that carries a page break before a table.
                None => assert!(text.trim().is_empty(), "{docx}: {text:?} has no style"),
            }
        }
        let expected: &[&str] = match docx {
            "kich-ban.docx" => &["Nation", "Motto", "Issuer", "Kind", "Summary", "TableText"],
            "chuong-trinh.docx" => &["CoverTitle", "Heading", "TableHeading", "TableText"],
            _ => &[
                "Kind",
                "Summary",
                "Addressee",
                "Body",
                "SignerTitle",
                "Signer",
            ],
        };
        for style in expected {
            assert!(used.contains(*style), "{docx}: {style} unused: {used:?}");
        }
        // Their names are the roles' Vietnamese names, as Word lists them.
        assert_eq!(names["Nation"], "Quốc hiệu", "{docx}");
    }
}

#[test]
fn the_script_and_the_programme_are_real_tables_whose_header_row_repeats() {
    for (docx, head) in [
        ("kich-ban.docx", "TT Thời gian Nội dung, lời dẫn Thực hiện"),
        ("chuong-trinh.docx", "Thời gian Nội dung Thực hiện"),
    ] {
        let doc = Docx::open(&sample().join(docx));
        let elements = doc.elements("word/document.xml");
        let headers: Vec<&Element> = elements
            .iter()
            .filter(|e| e.tag == "w:tr" && e.header)
            .collect();
        // The first table's (the programme has a second: the exhibits').
        let first = headers.first().expect("a header row");
        let text = first.text.split_whitespace().collect::<Vec<_>>();
        assert_eq!(text.join(" "), head, "{docx}");
        let rows = elements
            .iter()
            .filter(|e| e.tag == "w:tr" && e.depth == 1)
            .count();
        assert!(rows > 15, "{docx}: {rows} rows");
        // The NĐ 30 header above is a table too, without borders.
        let borderless = elements
            .iter()
            .any(|e| e.tag == "w:tblBorders" && e.depth == 1);
        assert!(borderless || docx == "chuong-trinh.docx", "{docx}");
    }
}

#[test]
fn page_numbers_start_on_page_two() {
    for (docx, part) in [
        ("kich-ban.docx", "word/header1.xml"),
        ("chuong-trinh.docx", "word/footer1.xml"),
    ] {
        let doc = Docx::open(&sample().join(docx));
        let sect = doc.elements("word/document.xml");
        assert!(sect.iter().any(|e| e.tag == "w:titlePg"), "{docx}");
        assert!(doc.part(part).contains("PAGE"), "{docx}: {part}");
    }
}

#[test]
fn the_invitations_are_one_per_page() {
    let doc = Docx::open(&sample().join("giay-moi.docx"));
    // Outside tables: in a cell, Word and LibreOffice ignore a page break.
    let breaks = doc
        .elements("word/document.xml")
        .into_iter()
        .filter(|e| e.tag == "w:pageBreakBefore" && e.depth == 0)
        .count();
    let pdf = Pdf::open(&sample().join("giay-moi.pdf"));
    assert_eq!(breaks + 1, pdf.page_count());
    let kinds = doc
        .paragraphs()
        .into_iter()
        .filter(|(style, _)| style.as_deref() == Some("Kind"))
        .count();
    assert_eq!(kinds, pdf.page_count());
}

/// The header parts of a copy: the first page's and the others', by the section's references
/// (the first page has the others' unless it has its own).
fn headers(doc: &Docx) -> (String, String) {
    let rels = doc.elements("word/_rels/document.xml.rels");
    let target = |kind: &str| {
        let id = doc
            .elements("word/document.xml")
            .into_iter()
            .find(|e| e.tag == "w:headerReference" && e.attr("w:type") == Some(kind))
            .and_then(|e| e.attr("r:id").map(str::to_string));
        id.and_then(|id| {
            rels.iter()
                .find(|r| r.attr("Id") == Some(id.as_str()))
                .and_then(|r| r.attr("Target"))
                .map(|t| doc.part(&format!("word/{t}")).to_string())
        })
    };
    let other = target("default").unwrap_or_default();
    (target("first").unwrap_or_else(|| other.clone()), other)
}

/// The PDF prints the draft mark in the top margin, out of the text's way; the copy prints it
/// in the page's header: on every invitation, on the first page of the script.
#[test]
fn the_draft_mark_is_in_the_header_not_in_the_text() {
    for (docx, every_page) in [("giay-moi.docx", true), ("kich-ban.docx", false)] {
        let doc = Docx::open(&sample().join(docx));
        assert!(
            doc.paragraphs()
                .iter()
                .all(|(style, _)| style.as_deref() != Some("Draft")),
            "{docx}: the draft mark is in the text"
        );
        let (first, other) = headers(&doc);
        assert!(first.contains("DỰ THẢO"), "{docx}: first page: {first}");
        assert_eq!(other.contains("DỰ THẢO"), every_page, "{docx}: {other}");
    }
}

/// A long invitation the PDF sets a little smaller to keep it on its page is set smaller in
/// the copy too, as far as Word's looser lines need; the others keep the styles' size.
#[test]
fn an_invitation_too_long_for_word_is_set_smaller_there() {
    let doc = Docx::open(&sample().join("giay-moi.docx"));
    let body = doc.first("word/styles.xml", "w:sz", "w:val");
    let xml = doc.part("word/document.xml");
    let pages: Vec<&str> = xml.split("<w:pageBreakBefore").collect();
    let smaller = pages
        .iter()
        .filter(|page| {
            // Not the 1-point empty paragraph that carries a page break before a table.
            let sizes: Vec<u32> = page
                .split("<w:sz w:val=\"")
                .skip(1)
                .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
                .filter(|&sz| sz > 2)
                .collect();
            assert!(sizes.iter().all(|&sz| sz < 28), "{sizes:?} (body {body})");
            !sizes.is_empty()
        })
        .count();
    assert!(
        0 < smaller && smaller < pages.len() / 4,
        "{smaller} of {} invitations set smaller",
        pages.len()
    );
}

/// Asserts the copy says every word of its PDF in the same order, and nothing else; the PDF
/// alone has what a page adds: its number, the draft stamp across it, and the table's header
/// row repeated on it.
#[track_caller]
fn assert_same_words(docx: &Path, pdf: &Path) {
    let doc = Docx::open(docx);
    let words = doc.words();
    let pdf_words: Vec<String> = Pdf::open(pdf)
        .text()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let header_words: BTreeSet<String> = doc
        .elements("word/document.xml")
        .into_iter()
        .filter(|e| e.tag == "w:tr" && e.header)
        .flat_map(|e| {
            e.text
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let stamp = ["DỰ", "THẢO", "D", "Ự", "T", "H", "Ả", "O"];
    let page_furniture = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit()) || stamp.contains(&w) || header_words.contains(w)
    };
    let name = docx.display();
    for op in similar::capture_diff_slices(Algorithm::Myers, &words, &pdf_words) {
        let (old, new) = (op.old_range(), op.new_range());
        let context = || {
            format!(
                "{name}: Word has {:?} where the PDF has {:?}, after {:?}",
                words[old.clone()].join(" "),
                pdf_words[new.clone()].join(" "),
                words[old.start.saturating_sub(8)..old.start].join(" ")
            )
        };
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Insert { .. } => {
                assert!(
                    pdf_words[new.clone()].iter().all(|w| page_furniture(w)),
                    "{}",
                    context()
                )
            }
            DiffOp::Delete { .. } | DiffOp::Replace { .. } => panic!("{}", context()),
        }
    }
}

#[test]
fn each_copy_says_the_words_of_its_pdf_in_the_same_order() {
    for (docx, pdf) in COPIES {
        assert_same_words(&sample().join(docx), &sample().join(pdf));
    }
}

#[test]
fn the_same_model_gives_the_same_bytes_dated_by_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "dated.json", SAMPLE, |m| {
        m["event"]["date"] = json!("2025-10-16");
    });
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build(&model, &a);
    build(&model, &b);
    for (docx, _) in COPIES {
        let bytes = std::fs::read(a.join(docx)).unwrap();
        assert_eq!(bytes, std::fs::read(b.join(docx)).unwrap(), "{docx}");
        let doc = Docx::open(&a.join(docx));
        let core = doc.elements("docProps/core.xml");
        for tag in ["dcterms:created", "dcterms:modified"] {
            let i = core.iter().position(|e| e.tag == tag).unwrap();
            assert!(
                doc.part("docProps/core.xml").contains(&format!(
                    "{tag} xsi:type=\"dcterms:W3CDTF\">2025-10-16T00:00:00Z"
                )),
                "{docx}: {:?}",
                core[i]
            );
        }
        // The dated model's words still match its PDF.
        let pdf = COPIES.iter().find(|c| c.0 == docx).unwrap().1;
        assert_same_words(&a.join(docx), &a.join(pdf));
    }
}

/// When each copy under `dir` was last written.
fn written_at(dir: &Path) -> Vec<(String, std::time::SystemTime)> {
    COPIES
        .iter()
        .map(|(docx, _)| {
            let modified = std::fs::metadata(dir.join(docx))
                .unwrap()
                .modified()
                .unwrap();
            (docx.to_string(), modified)
        })
        .collect()
}

#[test]
fn a_rebuild_writes_a_copy_only_when_its_document_changed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SAMPLE), &out);
    let first = written_at(&out);
    build(&repo(SAMPLE), &out);
    assert_eq!(written_at(&out), first, "nothing changed, nothing written");

    // A new position for the first invitee: their invitation changes, and its copy with it.
    let model = model_with(dir.path(), "m.json", SAMPLE, |m| {
        m["invitees"][0]["position"] = json!("Chủ tịch Hội đồng quản trị");
    });
    build(&model, &out);
    let after = written_at(&out);
    assert_ne!(after[2], first[2], "giay-moi.docx is rewritten");
    let words = Docx::open(&out.join("giay-moi.docx")).words().join(" ");
    assert!(words.contains("Chủ tịch Hội đồng quản trị"), "{words}");

    // The invitations it kept are set in the copy as small as a clean build sets them: what
    // each lost to fit is kept with its page.
    let clean = dir.path().join("clean");
    build(&model, &clean);
    for (docx, _) in COPIES {
        assert!(
            std::fs::read(out.join(docx)).unwrap() == std::fs::read(clean.join(docx)).unwrap(),
            "{docx} differs from a clean build's"
        );
    }
}

#[test]
fn a_failed_build_leaves_the_copies_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SAMPLE), &out);
    let before = snapshot(&out);
    let model = model_with(dir.path(), "bad.json", SAMPLE, |m| {
        m["invitees"][0]["position"] = json!("Chủ tịch");
        m["event"]["date"] = json!("2025-13-45");
    });
    hoinghi(&["build", s(&model), "--out", s(&out)]).failed();
    assert_eq!(snapshot(&out), before);
}

#[test]
fn only_names_a_document_with_its_copy() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    hoinghi(&[
        "build",
        s(&repo(SAMPLE)),
        "--out",
        s(&out),
        "--only",
        "kich-ban",
    ])
    .ok();
    assert!(out.join("kich-ban.docx").is_file());
    assert!(out.join("kich-ban.pdf").is_file());
    assert!(!out.join("giay-moi.docx").exists());
    assert!(!out.join("chuong-trinh.docx").exists());
}

#[test]
fn the_invitations_copy_is_made_only_when_the_model_asks_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let model = model_with(dir.path(), "m.json", SAMPLE, |m| {
        m["invitation"]["word_copy"] = json!(false);
    });
    hoinghi(&[
        "build",
        s(&model),
        "--out",
        s(&out),
        "--only",
        "giay-moi,kich-ban",
    ])
    .ok();
    assert!(out.join("giay-moi.pdf").is_file());
    assert!(
        out.join("kich-ban.docx").is_file(),
        "the script's copy is always made"
    );
    assert!(!out.join("giay-moi.docx").exists());
    // Asked for later: made, and the invitations' PDFs left as they were.
    let model = model_with(dir.path(), "m.json", SAMPLE, |m| {
        m["invitation"]["word_copy"] = json!(true);
    });
    let run = hoinghi(&[
        "build",
        s(&model),
        "--out",
        s(&out),
        "--only",
        "giay-moi,kich-ban",
        "--verbose",
    ])
    .ok();
    assert!(out.join("giay-moi.docx").is_file());
    assert!(!run.stderr.contains("giay-moi.pdf"), "{}", run.stderr);
}

/// A copy converted to PDF by LibreOffice, in `dir`, as on an office PC: with Times New Roman
/// (here Tinos, its metrics), never a Times-like face without the Vietnamese letters (the
/// Liberation Serif of some systems), which falls back to wider faces letter by letter.
fn libreoffice_pdf(docx: &Path, dir: &Path) -> Pdf {
    let profile = dir.join("profile");
    let fonts = dir.join("fonts.conf");
    std::fs::write(
        &fonts,
        format!(
            r#"<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>{}</dir>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{}</cachedir>
  <selectfont><rejectfont><pattern>
    <patelt name="family"><string>Liberation Serif</string></patelt>
  </pattern></rejectfont></selectfont>
</fontconfig>
"#,
            repo("fonts").display(),
            dir.join("font-cache").display()
        ),
    )
    .unwrap();
    let status = std::process::Command::new("soffice")
        .env("FONTCONFIG_FILE", &fonts)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "{status:?}");
    let stem = docx.file_stem().unwrap().to_str().unwrap();
    Pdf::open(&dir.join(format!("{stem}.pdf")))
}

fn libreoffice_found() -> bool {
    let found = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("skipped: LibreOffice (soffice) is not installed");
    }
    found
}

#[test]
fn libreoffice_lays_the_script_and_the_programme_on_as_many_pages_within_one() {
    if !libreoffice_found() {
        return;
    }
    for (docx, pdf) in &COPIES[..2] {
        let dir = tempfile::tempdir().unwrap();
        let theirs = libreoffice_pdf(&sample().join(docx), dir.path()).page_count();
        let ours = Pdf::open(&sample().join(pdf)).page_count();
        assert!(
            theirs.abs_diff(ours) <= 1,
            "{docx}: LibreOffice lays it on {theirs} pages, the PDF has {ours}"
        );
    }
}

/// Each invitation is one page in LibreOffice: those the PDF sets smaller to fit, and those
/// Word's looser lines would push over, are set smaller in the copy.
#[test]
fn libreoffice_lays_each_invitation_on_one_page() {
    if !libreoffice_found() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let theirs = libreoffice_pdf(&sample().join("giay-moi.docx"), dir.path());
    let ours = Pdf::open(&sample().join("giay-moi.pdf")).page_count();
    for page in 1..=theirs.page_count() as u32 {
        // The number line, "Số: /GM-UBND", in plain letters LibreOffice's PDF keeps whole.
        let text = theirs.page_text(page);
        assert_eq!(text.matches("/GM-UBND").count(), 1, "page {page}: {text}");
    }
    assert_eq!(theirs.page_count(), ours);
}
