//! Recognises cells typed in the legacy Vietnamese 8-bit encodings TCVN3 and VNI-Windows and
//! turns them back into Unicode (NFC).
//!
//! Old provincial spreadsheets were typed with fonts that drew Vietnamese letters in place of
//! Latin-1 ones: TCVN3, also called ABC or TCVN 5712:1993 VN3 (fonts .VnTime, .VnArial), and
//! VNI-Windows (fonts VNI-Times). Excel keeps the *characters* those bytes are in Windows-1252, so
//! under a Unicode font "Nguyễn Văn A" reads "NguyÔn V¨n A" (TCVN3) or "Nguyeãn Vaên A" (VNI). A
//! CSV exported from such a sheet carries the same bytes, and the importer reads bytes that are
//! not UTF-8 as Windows-1252, which gives the same characters. The letters of both encodings sit
//! at 0xA1–0xFE, where Windows-1252 and Latin-1 agree, so either reading works here.
//!
//! # Tables
//!
//! The tables below were taken from public converters and cross-checked against each other with
//! a script (all agree, letter for letter, on every entry):
//!
//! * vn-input/ibus-unikey `ukengine/data.cpp` (UniKey's VnConv: `SingleByteTables` "TCVN3" and
//!   `DoubleByteTables` "VNI-WIN", the latter as base byte + mark byte words);
//! * apple-open-source/macos `X11/xc/extras/X-TrueType/TCVN/TCVNtoUCS2.c` (the X11 TCVN 5712
//!   table, in hex; it is the VN1 superset, which agrees on every VN3 code);
//! * duydev/vietnamese-conversion `src/charsets.ts` (VNI and TCVN3 strings);
//! * khiemdoan/VBKey `Modules/mdlCodeTable.bas` (`TCVN3_TABLE`, `VNI_WINDOWS_TABLE`).
//!
//! TCVN3 as the ABC fonts implement it (VN3) has one code per lowercase letter, tone included,
//! but capitals only for Ă Â Ê Ô Ơ Ư Đ: a toned capital such as Ấ was typed with the lowercase
//! code (UniKey writes Ấ and ấ both as 0xCA) and shown as a capital only by the all-capitals
//! .VnTimeH font. The capitals that the fuller VN1 variant puts at 0x01–0x17 and 0x80–0x9F are
//! not decoded: the fonts lack them, and 0x80–0x9F are Windows-1252 quotes, dashes and € that
//! ordinary text is full of. The case a toned TCVN3 letter had on screen is restored from its
//! word and its cell instead; see `restore_case`.
//!
//! VNI-Windows writes a letter as its base (a, e, o, u, y, or ô for ơ and ö for ư) followed by
//! one mark byte (ø huyền, ù sắc, û hỏi, õ ngã, ï nặng; â á à å ã ä for the circumflex with each
//! tone, ê é è ú ü ë for the breve), or as a single byte for đ, ơ, ư, the toned i and ỵ. Pairs are
//! matched greedily, longest first, and only with a mark of the base's case, as the VNI keyboard
//! writes them.
//!
//! # Detection
//!
//! Both encodings reuse letters that proper text has too (é, ô, à, ñ …), so a cell is converted
//! only when the legacy reading is clearly the better one, and left alone when in doubt:
//!
//! 1. Every character must be one a single byte gives in Windows-1252 or Latin-1: anything else
//!    (ă, đ, ơ, ư, ạ, combining marks, …) means the cell is Unicode already, which is how nearly
//!    all proper Vietnamese is let through at once.
//! 2. Under the encoding, every non-ASCII letter must decode (a VNI mark must follow a base it
//!    can go on), and every word that contains a legacy code must come out as a well-formed
//!    Vietnamese syllable: initial consonant, a vowel group Vietnamese has, a final consonant that
//!    group allows, at most one tone, on a vowel that can carry it, stop finals only with sắc or
//!    nặng, and lower, Title or UPPER case. One malformed word rejects the whole reading.
//! 3. A word is evidence only if, read as it stands, it is *not* a Vietnamese word (it has ¸ or
//!    ¨ in it, or "eã", or "Bïi"). Words that read well both ways ("Hoàng" is VNI for "Hồng",
//!    "Tú" is TCVN3 for "Tỳ") prove nothing, so a cell made only of them stays as typed; a single
//!    legacy character standing alone (©, «, §) proves nothing either, except "§/c" and "Ñ/c",
//!    the usual abbreviation of đồng chí.
//! 4. At least one evidence word and two letters are needed; with a single evidence word, no ASCII
//!    word may be foreign (neither a Vietnamese syllable nor an abbreviation), because one lucky
//!    word next to foreign ones is how names such as "Loïc Dupont" look. A few Western words that
//!    still spell a valid legacy syllable on their own are listed in `WESTERN`.
//! 5. If both encodings pass, the one that leaves fewer characters unread wins (TCVN3 "®Æm" is
//!    "đặm"; VNI would read only Æ and leave ® as a stray symbol); if neither leaves fewer, the
//!    cell is ambiguous ("Thuû" is TCVN3 "Thuỷ" and VNI "Thủ") and stays as typed.
//!
//! # What is left as typed, or guessed
//!
//! * One-word cells whose word reads well both as it stands and as legacy text: TCVN3 "Dòng"
//!   (Dũng), "óc" (Úc), "Ên" (Ấn); VNI "Hoà" (Hồ), "Ôn" (Ơn); and words that read well in both
//!   encodings, such as "Höng" (TCVN3 Hửng, VNI Hưng) or "Öu" (Ệu, Ưu). In a full name the other
//!   words usually settle it.
//! * Words the syllable check does not know, such as the names "Krông" or "Kdăm" of the Central
//!   Highlands, make the whole cell stay as typed.
//! * The case of TCVN3 toned capitals is a guess: text typed in lowercase codes for the .VnTimeH
//!   capitals font comes out in lowercase, and a proper noun that starts with a toned vowel in
//!   the middle of a lowercase phrase ("xã ¼ng Nưa") comes out as "xã ẳng Nưa".
//! * A VNI base and a mark of the other case ("Aù") are not paired, so such a cell is left alone.
//! * A single Western word that happens to spell a legacy syllable is converted unless listed in
//!   `WESTERN`: TCVN3 "Mü" becomes "Mỹ", as it should for the Vietnamese name it nearly always is.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

/// A legacy Vietnamese 8-bit encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3, the ABC encoding of the .VnTime and .VnArial fonts.
    Tcvn3,
    /// VNI-Windows, the encoding of the VNI-Times fonts.
    Vni,
}

impl Legacy {
    /// The encoding's usual name, for messages: "TCVN3" or "VNI-Windows".
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3",
            Legacy::Vni => "VNI-Windows",
        }
    }
}

