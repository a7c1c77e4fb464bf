//! One PDF from several: the merged invitations file, made from the PDFs of the chunks the
//! invitations were compiled in, so that no build holds every invitation in memory at once.

use lopdf::{Document, Object, ObjectId};

/// A PDF with the pages of `parts`, in order. The first part's catalog, metadata and document
/// information stand for the whole; the same parts always give the same bytes.
pub fn concatenate(parts: &[Vec<u8>]) -> Result<Vec<u8>, String> {
    let mut merged: Option<Document> = None;
    let mut pages: Vec<ObjectId> = Vec::new();
    let mut next_id = 1;
    for (i, bytes) in parts.iter().enumerate() {
        let mut doc = Document::load_mem(bytes).map_err(|e| format!("part {}: {e}", i + 1))?;
        doc.renumber_objects_with(next_id);
        next_id = doc.max_id + 1;
        pages.extend(doc.get_pages().into_values());
        match &mut merged {
            None => merged = Some(doc),
            Some(first) => {
                // The later parts' own catalogs and page trees are dropped: their pages join
                // the first part's tree.
                let own = |object: &Object| {
                    matches!(
                        object.as_dict().and_then(|d| d.get_type()),
                        Ok(b"Catalog" | b"Pages")
                    )
                };
                first
                    .objects
                    .extend(doc.objects.into_iter().filter(|(_, object)| !own(object)));
                first.max_id = first.max_id.max(doc.max_id);
            }
        }
    }
    let mut doc = merged.ok_or("nothing to concatenate")?;
    let root = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())?;
    for &page in &pages {
        if let Ok(dict) = doc.get_dictionary_mut(page) {
            dict.set("Parent", Object::Reference(root));
        }
    }
    let tree = doc.get_dictionary_mut(root).map_err(|e| e.to_string())?;
    tree.set(
        "Kids",
        Object::Array(pages.iter().map(|&p| Object::Reference(p)).collect()),
    );
    tree.set("Count", Object::Integer(pages.len() as i64));
    // What only the dropped catalogs pointed to (their metadata, information) goes too.
    doc.prune_objects();
    // Numbered 1 to n again, so that the trailer's count of objects is right.
    doc.renumber_objects();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}
