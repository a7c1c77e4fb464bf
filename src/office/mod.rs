//! Editable copies of the papers, for offices that keep working in Excel and Word: the lists as
//! workbooks, the script, the programme and the invitations as Word documents. Each is an extra
//! of its document (see [`crate::documents::Extra`]), made from the same conference as its PDF.

pub mod docx;
pub mod xlsx;

use chrono::NaiveDateTime;
use typst_html::HtmlDocument;

/// What a copy made from a document's HTML is given.
pub struct HtmlCopy<'a> {
    /// Its name in the output folder, for messages.
    pub file: &'a str,
    pub html: &'a HtmlDocument,
    /// The date written as the file's creation and last change: from the model or from
    /// SOURCE_DATE_EPOCH, never the clock.
    pub date: Option<NaiveDateTime>,
}
