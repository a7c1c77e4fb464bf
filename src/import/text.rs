//! CSV files as Excel and offices write them: UTF-8 with or without a BOM ("CSV UTF-8"),
//! UTF-16 ("Unicode Text", tab-separated), and the ANSI code page of the Windows that saved
//! them: Windows-1258 on a Vietnamese Windows, Windows-1252 (where Vietnamese letters are
//! either typed in the legacy TCVN3/VNI fonts, or lost). Decoding is encoding_rs's; deciding
//! which encoding a file without a BOM is in is done here, and a file that cannot be decided
//! is refused with how to save it again, rather than read into mojibake.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{Cell, Grid, MAX_ROWS, legacy};
use crate::i18n::Text;
use crate::i18n::lists::ListMsg;
use crate::problem::{Place, Problem, Problems, quote, shorten};

/// A CSV file read into cells.
#[derive(Debug)]
pub(super) struct CsvRead {
    pub grid: Grid,
    /// The encoding it was decoded from, for the summary.
    pub encoding: &'static str,
}

/// Whether bytes look like text rather than a binary file: UTF-16, or no NUL byte.
pub(super) fn looks_like_text(bytes: &[u8]) -> bool {
    Encoding::for_bom(bytes).is_some()
        || utf16_without_bom(bytes).is_some()
        || !bytes.iter().take(64 * 1024).any(|&b| b == 0)
}

/// Reads a CSV file: decoded, its separator found, its quotes checked, its records made rows.
pub(super) fn read_csv(bytes: &[u8], shown: &str) -> Result<CsvRead, Problems> {
    let (text, encoding) = decode(bytes, shown)?;
    let delimiter = delimiter(&text);
    check_quotes(&text, delimiter, shown)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Grid::new();
    // A cell typed over several lines (Alt+Enter) is one row of the sheet: the rows are the
    // lines, less the line breaks inside cells before them.
    let mut inner_breaks = 0;
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            Problems::one(Problem::error(
                Place::Line {
                    file: shown.to_string(),
                    line,
                },
                ListMsg::CannotReadCsvLine {
                    error: e.to_string(),
                },
            ))
        })?;
        // The position is where the reader was when the record began, before the empty lines
        // it skipped: the record's own line is after them.
        let (mut line, start) = record
            .position()
            .map_or((1, 0), |p| (p.line() as usize, p.byte() as usize));
        line += text.as_bytes()[start.min(text.len())..]
            .iter()
            .take_while(|b| matches!(b, b'\n' | b'\r'))
            .filter(|&&b| b == b'\n')
            .count();
        let row = line.saturating_sub(1 + inner_breaks);
        inner_breaks += record
            .iter()
            .map(|field| field.matches('\n').count())
            .sum::<usize>();
        let cells: Vec<(usize, Cell)> = record
            .iter()
            .enumerate()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(c, text)| (c, Cell::Text(text.to_string())))
            .collect();
        if cells.is_empty() {
            continue;
        }
        if grid.len() == MAX_ROWS {
            return Err(Problems::one(Problem::error(
                Place::File(shown.to_string()),
                ListMsg::TooManyRows { max: MAX_ROWS },
            )));
        }
        grid.push((row, cells));
    }
    Ok(CsvRead { grid, encoding })
}

/// The text of the file and the name of its encoding. With a BOM the BOM decides; without,
/// UTF-8 when the bytes are UTF-8, else Windows-1258 when that reads as Vietnamese, else
/// Windows-1252 when that reads as legacy TCVN3/VNI text (converted cell by cell later).
/// Text that only a wrong reading could give (UTF-8 read as Windows-1252 and saved again, or
/// Vietnamese letters saved as "?") is refused, never passed on as mojibake.
fn decode(bytes: &[u8], shown: &str) -> Result<(String, &'static str), Problems> {
    let fail = |message: ListMsg| {
        Problems::one(
            Problem::error(Place::File(shown.to_string()), message).hint(ListMsg::SaveAsCsvUtf8),
        )
    };
    let strict = |encoding: &'static Encoding, bytes: &[u8]| {
        encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|text| text.nfc().collect::<String>())
    };
    let (encoding, rest) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (Some(encoding), &bytes[bom..]),
        None => (utf16_without_bom(bytes), bytes),
    };
    let (text, name) = match encoding {
        Some(encoding) => {
            let name = encoding_name(encoding);
            let text = strict(encoding, rest).ok_or_else(|| {
                fail(ListMsg::NotInEncoding {
                    encoding: name.into(),
                })
            })?;
            (text, name)
        }
        None => guess(bytes).map_err(fail)?,
    };
    check_text(&text, shown)?;
    Ok((text, name))
}

