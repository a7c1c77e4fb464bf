//! The Word copies (`kich-ban.docx`, `chuong-trinh.docx`, `giay-moi.docx`): a document's own
//! Typst source compiled for HTML, written as Word.
//!
//! One source of wording. The templates and `nd30.typ` are the only place the papers are
//! worded; for the HTML target their layout functions emit the same words as paragraphs and
//! tables whose class names their role (`nation`, `motto`, `kind`, `signer`, …) and whose
//! `data-` attributes carry what Word needs and HTML lacks (sizes, column widths, the page).
//! This writer knows roles, not words: each class becomes a named Word style (so that the
//! office restyles every signer at once), `<strong>`/`<em>` become bold and italic runs,
//! `<table>` a real Word table whose `<thead>` rows repeat on each page, and the layout tables
//! of the header and the closing borderless tables. A class it does not know (a template of
//! the user's own) becomes a style of that name.
//!
//! The same DOM gives the same bytes: paragraph ids are counted here, the ZIP entries carry
//! docx-rs's fixed times, and the created and modified dates are the model's.

use std::collections::BTreeMap;
use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, Header, HeightRule, LineSpacing, LineSpacingType,
    PageMargin, PageNum, Paragraph, Run, RunFonts, SpecialIndentType, Style, StyleType, Table,
    TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableLayoutType,
    TableRow, VMergeType, WidthType,
};
use typst::utils::ResolvedPicoStr;
use typst_html::{HtmlElement, HtmlNode};

use super::HtmlCopy;
use crate::i18n::build::BuildMsg;
use crate::problem::{Place, Problem, Problems};

/// Typst sets a line from the capital height of Tinos (and Times New Roman) to its baseline,
/// then the leading; Word's single spacing of Times New Roman is 1.15 em. A leading of `l` em
/// is so Word's "multiple" line spacing of (0.662 + l) / 1.15, in 240ths.
const CAP_HEIGHT_EM: f64 = 0.662;
const WORD_SINGLE_EM: f64 = 1.15;

fn word_line(leading: f64) -> i32 {
    ((CAP_HEIGHT_EM + leading) / WORD_SINGLE_EM * 240.0).round() as i32
}

/// Word measures in twentieths of a point.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
const TWIPS_PER_PT: f64 = 20.0;

/// Tinos is the papers' stand-in for Times New Roman, with its metrics; offices have Times New
/// Roman, so the Word copy asks for it.
const TINOS: &str = "Tinos";
const TIMES: &str = "Times New Roman";

/// The paper sizes the templates may name (Typst's names), in millimetres, portrait.
const PAPERS: [(&str, f64, f64); 6] = [
    ("a3", 297.0, 420.0),
    ("a4", 210.0, 297.0),
    ("a5", 148.0, 210.0),
    ("a6", 105.0, 148.0),
    ("us-letter", 215.9, 279.4),
    ("us-legal", 215.9, 355.6),
];

/// The page of NĐ 30 when a document says nothing else: A4 with its margins (top, right,
/// bottom, left).
const ND30_MARGINS_MM: [f64; 4] = [20.0, 15.0, 20.0, 30.0];

/// The paragraph style of a role the templates give a paragraph.
struct Role {
    /// The class in the HTML.
    class: &'static str,
    /// The style's id in the file, and its name in Word's list of styles.
    id: &'static str,
    name: &'static str,
    align: AlignmentType,
    bold: bool,
    italic: bool,
    /// Space before and after, in points.
    before: f64,
    after: f64,
    /// Kept on the page of the next paragraph, as a heading is.
    keep_next: bool,
    /// A level in Word's navigation pane.
    outline: Option<usize>,
    /// Typst's leading (the gap between lines), in ems, as the layout of `nd30.typ` sets it
    /// for the role; a paragraph of the template's own says its own (`data-leading`).
    leading: f64,
}

impl Role {
    const fn new(class: &'static str, id: &'static str, name: &'static str) -> Self {
        Self {
            class,
            id,
            name,
            align: AlignmentType::Center,
            bold: false,
            italic: false,
            before: 0.0,
            after: 0.0,
            keep_next: false,
            outline: None,
            leading: 0.45,
        }
    }
    const fn leading(mut self, leading: f64) -> Self {
        self.leading = leading;
        self
    }
    const fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    const fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
    const fn align(mut self, align: AlignmentType) -> Self {
        self.align = align;
        self
    }
    const fn space(mut self, before: f64, after: f64) -> Self {
        self.before = before;
        self.after = after;
        self
    }
    const fn heading(mut self, level: usize) -> Self {
        self.keep_next = true;
        self.outline = Some(level);
        self
    }
}

/// The body's paragraphs: indented or not, as the template sets them.
const BODY: &str = "body";
const FLUSH: &str = "flush";
const DRAFT: &str = "draft";
/// The text of a table's cells, and of its header cells.
const CELL: &str = "cell";
const CELL_HEAD: &str = "cell-head";

