//! Typesetting: Typst compiled in-process. One [`Typesetter`] holds what every document shares
//! (the standard library, the fonts, the shared layout code) and compiles each document's
//! source through a cheap per-document World: into pages for the PDFs, or into an HTML DOM
//! for the Word copies (the same source, its layout functions branching on `target()`).

use std::path::PathBuf;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::ecow::EcoVec;
use typst::foundations::{Bytes, Content, Datetime, Dict, Duration, Smart, Value};
use typst::layout::{Abs, Frame, FrameItem, Point, Sides, Size};
use typst::model::Document;
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World, WorldExt};
use typst_html::HtmlDocument;
use typst_layout::{Page, PagedDocument};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::fonts::FontSet;

/// How many pages make a document big enough that its share of Typst's cache is dropped as
/// soon as it is compiled.
const BIG: usize = 20;

/// What every document of a build shares, loaded once.
pub struct Typesetter {
    library: LazyHash<Library>,
    /// The same, for documents compiled for HTML (`sys.inputs.target` is "html").
    html_library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// The shared Typst files (`/nd30.typ`), parsed once.
    files: Vec<Source>,
    main: FileId,
}

/// How PDFs are written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfSettings {
    /// PDF/A-2b, for the archive.
    pub pdf_a: bool,
    /// The document date written into every PDF, if any. Never the clock: it comes from the
    /// model or from SOURCE_DATE_EPOCH, so the same input gives the same bytes.
    pub date: Option<Datetime>,
}

/// What a PDF is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    /// One invitation of the list, set as a document of its own: its 1-based position.
    Page(usize),
    /// All pages imposed as a booklet (see [`impose_booklet`]).
    Imposed,
    /// All pages without tags, to be joined with other PDFs (see [`crate::concat`]).
    Plain,
}

/// A problem Typst reported, located in a file of the document.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The virtual path: `/main.typ` for the generated source, `/nd30.typ` for shared code.
    pub file: Option<String>,
    /// 1-based line and column.
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hints: Vec<String>,
    /// The calls that led here, innermost first, each with its place if known.
    pub trace: Vec<(String, Option<(String, usize)>)>,
}

impl Typesetter {
    /// Prepares the shared state: the standard library, the font book and the shared files.
    pub fn new(fonts: &FontSet, shared_files: &[(String, String)]) -> Self {
        let files = shared_files
            .iter()
            .map(|(name, text)| Source::new(file_id(&format!("/{name}")), text.clone()))
            .collect();
        // HTML is a feature of the library: it defines the `html` module the templates' HTML
        // branches call. Paged documents never reach those branches: the templates tell the
        // targets apart by `sys.inputs.target`, read once, where `target()` would have to be
        // asked in a context around each branch (which cost a fifth of the time to set an
        // invitation).
        let library = |target: &str| {
            let mut inputs = Dict::new();
            inputs.insert("target".into(), Value::Str(target.into()));
            Library::builder()
                .with_features([Feature::Html].into_iter().collect())
                .with_inputs(inputs)
                .build()
        };
        Self {
            library: LazyHash::new(library("paged")),
            html_library: LazyHash::new(library("html")),
            book: LazyHash::new(fonts.book.clone()),
            fonts: fonts.fonts.clone(),
            files,
            main: file_id("/main.typ"),
        }
    }

    /// A fingerprint of everything besides a document's own source that shapes its PDF: the
    /// fonts, the shared Typst files, the PDF settings and this program's version.
    pub fn identity(&self, pdf: &PdfSettings) -> String {
        let version = env!("CARGO_PKG_VERSION").as_bytes();
        let settings = format!("{pdf:?}");
        let fonts = self.fonts.iter().map(|f| f.data().as_slice());
        let files = self.files.iter().map(|s| s.text().as_bytes());
        crate::output::manifest::fingerprint(
            [version, settings.as_bytes()]
                .into_iter()
                .chain(fonts)
                .chain(files),
        )
    }

    /// Compiles one document's source into pages. Warnings come back beside the document.
    pub fn compile(
        &self,
        source: &str,
    ) -> Result<(PagedDocument, Vec<Diagnostic>), Vec<Diagnostic>> {
        let world = DocWorld {
            base: self,
            main: Source::new(self.main, source.to_string()),
            html: false,
        };
        let warned = typst::compile::<PagedDocument>(&world);
        let warnings = warned
            .warnings
            .iter()
            .map(|d| world.diagnostic(d))
            .collect();
        let result = match warned.output {
            Ok(doc) => Ok((doc, warnings)),
            Err(errors) => Err(errors.iter().map(|d| world.diagnostic(d)).collect()),
        };
        // Old entries of Typst's global cache would otherwise grow with every document. A
        // document of many pages (a list of every invitee) leaves a cache as large as itself,
        // which nothing after it will reuse: it goes at once, so that the documents of a build
        // do not add up.
        let pages = result.as_ref().map_or(0, |(doc, _)| doc.pages().len());
        typst::comemo::evict(if pages > BIG { 0 } else { 10 });
        result
    }