/// The text and encoding of bytes without a BOM; see [`decode`].
fn guess(bytes: &[u8]) -> Result<(String, &'static str), ListMsg> {
    let strict = |encoding: &'static Encoding| {
        encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|text| text.nfc().collect::<String>())
    };
    if let Some(text) = strict(UTF_8) {
        return Ok((text, "UTF-8"));
    }
    if let Some(text) = strict(WINDOWS_1258).filter(|t| reads_as_vietnamese(t)) {
        return Ok((text, "Windows-1258"));
    }
    let western: String = WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned();
    if reads_as_legacy(&western) {
        return Ok((western, "Windows-1252 (TCVN3/VNI)"));
    }
    // UTF-8 that a program read as Windows-1252 and saved in it: the bytes are UTF-8 but for
    // the few that Windows-1252 has no character for, which came back as "?". In text that
    // really is in an 8-bit code page, almost no byte beyond ASCII is part of UTF-8.
    let lossy = String::from_utf8_lossy(bytes);
    let lost = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
    let kept = lossy
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
        .count();
    if kept > 0 && kept >= 2 * lost {
        let (line, text) = first_line_with(&lossy, |l| l.contains('\u{FFFD}'));
        return Err(ListMsg::GarbledSaved {
            line,
            text: quote(&shorten(text, 60)),
        });
    }
    if let Some((line, word)) = lost_letters(&western) {
        return Err(ListMsg::LettersLost {
            line,
            word: quote(&word),
        });
    }
    Err(ListMsg::UnknownEncoding)
}

fn encoding_name(encoding: &'static Encoding) -> &'static str {
    if encoding == UTF_16LE {
        "UTF-16LE"
    } else if encoding == UTF_16BE {
        "UTF-16BE"
    } else {
        "UTF-8"
    }
}

/// UTF-16 without its BOM, told by the NUL bytes that every ASCII character brings: on the odd
/// bytes for little-endian, on the even ones for big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = head.len() / 2;
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= half * 6 && even * 10 < half {
        Some(UTF_16LE)
    } else if even * 10 >= half * 6 && odd * 10 < half {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The words of a text: runs of letters, digits and combining marks.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c)))
        .filter(|w| !w.is_empty())
}

/// Whether a text decoded as Windows-1258 (and composed) reads as Vietnamese: it has words
/// with letters only Vietnamese has, and its words beyond ASCII are Vietnamese syllables (a
/// few names the syllable check does not know are let through; a tone mark left on a
/// consonant, as a wrong code page leaves them, is not).
fn reads_as_vietnamese(text: &str) -> bool {
    let mut vietnamese = 0;
    let mut other = 0;
    for word in words(text).filter(|w| !w.is_ascii()) {
        if word.chars().any(is_combining_mark) {
            return false;
        }
        if legacy::is_vietnamese(word) {
            vietnamese += 1;
        } else {
            other += 1;
        }
    }
    vietnamese > 0 && other * 10 <= vietnamese
}

/// Whether a text read as Windows-1252 is legacy TCVN3 or VNI text: lines beyond ASCII that
/// the converter reads as Vietnamese, and none it cannot.
fn reads_as_legacy(text: &str) -> bool {
    let mut converted = 0;
    for field in text.split(['\n', ',', ';', '\t']).filter(|f| !f.is_ascii()) {
        match legacy::convert(field.trim()) {
            Some(_) => converted += 1,
            // Single words that read well both ways are left alone by the converter; a field
            // with such words only proves nothing either way.
            None if words(field).filter(|w| !w.is_ascii()).count() <= 1 => {}
            None => return false,
        }
    }
    converted > 0
}

/// The first word with a "?" between letters: what Excel writes for a letter its code page
/// does not have ("Nguy?n").
fn lost_letters(text: &str) -> Option<(usize, String)> {
    for (i, line) in text.lines().enumerate() {
        for word in line.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '\t' | '"')) {
            let chars: Vec<char> = word.chars().collect();
            if chars
                .windows(3)
                .any(|w| w[0].is_alphabetic() && w[1] == '?' && w[2].is_alphabetic())
            {
                return Some((i + 1, word.to_string()));
            }
        }
    }
    None
}