/// Every role of `nd30.typ` and the templates, in the order Word lists them. The first line of
/// a body paragraph is indented as the document says; the signer's name sits under the room
/// left for the signature.
const ROLES: [Role; 28] = [
    Role::new(BODY, "Body", "Nội dung")
        .align(AlignmentType::Both)
        .leading(0.65)
        .space(0.0, 6.0),
    Role::new(FLUSH, "BodyFlush", "Nội dung không thụt đầu dòng")
        .align(AlignmentType::Both)
        .leading(0.65)
        .space(0.0, 6.0),
    Role::new(DRAFT, "Draft", "Dấu dự thảo")
        .bold()
        .align(AlignmentType::Left)
        .space(0.0, 6.0),
    Role::new("issuer-parent", "IssuerParent", "Tên cơ quan chủ quản"),
    Role::new("issuer", "Issuer", "Tên cơ quan ban hành").bold(),
    Role::new("nation", "Nation", "Quốc hiệu").bold(),
    Role::new("motto", "Motto", "Tiêu ngữ").bold(),
    Role::new("number", "Number", "Số, ký hiệu").space(8.0, 0.0),
    Role::new("place-date", "PlaceDate", "Địa danh và thời gian")
        .italic()
        .space(8.0, 0.0),
    Role::new("kind", "Kind", "Tên loại văn bản")
        .bold()
        .space(20.0, 6.0)
        .heading(0),
    Role::new("summary", "Summary", "Trích yếu nội dung")
        .bold()
        .space(0.0, 14.0)
        .heading(1),
    Role::new("addressee", "Addressee", "Người được mời").space(8.0, 10.0),
    Role::new("recipients-head", "RecipientsHead", "Nơi nhận")
        .bold()
        .italic()
        .align(AlignmentType::Left)
        .space(6.0, 0.0)
        .leading(0.3),
    Role::new("recipient", "Recipient", "Từng nơi nhận")
        .align(AlignmentType::Left)
        .leading(0.3),
    Role::new("signer-title", "SignerTitle", "Quyền hạn, chức vụ người ký")
        .bold()
        .space(6.0, 0.0)
        .leading(0.3),
    Role::new("signer", "Signer", "Họ tên người ký")
        .bold()
        .space(26.0 * 72.0 / 25.4, 0.0)
        .leading(0.3),
    Role::new("heading", "Heading", "Đề mục")
        .bold()
        .space(6.0, 6.0)
        .heading(0),
    Role::new("cover-parent", "CoverParent", "Bìa: cơ quan chủ quản"),
    Role::new("cover-issuer", "CoverIssuer", "Bìa: cơ quan").bold(),
    Role::new("cover-title", "CoverTitle", "Bìa: tên văn bản")
        .bold()
        .space(100.0, 8.0)
        .heading(0),
    Role::new("cover-summary", "CoverSummary", "Bìa: trích yếu")
        .bold()
        .space(0.0, 40.0),
    Role::new("cover-detail", "CoverDetail", "Bìa: thời gian, địa điểm"),
    Role::new("cover-foot", "CoverFoot", "Bìa: địa danh, thời gian")
        .italic()
        .space(80.0, 0.0),
    Role::new("annex-label", "AnnexLabel", "Số biểu").bold(),
    Role::new("annex-title", "AnnexTitle", "Tên biểu")
        .bold()
        .space(6.0, 0.0)
        .heading(0),
    Role::new("annex-cite", "AnnexCite", "Căn cứ của biểu")
        .italic()
        .space(5.0, 12.0),
    Role::new(CELL, "TableText", "Chữ trong bảng")
        .align(AlignmentType::Left)
        .leading(0.65),
    Role::new(CELL_HEAD, "TableHeading", "Đầu cột của bảng")
        .bold()
        .leading(0.65),
];

/// Character styles: text of a role inside a paragraph.
const CHARACTER_ROLES: [(&str, &str, &str); 1] = [("direction", "Direction", "Lời chỉ dẫn")];

/// Writes the Word copy of a document from its HTML.
pub fn write(copy: &HtmlCopy) -> Result<Vec<u8>, Problems> {
    let root = find_class(copy.html.root(), "document");
    let page = match root {
        Some(root) => Page::of(root).map_err(|paper| {
            Problems::one(Problem::error(
                Place::File(copy.file.to_string()),
                BuildMsg::WordCopyPaper {
                    paper,
                    known: PAPERS.map(|p| p.0).join(", "),
                },
            ))
        })?,
        None => Page::default(),
    };
    let mut writer = Writer::new(page);
    let blocks = match root {
        Some(root) => writer.blocks(&root.children, &Context::default()),
        None => writer.blocks(&copy.html.root().children, &Context::default()),
    };
    let mut docx = writer.document(
        copy.date
            .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
    );
    for block in blocks {
        docx = match block {
            Block::Paragraph(p) => docx.add_paragraph(*p),
            Block::Table(t) => docx.add_table(*t),
        };
    }
    let mut xml = docx.build();
    xml.document = repeat_header_rows(&xml.document).map_err(|e| cannot_write(copy, e))?;
    let mut stored = Cursor::new(Vec::new());
    xml.pack(&mut stored).map_err(|e| cannot_write(copy, e))?;
    compress(stored.get_ref())
        .map(super::as_made_on_unix)
        .map_err(|e| cannot_write(copy, e))
}

