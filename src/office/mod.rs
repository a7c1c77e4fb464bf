//! Editable copies of the papers, for offices that keep working in Excel and Word: the lists as
//! workbooks. Each is an extra of its document (see [`crate::documents::Extra`]), made from the
//! same conference as its PDF.

pub mod docx;
pub mod xlsx;