/// Refuses text that carries mojibake, whatever its encoding: Vietnamese UTF-8 read as
/// Windows-1252 and saved again ("NguyÃªn" for "Nguyên"), whose words are all Windows-1252
/// characters whose bytes are UTF-8 again (proper Vietnamese has letters Windows-1252 has not:
/// ă, ơ, ư, ạ …); and letters a code page without them turned into "?" ("Nguy?n"). What is
/// shown is what was meant, never the garble.
fn check_text(text: &str, shown: &str) -> Result<(), Problems> {
    let fail = |place: Place, message: Text| {
        Problems::one(Problem::error(place, message).hint(ListMsg::SaveAsCsvUtf8))
    };
    for (i, line) in text.lines().enumerate() {
        for word in line.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '\t' | '"')) {
            if let Some(meant) = ungarble(word) {
                let place = Place::Line {
                    file: shown.to_string(),
                    line: i + 1,
                };
                return Err(fail(
                    place,
                    ListMsg::Garbled {
                        meant: quote(&meant),
                    }
                    .into(),
                ));
            }
        }
    }
    if let Some((line, word)) = lost_letters(text) {
        return Err(fail(
            Place::File(shown.to_string()),
            ListMsg::LettersLost {
                line,
                word: quote(&word),
            }
            .into(),
        ));
    }
    Ok(())
}

/// What a mojibake word meant, if it is one.
fn ungarble(word: &str) -> Option<String> {
    if word.is_ascii() {
        return None;
    }
    let (bytes, _, unmappable) = WINDOWS_1252.encode(word);
    if unmappable {
        return None;
    }
    let meant = std::str::from_utf8(&bytes).ok()?;
    (!meant.is_ascii() && meant != word).then(|| meant.nfc().collect())
}

/// The 1-based number and text of the first line that `test` holds for.
fn first_line_with(text: &str, test: impl Fn(&str) -> bool) -> (usize, &str) {
    text.lines()
        .enumerate()
        .find(|(_, l)| test(l))
        .map_or((1, ""), |(i, l)| (i + 1, l))
}

/// The separator: of `,`, `;` and tab, the one found on the most of the first lines (Excel
/// writes every row with the same number of them, title rows included), then the most often.
fn delimiter(text: &str) -> char {
    let lines: Vec<&str> = text.lines().take(50).collect();
    [',', ';', '\t']
        .into_iter()
        .max_by_key(|&d| {
            let on = lines.iter().filter(|l| l.contains(d)).count();
            let total: usize = lines.iter().map(|l| l.matches(d).count()).sum();
            // Ties go to `;` and tab over `,`, which titles and addresses are full of.
            (on, total, d != ',')
        })
        .unwrap_or(',')
}