/// The package again, its parts compressed: docx-rs stores them as they are, which makes the
/// invitations' copy ten times the size. Every file keeps its name, its order and the fixed
/// time (1980-01-01) that makes the bytes reproducible.
fn compress(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Read, Write};
    use zip::write::SimpleFileOptions;
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 4)));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut bytes = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let name = entry.name()?.into_owned();
        // Folders need no entry of their own (Word writes none), and the zip library marks
        // one made on Windows with an MS-DOS attribute: the copy would differ there by a byte.
        if entry.is_dir() {
            continue;
        }
        bytes.clear();
        entry.read_to_end(&mut bytes)?;
        out.start_file(name, options)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

fn cannot_write(copy: &HtmlCopy, error: impl ToString) -> Problems {
    Problems::one(Problem::error(
        Place::File(copy.file.to_string()),
        BuildMsg::CannotWriteWordCopy {
            error: error.to_string(),
        },
    ))
}

/// The page a document asks for on its root element (see `setup` in `nd30.typ`).
struct Page {
    /// Width and height, in twips, as the page is turned.
    size: (u32, u32),
    /// Top, right, bottom, left, in twips.
    margins: [i32; 4],
    font: String,
    /// The body's size, in points.
    size_pt: f64,
    /// The first-line indent of body paragraphs, in twips.
    indent: i32,
    /// Where page numbers go from page 2 on: "top", "bottom", or nowhere.
    numbers: Numbers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbers {
    None,
    Top,
    Bottom,
}

impl Default for Page {
    fn default() -> Self {
        Self {
            size: (twips(210.0) as u32, twips(297.0) as u32),
            margins: ND30_MARGINS_MM.map(twips),
            font: TIMES.to_string(),
            size_pt: 14.0,
            indent: twips(10.0),
            numbers: Numbers::None,
        }
    }
}

impl Page {
    /// Reads the root's attributes; an unknown paper comes back as the error.
    fn of(root: &HtmlElement) -> Result<Self, String> {
        let mut page = Page::default();
        if let Some(paper) = attr(root, "data-paper") {
            let (_, w, h) = PAPERS
                .iter()
                .find(|p| p.0 == paper)
                .ok_or_else(|| paper.to_string())?;
            let (w, h) = (twips(*w) as u32, twips(*h) as u32);
            page.size = if attr(root, "data-landscape") == Some("true") {
                (h, w)
            } else {
                (w, h)
            };
        }
        if let Some(margins) = attr(root, "data-margin") {
            let sides: Vec<f64> = margins.split(' ').filter_map(mm).collect();
            if let [top, right, bottom, left] = sides[..] {
                page.margins = [top, right, bottom, left].map(twips);
            }
        }
        if let Some(font) = attr(root, "data-font") {
            page.font = if font == TINOS { TIMES } else { font }.to_string();
        }
        if let Some(size) = attr(root, "data-size").and_then(|s| s.parse().ok()) {
            page.size_pt = size;
        }
        if let Some(indent) = attr(root, "data-indent").and_then(mm) {
            page.indent = twips(indent);
        }
        page.numbers = match attr(root, "data-numbers") {
            Some("top") => Numbers::Top,
            Some("bottom") => Numbers::Bottom,
            _ => Numbers::None,
        };
        Ok(page)
    }

