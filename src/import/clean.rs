//! Cells cleaned as the model wants them: a form of address typed with the name moved to its
//! own field, phone numbers that Excel stored as numbers given their leading 0 back (and
//! impossible ones found), a combined "Chức vụ, đơn vị" cell split into position and unit, and
//! the numbering taken off a section heading.

use crate::vn::HONORIFICS;

/// The form of address a cell of the "Danh xưng" column means, written any way: "Đ/c",
/// "đồng chí", "ÔNG", "Ô.", "B.". None for anything else, which is kept as typed for the
/// checks to report.
pub fn honorific(text: &str) -> Option<&'static str> {
    let lower = text.trim().trim_end_matches([':', '.']).to_lowercase();
    match lower.as_str() {
        "đ/c" | "đc" | "đ/chí" | "đ.c" | "đ/ c" => Some("Đồng chí"),
        "ô" => Some("Ông"),
        "b" => Some("Bà"),
        _ => HONORIFICS
            .iter()
            .find(|h| h.to_lowercase() == lower)
            .copied(),
    }
}

/// The forms of address a name may begin with, lowercase, longest first.
const NAME_PREFIXES: [&str; 10] = [
    "đồng chí",
    "đ/chí",
    "đ/ c",
    "đ/c",
    "đ.c",
    "đc.",
    "ông",
    "bà",
    "ô.",
    "b.",
];

/// A name typed with its form of address ("Đ/c Hoàng Văn Đức", "Ông: Nông Văn Tú", "B. Lý
/// Thị Mai"): the form, and the name without it. None when the name does not begin with one,
/// or nothing like a name follows it.
pub fn split_honorific(name: &str) -> Option<(&'static str, String)> {
    let lower = name.to_lowercase();
    for prefix in NAME_PREFIXES {
        let Some(rest) = lower.strip_prefix(prefix) else {
            continue;
        };
        // The same position in the name as typed: lowercasing Vietnamese keeps byte lengths
        // for these letters, but count characters to be sure.
        let skip = prefix.chars().count();
        let rest_typed: String = name.chars().skip(skip).collect();
        let after = rest_typed.trim_start_matches([':', '.']);
        // "Ông:" and "Đ/c." are followed by the name; "Ôngxyz" is a name of its own.
        let separated = after.len() < rest_typed.len()
            || after.starts_with(char::is_whitespace)
            || prefix.ends_with('.');
        let after = after.trim_start();
        if !separated || !after.chars().next().is_some_and(char::is_uppercase) || rest.is_empty() {
            continue;
        }
        let form = honorific(prefix)?;
        return Some((form, after.to_string()));
    }
    None
}

/// A phone number as a cell gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phone {
    /// A number of the Vietnamese plan, as it should be written.
    Valid(String),
    /// Not one: kept as typed, with a warning.
    Impossible(String),
}

/// A phone number Excel stored as a number: 912345678 is 0912345678, 2053812345 is
/// 02053812345. A number with decimals is no phone number.
pub fn phone_of_number(n: f64) -> Phone {
    if n.fract() != 0.0 || !(0.0..1e13).contains(&n) {
        return Phone::Impossible(n.to_string());
    }
    phone_of_text(&format!("{}", n as u64))
}

/// A phone cell typed as text. Digits only ("912345678", as a CSV saved from a sheet of
/// numbers holds them) get their leading 0 back; anything written with spaces, dots or
/// several numbers ("0205 3812 345", "0912.345.678 - 0205.3812345") is kept as typed when each
/// of its numbers is possible.
pub fn phone_of_text(text: &str) -> Phone {
    let text = text.trim();
    if text.chars().all(|c| c.is_ascii_digit()) {
        return match national(text) {
            Some(number) => Phone::Valid(number),
            None => Phone::Impossible(text.to_string()),
        };
    }
    let numbers: Vec<String> = text
        .split([',', ';', '/'])
        .flat_map(|part| part.split(" - "))
        .flat_map(|part| part.split(" hoặc "))
        .map(|part| part.chars().filter(char::is_ascii_digit).collect())
        .filter(|digits: &String| !digits.is_empty())
        .collect();
    if !numbers.is_empty() && numbers.iter().all(|n| national(n).is_some()) {
        Phone::Valid(text.to_string())
    } else {
        Phone::Impossible(text.to_string())
    }
}

