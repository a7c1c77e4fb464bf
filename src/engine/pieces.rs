//! The delegate lists of thousands, set in pieces. Typst keeps a document's every row while it
//! lays it out (some 85 KB a row), so the list of 10,000 invitees set whole took 870 MB. Set in
//! pieces of [`ROWS`] rows, each a document of its own, it takes what one piece takes.
//!
//! Each piece but the last leaves out its last page, whose rows the next piece sets again from
//! the top of a page: so every page is the page the whole list would have had, numbered on from
//! the piece before. A template takes part by reading `piece` (heading in the first piece,
//! totals in the last, the first page's number) and marking each row with
//! `#metadata(row) <row>`, by which the rows on the last page are found; one that marks none is
//! set whole.

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::model::Document as _;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::Engine;
use crate::context;
use crate::context::Rows;
use crate::documents::{Document, Rendered};
use crate::model::Conference;
use crate::problem::{Problem, Problems};
use crate::typeset;

/// How many rows a piece sets: some 35 MB of Typst's while it is laid out.
pub const ROWS: usize = 400;

/// The label of a row's marker.
const LABEL: &str = "row";

/// The rows `rendered` is set in pieces by, if it is: a list longer than one piece, whose
/// template marks its rows.
pub fn wanted(rendered: &Rendered, conf: &Conference) -> Option<Rows> {
    rendered
        .document
        .pieces
        .filter(|&kind| context::row_count(conf, kind) > ROWS)
        .filter(|_| rendered.source.contains("<row>"))
}

/// Sets `document` piece by piece (its rows of `kind`), handing `each` the pages of each piece to keep (the whole
/// document's pages, in order) with the number of the first; returns Typst's warnings.
pub fn typeset(
    engine: &Engine,
    conf: &Conference,
    document: &'static Document,
    kind: Rows,
    base: &minijinja::Value,
    each: impl FnMut(PagedDocument, usize) -> Result<(), Problems>,
) -> Result<Vec<Problem>, Problems> {
    typeset_by(engine, conf, document, kind, base, ROWS, each)
}

/// [`typeset`] in pieces of `per_piece` rows.
fn typeset_by(
    engine: &Engine,
    conf: &Conference,
    document: &'static Document,
    kind: Rows,
    base: &minijinja::Value,
    per_piece: usize,
    mut each: impl FnMut(PagedDocument, usize) -> Result<(), Problems>,
) -> Result<Vec<Problem>, Problems> {
    let rows = context::row_count(conf, kind);
    let mut warnings = Vec::new();
    let (mut from, mut page) = (0, 1);
    while from < rows {
        let to = (from + per_piece).min(rows);
        let context = context::with_piece(base, conf, kind, from..to, page);
        let source = engine
            .templates()
            .render(document.template, context)
            .map_err(Problems::one)?;
        let (pages, found) = engine.typeset(&document.rendered(source))?;
        warnings.extend(found);
        let count = pages.pages().len();
        // The rows on the last page are set again at the top of the next piece's first page;
        // a piece of one page (or a template that marks no rows) is kept whole.
        let (keep, next) = match first_row_on_last_page(&pages) {
            Some(row) if to < rows && count > 1 && row > from => (count - 1, row),
            _ => (count, to),
        };
        engine.check_margins_from(conf, document, &pages, page)?;
        each(first_pages(pages, keep), page)?;
        // What Typst keeps of a piece's layout would serve the next piece little, and ten of
        // them kept (as after other documents) would be the memory this saves.
        typst::comemo::evict(0);
        typeset::release_memory();
        page += keep;
        from = next;
    }
    Ok(super::dedup(warnings))
}

