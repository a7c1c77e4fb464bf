//! Text past the margins of a laid-out page. A word longer than its line (a 200-character
//! position, a venue typed without spaces) cannot be broken, and Typst lets it run off the
//! text area and off the paper without a word; counting pages does not see it. Here every
//! glyph of every page is placed as the layout left it, and one that ends right of the right
//! margin or starts left of the left one is reported.
//!
//! The margins are what the shared layout publishes: `setup` of `nd30.typ` writes them into
//! the document as `#metadata((left: …, right: …)) <hoinghi-margins>`, in points, and a
//! template that changes the page's margins later publishes them again. A page takes the last
//! one published on or before it; a template that publishes none is not checked.
//!
//! [`Engine::check_margins`] turns what is found into errors, each at the model's field that
//! holds the word when one does.

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::text::TextItem;
use typst::utils::PicoStr;
use typst::visualize::Paint;
use typst_layout::PagedDocument;

use super::Engine;
use crate::documents::{self, Document};
use crate::i18n::build::BuildMsg;
use crate::model::Conference;
use crate::problem::{Place, Problem, Problems};

/// The label of the margins' metadata.
pub const LABEL: &str = "hoinghi-margins";

/// How far a glyph may reach past a margin, in points: what rounding leaves, no more.
const TOLERANCE: f64 = 0.1;

/// Text found past a margin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overflow {
    /// 1-based.
    pub page: usize,
    /// The word that runs past, as printed.
    pub word: String,
}

/// Every word that runs past a margin, one per word and page, in page order.
pub fn overflows(doc: &PagedDocument) -> Vec<Overflow> {
    let margins = margins(doc);
    let mut found: Vec<Overflow> = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        let Some((left, right)) = margins[i] else {
            continue;
        };
        let area = (
            left - TOLERANCE,
            page.frame.width().to_pt() - right + TOLERANCE,
        );
        walk(&page.frame, Transform::identity(), &mut |ts, at, text| {
            if let Some(word) = past(ts, at, text, area) {
                let overflow = Overflow { page: i + 1, word };
                if !found.contains(&overflow) {
                    found.push(overflow);
                }
            }
        });
    }
    found
}

/// The left and right margin of each page, in points, if published.
fn margins(doc: &PagedDocument) -> Vec<Option<(f64, f64)>> {
    let introspector: &dyn Introspector = &**doc.introspector();
    let label = Label::new(PicoStr::intern(LABEL)).expect("the label is not empty");
    let mut published: Vec<(usize, (f64, f64))> = introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let page = introspector.page(content.location()?)?.get();
            let meta = content.to_packed::<MetadataElem>()?;
            let Value::Dict(dict) = &meta.value else {
                return None;
            };
            let number = |key: &str| match dict.get(key).ok()? {
                Value::Float(f) => Some(*f),
                Value::Int(i) => Some(*i as f64),
                _ => None,
            };
            Some((page, (number("left")?, number("right")?)))
        })
        .collect();
    published.sort_by_key(|(page, _)| *page);
    (1..=doc.pages().len())
        .map(|page| {
            published
                .iter()
                .rev()
                .find(|(p, _)| *p <= page)
                .map(|(_, m)| *m)
        })
        .collect()
}

/// Calls `f` with every text item of a frame, its transform and its position.
fn walk(frame: &Frame, ts: Transform, f: &mut impl FnMut(Transform, Point, &TextItem)) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let ts = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(group.transform);
                walk(&group.frame, ts, f);
            }
            FrameItem::Text(text) => f(ts, *pos, text),
            _ => {}
        }
    }
}

/// The word of `text` that reaches outside `area` (left and right bounds in points), if any.
/// Text in a light colour (the draft mark across the page) is decoration, not content.
fn past(ts: Transform, at: Point, text: &TextItem, area: (f64, f64)) -> Option<String> {
    if !is_ink(&text.fill) {
        return None;
    }
    let mut x = at.x;
    for glyph in &text.glyphs {
        // A space left at the end of a line is drawn nowhere.
        let blank = text
            .text
            .get(glyph.range())
            .is_none_or(|c| c.chars().all(char::is_whitespace));
        let start = x + glyph.x_offset.at(text.size);
        let end = x + glyph.x_advance.at(text.size);
        x += glyph.x_advance.at(text.size);
        let xs = [start, end].map(|x| Point::new(x, at.y).transform(ts).x.to_pt());
        let (lo, hi) = (xs[0].min(xs[1]), xs[0].max(xs[1]));
        if !blank && glyph.x_advance.at(text.size) > Abs::zero() && (lo < area.0 || hi > area.1) {
            return Some(culprit(&text.text, glyph.range()));
        }
    }
    None
}