    /// The width between the margins, in twips.
    fn text_width(&self) -> i32 {
        self.size.0 as i32 - self.margins[1] - self.margins[3]
    }
}

/// What the elements around a paragraph say about it.
#[derive(Debug, Clone, Default)]
struct Context {
    /// The style of plain paragraphs here: a table cell's, or the body's.
    cell: Option<&'static str>,
    /// The alignment of a column, or of an aligned block.
    align: Option<AlignmentType>,
    /// The leading, in ems, where a table says it for its cells.
    leading: Option<f64>,
    /// The size, in points, of a block set smaller than its styles (an invitation made to fit
    /// its page): its paragraphs' runs say it.
    size: Option<f64>,
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text {
        text: String,
        bold: bool,
        italic: bool,
        style: Option<&'static str>,
    },
    Break,
}

enum Block {
    // Boxed: both are large, and only moved.
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

struct Writer {
    page: Page,
    /// The size each style was first met with, in points: the style's size.
    sizes: BTreeMap<String, f64>,
    /// Likewise the leading, in ems, of styles whose paragraphs say it.
    leadings: BTreeMap<String, f64>,
    /// Styles of classes no role has: a template of the user's own.
    custom: Vec<String>,
    /// Paragraph ids, counted from 1 in each document (docx-rs would count on across them).
    next_id: u32,
    /// A page break waits for the next block.
    page_break: bool,
    /// The draft mark, and on how many pages it is printed: the PDF sets it in the top margin,
    /// so the copy puts it in the page's header, out of the text's way.
    draft: Option<(Vec<Piece>, Option<f64>)>,
    drafts: usize,
}

impl Writer {
    fn new(page: Page) -> Self {
        Self {
            page,
            sizes: BTreeMap::new(),
            leadings: BTreeMap::new(),
            custom: Vec::new(),
            next_id: 0,
            page_break: false,
            draft: None,
            drafts: 0,
        }
    }

    fn paragraph(&mut self) -> Paragraph {
        self.next_id += 1;
        Paragraph::new().id(format!("{:08X}", self.next_id))
    }

    /// The blocks of a sequence of nodes: runs of inline nodes become paragraphs of the
    /// context's style.
    fn blocks(&mut self, nodes: &[HtmlNode], ctx: &Context) -> Vec<Block> {
        let mut out = Vec::new();
        let mut inline: Vec<Piece> = Vec::new();
        for node in nodes {
            match node {
                HtmlNode::Element(el) if is_block(el) => {
                    if !inline.is_empty() {
                        let p = self.styled(std::mem::take(&mut inline), None, None, None, ctx);
                        self.push(&mut out, Block::Paragraph(Box::new(p)));
                    }
                    self.block(el, ctx, &mut out);
                }
                _ => pieces(node, false, false, None, &mut inline),
            }
        }
        if !inline.is_empty() {
            let p = self.styled(inline, None, None, None, ctx);
            self.push(&mut out, Block::Paragraph(Box::new(p)));
        }
        out
    }

    fn block(&mut self, el: &HtmlElement, ctx: &Context, out: &mut Vec<Block>) {
        match &*tag(el) {
            // A break before anything (the first invitation's) breaks nothing.
            "hr" => self.page_break = self.next_id > 0,
            "p" => {
                let mut inline = Vec::new();
                for node in &el.children {
                    pieces(node, false, false, None, &mut inline);
                }
                let size = attr(el, "data-size").and_then(|s| s.parse().ok());
                if attr(el, "class") == Some(DRAFT) {
                    self.drafts += 1;
                    self.draft.get_or_insert((inline, size));
                    return;
                }
                let align = attr(el, "data-align").and_then(alignment).or(ctx.align);
                let leading = attr(el, "data-leading").and_then(|s| s.parse().ok());
                let p = self.styled(
                    inline,
                    attr(el, "class"),
                    size,
                    leading,
                    &Context {
                        align,
                        ..ctx.clone()
                    },
                );
                self.push(out, Block::Paragraph(Box::new(p)));
            }
            "table" => {
                let t = self.outside_breaks(|w| w.table(el, None));
                self.push(out, Block::Table(Box::new(t)));
            }
            "div" if attr(el, "class") == Some("table") => {
                for table in el.children.iter().filter_map(element) {
                    if &*tag(table) == "table" {
                        let t = self.outside_breaks(|w| w.table(table, Some(el)));
                        self.push(out, Block::Table(Box::new(t)));
                    }
                }
            }
            _ => {
                let align = match attr(el, "class") {
                    Some("align-center") => Some(AlignmentType::Center),
                    Some("align-right") => Some(AlignmentType::Right),
                    _ => ctx.align,
                };
                let size = attr(el, "data-size").and_then(|s| s.parse().ok());
                let blocks = self.blocks(
                    &el.children,
                    &Context {
                        align,
                        size: size.or(ctx.size),
                        ..ctx.clone()
                    },
                );
                for b in blocks {
                    self.push(out, b);
                }
            }
        }
    }

    /// Makes a table with the page break that waits kept for the table itself: inside a cell,
    /// where its first paragraph would take it, Word and LibreOffice ignore it.
    fn outside_breaks(&mut self, make: impl FnOnce(&mut Self) -> Table) -> Table {
        let waiting = std::mem::take(&mut self.page_break);
        let table = make(self);
        self.page_break = waiting;
        table
    }

    /// Adds a block, after the page break that waits, if any: a paragraph starts the page
    /// itself; a table is preceded by an empty paragraph that does.
    fn push(&mut self, out: &mut Vec<Block>, block: Block) {
        if std::mem::take(&mut self.page_break) {
            match block {
                Block::Paragraph(p) => {
                    out.push(Block::Paragraph(Box::new((*p).page_break_before(true))));
                    return;
                }
                Block::Table(_) => {
                    let p = self.paragraph().page_break_before(true).size(2);
                    out.push(Block::Paragraph(Box::new(p)));
                }
            }
        }
        out.push(block);
    }