    /// Compiles one document's source for the HTML target: the DOM its Word copy is written
    /// from. Typst's notice that HTML export is experimental is left out of the warnings.
    pub fn compile_html(
        &self,
        source: &str,
    ) -> Result<(HtmlDocument, Vec<Diagnostic>), Vec<Diagnostic>> {
        let world = DocWorld {
            base: self,
            main: Source::new(self.main, source.to_string()),
            html: true,
        };
        let warned = typst::compile::<HtmlDocument>(&world);
        let warnings = warned
            .warnings
            .iter()
            .filter(|d| {
                !d.message
                    .starts_with("html export is under active development")
            })
            .map(|d| world.diagnostic(d))
            .collect();
        let result = match warned.output {
            Ok(doc) => Ok((doc, warnings)),
            Err(errors) => Err(errors.iter().map(|d| world.diagnostic(d)).collect()),
        };
        typst::comemo::evict(10);
        result
    }

    /// Writes a part of a document as a PDF. The output depends only on the document: no
    /// clock time, no random identifier.
    pub fn pdf(
        &self,
        doc: &PagedDocument,
        ident: &str,
        part: Part,
        settings: &PdfSettings,
    ) -> Result<Vec<u8>, String> {
        let imposed;
        let doc = match part {
            Part::Imposed => {
                imposed = impose_booklet(doc);
                &imposed
            }
            Part::Whole | Part::Page(_) | Part::Plain => doc,
        };
        let options = PdfOptions {
            ident: Smart::Custom(ident.to_string()),
            creator: Smart::Custom(Some(
                concat!("hoinghi ", env!("CARGO_PKG_VERSION")).to_string(),
            )),
            timestamp: settings.date.map(Timestamp::new_utc),
            standards: if settings.pdf_a {
                PdfStandards::new(&[PdfStandard::A_2b]).expect("PDF/A-2b alone is a valid choice")
            } else {
                PdfStandards::default()
            },
            // Imposed pages would mix the tag tree, and plain parts are joined with others;
            // documents written as they were set keep their tags.
            tagged: matches!(part, Part::Whole | Part::Page(_)),
            ..PdfOptions::default()
        };
        typst_pdf::pdf(doc, &options).map_err(|errors| {
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// Renders one page (0-based) as a PNG image at `pixels_per_point`.
    pub fn png(
        &self,
        doc: &PagedDocument,
        page: usize,
        pixels_per_point: f32,
    ) -> Result<Vec<u8>, String> {
        let page = doc
            .pages()
            .get(page)
            .ok_or("the document has no such page")?;
        let options = typst_render::RenderOptions {
            pixel_per_pt: f64::from(pixels_per_point).into(),
            render_bleed: false,
        };
        typst_render::render(page, &options)
            .encode_png()
            .map_err(|e| e.to_string())
    }
}

/// Hands memory freed by finished documents back to the system, where glibc's malloc is the
/// allocator (the tests; the program on Linux uses mimalloc, told to do it at once, see
/// `src/allocator.rs`). glibc keeps what a thread frees in that thread's arena, and every
/// worker (ours, and the pool inside the PDF writer) lays out pages; without this, the peak
/// memory of 10,000 invitations ranged from 134 to 203 MiB from run to run, with it about 115
/// MiB.
pub fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The pages of several documents as one document, to be written as one PDF. Their
/// introspection tags are left out: each document placed its own, and the locations of two
/// documents made from one template would clash.
pub fn join<'a>(docs: impl IntoIterator<Item = &'a PagedDocument>) -> PagedDocument {
    let mut info = None;
    let mut pages = EcoVec::new();
    for doc in docs {
        info.get_or_insert_with(|| doc.info().clone());
        for page in doc.pages() {
            let mut page = page.clone();
            page.frame = without_tags(&page.frame);
            pages.push(page);
        }
    }
    PagedDocument::new(pages, info.unwrap_or_default())
}

fn without_tags(frame: &Frame) -> Frame {
    let mut out = Frame::new(frame.size(), frame.kind());
    out.set_baseline(frame.baseline());
    for (at, item) in frame.items() {
        match item {
            FrameItem::Tag(_) => {}
            FrameItem::Group(group) => {
                let mut group = group.clone();
                group.frame = without_tags(&group.frame);
                out.push(*at, FrameItem::Group(group));
            }
            other => out.push(*at, other.clone()),
        }
    }
    out
}

/// The pages of an A5 booklet imposed for saddle-stitch printing: two pages side by side on
/// each side of an A4 landscape sheet, in the order that makes a folded, stapled booklet when
/// printed duplex (short-edge flip). Blank pages pad the count to a multiple of 4.
pub fn impose_booklet(doc: &PagedDocument) -> PagedDocument {
    let pages = doc.pages();
    let count = pages.len().div_ceil(4) * 4;
    let sheet = Size::new(Abs::mm(297.0), Abs::mm(210.0));
    let half = sheet.x / 2.0;
    let mut sheets = EcoVec::new();
    for (number, (left, right)) in booklet_order(count).into_iter().enumerate() {
        let mut frame = Frame::hard(sheet);
        for (slot, page) in [(0.0, left), (1.0, right)] {
            // Pages past the end are the blank padding.
            let Some(page) = pages.get(page - 1) else {
                continue;
            };
            let size = page.frame.size();
            let at = Point::new(
                half * slot + (half - size.x) / 2.0,
                (sheet.y - size.y) / 2.0,
            );
            frame.push_frame(at, page.frame.clone());
        }
        sheets.push(Page {
            frame,
            bleed: Sides::splat(Abs::zero()),
            fill: Smart::Auto,
            numbering: None,
            supplement: Content::empty(),
            number: number as u64 + 1,
        });
    }
    PagedDocument::new(sheets, doc.info().clone())
}

/// For a booklet of `count` pages (a multiple of 4), the (left, right) page numbers of each
/// printed side in print order: the outer sheet first, its front then its back.
pub fn booklet_order(count: usize) -> Vec<(usize, usize)> {
    (0..count / 4)
        .flat_map(|s| [(count - 2 * s, 2 * s + 1), (2 * s + 2, count - 2 * s - 1)])
        .collect()
}

fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a valid virtual path"),
    )
    .intern()
}