/// Dark enough to be read as text.
fn is_ink(paint: &Paint) -> bool {
    match paint {
        Paint::Solid(color) => color.to_vec4()[..3].iter().sum::<f32>() / 3.0 < 0.5,
        _ => true,
    }
}

/// The word to blame for a run of text that reaches past a margin at the byte range `at`: the
/// longest word of the run when it is longer than the one there (a centred line too wide
/// spills over both margins, and the word at the left one is not the long one).
fn culprit(text: &str, at: std::ops::Range<usize>) -> String {
    let here = word_at(text, at);
    let longest = text
        .split_whitespace()
        .max_by_key(|w| w.chars().count())
        .unwrap_or_default();
    if longest.chars().count() > here.chars().count() {
        longest.to_string()
    } else {
        here
    }
}

/// The word around the byte range `at` of `text`.
fn word_at(text: &str, at: std::ops::Range<usize>) -> String {
    let (from, to) = (at.start.min(text.len()), at.end.min(text.len()));
    let start = text[..from]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[to..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len(), |(i, _)| to + i);
    text[start..end].to_string()
}

impl Engine {
    /// Text of a document's pages that runs past the margins, as errors: each names the page
    /// and the word, at the model's field that holds the word when one does (the invitee's
    /// own fields first, for the invitation of invitee `invitee`).
    pub fn check_margins(
        &self,
        conf: &Conference,
        document: &Document,
        pages: &PagedDocument,
        invitee: Option<usize>,
    ) -> Result<(), Problems> {
        self.check_margins_at(conf, document, pages, invitee, 1)
    }

    /// [`Engine::check_margins`] for a piece of a list whose first page is `first_page`.
    pub fn check_margins_from(
        &self,
        conf: &Conference,
        document: &Document,
        pages: &PagedDocument,
        first_page: usize,
    ) -> Result<(), Problems> {
        self.check_margins_at(conf, document, pages, None, first_page)
    }

    fn check_margins_at(
        &self,
        conf: &Conference,
        document: &Document,
        pages: &PagedDocument,
        invitee: Option<usize>,
        first_page: usize,
    ) -> Result<(), Problems> {
        let found = overflows(pages);
        if found.is_empty() {
            return Ok(());
        }
        let texts = conf.model.printed_texts();
        let own = invitee.map(|i| format!("invitees[{i}]"));
        let file = match invitee {
            Some(i) => document
                .folder()
                .join(documents::invitation_file(i, &conf.model.invitees[i])),
            None => document.file(),
        };
        Err(Problems(
            found
                .into_iter()
                .map(|o| {
                    // The word as printed may carry the punctuation of the sentence around it.
                    let bare = o.word.trim_matches(|c: char| !c.is_alphanumeric());
                    let holds =
                        |(_, text): &&(String, String)| !bare.is_empty() && text.contains(bare);
                    let path = texts
                        .iter()
                        .filter(|(path, _)| own.as_ref().is_some_and(|own| path.starts_with(own)))
                        .find(holds)
                        .or_else(|| {
                            texts
                                .iter()
                                .filter(|(path, _)| !path.starts_with("invitees["))
                                .find(holds)
                        })
                        .or_else(|| texts.iter().find(holds));
                    let place = match path {
                        Some((path, _)) => conf.place(path),
                        None => Place::file(&file),
                    };
                    Problem::error(
                        place,
                        BuildMsg::PastTheMargin {
                            document: file.display().to_string(),
                            page: o.page + first_page - 1,
                            what: crate::problem::shorten(&o.word, 60),
                        },
                    )
                    .hint(BuildMsg::PastTheMarginHint)
                })
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_word_of_a_run_is_blamed() {
        assert_eq!(
            culprit("08h00, trong Hộitrườngxxxxxxxx", 0..1),
            "Hộitrườngxxxxxxxx"
        );
        assert_eq!(culprit("ab cdefgh", 4..5), "cdefgh");
    }

    #[test]
    fn the_word_around_a_glyph_is_found() {
        assert_eq!(word_at("ab cdef gh", 4..5), "cdef");
        assert_eq!(word_at("abcdef", 0..1), "abcdef");
        assert_eq!(word_at("ab cd", 4..5), "cd");
        assert_eq!(word_at("Lương\u{a0}Trọng\u{a0}Quỳnh", 18..19), "Quỳnh");
    }
}