    /// A paragraph of `pieces`, in the style of its class (a cell's own, for plain text in a
    /// cell), at `size` points and with a `leading` of so many ems when they differ from its
    /// style's (the first its style met).
    fn styled(
        &mut self,
        pieces: Vec<Piece>,
        class: Option<&str>,
        size: Option<f64>,
        leading: Option<f64>,
        ctx: &Context,
    ) -> Paragraph {
        let class = match (class, ctx.cell) {
            (None | Some(BODY | FLUSH), Some(cell)) => cell,
            (None, None) => FLUSH,
            (Some(class), _) => class,
        };
        let id = self.style_id(class);
        let mut p = self.paragraph().style(&id);
        let leading = leading.or(ctx.leading);
        if let Some(align) = ctx.align {
            p = p.align(align);
        }
        if let Some(leading) = leading {
            match self.leadings.get(&id) {
                None => {
                    self.leadings.insert(id.clone(), leading);
                }
                Some(&first) if first != leading => {
                    let spacing = LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(word_line(leading));
                    p = p.line_spacing(spacing);
                }
                Some(_) => {}
            }
        }
        let mut run_size = None;
        if let Some(size) = size {
            match self.sizes.get(&id) {
                None => {
                    self.sizes.insert(id.clone(), size);
                }
                Some(&first) if first != size => run_size = Some(half_points(size)),
                Some(_) => {}
            }
        }
        // A block set smaller sets its plain paragraphs so, leaving its styles as they are.
        if let (None, Some(smaller)) = (size, ctx.size) {
            run_size = Some(half_points(smaller));
        }
        for piece in trim(pieces) {
            let mut run = Run::new();
            match piece {
                Piece::Break => run = run.add_break(BreakType::TextWrapping),
                Piece::Text {
                    text,
                    bold,
                    italic,
                    style,
                } => {
                    if let Some(style) = style {
                        run = run.style(style);
                    }
                    if bold {
                        run = run.bold();
                    }
                    if italic {
                        run = run.italic();
                    }
                    run = run.add_text(text);
                }
            }
            if let Some(size) = run_size {
                run = run.size(size);
            }
            p = p.add_run(run);
        }
        p
    }

    /// The style id of a class: its role's, or one made for it.
    fn style_id(&mut self, class: &str) -> String {
        if let Some(role) = ROLES.iter().find(|r| r.class == class) {
            return role.id.to_string();
        }
        if !self.custom.iter().any(|c| c == class) {
            self.custom.push(class.to_string());
        }
        class.to_string()
    }