/// If `text` reads as TCVN3 or VNI-Windows text shown through a Unicode font, the text
/// converted to Unicode (NFC) and the encoding it was in; None for text that is already proper
/// Unicode (including ordinary Vietnamese, English, numbers, punctuation) or is ambiguous.
pub fn convert(text: &str) -> Option<(String, Legacy)> {
    if !text.chars().all(one_byte) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let tcvn3 = read_as(&chars, Legacy::Tcvn3);
    let vni = read_as(&chars, Legacy::Vni);
    match (tcvn3, vni) {
        (Some((text, _)), None) => Some((text, Legacy::Tcvn3)),
        (None, Some((text, _))) => Some((text, Legacy::Vni)),
        // Both can hold up when one encoding's codes are symbols in the other: "®Æm" is TCVN3
        // "đặm", but VNI reads Æ as Ỉ and leaves ® as a symbol stuck to "Ỉm". The reading that
        // leaves fewer of the cell's characters unexplained is the one that was typed; when
        // both explain everything ("Thuû" is TCVN3 "Thuỷ" and VNI "Thủ"), there is no telling.
        (Some((t, t_left)), Some((v, v_left))) => match t_left.cmp(&v_left) {
            Ordering::Less => Some((t, Legacy::Tcvn3)),
            Ordering::Greater => Some((v, Legacy::Vni)),
            Ordering::Equal => None,
        },
        (None, None) => None,
    }
}

/// TCVN3 (VN3): code → letter, for the codes that are not ASCII. Codes are also the characters
/// Windows-1252 and Latin-1 give them. Toned capitals have no code (see the module notes).
#[rustfmt::skip] // laid out as a table, to be checked against the sources
const TCVN3: [(u8, char); 74] = [
    (0xA1, 'Ă'), (0xA2, 'Â'), (0xA3, 'Ê'), (0xA4, 'Ô'), (0xA5, 'Ơ'), (0xA6, 'Ư'), (0xA7, 'Đ'),
    (0xA8, 'ă'), (0xA9, 'â'), (0xAA, 'ê'), (0xAB, 'ô'), (0xAC, 'ơ'), (0xAD, 'ư'), (0xAE, 'đ'),
    (0xB5, 'à'), (0xB6, 'ả'), (0xB7, 'ã'), (0xB8, 'á'), (0xB9, 'ạ'), (0xBB, 'ằ'), (0xBC, 'ẳ'),
    (0xBD, 'ẵ'), (0xBE, 'ắ'), (0xC6, 'ặ'), (0xC7, 'ầ'), (0xC8, 'ẩ'), (0xC9, 'ẫ'), (0xCA, 'ấ'),
    (0xCB, 'ậ'), (0xCC, 'è'), (0xCE, 'ẻ'), (0xCF, 'ẽ'), (0xD0, 'é'), (0xD1, 'ẹ'), (0xD2, 'ề'),
    (0xD3, 'ể'), (0xD4, 'ễ'), (0xD5, 'ế'), (0xD6, 'ệ'), (0xD7, 'ì'), (0xD8, 'ỉ'), (0xDC, 'ĩ'),
    (0xDD, 'í'), (0xDE, 'ị'), (0xDF, 'ò'), (0xE1, 'ỏ'), (0xE2, 'õ'), (0xE3, 'ó'), (0xE4, 'ọ'),
    (0xE5, 'ồ'), (0xE6, 'ổ'), (0xE7, 'ỗ'), (0xE8, 'ố'), (0xE9, 'ộ'), (0xEA, 'ờ'), (0xEB, 'ở'),
    (0xEC, 'ỡ'), (0xED, 'ớ'), (0xEE, 'ợ'), (0xEF, 'ù'), (0xF1, 'ủ'), (0xF2, 'ũ'), (0xF3, 'ú'),
    (0xF4, 'ụ'), (0xF5, 'ừ'), (0xF6, 'ử'), (0xF7, 'ữ'), (0xF8, 'ứ'), (0xF9, 'ự'), (0xFA, 'ỳ'),
    (0xFB, 'ỷ'), (0xFC, 'ỹ'), (0xFD, 'ý'), (0xFE, 'ỵ'),
];

/// VNI-Windows: every letter that is not ASCII → its bytes (base, then mark, or one byte).
#[rustfmt::skip] // laid out as a table, to be checked against the sources
const VNI: [(char, &[u8]); 134] = [
    ('à', b"a\xF8"), ('ả', b"a\xFB"), ('ã', b"a\xF5"), ('á', b"a\xF9"), ('ạ', b"a\xEF"),
    ('ă', b"a\xEA"), ('ằ', b"a\xE8"), ('ẳ', b"a\xFA"), ('ẵ', b"a\xFC"), ('ắ', b"a\xE9"),
    ('ặ', b"a\xEB"), ('â', b"a\xE2"), ('ầ', b"a\xE0"), ('ẩ', b"a\xE5"), ('ẫ', b"a\xE3"),
    ('ấ', b"a\xE1"), ('ậ', b"a\xE4"), ('đ', b"\xF1"), ('è', b"e\xF8"), ('ẻ', b"e\xFB"),
    ('ẽ', b"e\xF5"), ('é', b"e\xF9"), ('ẹ', b"e\xEF"), ('ê', b"e\xE2"), ('ề', b"e\xE0"),
    ('ể', b"e\xE5"), ('ễ', b"e\xE3"), ('ế', b"e\xE1"), ('ệ', b"e\xE4"), ('ì', b"\xEC"),
    ('ỉ', b"\xE6"), ('ĩ', b"\xF3"), ('í', b"\xED"), ('ị', b"\xF2"), ('ò', b"o\xF8"),
    ('ỏ', b"o\xFB"), ('õ', b"o\xF5"), ('ó', b"o\xF9"), ('ọ', b"o\xEF"), ('ô', b"o\xE2"),
    ('ồ', b"o\xE0"), ('ổ', b"o\xE5"), ('ỗ', b"o\xE3"), ('ố', b"o\xE1"), ('ộ', b"o\xE4"),
    ('ơ', b"\xF4"), ('ờ', b"\xF4\xF8"), ('ở', b"\xF4\xFB"), ('ỡ', b"\xF4\xF5"),
    ('ớ', b"\xF4\xF9"), ('ợ', b"\xF4\xEF"), ('ù', b"u\xF8"), ('ủ', b"u\xFB"), ('ũ', b"u\xF5"),
    ('ú', b"u\xF9"), ('ụ', b"u\xEF"), ('ư', b"\xF6"), ('ừ', b"\xF6\xF8"), ('ử', b"\xF6\xFB"),
    ('ữ', b"\xF6\xF5"), ('ứ', b"\xF6\xF9"), ('ự', b"\xF6\xEF"), ('ỳ', b"y\xF8"), ('ỷ', b"y\xFB"),
    ('ỹ', b"y\xF5"), ('ý', b"y\xF9"), ('ỵ', b"\xEE"),
    ('À', b"A\xD8"), ('Ả', b"A\xDB"), ('Ã', b"A\xD5"), ('Á', b"A\xD9"), ('Ạ', b"A\xCF"),
    ('Ă', b"A\xCA"), ('Ằ', b"A\xC8"), ('Ẳ', b"A\xDA"), ('Ẵ', b"A\xDC"), ('Ắ', b"A\xC9"),
    ('Ặ', b"A\xCB"), ('Â', b"A\xC2"), ('Ầ', b"A\xC0"), ('Ẩ', b"A\xC5"), ('Ẫ', b"A\xC3"),
    ('Ấ', b"A\xC1"), ('Ậ', b"A\xC4"), ('Đ', b"\xD1"), ('È', b"E\xD8"), ('Ẻ', b"E\xDB"),
    ('Ẽ', b"E\xD5"), ('É', b"E\xD9"), ('Ẹ', b"E\xCF"), ('Ê', b"E\xC2"), ('Ề', b"E\xC0"),
    ('Ể', b"E\xC5"), ('Ễ', b"E\xC3"), ('Ế', b"E\xC1"), ('Ệ', b"E\xC4"), ('Ì', b"\xCC"),
    ('Ỉ', b"\xC6"), ('Ĩ', b"\xD3"), ('Í', b"\xCD"), ('Ị', b"\xD2"), ('Ò', b"O\xD8"),
    ('Ỏ', b"O\xDB"), ('Õ', b"O\xD5"), ('Ó', b"O\xD9"), ('Ọ', b"O\xCF"), ('Ô', b"O\xC2"),
    ('Ồ', b"O\xC0"), ('Ổ', b"O\xC5"), ('Ỗ', b"O\xC3"), ('Ố', b"O\xC1"), ('Ộ', b"O\xC4"),
    ('Ơ', b"\xD4"), ('Ờ', b"\xD4\xD8"), ('Ở', b"\xD4\xDB"), ('Ỡ', b"\xD4\xD5"),
    ('Ớ', b"\xD4\xD9"), ('Ợ', b"\xD4\xCF"), ('Ù', b"U\xD8"), ('Ủ', b"U\xDB"), ('Ũ', b"U\xD5"),
    ('Ú', b"U\xD9"), ('Ụ', b"U\xCF"), ('Ư', b"\xD6"), ('Ừ', b"\xD6\xD8"), ('Ử', b"\xD6\xDB"),
    ('Ữ', b"\xD6\xD5"), ('Ứ', b"\xD6\xD9"), ('Ự', b"\xD6\xCF"), ('Ỳ', b"Y\xD8"), ('Ỷ', b"Y\xDB"),
    ('Ỹ', b"Y\xD5"), ('Ý', b"Y\xD9"), ('Ỵ', b"\xCE"),
];