/// The first row marked on the last page, if any row is marked there.
fn first_row_on_last_page(doc: &PagedDocument) -> Option<usize> {
    let introspector: &dyn Introspector = &**doc.introspector();
    let label = Label::new(PicoStr::intern(LABEL)).expect("the label is not empty");
    let last = doc.pages().len();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter(|content| {
            content
                .location()
                .and_then(|at| introspector.page(at))
                .is_some_and(|p| p.get() == last)
        })
        .filter_map(|content| match content.to_packed::<MetadataElem>()?.value {
            Value::Int(row) => usize::try_from(row).ok(),
            _ => None,
        })
        .min()
}

/// The first `keep` pages of `doc`, as a document of their own.
fn first_pages(doc: PagedDocument, keep: usize) -> PagedDocument {
    if keep == doc.pages().len() {
        return doc;
    }
    PagedDocument::new(doc.pages()[..keep].into(), doc.info().clone())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use typst::layout::{Frame, FrameItem};

    use super::*;
    use crate::documents::DOCUMENTS;
    use crate::engine::Settings;
    use crate::model;

    const SMALL: &str = include_str!("../../tests/fixtures/small.json");

    /// `count` invitees in two groups, people and organisations, some with long units.
    fn conference(count: usize) -> Conference {
        let mut value: serde_json::Value = serde_json::from_str(SMALL).unwrap();
        value["groups"] = serde_json::json!(["Lãnh đạo tỉnh", "Các sở, ngành"]);
        let invitees: Vec<serde_json::Value> = (0..count)
            .map(|i| {
                let group = if i < count / 3 { "Lãnh đạo tỉnh" } else { "Các sở, ngành" };
                if i % 7 == 3 {
                    serde_json::json!({"organization": format!("Ủy ban nhân dân xã số {i} của huyện miền núi phía Bắc"), "sends": 1 + i % 3, "group": group})
                } else {
                    serde_json::json!({"name": format!("Nguyễn Văn {i}"), "position": "Giám đốc", "organization": "Sở Công Thương", "group": group})
                }
            })
            .collect();
        value["invitees"] = serde_json::Value::Array(invitees);
        model::parse(&value.to_string(), "m.json", Path::new(".")).unwrap()
    }

    fn page_texts(doc: &PagedDocument) -> Vec<String> {
        fn walk(frame: &Frame, out: &mut String) {
            for (_, item) in frame.items() {
                match item {
                    FrameItem::Group(group) => walk(&group.frame, out),
                    FrameItem::Text(text) => {
                        out.push_str(&text.text);
                        out.push(' ');
                    }
                    _ => {}
                }
            }
        }
        doc.pages()
            .iter()
            .map(|page| {
                let mut text = String::new();
                walk(&page.frame, &mut text);
                text
            })
            .collect()
    }

    /// Set in pieces, a list has the pages it has set whole, word for word and numbered the
    /// same: each piece goes on from the row and the page the one before ended at.
    #[test]
    fn a_list_set_in_pieces_has_the_pages_of_the_whole() {
        let engine = Engine::new(Settings::default()).unwrap();
        let conf = conference(150);
        let all: Vec<usize> = (0..conf.model.invitees.len()).collect();
        let base = engine.context(&conf, &all);
        for name in ["danh-sach-dai-bieu", "so-ky", "phong-bi"] {
            let document = DOCUMENTS.iter().find(|d| d.name == name).unwrap();
            let kind = document.pieces.expect("a list set in pieces");
            let whole = engine.render(&conf, &[document], &base).unwrap().remove(0);
            let (pages, _) = engine.typeset(&whole).unwrap();
            let whole = page_texts(&pages);
            let mut pieces = Vec::new();
            let mut firsts = Vec::new();
            typeset_by(&engine, &conf, document, kind, &base, 40, |pages, first| {
                firsts.push(first);
                pieces.extend(page_texts(&pages));
                Ok(())
            })
            .unwrap();
            assert!(firsts.len() > 3, "{name}: {firsts:?}");
            assert_eq!(pieces.len(), whole.len(), "{name}");
            for (page, (a, b)) in whole.iter().zip(&pieces).enumerate() {
                assert_eq!(a, b, "{name}, page {}", page + 1);
            }
        }
    }
}