/// The World of one document: the shared state plus this document's source. It serves only
/// the generated source and the shared files; any other path is "not found", so nothing a
/// document contains can read the disk.
struct DocWorld<'a> {
    base: &'a Typesetter,
    main: Source,
    /// Compiled for HTML rather than pages.
    html: bool,
}

impl DocWorld<'_> {
    fn lookup(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        self.base
            .files
            .iter()
            .find(|s| s.id() == id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(PathBuf::from(id.vpath().get_with_slash())))
    }

    fn place(&self, span: typst::syntax::DiagSpan) -> Option<(String, usize, usize)> {
        let id = span.id()?;
        let range = self.range(span)?;
        let (line, column) = self
            .lookup(id)
            .ok()?
            .lines()
            .byte_to_line_column(range.start)?;
        Some((
            id.vpath().get_with_slash().to_string(),
            line + 1,
            column + 1,
        ))
    }

    fn diagnostic(&self, d: &SourceDiagnostic) -> Diagnostic {
        let place = self.place(d.span);
        Diagnostic {
            severity: d.severity,
            file: place.as_ref().map(|p| p.0.clone()),
            line: place.as_ref().map_or(0, |p| p.1),
            column: place.as_ref().map_or(0, |p| p.2),
            message: d.message.to_string(),
            hints: d.hints.iter().map(|h| h.v.to_string()).collect(),
            trace: d
                .trace
                .iter()
                .map(|t| {
                    let at = self.place(t.span.into()).map(|(f, l, _)| (f, l));
                    (t.v.to_string(), at)
                })
                .collect(),
        }
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        if self.html {
            return &self.base.html_library;
        }
        &self.base.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.base.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.lookup(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.lookup(id).map(Bytes::from_string)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.base.fonts.get(index).cloned()
    }

    // No clock: documents must not depend on the day they are built.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booklet_sides_pair_the_outer_pages_first() {
        assert_eq!(booklet_order(4), [(4, 1), (2, 3)]);
        assert_eq!(booklet_order(8), [(8, 1), (2, 7), (6, 3), (4, 5)]);
        let mut all: Vec<usize> = booklet_order(12)
            .iter()
            .flat_map(|&(a, b)| [a, b])
            .collect();
        all.sort();
        assert_eq!(all, (1..=12).collect::<Vec<_>>());
    }
}