    /// A Word table of an HTML table; `spec` is the element that gives its columns' widths
    /// and alignment (the table's own attributes otherwise).
    fn table(&mut self, el: &HtmlElement, spec: Option<&HtmlElement>) -> Table {
        let spec = spec.unwrap_or(el);
        let layout = attr(el, "class").is_some();
        let widths = column_widths(attr(spec, "data-columns"), self.page.text_width());
        let aligns: Vec<Option<AlignmentType>> = attr(spec, "data-align")
            .map(|a| a.split(' ').map(alignment).collect())
            .unwrap_or_default();
        let leading = attr(spec, "data-leading").and_then(|l| l.parse().ok());
        // Rows, each marked as a header row or not.
        let mut rows: Vec<(&HtmlElement, bool)> = Vec::new();
        for child in el.children.iter().filter_map(element) {
            match &*tag(child) {
                "tr" => rows.push((child, false)),
                group @ ("thead" | "tbody" | "tfoot") => rows.extend(
                    child
                        .children
                        .iter()
                        .filter_map(element)
                        .filter(|r| &*tag(r) == "tr")
                        .map(|r| (r, group == "thead")),
                ),
                _ => {}
            }
        }
        let columns = widths.len().max(1);
        // For each column, the rows still covered by a cell above, and its span.
        let mut covered: Vec<(usize, usize)> = vec![(0, 1); columns];
        let mut word_rows = Vec::new();
        for (tr, header) in rows {
            let mut cells = Vec::new();
            let mut col = 0;
            let fill_covered = |col: &mut usize,
                                cells: &mut Vec<TableCell>,
                                covered: &mut Vec<(usize, usize)>,
                                this: &mut Self| {
                while *col < columns && covered[*col].0 > 0 {
                    let span = covered[*col].1;
                    covered[*col].0 -= 1;
                    let width = span_width(&widths, *col, span);
                    let p = this.paragraph();
                    cells.push(
                        TableCell::new()
                            .vertical_merge(VMergeType::Continue)
                            .grid_span(span)
                            .width(width, WidthType::Dxa)
                            .add_paragraph(p),
                    );
                    *col += span;
                }
            };
            for td in tr.children.iter().filter_map(element) {
                let head = match &*tag(td) {
                    "th" => true,
                    "td" => header,
                    _ => continue,
                };
                fill_covered(&mut col, &mut cells, &mut covered, self);
                let span = attr(td, "colspan")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1usize);
                let down = attr(td, "rowspan")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1usize);
                let ctx = Context {
                    cell: (!layout).then_some(if head { CELL_HEAD } else { CELL }),
                    align: if head {
                        None
                    } else {
                        aligns.get(col).copied().flatten()
                    },
                    leading,
                    size: None,
                };
                let mut cell =
                    TableCell::new().width(span_width(&widths, col, span), WidthType::Dxa);
                if span > 1 {
                    cell = cell.grid_span(span);
                }
                if down > 1 {
                    cell = cell.vertical_merge(VMergeType::Restart);
                    if col < columns {
                        covered[col] = (down - 1, span);
                    }
                }
                let blocks = self.blocks(&td.children, &ctx);
                let ends_in_paragraph = matches!(blocks.last(), Some(Block::Paragraph(_)));
                for block in blocks {
                    cell = match block {
                        Block::Paragraph(p) => cell.add_paragraph(*p),
                        Block::Table(t) => cell.add_table(*t),
                    };
                }
                // Word wants every cell to end with a paragraph.
                if !ends_in_paragraph {
                    let p = self
                        .paragraph()
                        .style(&self.style_id(ctx.cell.unwrap_or(FLUSH)));
                    cell = cell.add_paragraph(p);
                }
                cells.push(cell);
                col += span;
            }
            fill_covered(&mut col, &mut cells, &mut covered, self);
            // A row is never split over two pages, as on the PDF; a header row is marked to
            // be repeated (see `repeat_header_rows`).
            let mut row = TableRow::new(cells).cant_split();
            if header {
                row = row.row_height(HEADER_MARK).height_rule(HeightRule::Auto);
            }
            word_rows.push(row);
        }
        let total: usize = widths.iter().sum();
        // The insets of the PDF's tables: none in the layout of the header and the closing,
        // 4 pt across and 5 pt down in the others.
        let table = if layout {
            Table::without_borders(word_rows).margins(TableCellMargins::new().margin(0, 0, 0, 0))
        } else {
            let borders = [
                TableBorderPosition::Top,
                TableBorderPosition::Left,
                TableBorderPosition::Bottom,
                TableBorderPosition::Right,
                TableBorderPosition::InsideH,
                TableBorderPosition::InsideV,
            ]
            .into_iter()
            .fold(TableBorders::new(), |b, side| {
                b.set(TableBorder::new(side).size(4))
            });
            // Word gives a cell's first line the leading that Typst gives only between lines:
            // it comes off the 5 pt above and below the text.
            let first_line = leading.unwrap_or(0.65) * self.page.size_pt / 2.0;
            let down = ((5.0 - first_line).max(0.0) * TWIPS_PER_PT).round() as usize;
            Table::new(word_rows)
                .set_borders(borders)
                .margins(TableCellMargins::new().margin(down, 80, down, 80))
        };
        table
            .set_grid(widths)
            .width(total, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
    }