/// The digits of a number of the Vietnamese plan (since 2018) in national form: mobiles of ten
/// digits, 03x, 05x, 07x, 08x, 09x; fixed lines of eleven, 02 and the area code (0205 Lạng Sơn,
/// 024 Hà Nội). The leading 0 may be missing (a number cell) or be +84/84.
fn national(digits: &str) -> Option<String> {
    let digits = match digits.strip_prefix("84") {
        Some(rest) if matches!(rest.len(), 9 | 10) => rest,
        _ => digits,
    };
    let number = match digits.strip_prefix('0') {
        Some(_) => digits.to_string(),
        None => format!("0{digits}"),
    };
    let bytes = number.as_bytes();
    let mobile = bytes.len() == 10 && matches!(bytes[1], b'3' | b'5' | b'7' | b'8' | b'9');
    let fixed = bytes.len() == 11 && bytes[1] == b'2';
    (mobile || fixed).then_some(number)
}

/// The words a unit's name begins with (lowercase): what tells "Sở Công Thương" from "Phó
/// Giám đốc" in a combined cell.
const UNITS: &[&str] = &[
    "sở ",
    "ban ",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "hđnd",
    "hội đồng",
    "văn phòng",
    "vp ",
    "vpubnd",
    "phòng ",
    "trung tâm",
    "công ty",
    "tổng công ty",
    "tập đoàn",
    "hợp tác xã",
    "htx",
    "tỉnh ủy",
    "tỉnh uỷ",
    "tỉnh đoàn",
    "huyện ủy",
    "huyện uỷ",
    "thành ủy",
    "thành uỷ",
    "thị ủy",
    "thị uỷ",
    "đảng ủy",
    "đảng uỷ",
    "đảng bộ",
    "bộ ",
    "cục ",
    "chi cục",
    "tổng cục",
    "viện ",
    "học viện",
    "trường ",
    "đại học",
    "bệnh viện",
    "báo ",
    "đài ",
    "ngân hàng",
    "hội ",
    "liên minh",
    "liên hiệp",
    "liên đoàn",
    "mặt trận",
    "mttq",
    "đoàn ",
    "công an",
    "bộ chỉ huy",
    "kho bạc",
    "chi nhánh",
    "ban quản lý",
    "bql",
    "cơ quan",
    "doanh nghiệp",
    "xã ",
    "phường ",
    "thị trấn",
    "huyện ",
    "thành phố",
    "tp ",
    "tp.",
    "thị xã",
    "tỉnh ",
    "quận ",
    "cổng thông tin",
];

/// Whether a part of a combined cell names a unit.
fn names_unit(part: &str) -> bool {
    let lower = part.to_lowercase() + " ";
    UNITS.iter().any(|u| lower.starts_with(u))
}

/// A combined "Chức vụ, đơn vị" cell as position and unit: split before the run of parts that
/// name a unit and that ends at the last such part ("Trưởng phòng, Phòng Kinh tế, UBND huyện
/// X" → "Trưởng phòng" and "Phòng Kinh tế, UBND huyện X"). A cell no part of which names a
/// unit is all position; one that is all unit is all unit.
pub fn split_position(text: &str) -> (Option<String>, Option<String>) {
    let parts: Vec<&str> = text
        .split([',', ';'])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" – "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let Some(last) = parts.iter().rposition(|p| names_unit(p)) else {
        return (Some(text.trim().to_string()), None);
    };
    let first = parts[..last]
        .iter()
        .rposition(|p| !names_unit(p))
        .map_or(0, |i| i + 1);
    let join = |parts: &[&str]| Some(parts.join(", ")).filter(|s| !s.is_empty());
    (join(&parts[..first]), join(&parts[first..]))
}

/// A section heading without its numbering: "I. LÃNH ĐẠO TỈNH" → "LÃNH ĐẠO TỈNH", "B) CÁC
/// HUYỆN" → "CÁC HUYỆN". Whether it was numbered comes back too. A single Latin letter
/// counts as numbering only before capitals, so that "B. Lý Thị Mai" stays a name.
pub fn heading(text: &str) -> (bool, String) {
    let text = text.trim();
    let token_end = text
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let (token, rest) = text.split_at(token_end);
    let Some(rest) = rest.strip_prefix(['.', ')', ':', '-', '/']).filter(|r| {
        r.is_empty() || r.starts_with(char::is_whitespace) || r.starts_with(char::is_uppercase)
    }) else {
        return (false, tidy(text));
    };
    let rest = tidy(rest);
    let roman = !token.is_empty() && token.chars().all(|c| "IVXLC".contains(c));
    let letter =
        token.len() == 1 && token.chars().all(|c| c.is_ascii_uppercase()) && is_upper(&rest);
    if (roman || letter) && !rest.is_empty() {
        (true, rest)
    } else {
        (false, tidy(text))
    }
}

/// Whether a numbering token stands alone in a cell: "I", "II.", "A", "B)".
pub fn numbering(text: &str) -> bool {
    let token = text.trim().trim_end_matches(['.', ')', ':']);
    !token.is_empty()
        && (token.chars().all(|c| "IVXLC".contains(c))
            || (token.len() == 1 && token.chars().all(|c| c.is_ascii_uppercase())))
}

