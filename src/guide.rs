//! The user's guide (HƯỚNG DẪN): one Markdown source compiled into the binary, given as text
//! or set as a PDF by the program itself, through Typst with the embedded fonts, so the
//! guide in a release zip is made by the very program it describes. Its steps for a new
//! conference are the short guide `hoinghi init` writes, taken in whole, so that the two never
//! say different things.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::fonts::FontSet;
use crate::i18n::build::BuildMsg;
use crate::problem::{Place, Problem, Problems};
use crate::render::{escape_markup, typst_string};
use crate::typeset::{Part, PdfSettings, Typesetter};

/// The guide's own text, in Markdown, with a line where the short guide goes.
const SOURCE: &str = include_str!("../data/HUONG-DAN.md");

/// The short guide of a folder made by `hoinghi init` (the same file `starter` writes).
const SHORT: &str = include_str!("../data/starter/HUONG-DAN.md");

/// The line of [`SOURCE`] that the short guide replaces.
const SHORT_HERE: &str = "<!-- hướng dẫn nhanh: data/starter/HUONG-DAN.md -->";

/// The whole guide, in Markdown: read as it is, or set as a PDF by [`pdf`]. The short guide
/// becomes one of its sections: each of its headings one level down.
pub fn text() -> String {
    let short: String = SHORT
        .lines()
        .map(|line| {
            let deeper = if line.starts_with('#') { "#" } else { "" };
            format!("{deeper}{line}\n")
        })
        .collect();
    let (before, after) = SOURCE
        .split_once(SHORT_HERE)
        .expect("data/HUONG-DAN.md has the line where the short guide goes");
    format!("{before}{}{}", short.trim_end(), after)
}

/// The guide's page layout: plain Typst, to which the converted text is appended.
const LAYOUT: &str = include_str!("../templates/huong-dan.typ");

