//! One PDF from several: the merged invitations file, made from the PDFs of the chunks the
//! invitations were set in. It is written as it is read, one part at a time, so that no build
//! holds every invitation in memory at once.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::PathBuf;

use lopdf::{Dictionary, Document, Object, ObjectId, Writer};

/// The catalog entries of the first part that would be wrong for the whole: its page tree,
/// and what numbers or points into its own pages.
const PER_PART: &[&[u8]] = &[
    b"Pages",
    b"PageLabels",
    b"Outlines",
    b"Dests",
    b"OpenAction",
];

/// Writes to `out` a PDF with the pages of the PDF files `parts`, in order. The first part's
/// catalog, metadata, document information and identifier stand for the whole; the same parts
/// always give the same bytes.
pub fn concatenate(parts: &[PathBuf], out: &mut dyn Write) -> Result<(), String> {
    let mut out = Counting { out, written: 0 };
    // Object 1 is the catalog, 2 the page tree; the parts' objects follow.
    const CATALOG: u32 = 1;
    const PAGES: u32 = 2;
    let mut offsets: Vec<(u32, usize)> = Vec::new();
    let mut next = PAGES + 1;
    let mut kids = Vec::new();
    let mut head = None;
    for (n, path) in parts.iter().enumerate() {
        let doc = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| Document::load_mem(&bytes).map_err(|e| e.to_string()))
            .map_err(|e| format!("part {}: {e}", n + 1))?;
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let mut roots = pages.clone();
        let mut catalog = None;
        if n == 0 {
            out.write(&format!("%PDF-{}\n", doc.version))?;
            // Bytes above 127 in a comment mark the file as binary for transfer programs.
            out.write_all(b"%\xE2\xE3\xCF\xD3\n")
                .map_err(|e| e.to_string())?;
            let mut own = doc.catalog().map_err(|e| e.to_string())?.clone();
            for key in PER_PART {
                own.remove(key);
            }
            roots.extend(references(&Object::Dictionary(own.clone())));
            roots.extend(doc.trailer.get(b"Info").and_then(Object::as_reference));
            catalog = Some(own);
        }
        // Only what the pages (and, for the first part, its catalog) use; not the part's own
        // page tree, which a page reaches through its parent.
        let keep = reachable(&doc, &roots)?;
        let number: HashMap<ObjectId, u32> =
            keep.iter().zip(next..).map(|(&id, n)| (id, n)).collect();
        next += keep.len() as u32;
        for &id in &keep {
            let mut object = doc.get_object(id).map_err(|e| e.to_string())?.clone();
            renumber(&mut object, &number);
            if pages.contains(&id)
                && let Ok(page) = object.as_dict_mut()
            {
                page.set("Parent", Object::Reference((PAGES, 0)));
            }
            offsets.push((number[&id], out.written));
            out.object(number[&id], &object)?;
        }
        kids.extend(pages.iter().map(|id| Object::Reference((number[id], 0))));
        if let Some(catalog) = catalog {
            let mut info = doc.trailer.get(b"Info").cloned().ok();
            let ident = doc.trailer.get(b"ID").cloned().ok();
            let mut object = Object::Dictionary(catalog);
            renumber(&mut object, &number);
            if let Some(info) = &mut info {
                renumber(info, &number);
            }
            head = Some((object, info, ident));
        }
    }
    let (mut catalog, info, ident) = head.ok_or("nothing to concatenate")?;
    let count = kids.len() as i64;
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Count", count);
    tree.set("Kids", kids);
    offsets.push((PAGES, out.written));
    out.object(PAGES, &Object::Dictionary(tree))?;
    if let Ok(dict) = catalog.as_dict_mut() {
        dict.set("Pages", Object::Reference((PAGES, 0)));
    }
    offsets.push((CATALOG, out.written));
    out.object(CATALOG, &catalog)?;

    offsets.sort_unstable();
    let xref = out.written;
    let mut table = format!("xref\n0 {next}\n0000000000 65535 f\r\n");
    for (_, offset) in &offsets {
        table.push_str(&format!("{offset:010} 00000 n\r\n"));
    }
    out.write(&table)?;
    let mut trailer = Dictionary::new();
    trailer.set("Size", next as i64);
    trailer.set("Root", Object::Reference((CATALOG, 0)));
    if let Some(info) = info {
        trailer.set("Info", info);
    }
    if let Some(ident) = ident {
        trailer.set("ID", ident);
    }
    out.write("trailer\n")?;
    Writer::write_object(&mut out, &Object::Dictionary(trailer)).map_err(|e| e.to_string())?;
    out.write(&format!("\nstartxref\n{xref}\n%%EOF\n"))
}

/// Every object reachable from `roots`, in a fixed order, except the page-tree nodes.
fn reachable(doc: &Document, roots: &[ObjectId]) -> Result<Vec<ObjectId>, String> {
    let mut seen = BTreeSet::new();
    let mut stack = roots.to_vec();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let object = doc.get_object(id).map_err(|e| e.to_string())?;
        let links = match object.as_dict() {
            // A page reaches the part's page tree only through its parent.
            Ok(dict) if dict.get_type().is_ok_and(|t| t == b"Page") => dict
                .iter()
                .filter(|(key, _)| key.as_slice() != b"Parent")
                .flat_map(|(_, value)| references(value))
                .collect(),
            _ => references(object),
        };
        stack.extend(links);
    }
    Ok(seen.into_iter().collect())
}

/// The objects `object` refers to directly.
fn references(object: &Object) -> Vec<ObjectId> {
    let mut found = Vec::new();
    let mut stack = vec![object];
    while let Some(object) = stack.pop() {
        match object {
            Object::Reference(id) => found.push(*id),
            Object::Array(items) => stack.extend(items),
            Object::Dictionary(dict) => stack.extend(dict.iter().map(|(_, v)| v)),
            Object::Stream(stream) => stack.extend(stream.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    found
}

/// `object` with its references to a part's objects changed to their numbers in the whole.
/// A reference to an object left out (a part's page tree) becomes null.
fn renumber(object: &mut Object, number: &HashMap<ObjectId, u32>) {
    match object {
        Object::Reference(id) => {
            *object = number
                .get(id)
                .map_or(Object::Null, |&n| Object::Reference((n, 0)));
        }
        Object::Array(items) => items.iter_mut().for_each(|o| renumber(o, number)),
        Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, o)| renumber(o, number)),
        Object::Stream(stream) => stream
            .dict
            .iter_mut()
            .for_each(|(_, o)| renumber(o, number)),
        _ => {}
    }
}

/// A writer that knows how many bytes it has written: the offsets of the cross-reference table.
struct Counting<'a> {
    out: &'a mut dyn Write,
    written: usize,
}

impl Counting<'_> {
    fn write(&mut self, text: &str) -> Result<(), String> {
        self.write_all(text.as_bytes()).map_err(|e| e.to_string())
    }

    fn object(&mut self, number: u32, object: &Object) -> Result<(), String> {
        let gap = if Writer::need_separator(object) {
            " "
        } else {
            ""
        };
        self.write(&format!("{number} 0 obj\n{gap}"))?;
        Writer::write_object(self, object).map_err(|e| e.to_string())?;
        let gap = if Writer::need_end_separator(object) {
            " "
        } else {
            ""
        };
        self.write(&format!("{gap}\nendobj\n"))
    }
}

impl Write for Counting<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(bytes)?;
        self.written += n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