/// Whether a text is written in capitals, with three letters at least: how section headings
/// are typed.
pub fn is_upper(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic());
    letters.clone().count() >= 3 && letters.clone().all(char::is_uppercase)
}

/// Runs of spaces made one, and a trailing colon dropped.
fn tidy(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(':')
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_address_typed_with_the_name_are_taken_off() {
        let split = |s| split_honorific(s);
        assert_eq!(
            split("Đ/c Hoàng Văn Đức"),
            Some(("Đồng chí", "Hoàng Văn Đức".into()))
        );
        assert_eq!(
            split("đ/c Hoàng Văn Đức"),
            Some(("Đồng chí", "Hoàng Văn Đức".into()))
        );
        assert_eq!(
            split("Đồng chí Lương Trọng Quỳnh"),
            Some(("Đồng chí", "Lương Trọng Quỳnh".into()))
        );
        assert_eq!(split("Bà Lý Thị Mai"), Some(("Bà", "Lý Thị Mai".into())));
        assert_eq!(
            split("Ông: Nông Văn Tú"),
            Some(("Ông", "Nông Văn Tú".into()))
        );
        assert_eq!(split("Ô. Nông Văn Tú"), Some(("Ông", "Nông Văn Tú".into())));
        assert_eq!(split("B. Lý Thị Mai"), Some(("Bà", "Lý Thị Mai".into())));
        assert_eq!(split("Bàn Văn Hùng"), None);
        assert_eq!(split("Ông"), None);
        assert_eq!(split("Hoàng Văn Đức"), None);
    }

    #[test]
    fn phones_get_their_leading_zero_back_by_the_numbering_plan() {
        assert_eq!(
            phone_of_number(912345678.0),
            Phone::Valid("0912345678".into())
        );
        assert_eq!(
            phone_of_number(2053812345.0),
            Phone::Valid("02053812345".into())
        );
        assert_eq!(phone_of_number(912.0), Phone::Impossible("912".into()));
        assert_eq!(
            phone_of_number(912.345678),
            Phone::Impossible("912.345678".into())
        );
        assert_eq!(
            phone_of_text("912345678"),
            Phone::Valid("0912345678".into())
        );
        assert_eq!(
            phone_of_text("0912 345 678"),
            Phone::Valid("0912 345 678".into())
        );
        assert_eq!(
            phone_of_text("+84 912 345 678"),
            Phone::Valid("+84 912 345 678".into())
        );
        assert_eq!(
            phone_of_text("0205.3812345 - 0988123456"),
            Phone::Valid("0205.3812345 - 0988123456".into())
        );
        // An old 11-digit mobile and a number too short are not numbers any more.
        assert_eq!(
            phone_of_text("01681234567"),
            Phone::Impossible("01681234567".into())
        );
        assert_eq!(phone_of_text("12345"), Phone::Impossible("12345".into()));
    }

    #[test]
    fn a_combined_cell_is_split_before_its_unit() {
        let split = |s| split_position(s);
        let both = |p: &str, u: &str| (Some(p.to_string()), Some(u.to_string()));
        assert_eq!(
            split("Phó Giám đốc, Sở Công Thương"),
            both("Phó Giám đốc", "Sở Công Thương")
        );
        assert_eq!(
            split("Trưởng phòng, Phòng Kinh tế, UBND huyện Cao Lộc"),
            both("Trưởng phòng", "Phòng Kinh tế, UBND huyện Cao Lộc")
        );
        assert_eq!(
            split("Phó Chủ tịch, Hội Nông dân tỉnh"),
            both("Phó Chủ tịch", "Hội Nông dân tỉnh")
        );
        assert_eq!(
            split("Giám đốc Sở Y tế"),
            (Some("Giám đốc Sở Y tế".into()), None)
        );
        assert_eq!(split("Sở Tài chính"), (None, Some("Sở Tài chính".into())));
    }

    #[test]
    fn headings_lose_their_numbering() {
        assert_eq!(heading("I. LÃNH ĐẠO TỈNH"), (true, "LÃNH ĐẠO TỈNH".into()));
        assert_eq!(
            heading("II.  Các sở, ban, ngành:"),
            (true, "Các sở, ban, ngành".into())
        );
        assert_eq!(heading("B) CÁC HUYỆN"), (true, "CÁC HUYỆN".into()));
        assert_eq!(heading("B. Lý Thị Mai"), (false, "B. Lý Thị Mai".into()));
        assert_eq!(heading("ĐẠI BIỂU KHÁC"), (false, "ĐẠI BIỂU KHÁC".into()));
        assert!(numbering("IV") && numbering("A.") && !numbering("12"));
    }
}