/// The guide set as a PDF: the same bytes on every run and every system.
pub fn pdf(markdown: &str) -> Result<Vec<u8>, Problems> {
    let fonts = FontSet::load(&[], None)?;
    let typesetter = Typesetter::new(&fonts, &[]);
    let failed = |error: String| {
        Problems::one(Problem::error(
            Place::Nowhere,
            BuildMsg::PdfFailed { error },
        ))
    };
    let (doc, _warnings) = typesetter
        .compile(&typst_source(markdown))
        .map_err(|errors| {
            failed(
                errors
                    .iter()
                    .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
    typesetter
        .pdf(
            &doc,
            "hoinghi/huong-dan",
            Part::Whole,
            &PdfSettings::default(),
        )
        .map_err(failed)
}

/// The Typst source of the guide: the layout, then the Markdown's blocks as Typst calls with
/// every piece of text escaped, so that nothing the guide says can be read as code. The first
/// top-level heading is the document's title.
pub fn typst_source(markdown: &str) -> String {
    let mut body = String::new();
    let mut title: Option<String> = None;
    let mut in_title = false;
    // The text of the code block being read, if any.
    let mut code: Option<String> = None;
    // Tables: the short guide of `init` lists its files in one.
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    in_title = level == HeadingLevel::H1 && title.is_none();
                    if in_title {
                        title = Some(String::new());
                    }
                    body.push_str(&format!("\n#heading(level: {})[", level as usize));
                }
                Tag::Paragraph => body.push('\n'),
                Tag::List(Some(start)) => body.push_str(&format!("\n#enum(start: {start}, ")),
                Tag::List(None) => body.push_str("\n#list("),
                Tag::Item => body.push('['),
                Tag::Emphasis => body.push_str("#emph["),
                Tag::Strong => body.push_str("#strong["),
                Tag::BlockQuote(_) => body.push_str("\n#quote(block: true)["),
                Tag::CodeBlock(_) => code = Some(String::new()),
                Tag::Table(columns) => {
                    body.push_str(&format!("\n#table(columns: {}, ", columns.len()));
                }
                Tag::TableHead => body.push_str("table.header("),
                Tag::TableCell => body.push('['),
                Tag::Link { dest_url, .. } => {
                    body.push_str(&format!("#link({})[", typst_string(&dest_url)));
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    in_title = false;
                    body.push_str("]\n");
                }
                TagEnd::Paragraph => body.push_str("\n\n"),
                TagEnd::List(_) => body.push_str(")\n"),
                TagEnd::Item => body.push_str("], "),
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::BlockQuote(_) | TagEnd::Link => {
                    body.push(']')
                }
                TagEnd::Table => body.push_str(")\n"),
                TagEnd::TableHead => body.push_str("), "),
                TagEnd::TableCell => body.push_str("], "),
                TagEnd::CodeBlock => {
                    let text = code.take().unwrap_or_default();
                    let text = text.strip_suffix('\n').unwrap_or(&text);
                    body.push_str(&format!("\n#raw(block: true, {})\n", typst_string(text)));
                }
                _ => {}
            },
            Event::Text(text) => match &mut code {
                Some(code) => code.push_str(&text),
                None => {
                    if in_title && let Some(title) = &mut title {
                        title.push_str(&text);
                    }
                    body.push_str(&escape_markup(&text));
                }
            },
            Event::Code(text) => body.push_str(&format!("#raw({})", typst_string(&text))),
            Event::SoftBreak => body.push(' '),
            Event::HardBreak => body.push_str("#linebreak()"),
            Event::Rule => body.push_str("\n#line(length: 100%, stroke: 0.5pt)\n"),
            _ => {}
        }
    }
    let mut out = String::from(LAYOUT);
    if let Some(title) = title {
        out.push_str(&format!("#set document(title: {})\n", typst_string(&title)));
    }
    out.push_str(&body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_typst_calls_with_every_text_escaped() {
        let source = typst_source(
            "# Hướng dẫn\n\nChạy `hoinghi build` *ngay*: #1 [x] $5.\n\n- một\n- hai\n\n3. ba\n\n```\nhoinghi check\n```\n\n| tệp | mở |\n|---|---|\n| `a.json` | Notepad |\n",
        );
        let body = source.strip_prefix(LAYOUT).unwrap();
        assert!(
            body.starts_with("#set document(title: \"Hướng dẫn\")\n"),
            "{body}"
        );
        assert!(body.contains("#heading(level: 1)[Hướng dẫn]"), "{body}");
        assert!(
            body.contains("Chạy #raw(\"hoinghi build\") #emph[ngay]\\: \\#1 \\[x\\] \\$5\\."),
            "{body}"
        );
        assert!(body.contains("#list([một], [hai], )"), "{body}");
        assert!(body.contains("#enum(start: 3, [ba], )"), "{body}");
        assert!(
            body.contains("#raw(block: true, \"hoinghi check\")"),
            "{body}"
        );
        assert!(
            body.contains(
                "#table(columns: 2, table.header([tệp], [mở], ), [#raw(\"a.json\")], [Notepad], )"
            ),
            "{body}"
        );
    }

    #[test]
    fn the_short_guide_is_a_section_of_the_guide() {
        let text = text();
        assert!(!text.contains(SHORT_HERE));
        assert!(text.contains("\n## Hướng dẫn nhanh\n"), "{text}");
        assert!(text.contains("\n### Các bước\n"), "{text}");
        for line in SHORT.lines().filter(|line| !line.starts_with('#')) {
            assert!(text.contains(line), "{line:?} missing");
        }
        assert_eq!(
            text.matches("\n# ").count() + text.starts_with("# ") as usize,
            1
        );
    }

    #[test]
    fn the_guide_is_set_as_a_pdf_with_the_same_bytes_each_time() {
        let first = pdf(&text()).unwrap();
        assert!(first.starts_with(b"%PDF-"));
        assert_eq!(first, pdf(&text()).unwrap());
    }
}