/// Refuses a quote that swallows rows: one never closed (every line after it would be one
/// cell), or one that spans lines holding separators (rows read into one cell). A cell typed
/// over several lines (Alt+Enter) holds line breaks but no separator after them.
fn check_quotes(text: &str, delimiter: char, shown: &str) -> Result<(), Problems> {
    let place = |line| Place::Line {
        file: shown.to_string(),
        line,
    };
    let mut line = 1;
    let mut field_start = true;
    let mut quoted: Option<(usize, bool)> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some((open, swallows)) = &mut quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' => {
                    if *swallows {
                        return Err(Problems::one(Problem::error(
                            place(*open),
                            ListMsg::QuoteSwallows {
                                last: line,
                                rows: line - *open,
                            },
                        )));
                    }
                    quoted = None;
                    field_start = false;
                }
                '\n' => line += 1,
                c if c == delimiter && line > *open => *swallows = true,
                _ => {}
            }
            continue;
        }
        match c {
            '"' if field_start => quoted = Some((line, false)),
            '\n' => {
                line += 1;
                field_start = true;
            }
            '\r' => {}
            c if c == delimiter => field_start = true,
            _ => field_start = false,
        }
    }
    match quoted {
        Some((open, _)) => Err(Problems::one(Problem::error(
            place(open),
            ListMsg::UnclosedQuote { lines: line - open },
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(csv: &str) -> Vec<(usize, Vec<String>)> {
        read_csv(csv.as_bytes(), "a.csv")
            .unwrap()
            .grid
            .into_iter()
            .map(|(r, cells)| {
                (
                    r,
                    cells
                        .into_iter()
                        .map(|(_, c)| match c {
                            Cell::Text(t) => t,
                            other => panic!("{other:?}"),
                        })
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn rows_are_numbered_as_excel_shows_them() {
        let got = rows("a;b\n\n\"x\ny\";c\nd;e\n");
        assert_eq!(
            got,
            [
                (0, vec!["a".to_string(), "b".into()]),
                (2, vec!["x\ny".into(), "c".into()]),
                (3, vec!["d".into(), "e".into()]),
            ]
        );
    }

    #[test]
    fn the_separator_is_the_one_on_most_lines() {
        assert_eq!(delimiter("DANH SÁCH, KÈM THEO;;\nHọ tên;Đơn vị;ĐT\n"), ';');
        assert_eq!(delimiter("Họ tên,Đơn vị\nA,B\n"), ',');
        assert_eq!(delimiter("Họ tên\tĐơn vị\nA\tB, C\n"), '\t');
    }

    #[test]
    fn an_unclosed_quote_is_reported_with_its_line() {
        let e = read_csv("Họ tên;Đơn vị\n\"A;B\nC;D\nE;F\n".as_bytes(), "a.csv").unwrap_err();
        assert_eq!(
            e.0[0].place,
            Place::Line {
                file: "a.csv".into(),
                line: 2
            }
        );
        let e = read_csv("Họ tên;Đơn vị\n\"A;B\nC;D\"\nE;F\n".as_bytes(), "a.csv").unwrap_err();
        assert!(
            e.0[0].message.en.contains("line 3"),
            "{}",
            e.0[0].message.en
        );
        // A cell over two lines, with no separator after the break, is a cell.
        assert_eq!(rows("Họ tên;Đơn vị\n\"A\nB\";C\n").len(), 2);
    }

    #[test]
    fn encodings_are_told_apart() {
        let vi = "Họ và tên;Đơn vị\nNguyễn Văn An;Sở Tài chính\nHĐND tỉnh;Ủy ban\n";
        // Windows-1258 writes a toned letter as its base and a combining tone: "Nguyễn" is
        // "Nguy", ê, the tilde 0xDE, "n".
        let ansi = b"H\x6f\xf2 v\x61\xcc t\xean;\xd0\xf5n v\x69\xf2\nNguy\xea\xden V\xe3n An;S\xf5\xd2 T\x61\xcci ch\x69\xecnh\nH\xd0ND t\x69\xd2nh;U\xd2y ban\n";
        let (text, name) = decode(ansi, "a.csv").unwrap();
        assert_eq!((text.as_str(), name), (vi, "Windows-1258"));
        let mut le = vec![0xFF, 0xFE];
        le.extend(vi.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le, "a.csv").unwrap().1, "UTF-16LE");
        let be: Vec<u8> = vi.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be, "a.csv").unwrap(), (vi.to_string(), "UTF-16BE"));
        // TCVN3 bytes, as Windows-1252 gives them.
        let tcvn3 = b"H\xe4 t\xaan;\xa7\xacn v\xde\nNguy\xd4n V\xa8n An;S\xeb Y t\xd5\n";
        assert_eq!(
            decode(tcvn3, "a.csv").unwrap().1,
            "Windows-1252 (TCVN3/VNI)"
        );
    }

    #[test]
    fn mojibake_and_lost_letters_are_refused_not_read() {
        let garbled = "Họ tên\nNguyá»…n VÄƒn An\n";
        let e = decode(garbled.as_bytes(), "a.csv").unwrap_err();
        assert!(
            e.0[0].message.vi.contains("\"Nguyễn\""),
            "{}",
            e.0[0].message.vi
        );
        assert!(!e.0[0].message.vi.contains("á»"));
        let lost = WINDOWS_1252.encode("Ho ten\nNguy?n V?n An; Caf\u{e9}\n").0;
        let e = decode(&lost, "a.csv").unwrap_err();
        assert!(
            e.0[0].message.en.contains("\"Nguy?n\""),
            "{}",
            e.0[0].message.en
        );
        let western = WINDOWS_1252.encode("Name\nJos\u{e9} Mar\u{ed}a\n").0;
        let e = decode(&western, "a.csv").unwrap_err();
        assert!(e.0[0].hints[0].en.contains("CSV UTF-8"));
    }
}
