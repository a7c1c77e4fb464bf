//! The geometry of a PDF as a reader sees it: every glyph with its text and where it is on the
//! page, and every stroked line. A small interpreter of the content streams (text and graphics
//! state, form XObjects), enough for the PDFs Typst writes; positions are in points from the
//! top left corner of the page, as on paper.

use std::collections::HashMap;
use std::path::Path;

use lopdf::Encoding;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// One glyph as printed.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub text: String,
    /// Left and right edge of its advance, and its baseline, in points from the top left.
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
    /// Printed in a light colour (the draft mark across the page).
    pub light: bool,
    /// The font's name: "ABCDEF+Tinos-Italic".
    pub font: String,
}

/// A stroked straight line.
#[derive(Debug, Clone, Copy)]
pub struct Segment {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Segment {
    pub fn is_horizontal(&self) -> bool {
        (self.y0 - self.y1).abs() < 0.1 && (self.x0 - self.x1).abs() > 0.1
    }
}

/// One page: its size, its glyphs in the order they are drawn, its stroked lines.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub lines: Vec<Segment>,
}

/// A line of text: glyphs drawn one after the other on one baseline.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
}

impl Page {
    /// The page's text in drawing order: a space where the baseline changes or a gap opens.
    pub fn text(&self) -> String {
        self.lines()
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The lines of text: a new line starts where the baseline changes or the pen goes back;
    /// a wide gap on one baseline (the next table cell) starts one too.
    pub fn lines(&self) -> Vec<Line> {
        let mut lines: Vec<Line> = Vec::new();
        for g in self.glyphs.iter().filter(|g| !g.light) {
            let same_line = lines.last().is_some_and(|l| {
                // Kerning may pull a glyph back over the one before.
                (l.y - g.y).abs() < 0.5 && g.x0 >= l.x1 - g.size * 0.3 && g.x0 - l.x1 < g.size * 1.2
            });
            if same_line {
                let l = lines.last_mut().unwrap();
                if g.x0 - l.x1 > g.size * 0.15 && !l.text.ends_with(' ') {
                    l.text.push(' ');
                }
                l.text.push_str(&g.text);
                l.x1 = g.x1;
            } else {
                lines.push(Line {
                    text: g.text.clone(),
                    x0: g.x0,
                    x1: g.x1,
                    y: g.y,
                });
            }
        }
        for l in &mut lines {
            l.text = l
                .text
                .replace('\u{a0}', " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
        }
        lines.retain(|l| !l.text.is_empty());
        lines
    }

    /// The glyphs of each place `needle` is printed (spaces and no-break spaces alike), in
    /// drawing order.
    pub fn find(&self, needle: &str) -> Vec<Vec<&Glyph>> {
        let glyphs: Vec<&Glyph> = self.glyphs.iter().filter(|g| !g.light).collect();
        // The text with one entry per character and the glyph it came from; a line break
        // counts as a space.
        let mut chars: Vec<(char, usize)> = Vec::new();
        for (i, g) in glyphs.iter().enumerate() {
            let new_line = i > 0 && (glyphs[i - 1].y - g.y).abs() >= 0.5;
            if new_line && chars.last().is_some_and(|(c, _)| *c != ' ') {
                chars.push((' ', i));
            }
            for c in g.text.chars() {
                let c = if c.is_whitespace() { ' ' } else { c };
                if c == ' ' && chars.last().is_some_and(|(p, _)| *p == ' ') {
                    continue;
                }
                chars.push((c, i));
            }
        }
        let needle: Vec<char> = needle
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let mut found = Vec::new();
        let mut at = 0;
        while at + needle.len() <= chars.len() {
            if chars[at..at + needle.len()]
                .iter()
                .map(|(c, _)| *c)
                .eq(needle.iter().copied())
            {
                let mut hit: Vec<&Glyph> = Vec::new();
                for (c, i) in &chars[at..at + needle.len()] {
                    if *c != ' ' && !hit.iter().any(|g| std::ptr::eq(*g, glyphs[*i])) {
                        hit.push(glyphs[*i]);
                    }
                }
                found.push(hit);
                at += needle.len();
            } else {
                at += 1;
            }
        }
        found
    }
}

/// The pages of a PDF.
pub fn pages(path: &Path) -> Vec<Page> {
    let doc = Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    doc.get_pages()
        .values()
        .map(|&id| read_page(&doc, id))
        .collect()
}

fn read_page(doc: &Document, id: ObjectId) -> Page {
    let page = doc.get_dictionary(id).unwrap();
    let mb: Vec<f64> = array(doc, page.get(b"MediaBox").unwrap())
        .iter()
        .map(|o| number(doc, o))
        .collect();
    let (width, height) = (mb[2] - mb[0], mb[3] - mb[1]);
    let mut reader = Reader {
        doc,
        height,
        glyphs: Vec::new(),
        lines: Vec::new(),
        fonts: HashMap::new(),
    };
    let resources = page_resources(doc, id);
    let content = doc.get_page_content(id);
    reader.run(&content, &resources, IDENTITY);
    Page {
        width,
        height,
        glyphs: reader.glyphs,
        lines: reader.lines,
    }
}

fn page_resources(doc: &Document, id: ObjectId) -> Dictionary {
    let (own, inherited) = doc.get_page_resources(id).unwrap();
    if let Some(own) = own {
        return own.clone();
    }
    inherited
        .first()
        .map(|&r| doc.get_dictionary(r).unwrap().clone())
        .unwrap_or_default()
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b`.
fn mul(a: Matrix, b: Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn number(doc: &Document, o: &Object) -> f64 {
    let o = doc.dereference(o).map(|(_, o)| o).unwrap_or(o);
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => 0.0,
    }
}

fn array<'a>(doc: &'a Document, o: &'a Object) -> &'a Vec<Object> {
    let o = doc.dereference(o).map(|(_, o)| o).unwrap_or(o);
    o.as_array().unwrap()
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    let o = doc.dereference(o).map(|(_, o)| o).unwrap_or(o);
    o.as_dict().ok()
}

/// What is known of a font: how to read its codes and how wide each glyph is.
struct Font<'a> {
    name: String,
    encoding: Option<Encoding<'a>>,
    two_bytes: bool,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    light: bool,
}

struct Reader<'a> {
    doc: &'a Document,
    height: f64,
    glyphs: Vec<Glyph>,
    lines: Vec<Segment>,
    fonts: HashMap<ObjectId, Font<'a>>,
}

impl<'a> Reader<'a> {
    fn font(&mut self, id: ObjectId) -> &Font<'a> {
        let doc = self.doc;
        self.fonts.entry(id).or_insert_with(|| {
            let font = doc.get_dictionary(id).unwrap();
            let encoding = font.get_font_encoding(doc).ok();
            let two_bytes = font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
            let mut widths = HashMap::new();
            let mut default_width = 1000.0;
            if two_bytes {
                let descendant = array(doc, font.get(b"DescendantFonts").unwrap())[0].clone();
                let d = dict(doc, &descendant).unwrap();
                if let Ok(dw) = d.get(b"DW") {
                    default_width = number(doc, dw);
                }
                if let Ok(w) = d.get(b"W") {
                    let w = array(doc, w);
                    let mut i = 0;
                    while i < w.len() {
                        let first = number(doc, &w[i]) as u32;
                        match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
                            Ok(Object::Array(list)) => {
                                for (k, o) in list.iter().enumerate() {
                                    widths.insert(first + k as u32, number(doc, o));
                                }
                                i += 2;
                            }
                            _ => {
                                let last = number(doc, &w[i + 1]) as u32;
                                let width = number(doc, &w[i + 2]);
                                for c in first..=last {
                                    widths.insert(c, width);
                                }
                                i += 3;
                            }
                        }
                    }
                }
            } else if let Ok(list) = font.get(b"Widths") {
                let first = font.get(b"FirstChar").map_or(0.0, |o| number(doc, o)) as u32;
                for (k, o) in array(doc, list).iter().enumerate() {
                    widths.insert(first + k as u32, number(doc, o));
                }
            }
            let name = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            Font {
                name,
                encoding,
                two_bytes,
                widths,
                default_width,
            }
        })
    }

    fn run(&mut self, content: &[u8], resources: &Dictionary, ctm: Matrix) {
        let doc = self.doc;
        let content = Content::decode(content).unwrap();
        let fonts: HashMap<Vec<u8>, ObjectId> = resources
            .get(b"Font")
            .ok()
            .and_then(|o| dict(doc, o))
            .map(|d| {
                d.iter()
                    .filter_map(|(k, v)| v.as_reference().ok().map(|r| (k.clone(), r)))
                    .collect()
            })
            .unwrap_or_default();
        let xobjects: HashMap<Vec<u8>, ObjectId> = resources
            .get(b"XObject")
            .ok()
            .and_then(|o| dict(doc, o))
            .map(|d| {
                d.iter()
                    .filter_map(|(k, v)| v.as_reference().ok().map(|r| (k.clone(), r)))
                    .collect()
            })
            .unwrap_or_default();
        let mut state = State { ctm, light: false };
        let mut stack: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        let mut font: Option<ObjectId> = None;
        let (mut size, mut tc, mut tw, mut th, mut tl) = (0.0, 0.0, 0.0, 1.0, 0.0);
        let mut path: Vec<(f64, f64)> = Vec::new();
        let mut segments: Vec<((f64, f64), (f64, f64))> = Vec::new();
        for op in &content.operations {
            let n = |i: usize| op.operands.get(i).map_or(0.0, |o| number(doc, o));
            match op.operator.as_str() {
                "q" => stack.push(state.clone()),
                "Q" => state = stack.pop().unwrap_or(state.clone()),
                "cm" => state.ctm = mul([n(0), n(1), n(2), n(3), n(4), n(5)], state.ctm),
                "g" | "rg" | "sc" | "scn" => {
                    let values: Vec<f64> = op
                        .operands
                        .iter()
                        .filter(|o| matches!(o, Object::Integer(_) | Object::Real(_)))
                        .map(|o| number(doc, o))
                        .collect();
                    if !values.is_empty() {
                        state.light = values.iter().sum::<f64>() / values.len() as f64 > 0.5;
                    }
                }
                "k" => state.light = (n(0) + n(1) + n(2) + n(3)) / 4.0 < 0.5,
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|name| fonts.get(name).copied());
                    size = n(1);
                }
                "Tc" => tc = n(0),
                "Tw" => tw = n(0),
                "Tz" => th = n(0) / 100.0,
                "TL" => tl = n(0),
                "Tm" => {
                    tm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tlm = tm;
                }
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        tl = -n(1);
                    }
                    tlm = mul([1.0, 0.0, 0.0, 1.0, n(0), n(1)], tlm);
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul([1.0, 0.0, 0.0, 1.0, 0.0, -tl], tlm);
                    tm = tlm;
                }
                "Tj" | "TJ" | "'" | "\"" => {
                    if op.operator == "'" || op.operator == "\"" {
                        tlm = mul([1.0, 0.0, 0.0, 1.0, 0.0, -tl], tlm);
                        tm = tlm;
                    }
                    let Some(font_id) = font else { continue };
                    let items: Vec<Object> = match op.operator.as_str() {
                        "TJ" => op
                            .operands
                            .first()
                            .and_then(|o| o.as_array().ok())
                            .cloned()
                            .unwrap_or_default(),
                        _ => op.operands.last().cloned().into_iter().collect(),
                    };
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                let height = self.height;
                                let f = self.font(font_id);
                                let step = if f.two_bytes { 2 } else { 1 };
                                let mut shown = Vec::new();
                                for code in bytes.chunks(step) {
                                    let cid =
                                        code.iter().fold(0u32, |a, b| a * 256 + u32::from(*b));
                                    let w = f.widths.get(&cid).copied().unwrap_or(f.default_width);
                                    let text = f
                                        .encoding
                                        .as_ref()
                                        .and_then(|e| Document::decode_text(e, code).ok())
                                        .unwrap_or_default();
                                    let advance = (w / 1000.0 * size
                                        + tc
                                        + if step == 1 && code == [32] { tw } else { 0.0 })
                                        * th;
                                    let m = mul(tm, state.ctm);
                                    let (x0, y) = apply(m, 0.0, 0.0);
                                    let (x1, _) = apply(m, w / 1000.0 * size * th, 0.0);
                                    let scale = (m[2] * m[2] + m[3] * m[3]).sqrt();
                                    shown.push(Glyph {
                                        text,
                                        x0: x0.min(x1),
                                        x1: x0.max(x1),
                                        y: height - y,
                                        size: size * scale,
                                        light: state.light,
                                        font: f.name.clone(),
                                    });
                                    tm = mul([1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
                                }
                                self.glyphs.extend(shown);
                            }
                            other => {
                                let adjust = number(doc, &other);
                                tm = mul(
                                    [1.0, 0.0, 0.0, 1.0, -adjust / 1000.0 * size * th, 0.0],
                                    tm,
                                );
                            }
                        }
                    }
                }
                "m" => {
                    path.clear();
                    path.push(apply(state.ctm, n(0), n(1)));
                }
                "l" => {
                    let to = apply(state.ctm, n(0), n(1));
                    if let Some(&from) = path.last() {
                        segments.push((from, to));
                    }
                    path.push(to);
                }
                "re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                    for pair in corners.windows(2) {
                        segments.push((
                            apply(state.ctm, pair[0].0, pair[0].1),
                            apply(state.ctm, pair[1].0, pair[1].1),
                        ));
                    }
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    for (a, b) in segments.drain(..) {
                        self.lines.push(Segment {
                            x0: a.0,
                            y0: self.height - a.1,
                            x1: b.0,
                            y1: self.height - b.1,
                        });
                    }
                    path.clear();
                }
                "n" | "f" | "F" | "f*" => {
                    segments.clear();
                    path.clear();
                }
                "Do" => {
                    let Some(&id) = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|name| xobjects.get(name))
                    else {
                        continue;
                    };
                    let Ok(Object::Stream(stream)) = doc.get_object(id) else {
                        continue;
                    };
                    if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
                        continue;
                    }
                    let matrix = stream
                        .dict
                        .get(b"Matrix")
                        .map(|m| {
                            let v: Vec<f64> =
                                array(doc, m).iter().map(|o| number(doc, o)).collect();
                            [v[0], v[1], v[2], v[3], v[4], v[5]]
                        })
                        .unwrap_or(IDENTITY);
                    let resources = stream
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|o| dict(doc, o))
                        .cloned()
                        .unwrap_or_else(|| resources.clone());
                    let content = stream
                        .decompressed_content()
                        .unwrap_or_else(|_| stream.content.clone());
                    let light = state.light;
                    let glyphs_before = self.glyphs.len();
                    self.run(&content, &resources, mul(matrix, state.ctm));
                    if light {
                        for g in &mut self.glyphs[glyphs_before..] {
                            g.light = true;
                        }
                    }
                }
                _ => {}
            }
        }
    }
}