/// Windows-1252 at 0x80–0x9F. The five codes it leaves undefined (0x81, 0x8D, 0x8F, 0x90,
/// 0x9D) come through as the C1 controls of the same number, as Windows itself passes them on.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Western names that spell a well-formed legacy syllable by themselves ("Loïc" is VNI for
/// "Lọc", "Lü", the pinyin surname, TCVN3 for "Lỹ") and are likelier on a guest list than the
/// syllable is, lowercase as typed. They never count as evidence. Words such as "Mü" stay out:
/// TCVN3 "Mü" is "Mỹ", far commoner in these lists than the Greek letter.
const WESTERN: [&str; 4] = ["loïc", "thaï", "lü", "nü"];

/// The Vietnamese vowels with each tone, in the order plain, huyền, hỏi, ngã, sắc, nặng.
const VOWELS: [[char; 6]; 12] = [
    ['a', 'à', 'ả', 'ã', 'á', 'ạ'],
    ['ă', 'ằ', 'ẳ', 'ẵ', 'ắ', 'ặ'],
    ['â', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ'],
    ['e', 'è', 'ẻ', 'ẽ', 'é', 'ẹ'],
    ['ê', 'ề', 'ể', 'ễ', 'ế', 'ệ'],
    ['i', 'ì', 'ỉ', 'ĩ', 'í', 'ị'],
    ['o', 'ò', 'ỏ', 'õ', 'ó', 'ọ'],
    ['ô', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ'],
    ['ơ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ'],
    ['u', 'ù', 'ủ', 'ũ', 'ú', 'ụ'],
    ['ư', 'ừ', 'ử', 'ữ', 'ứ', 'ự'],
    ['y', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ'],
];

const SAC: u8 = 4;
const NANG: u8 = 5;

/// Initial consonants, longest first so that "ngh" wins over "ng" and "n". "gi" and "qu" are
/// tried as initials only before another vowel ("gìn" is g + ìn, "giữ" is gi + ữ).
const INITIALS: [&str; 28] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// Final consonants. "k" is not standard but ends the Central Highlands names Đắk and Lắk.
const FINALS: [&str; 10] = ["", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"];

/// Vowel groups Vietnamese spells, toneless: the positions the tone mark may take when the
/// syllable ends in the group (open) and when a final consonant follows (closed), an empty list
/// where the group cannot end that way, and the finals it takes. Both the old ("hòa", "thúy")
/// and the new ("hoà", "thuý") tone placements are allowed, since both were taught.
#[rustfmt::skip] // laid out as a table, to be checked against the sources
const GROUPS: [(&str, &[usize], &[usize], &str); 55] = [
    ("a", &[0], &[0], "c ch k m n ng nh p t"),
    ("ă", &[], &[0], "c k m n ng p t"),
    ("â", &[], &[0], "c m n ng p t"),
    ("e", &[0], &[0], "c m n ng p t"),
    ("ê", &[0], &[0], "ch m n nh p t"),
    ("i", &[0], &[0], "ch m n nh p t"),
    ("o", &[0], &[0], "c m n ng p t"),
    ("ô", &[0], &[0], "c m n ng p t"),
    ("ơ", &[0], &[0], "m n p t"),
    ("u", &[0], &[0], "c m n ng p t"),
    ("ư", &[0], &[0], "c m n ng t"),
    // Alone only after some initials; see `syllable`.
    ("y", &[0], &[0], "ch n nh t"),
    ("ai", &[0], &[], ""), ("ao", &[0], &[], ""), ("au", &[0], &[], ""), ("ay", &[0], &[], ""),
    ("âu", &[0], &[], ""), ("ây", &[0], &[], ""), ("eo", &[0], &[], ""), ("êu", &[0], &[], ""),
    ("ia", &[0], &[], ""), ("iu", &[0], &[], ""), ("oi", &[0], &[], ""), ("ôi", &[0], &[], ""),
    ("ơi", &[0], &[], ""), ("ui", &[0], &[], ""), ("ưi", &[0], &[], ""), ("ưu", &[0], &[], ""),
    ("ua", &[0], &[], ""), ("ưa", &[0], &[], ""),
    ("oa", &[0, 1], &[1], "c ch m n ng nh p t"),
    ("oe", &[0, 1], &[1], "c n t"),
    ("uy", &[0, 1], &[1], "ch n nh p t"),
    ("uê", &[1], &[1], "ch nh"),
    ("uơ", &[1], &[], ""),
    ("oă", &[], &[1], "c m n ng t"),
    ("uâ", &[], &[1], "n ng t"),
    // Open only in names of the Central Highlands peoples ("Niê").
    ("iê", &[1], &[1], "c m n ng p t"),
    ("yê", &[], &[1], "m n ng t"),
    ("uô", &[], &[1], "c m n ng t"),
    ("ươ", &[], &[1], "c m n ng p t"),
    ("oo", &[], &[1], "c ng"),
    ("uyê", &[], &[2], "n t"),
    ("iêu", &[1], &[], ""), ("yêu", &[1], &[], ""), ("uôi", &[1], &[], ""), ("ươi", &[1], &[], ""),
    ("ươu", &[1], &[], ""), ("oai", &[1], &[], ""), ("oay", &[1], &[], ""), ("oao", &[1], &[], ""),
    ("oeo", &[1], &[], ""), ("uây", &[1], &[], ""), ("uyu", &[1], &[], ""), ("uya", &[1], &[], ""),
];

/// One character of the legacy reading, with where it came from in the cell.
#[derive(Debug, Clone)]
struct Glyph {
    ch: char,
    /// The span of the cell's characters it was read from (two for a VNI base + mark).
    from: usize,
    to: usize,
    /// Read from a legacy code rather than passed through as ASCII or punctuation.
    legacy: bool,
    /// A TCVN3 toned vowel, whose capital the encoding has no code for.
    caseless: bool,
}

/// How one word of the cell bears on the question.
enum Word {
    /// ASCII only: the same in both readings.
    Plain { foreign: bool },
    /// Has legacy codes, and a Vietnamese word only when read that way.
    Evidence,
    /// Has legacy codes, but reads as a Vietnamese word (or a mere symbol) either way.
    Neutral,
}

/// One byte read as Windows-1252: how bytes that are not UTF-8 reach the converter.
pub fn windows_1252(byte: u8) -> char {
    match byte {
        0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// Whether `c` is what some byte reads as in Windows-1252 or in Latin-1 (which gives the C1
/// controls for 0x80–0x9F), the two ways legacy bytes reach us.
fn one_byte(c: char) -> bool {
    u32::from(c) <= 0xFF || WINDOWS_1252_HIGH.contains(&c)
}

/// The cell read as `encoding`, converted, if the reading passes the checks in the module notes,
/// with the number of the cell's characters beyond ASCII that it could not read as letters.
fn read_as(chars: &[char], encoding: Legacy) -> Option<(String, usize)> {
    let mut glyphs = match encoding {
        Legacy::Tcvn3 => decode_tcvn3(chars)?,
        Legacy::Vni => decode_vni(chars)?,
    };
    let words = words(&glyphs);
    if encoding == Legacy::Tcvn3 {
        restore_case(&mut glyphs, &words);
    }
    let mut evidence = 0;
    let mut foreign = 0;
    for word in &words {
        match judge(chars, &glyphs[word.clone()])? {
            Word::Evidence => evidence += 1,
            Word::Plain { foreign: true } => foreign += 1,
            Word::Plain { foreign: false } | Word::Neutral => {}
        }
    }
    let letters = glyphs.iter().filter(|g| g.ch.is_alphabetic()).count();
    if evidence == 0 || letters < 2 || (evidence == 1 && foreign > 0) {
        return None;
    }
    let unexplained = glyphs
        .iter()
        .filter(|g| !g.legacy && !g.ch.is_ascii())
        .count();
    Some((
        glyphs
            .iter()
            .map(|g| g.ch)
            .collect::<String>()
            .nfc()
            .collect(),
        unexplained,
    ))
}

fn decode_tcvn3(chars: &[char]) -> Option<Vec<Glyph>> {
    let mut glyphs = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let letter = TCVN3
            .iter()
            .find(|&&(code, _)| char::from(code) == c)
            .map(|&(_, l)| l);
        let glyph = match letter {
            Some(l) => Glyph {
                ch: l,
                from: i,
                to: i + 1,
                legacy: true,
                caseless: tone(l) != 0,
            },
            // A letter such as à or Á has no TCVN3 code: the cell cannot be TCVN3.
            None if c.is_alphabetic() && !c.is_ascii() => return None,
            None => Glyph {
                ch: c,
                from: i,
                to: i + 1,
                legacy: false,
                caseless: false,
            },
        };
        glyphs.push(glyph);
    }
    Some(glyphs)
}

fn decode_vni(chars: &[char]) -> Option<Vec<Glyph>> {
    let mut glyphs = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let pair = chars.get(i + 1).and_then(|&mark| vni_letter(&[c, mark]));
        let (ch, len, legacy) = match pair {
            Some(l) => (l, 2, true),
            None => match vni_letter(&[c]) {
                Some(l) => (l, 1, true),
                // A mark with no base before it, or a letter VNI lacks (ß, ç, ý …).
                None if c.is_alphabetic() && !c.is_ascii() => return None,
                None => (c, 1, false),
            },
        };
        glyphs.push(Glyph {
            ch,
            from: i,
            to: i + len,
            legacy,
            caseless: false,
        });
        i += len;
    }
    Some(glyphs)
}

/// The letter VNI writes as `seq`, if any; `seq` is one or two characters of the cell.
fn vni_letter(seq: &[char]) -> Option<char> {
    VNI.iter()
        .find(|(_, bytes)| {
            bytes.len() == seq.len() && bytes.iter().zip(seq).all(|(&b, &c)| char::from(b) == c)
        })
        .map(|&(l, _)| l)
}

/// The words of the reading, as spans of glyphs. Legacy codes count as letters even where the
/// Latin-1 character is a symbol (TCVN3 ¨ is ă), digits and everything else separate words.
fn words(glyphs: &[Glyph]) -> Vec<std::ops::Range<usize>> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, g) in glyphs.iter().enumerate() {
        let in_word = g.legacy || g.ch.is_alphabetic();
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(s..glyphs.len());
    }
    words
}

/// Gives TCVN3's toned vowels the case they had on screen, which the codes do not record. A word
/// whose other letters after the first are capitals was typed in capitals ("ÊP" is "ẤP"), one
/// with a lowercase letter there was not ("HÅ" in "HÅ ChÝ Minh" is "Hồ"); a word that cannot
/// tell ("HÅ" alone) follows the cell. A toned vowel that starts a word is a capital at the start
/// of the cell and in cells where every other word starts with a capital, which is how names are
/// written ("§Æng ThÞ Ngäc ¸nh" is "Đặng Thị Ngọc Ánh"), and lowercase otherwise ("Hîp t¸c").
fn restore_case(glyphs: &mut [Glyph], words: &[std::ops::Range<usize>]) {
    #[derive(PartialEq)]
    enum Style {
        Lower,
        Caps,
        Unknown,
    }
    let known = |g: &Glyph| !g.caseless && g.ch.is_alphabetic();
    let styles: Vec<Style> = words
        .iter()
        .map(|w| {
            let rest: Vec<&Glyph> = glyphs[w.start + 1..w.end]
                .iter()
                .filter(|g| known(g))
                .collect();
            if rest.iter().any(|g| g.ch.is_lowercase()) {
                Style::Lower
            } else if rest.is_empty() {
                Style::Unknown
            } else {
                Style::Caps
            }
        })
        .collect();
    let all_caps = styles.contains(&Style::Caps) && !styles.contains(&Style::Lower);
    let title = words
        .iter()
        .map(|w| &glyphs[w.start])
        .filter(|g| known(g))
        .all(|g| g.ch.is_uppercase());
    for (n, (word, style)) in words.iter().zip(&styles).enumerate() {
        for i in word.clone() {
            if !glyphs[i].caseless {
                continue;
            }
            let upper = match style {
                Style::Caps => true,
                Style::Unknown if all_caps => true,
                _ => i == word.start && (n == 0 || title),
            };
            if upper {
                glyphs[i].ch = glyphs[i].ch.to_uppercase().next().unwrap_or(glyphs[i].ch);
            }
        }
    }
}

/// What one word says about the reading; None if the reading makes it malformed.
fn judge(chars: &[char], word: &[Glyph]) -> Option<Word> {
    let read: String = word.iter().map(|g| g.ch).collect();
    if !word.iter().any(|g| g.legacy) {
        // Titles and initials ("TNHH", "ThS", "Ts", "A") are no sign of a foreign language.
        let abbreviation = read.chars().count() == 1
            || read.chars().skip(1).any(char::is_uppercase)
            || !read.chars().any(|c| "aeiouyAEIOUY".contains(c));
        return Some(Word::Plain {
            foreign: !vietnamese_word(&read, false) && !abbreviation,
        });
    }
    if !vietnamese_word(&read, true) && !dd_abbreviation(&read) {
        return None;
    }
    let (from, to) = (word[0].from, word[word.len() - 1].to);
    let typed: String = chars[from..to].iter().collect();
    // "§/c" and "Ñ/c" are how đồng chí is shortened; any other lone code may be a symbol.
    let lone =
        to - from == 1 && !(matches!(read.as_str(), "Đ" | "đ") && chars.get(to) == Some(&'/'));
    if lone || vietnamese_word(&typed, true) || WESTERN.contains(&typed.to_lowercase().as_str()) {
        Some(Word::Neutral)
    } else {
        Some(Word::Evidence)
    }
}

/// Whether `word` is Vietnamese as written in Unicode: a well-formed syllable in lower, Title or
/// UPPER case, or an abbreviation with Đ such as "HĐND". What tells a code page that reads as
/// Vietnamese from one that does not.
pub fn is_vietnamese(word: &str) -> bool {
    vietnamese_word(word, false) || dd_abbreviation(word)
}

/// An abbreviation with Đ in it and no vowel, in capitals ("HĐND", "ĐHQG") or "Đc"/"đc".
fn dd_abbreviation(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let consonants = chars
        .iter()
        .all(|&c| split(c).is_some_and(|(b, _)| !is_vowel(b)));
    let capitals = chars.len() <= 6 && chars.iter().all(|c| c.is_uppercase());
    let dc = matches!(chars.as_slice(), ['Đ' | 'đ', c] if c.is_lowercase());
    consonants && chars.iter().any(|c| matches!(c, 'Đ' | 'đ')) && (capitals || dc)
}

/// Whether `word` is one well-formed Vietnamese syllable in lower, Title or UPPER case. `strict`
/// also asks for a rhyme the language has and the standard spelling of the initial (k before
/// e ê i y, c elsewhere, and so on); without it, only the shape is checked, which is how ASCII
/// words such as "Kon" (of Kon Tum) still pass as not foreign.
fn vietnamese_word(word: &str, strict: bool) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let Some((first, rest)) = chars.split_first() else {
        return false;
    };
    let lower = rest.iter().all(|c| c.is_lowercase());
    let cased = (first.is_lowercase() && lower)
        || (first.is_uppercase() && (lower || rest.iter().all(|c| c.is_uppercase())));
    cased && syllable(&word.to_lowercase(), strict)
}

/// Whether a lowercase `word` is a well-formed Vietnamese syllable; see `vietnamese_word`.
fn syllable(word: &str, strict: bool) -> bool {
    let mut bases = String::new();
    let mut tone_at = None;
    let mut tone = 0;
    for (i, c) in word.chars().enumerate() {
        let Some((base, t)) = split(c) else {
            return false;
        };
        if t != 0 {
            if tone_at.is_some() {
                return false;
            }
            tone_at = Some(i);
            tone = t;
        }
        bases.push(base);
    }
    INITIALS.iter().any(|&initial| {
        let Some(rest) = bases.strip_prefix(initial) else {
            return false;
        };
        // The i of gi and the u of qu belong to the consonant and never take the tone.
        if matches!(initial, "gi" | "qu") && (!rest.starts_with(is_vowel) || tone_at == Some(1)) {
            return false;
        }
        let skip = initial.chars().count();
        let group: String = rest.chars().take_while(|&c| is_vowel(c)).collect();
        let last = &rest[group.len()..];
        let Some(&(_, open, closed, finals)) = GROUPS.iter().find(|g| g.0 == group) else {
            return false;
        };
        if !FINALS.contains(&last) {
            return false;
        }
        // Stop consonants cut the syllable short: only the sắc and nặng tones fit them.
        if matches!(last, "c" | "ch" | "k" | "p" | "t") && !matches!(tone, SAC | NANG) {
            return false;
        }
        let places = if last.is_empty() { open } else { closed };
        let tone_fits =
            tone_at.is_none_or(|at| at.checked_sub(skip).is_some_and(|p| places.contains(&p)));
        if places.is_empty() || !tone_fits {
            return false;
        }
        if !strict {
            return true;
        }
        let front = group.starts_with(['e', 'ê', 'i', 'y']);
        let spelled = match initial {
            // "gì", "gìn" are spelt with a bare g before i.
            "c" | "ng" => !front,
            "g" => !front || group.starts_with('i'),
            "k" | "gh" | "ngh" => front,
            "qu" => !group.starts_with(['u', 'ư', 'o']),
            "gi" => !group.starts_with('i'),
            _ => true,
        };
        let rhyme = last.is_empty() || finals.split(' ').any(|f| f == last);
        // A lone y ends a syllable only after these ("Lý", "Mỹ", "Kỳ"; i elsewhere), and takes
        // a final only after qu ("quýt", "Quỳnh").
        let lone_y = group != "y"
            || if last.is_empty() {
                ["", "h", "k", "l", "m", "n", "qu", "s", "t", "th", "v"].contains(&initial)
            } else {
                initial == "qu"
            };
        // Two groups are rarer than the table can say: oo is only in loanwords, "xoong" without
        // a tone and "moóc" with sắc, and uya only in the toneless "khuya". Allowing more would
        // let TCVN3 read VNI "Coâng" (Công) as "Coõng", "Loäc" (Lộc) as "Loọc" and "cuûa"
        // (của) as "cuỷa".
        let rare = match group.as_str() {
            "oo" => (last == "ng" && tone == 0) || (last == "c" && tone == SAC),
            "uya" => tone == 0,
            _ => true,
        };
        spelled && rhyme && lone_y && rare
    })
}

fn is_vowel(c: char) -> bool {
    VOWELS.iter().any(|v| v[0] == c)
}

/// A Vietnamese letter of either case as its lowercase toneless base and its tone (0 for none,
/// then huyền, hỏi, ngã, sắc, nặng); None for anything that is not a Vietnamese letter.
fn split(c: char) -> Option<(char, u8)> {
    let c = c.to_lowercase().next()?;
    VOWELS
        .iter()
        .find_map(|row| row.iter().position(|&v| v == c).map(|t| (row[0], t as u8)))
        .or_else(|| "bcdđghklmnpqrstvx".contains(c).then_some((c, 0)))
}

/// The tone of a Vietnamese letter, 0 for none.
fn tone(c: char) -> u8 {
    split(c).map_or(0, |(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::is_nfc;

    /// Bytes read as Windows-1252, written out for 0x80–0x9F rather than taken from a crate.
    fn windows_1252(bytes: &[u8]) -> String {
        bytes.iter().map(|&b| super::windows_1252(b)).collect()
    }

    fn latin_1(bytes: &[u8]) -> String {
        bytes.iter().map(|&b| char::from(b)).collect()
    }

    /// Unicode → TCVN3 bytes, as UniKey writes them: a toned capital gets the lowercase code.
    fn to_tcvn3(text: &str) -> Vec<u8> {
        text.nfc()
            .map(|c| {
                if c.is_ascii() {
                    return c as u8;
                }
                let find = |c: char| TCVN3.iter().find(|&&(_, l)| l == c).map(|&(b, _)| b);
                find(c)
                    .or_else(|| find(c.to_lowercase().next().unwrap()))
                    .unwrap_or_else(|| panic!("{c} has no TCVN3 code"))
            })
            .collect()
    }

    fn to_vni(text: &str) -> Vec<u8> {
        text.nfc()
            .flat_map(|c| {
                if c.is_ascii() {
                    return vec![c as u8];
                }
                let (_, bytes) = VNI.iter().find(|&&(l, _)| l == c).expect("no VNI bytes");
                bytes.to_vec()
            })
            .collect()
    }

    fn assert_reads(bytes: &[u8], expected: &str, encoding: Legacy) {
        for shown in [windows_1252(bytes), latin_1(bytes)] {
            assert_eq!(
                convert(&shown),
                Some((expected.to_string(), encoding)),
                "{shown:?} should read as {} {expected:?}",
                encoding.name()
            );
        }
    }

    fn all_letters() -> Vec<char> {
        let mut letters: Vec<char> = VOWELS.iter().flatten().copied().collect();
        letters.push('đ');
        let upper: Vec<char> = letters.iter().flat_map(|c| c.to_uppercase()).collect();
        letters.extend(upper);
        letters
    }

    #[test]
    fn names_the_encodings() {
        assert_eq!(Legacy::Tcvn3.name(), "TCVN3");
        assert_eq!(Legacy::Vni.name(), "VNI-Windows");
    }

    #[test]
    fn windows_1252_defines_27_characters_above_0x7f_below_0xa0() {
        let defined = WINDOWS_1252_HIGH
            .iter()
            .filter(|&&c| c as u32 > 0x9F)
            .count();
        assert_eq!(defined, 27);
        assert_eq!(windows_1252(&[0x80, 0x85, 0x96, 0x9F]), "€…–Ÿ");
        assert_eq!(
            windows_1252(&[0xA0, 0xD4, 0xFF]),
            latin_1(&[0xA0, 0xD4, 0xFF])
        );
    }

    #[test]
    fn vowel_table_agrees_with_unicode_decomposition() {
        let marks = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];
        for row in &VOWELS {
            for (t, &v) in row.iter().enumerate().skip(1) {
                let composed: String = format!("{}{}", row[0], marks[t - 1]).nfc().collect();
                assert_eq!(composed, v.to_string());
            }
        }
    }

    #[test]
    fn tables_cover_every_letter_once() {
        let letters = all_letters();
        assert_eq!(letters.len(), 146);
        for c in &letters {
            let vni = VNI.iter().filter(|(l, _)| l == c).count();
            assert_eq!(vni, usize::from(!c.is_ascii()), "VNI entries for {c}");
            let lower = c.to_lowercase().next().unwrap();
            let own = TCVN3.iter().filter(|&&(_, l)| l == *c).count();
            // A toned capital has no code of its own, by design of VN3.
            let expected = usize::from(!(c.is_ascii() || c.is_uppercase() && tone(lower) != 0));
            assert_eq!(own, expected, "TCVN3 entries for {c}");
        }
        let mut codes: Vec<u8> = TCVN3.iter().map(|&(b, _)| b).collect();
        codes.dedup();
        assert_eq!(codes.len(), 74);
    }

    #[test]
    fn reads_cells_with_quotes_typed_in_the_legacy_font_under_either_code_page() {
        // 0x93/0x94 are curly quotes in Windows-1252 and C1 controls in Latin-1.
        assert_eq!(
            convert(&windows_1252(b"\x93Nguy\xD4n V\xA8n A\x94")),
            Some(("\u{201C}Nguyễn Văn A\u{201D}".to_string(), Legacy::Tcvn3))
        );
        assert_eq!(
            convert(&latin_1(b"\x93Nguy\xD4n V\xA8n A\x94")),
            Some(("\u{93}Nguyễn Văn A\u{94}".to_string(), Legacy::Tcvn3))
        );
    }

    #[test]
    fn leaves_cells_that_read_well_in_both_encodings_alone() {
        // TCVN3 "Thuỷ" or VNI "Thủ"; TCVN3 "Hửng" or VNI "Hưng"; TCVN3 "Ệu" or VNI "Ưu".
        for cell in ["Thuû", "Höng", "Öu"] {
            assert_eq!(convert(cell), None, "{cell}");
        }
    }

    #[test]
    fn prefers_the_encoding_that_reads_every_character() {
        // VNI would read Æ as Ỉ and leave ® as a stray symbol; TCVN3 reads both.
        assert_reads(b"\xAE\xC6m", "đặm", Legacy::Tcvn3);
        // VNI would read æ as ỉ, but "Khỉng" is no Vietnamese rhyme.
        assert_reads(b"Kh\xE6ng", "Khổng", Legacy::Tcvn3);
        // TCVN3 would read ó as ú, but "Nghúa" breaks the spelling rule for ngh.
        assert_reads(b"Ngh\xF3a", "Nghĩa", Legacy::Vni);
        // TCVN3 would read â as õ and ä as ọ, but "Coõng" and "Loọc" are no syllables.
        assert_reads(b"Co\xE2ng ty A", "Công ty A", Legacy::Vni);
        assert_reads(b"Lo\xE4c", "Lộc", Legacy::Vni);
        assert_reads(b"cu\xFBa", "của", Legacy::Vni);
    }

    // The examples of the brief, with their bytes spelt out.

    #[test]
    fn reads_tcvn3_names() {
        assert_reads(b"Nguy\xD4n V\xA8n A", "Nguyễn Văn A", Legacy::Tcvn3);
        assert_eq!(windows_1252(b"Nguy\xD4n V\xA8n A"), "NguyÔn V¨n A");
        assert_reads(
            b"\xA7\xC6ng Th\xDE Ng\xE4c \xB8nh",
            "Đặng Thị Ngọc Ánh",
            Legacy::Tcvn3,
        );
        assert_eq!(
            windows_1252(b"\xA7\xC6ng Th\xDE Ng\xE4c \xB8nh"),
            "§Æng ThÞ Ngäc ¸nh"
        );
    }

    #[test]
    fn reads_vni_names() {
        assert_reads(b"Nguye\xE3n Va\xEAn A", "Nguyễn Văn A", Legacy::Vni);
        assert_eq!(windows_1252(b"Nguye\xE3n Va\xEAn A"), "Nguyeãn Vaên A");
        assert_reads(
            b"\xD1a\xEBng Th\xF2 Ngo\xEFc A\xD9nh",
            "Đặng Thị Ngọc Ánh",
            Legacy::Vni,
        );
        assert_eq!(
            windows_1252(b"\xD1a\xEBng Th\xF2 Ngo\xEFc A\xD9nh"),
            "Ñaëng Thò Ngoïc AÙnh"
        );
    }

    // Byte strings from other converters' tests and examples, written byte for byte:
    // duydev/vietnamese-conversion tests/helpers/test-data.ts, example/basic-usage.js,
    // example/detect-charset.js, example/batch-conversion.js; min-kha/viet-converter
    // test_unicode_filter.py.

    #[test]
    fn reads_tcvn3_samples_from_other_converters() {
        let samples: [(&[u8], &str); 8] = [
            (b"Xin ch\xB5o c\xB8c b\xB9n", "Xin chào các bạn"),
            (b"T\xABi \xAEi h\xE4c", "Tôi đi học"),
            (b"Ti\xD5ng Vi\xD6t r\xCAt hay", "Tiếng Việt rất hay"),
            (
                b"Ti\xD5ng Vi\xD6t c\xE3 29 ch\xF7 c\xB8i",
                "Tiếng Việt có 29 chữ cái",
            ),
            (b"T\xABi y\xAAu ti\xD5ng", "Tôi yêu tiếng"),
            (
                b"t\xABi t\xF5 khi m\xEDi ra \xAE\xEAi,",
                "tôi từ khi mới ra đời,",
            ),
            (b"H\xB5 N\xE9i", "Hà Nội"),
            // "Th¸nh" is the source's own typo for Thành: ¸ is á.
            (
                b"Th\xB8nh ph\xE8 H\xE5 Ch\xDD Minh",
                "Thánh phố Hồ Chí Minh",
            ),
        ];
        for (bytes, expected) in samples {
            assert_reads(bytes, expected, Legacy::Tcvn3);
        }
    }

    #[test]
    fn reads_vni_samples_from_other_converters() {
        let samples: [(&[u8], &str); 8] = [
            (b"Xin cha\xF8o ca\xF9c ba\xEFn", "Xin chào các bạn"),
            (b"To\xE2i \xF1i ho\xEFc", "Tôi đi học"),
            (b"Tie\xE1ng Vie\xE4t ra\xE1t hay", "Tiếng Việt rất hay"),
            (
                b"Tie\xE1ng Vie\xE4t co\xF9 29 ch\xF6\xF5 ca\xF9i",
                "Tiếng Việt có 29 chữ cái",
            ),
            (
                b"To\xE2i ye\xE2u tie\xE1ng n\xF6\xF4\xF9c to\xE2i",
                "Tôi yêu tiếng nước tôi",
            ),
            (
                b"t\xF6\xF8 khi m\xF4\xF9i ra \xF1\xF4\xF8i,",
                "từ khi mới ra đời,",
            ),
            (
                b"Ng\xF6\xF4\xF8i \xF4i, ng\xF6\xF4\xF8i \xF4i,",
                "Người ơi, người ơi,",
            ),
            (
                b"Tie\xE1ng Vie\xE4t co\xF8n, n\xF6\xF4\xF9c ta co\xF8n!",
                "Tiếng Việt còn, nước ta còn!",
            ),
        ];
        for (bytes, expected) in samples {
            assert_reads(bytes, expected, Legacy::Vni);
        }
        // A breve on i is no VNI letter, so bytes that would need one are not VNI at all.
        assert_eq!(convert(&windows_1252(b"Ti\xEAng Vi\xEAt")), None);
    }

    /// Each letter in a syllable it can stand in, lowercase, in capitals and as a capital
    /// initial, after "Đặng" so that every cell is legacy text whatever the letter.
    fn carriers(c: char) -> [String; 3] {
        let lower: String = c.to_lowercase().collect();
        let upper: String = c.to_uppercase().collect();
        match lower.as_str() {
            "đ" => ["Đặng đan".into(), "ĐẶNG ĐAN".into(), "Đặng Đan".into()],
            // y stands alone or after k; it takes no final but after qu.
            _ if split(c).is_some_and(|(b, _)| b == 'y') => [
                format!("Đặng k{lower}"),
                format!("ĐẶNG K{upper}"),
                format!("Đặng {upper}"),
            ],
            _ => [
                format!("Đặng t{lower}n"),
                format!("ĐẶNG T{upper}N"),
                format!("Đặng {upper}n"),
            ],
        }
    }

    #[test]
    fn round_trips_every_letter_with_every_tone() {
        let mut checked = 0;
        for c in all_letters().into_iter().filter(|c| c.is_lowercase()) {
            for text in carriers(c) {
                for (encoding, bytes) in [
                    (Legacy::Tcvn3, to_tcvn3(&text)),
                    (Legacy::Vni, to_vni(&text)),
                ] {
                    for shown in [windows_1252(&bytes), latin_1(&bytes)] {
                        let (back, found) = convert(&shown).unwrap_or_else(|| {
                            panic!("{shown:?} ({} for {text}) not recognised", encoding.name())
                        });
                        assert_eq!(
                            (back.as_str(), found),
                            (text.as_str(), encoding),
                            "{shown:?}"
                        );
                        assert!(is_nfc(&back));
                        checked += 1;
                    }
                }
            }
        }
        // 73 letters (67 + 6 plain vowels), three forms each, two encodings, two code pages.
        assert_eq!(checked, 73 * 3 * 2 * 2);
    }

    #[test]
    fn round_trips_sentences_with_all_vowels() {
        let sentences = [
            "Ủy ban nhân dân tỉnh Quảng Ngãi",
            "Sở Giáo dục và Đào tạo",
            "Hợp tác xã Nông nghiệp Đồng Bành",
            "Trường Trung học phổ thông Nguyễn Huệ",
            "Phó Chủ tịch Hội đồng nhân dân huyện",
            "Bệnh viện Đa khoa tỉnh Đắk Lắk",
            "Lưu Thị Thuỷ, Trịnh Văn Khuyến, Hoàng Quốc Việt",
            "người yêu, khuỷu tay, ngoẹo đầu, khuya khoắt, quyết tâm",
        ];
        for s in sentences {
            assert_reads(&to_tcvn3(s), s, Legacy::Tcvn3);
            assert_reads(&to_vni(s), s, Legacy::Vni);
        }
    }

    #[test]
    fn restores_tcvn3_capitals_from_the_words_around_them() {
        let cases = [
            ("NGUYỄN VĂN ÁNH", "NGUYỄN VĂN ÁNH"),
            ("ỦY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
            ("Hồ Chí Minh", "Hồ Chí Minh"),
            ("HỒ CHÍ MINH", "HỒ CHÍ MINH"),
            ("Lê Thị Ánh Tuyết", "Lê Thị Ánh Tuyết"),
            ("Ấp Đông Hòa", "Ấp Đông Hòa"),
            ("ấp ổn định", "Ấp ổn định"),
            ("Hợp tác xã ấp Bình", "Hợp tác xã ấp Bình"),
        ];
        for (typed, expected) in cases {
            assert_reads(&to_tcvn3(typed), expected, Legacy::Tcvn3);
        }
    }

    #[test]
    fn reads_dong_chi_abbreviation_and_dd_acronyms() {
        assert_reads(b"\xA7/c", "Đ/c", Legacy::Tcvn3);
        assert_reads(b"\xD1/c", "Đ/c", Legacy::Vni);
        assert_reads(
            &to_tcvn3("HĐND xã Tân Phú"),
            "HĐND xã Tân Phú",
            Legacy::Tcvn3,
        );
        assert_reads(&to_vni("HĐND xã Tân Phú"), "HĐND xã Tân Phú", Legacy::Vni);
    }

    #[test]
    fn leaves_proper_unicode_vietnamese_alone() {
        let names = [
            "Nguyễn Văn Ánh",
            "Đặng Thị Ngọc Ánh",
            "Hợp tác xã Nông nghiệp Đồng Bành",
            "Trần Quốc Toản",
            "Lê Thị Hồng Nhung",
            "Phạm Minh Chính",
            "Võ Văn Thưởng",
            "Hoàng Minh",
            "Hoàng Anh Tú",
            "Lê Tú",
            "Hoà Bình",
            "Tô Hoài",
            "Bùi Thị Xuân",
            "Đỗ Mười",
            "Ủy ban nhân dân tỉnh Bắc Ninh",
            "Công ty TNHH Một thành viên Cà phê Buôn Ma Thuột",
            "Sở Tài nguyên và Môi trường",
            "Trường THPT chuyên Lê Quý Đôn",
            "Ngân hàng Nông nghiệp và Phát triển Nông thôn",
            "Ông",
            "Bà",
            "Đ/c",
            "Chủ tọa",
            "Hàng đầu",
            "Phó Giám đốc",
            "Thu Hà",
            "Mê Kông",
            "Ô Môn",
            "Tú",
            "Lý",
            "Hoàng",
            "Toàn",
            "Bình",
            "Sóc",
            "Uyên",
        ];
        for name in names {
            assert_eq!(convert(name), None, "{name}");
            let decomposed: String = name.nfd().collect();
            assert_eq!(convert(&decomposed), None, "{name} (NFD)");
        }
    }

    #[test]
    fn leaves_western_words_with_accents_alone() {
        let words = [
            "Café",
            "Crème",
            "Hôtel Métropole",
            "Résidence",
            "Café de la Paix",
            "Crème brûlée",
            "Hôtel Métropole Hanoi",
            "Résidence Saint-Honoré",
            "Société Générale",
            "Nestlé Việt Nam",
            "Nestlé",
            "Loïc Dupont",
            "Loïc",
            "Thaï",
            "Noël",
            "Zoë",
            "Chloé",
            "José Martínez",
            "Muñoz",
            "Peña",
            "Niño",
            "São Paulo",
            "João",
            "Müller",
            "Köln",
            "Jürgen",
            "Björn",
            "Søren",
            "Ørsted",
            "Straße",
            "naïve",
            "où",
            "Où est la gare",
            "dû",
            "goût",
            "Pokémon",
            "Beyoncé",
            "Lü Wei",
            "Lü",
            "Raúl",
            "Gaël",
            "Renée",
            "© 2020 ABC",
            "Samsung®",
            "«Hôtel»",
            "§ 3",
            "25 °C",
            "½ ngày",
            "Giá 5 £",
            "µg",
            "thé",
            "sí",
            "qué",
            "dû",
        ];
        for w in words {
            assert_eq!(convert(w), None, "{w}");
        }
    }

    #[test]
    fn leaves_ascii_numbers_and_addresses_alone() {
        let plain = [
            "",
            " ",
            "Nguyen Van A",
            "Cong ty TNHH ABC",
            "UBND",
            "12345",
            "0912 345 678",
            "+84 (0)24 3825 1234",
            "nguyen.van.a@example.com.vn",
            "https://example.gov.vn/tin-tuc",
            "01/02/2024",
            "3.500.000 đ",
            "P.301, 12 Ngô Quyền",
            "Hàng 1",
            "…",
            "“Quoted” – dash",
        ];
        for p in plain {
            assert_eq!(convert(p), None, "{p:?}");
        }
    }

    #[test]
    fn prefers_none_when_the_cell_mixes_unicode_and_legacy() {
        assert_eq!(convert("Nguyễn V¨n A"), None);
        assert_eq!(convert("Đặng ThÞ"), None);
    }

    #[test]
    fn rejects_a_reading_with_a_malformed_word() {
        // "Bïi" alone is TCVN3 for Bùi, but "Bïi Xyzé" has a word that is nothing in either.
        assert_reads(b"B\xEFi", "Bùi", Legacy::Tcvn3);
        assert_eq!(convert("Bïi Xyzé"), None);
    }

    #[test]
    fn reads_a_single_evidence_word_only_without_foreign_words() {
        assert_reads(b"C\xABng ty ABC", "Công ty ABC", Legacy::Tcvn3);
        assert_eq!(convert("C«ng ty Samsung"), None);
        assert_reads(
            b"C\xABng ty Samsung Vi\xD6t Nam",
            "Công ty Samsung Việt Nam",
            Legacy::Tcvn3,
        );
    }
}