    /// The document: page, fonts, styles, page numbers and dates; its blocks are added after.
    fn document(&mut self, date: Option<String>) -> Docx {
        // The draft mark of the first page, and of the others when every page has one.
        let every_page = self.drafts > 1;
        let mut draft = |on: bool| {
            let (pieces, size) = self.draft.clone().filter(|_| on)?;
            Some(self.styled(pieces, Some(DRAFT), size, None, &Context::default()))
        };
        let first_draft = draft(true);
        let other_draft = draft(every_page);
        let number = self
            .paragraph()
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new());
        let empty = self.paragraph();
        let page = &self.page;
        let fonts = RunFonts::new()
            .ascii(&page.font)
            .hi_ansi(&page.font)
            .cs(&page.font)
            .east_asia(&page.font);
        let [top, right, bottom, left] = page.margins;
        let mut docx = Docx::new()
            .page_size(page.size.0, page.size.1)
            .page_margin(
                PageMargin::new()
                    .top(top)
                    .right(right)
                    .bottom(bottom)
                    .left(left)
                    .header(top / 2)
                    .footer(bottom / 2)
                    .gutter(0),
            )
            .default_fonts(fonts)
            .default_size(half_points(page.size_pt));
        if let Some(date) = &date {
            docx = docx.created_at(date).updated_at(date);
        }
        for role in &ROLES {
            let mut style = Style::new(role.id, StyleType::Paragraph)
                .name(role.name)
                .based_on("Normal")
                .next(if role.class == BODY || role.class == FLUSH {
                    role.id
                } else {
                    "Body"
                })
                .q_format(true)
                .align(role.align)
                .line_spacing(
                    LineSpacing::new()
                        .before((role.before * TWIPS_PER_PT).round() as u32)
                        .after((role.after * TWIPS_PER_PT).round() as u32)
                        .line_rule(LineSpacingType::Auto)
                        .line(word_line(
                            self.leadings.get(role.id).copied().unwrap_or(role.leading),
                        )),
                );
            if role.class == BODY {
                style = style.indent(
                    None,
                    Some(SpecialIndentType::FirstLine(page.indent)),
                    None,
                    None,
                );
            }
            if let Some(&size) = self.sizes.get(role.id) {
                style = style.size(half_points(size));
            }
            if role.bold {
                style = style.bold();
            }
            if role.italic {
                style = style.italic();
            }
            if let Some(level) = role.outline {
                style = style.outline_lvl(level);
            }
            if role.keep_next {
                style.paragraph_property = style.paragraph_property.keep_next(true);
            }
            docx = docx.add_style(style);
        }
        for class in &self.custom {
            let mut style = Style::new(class, StyleType::Paragraph)
                .name(class)
                .based_on("BodyFlush")
                .q_format(true);
            if let Some(&size) = self.sizes.get(class) {
                style = style.size(half_points(size));
            }
            if let Some(&leading) = self.leadings.get(class) {
                style = style.line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(word_line(leading)),
                );
            }
            docx = docx.add_style(style);
        }
        for (_, id, name) in CHARACTER_ROLES {
            docx = docx.add_style(Style::new(id, StyleType::Character).name(name).italic());
        }
        // Page numbers from page 2 on, centred, as NĐ 30 wants: the first page has a header
        // (or footer) of its own, with the draft mark if there is one.
        let header = |paragraphs: [Option<Paragraph>; 2]| {
            let mut header = Header::new();
            for p in paragraphs.into_iter().flatten() {
                header = header.add_paragraph(p);
            }
            header
        };
        docx = match page.numbers {
            Numbers::Top => docx
                .header(header([other_draft, Some(number)]))
                .first_header(header([first_draft.or(Some(empty)), None]))
                .title_pg(),
            Numbers::Bottom => {
                let docx = docx
                    .footer(Footer::new().add_paragraph(number))
                    .first_footer(Footer::new().add_paragraph(empty))
                    .title_pg();
                match (first_draft, other_draft) {
                    (Some(first), other) => docx
                        .first_header(header([Some(first), None]))
                        .header(header([other, None])),
                    (None, _) => docx,
                }
            }
            Numbers::None => match (first_draft, other_draft) {
                (_, Some(every)) => docx.header(header([Some(every), None])),
                (Some(first), None) => docx.first_header(header([Some(first), None])).title_pg(),
                (None, None) => docx,
            },
        };
        docx
    }
}

/// The height a header row is marked with: an automatic height (so harmless if left), which
/// `repeat_header_rows` turns into "repeat as header row", as docx-rs cannot write it.
const HEADER_MARK: f32 = 0.0;

/// Marks the rows docx-rs wrote with [`HEADER_MARK`] as header rows, repeated at the top of
/// every page the table runs onto (`<w:tblHeader/>`): the one property of the copies docx-rs
/// has no setter for.
fn repeat_header_rows(document: &[u8]) -> Result<Vec<u8>, quick_xml::Error> {
    use quick_xml::events::{BytesStart, Event};
    let mut reader = quick_xml::Reader::from_reader(document);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(document.len() + 1024));
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Empty(e) if e.name().as_ref() == "w:trHeight" && is_header_mark(&e) => {
                writer.write_event(Event::Empty(BytesStart::new("w:tblHeader")))?;
            }
            event => writer.write_event(event)?,
        }
    }
    Ok(writer.into_inner())
}

fn is_header_mark(e: &quick_xml::events::BytesStart) -> bool {
    let value = |key: &str| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .map(|a| a.value.into_owned())
    };
    value("w:val").as_deref() == Some("0") && value("w:hRule").as_deref() == Some("auto")
}

