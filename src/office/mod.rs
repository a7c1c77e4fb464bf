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

/// A workbook as it is written on Unix, wherever it is written: the zip library records the
/// system that made each entry (MS-DOS on Windows, Unix elsewhere), the one byte by which the
/// same workbook made by `hoinghi.exe` differed from the Linux program's.
pub fn as_made_on_unix(mut zip: Vec<u8>) -> Vec<u8> {
    set_made_by(&mut zip, UNIX);
    zip
}

/// The "made by" system of a zip's entries for Unix.
const UNIX: u8 = 3;

/// Sets the system byte of every central directory entry of a zip; leaves a file it cannot
/// walk as it is (it is still a good zip, only not the same bytes on every system).
fn set_made_by(zip: &mut [u8], system: u8) {
    const END: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const ENTRY: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
    let u16_at = |zip: &[u8], at: usize| {
        zip.get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
    };
    let u32_at = |zip: &[u8], at: usize| {
        zip.get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    // The end record is the last 22 bytes, unless a comment follows it.
    let Some(end) = (0..zip.len().saturating_sub(21))
        .rev()
        .find(|&at| zip[at..].starts_with(&END))
    else {
        return;
    };
    let (Some(entries), Some(mut at)) = (u16_at(zip, end + 10), u32_at(zip, end + 16)) else {
        return;
    };
    for _ in 0..entries {
        if !zip.get(at..).is_some_and(|rest| rest.starts_with(&ENTRY)) {
            return;
        }
        let (Some(name), Some(extra), Some(comment)) = (
            u16_at(zip, at + 28),
            u16_at(zip, at + 30),
            u16_at(zip, at + 32),
        ) else {
            return;
        };
        zip[at + 5] = system;
        at += 46 + name + extra + comment;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_made_on_windows_gets_the_bytes_of_one_made_on_unix() {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        workbook
            .add_worksheet()
            .write_string(0, 0, "Đại biểu")
            .unwrap();
        let mut zip = workbook.save_to_buffer().unwrap();
        set_made_by(&mut zip, UNIX);
        let unix = zip.clone();
        const DOS: u8 = 0;
        set_made_by(&mut zip, DOS);
        let changed = zip.iter().zip(&unix).filter(|(a, b)| a != b).count();
        assert!(changed >= 5, "one byte per entry: {changed}");
        assert_eq!(as_made_on_unix(zip), unix);
        // Not a zip: left alone.
        assert_eq!(as_made_on_unix(b"PK".to_vec()), b"PK".to_vec());
    }
}