/// The widths of a table's columns, in twips, from `data-columns` ("9mm 21mm 1fr 44mm"):
/// fixed widths as given, the rest of `total` shared among the fractions (and `auto`, as 1fr).
fn column_widths(spec: Option<&str>, total: i32) -> Vec<usize> {
    let Some(spec) = spec else {
        return vec![total.max(1) as usize];
    };
    enum Width {
        Fixed(f64),
        Share(f64),
    }
    let columns: Vec<Width> = spec
        .split(' ')
        .map(|c| {
            if let Some(mm) = mm(c) {
                Width::Fixed(f64::from(twips(mm)))
            } else if let Some(percent) = c.strip_suffix('%').and_then(|p| p.parse::<f64>().ok()) {
                Width::Fixed(f64::from(total) * percent / 100.0)
            } else {
                Width::Share(
                    c.strip_suffix("fr")
                        .and_then(|f| f.parse().ok())
                        .unwrap_or(1.0),
                )
            }
        })
        .collect();
    let fixed: f64 = columns
        .iter()
        .map(|c| match c {
            Width::Fixed(w) => *w,
            Width::Share(_) => 0.0,
        })
        .sum();
    let shares: f64 = columns
        .iter()
        .map(|c| match c {
            Width::Share(s) => *s,
            Width::Fixed(_) => 0.0,
        })
        .sum();
    let rest = (f64::from(total) - fixed).max(0.0);
    columns
        .iter()
        .map(|c| match c {
            Width::Fixed(w) => *w,
            Width::Share(s) if shares > 0.0 => rest * s / shares,
            Width::Share(_) => 0.0,
        })
        .map(|w| w.round().max(1.0) as usize)
        .collect()
}

/// The width of `span` columns from `col`.
fn span_width(widths: &[usize], col: usize, span: usize) -> usize {
    widths.iter().skip(col).take(span).sum()
}

/// The inline pieces of a node, with the formatting of the elements around it.
fn pieces(
    node: &HtmlNode,
    bold: bool,
    italic: bool,
    style: Option<&'static str>,
    out: &mut Vec<Piece>,
) {
    match node {
        HtmlNode::Text(text, _) => {
            if let Some(Piece::Text {
                text: last,
                bold: b,
                italic: i,
                style: s,
            }) = out.last_mut()
                && (*b, *i, *s) == (bold, italic, style)
            {
                last.push_str(text);
                return;
            }
            out.push(Piece::Text {
                text: text.to_string(),
                bold,
                italic,
                style,
            });
        }
        HtmlNode::Element(el) => {
            let (bold, italic, style) = match &*tag(el) {
                "br" => {
                    out.push(Piece::Break);
                    return;
                }
                "strong" | "b" => (true, italic, style),
                "em" | "i" => (bold, true, style),
                "span" => {
                    let role = attr(el, "class").and_then(|class| {
                        CHARACTER_ROLES.iter().find(|r| r.0 == class).map(|r| r.1)
                    });
                    (bold, italic, role.or(style))
                }
                _ => (bold, italic, style),
            };
            for child in &el.children {
                pieces(child, bold, italic, style, out);
            }
        }
        HtmlNode::Tag(_) | HtmlNode::Frame(_) => {}
    }
}

/// The pieces of a paragraph without the spaces at its ends, nor around its line breaks.
fn trim(mut pieces: Vec<Piece>) -> Vec<Piece> {
    for i in 0..pieces.len() {
        let after_break = i == 0 || pieces[i - 1] == Piece::Break;
        let before_break = i + 1 == pieces.len() || pieces[i + 1] == Piece::Break;
        if let Piece::Text { text, .. } = &mut pieces[i] {
            if after_break {
                *text = text.trim_start_matches(' ').to_string();
            }
            if before_break {
                *text = text.trim_end_matches(' ').to_string();
            }
        }
    }
    pieces.retain(|p| !matches!(p, Piece::Text { text, .. } if text.is_empty()));
    pieces
}

/// Whether an element stands as a block of its own (a paragraph, a table, a page break)
/// rather than inside a paragraph.
fn is_block(el: &HtmlElement) -> bool {
    matches!(
        &*tag(el),
        "p" | "div"
            | "table"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "figure"
            | "section"
            | "blockquote"
    )
}

fn tag(el: &HtmlElement) -> ResolvedPicoStr {
    el.tag.resolve()
}

fn attr<'a>(el: &'a HtmlElement, name: &str) -> Option<&'a str> {
    el.attrs
        .0
        .iter()
        .find(|(key, _)| key.resolve().as_str() == name)
        .map(|(_, value)| value.as_str())
}

fn element(node: &HtmlNode) -> Option<&HtmlElement> {
    match node {
        HtmlNode::Element(el) => Some(el),
        _ => None,
    }
}

/// The first element of class `class`, depth first.
fn find_class<'a>(el: &'a HtmlElement, class: &str) -> Option<&'a HtmlElement> {
    if attr(el, "class") == Some(class) {
        return Some(el);
    }
    el.children
        .iter()
        .filter_map(element)
        .find_map(|child| find_class(child, class))
}

fn alignment(name: &str) -> Option<AlignmentType> {
    match name {
        "center" => Some(AlignmentType::Center),
        "right" | "end" => Some(AlignmentType::Right),
        "left" | "start" => Some(AlignmentType::Left),
        _ => None,
    }
}

/// "12.5mm" as millimetres.
fn mm(text: &str) -> Option<f64> {
    text.strip_suffix("mm")?.parse().ok()
}

fn twips(mm: f64) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

/// A size in points as Word's half points.
fn half_points(pt: f64) -> usize {
    (pt * 2.0).round() as usize
}
