//! Vietnamese wording: how dates, weekdays and clock times are written in administrative
//! documents (NĐ 30/2020 Phụ lục I, ô 4, and Phụ lục II), and file-name slugs.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};
use unicode_normalization::UnicodeNormalization;

/// The forms of address an invitee may carry.
pub const HONORIFICS: [&str; 3] = ["Đồng chí", "Ông", "Bà"];

/// The weekday as written inside a sentence: "thứ Hai" … "thứ Bảy", "Chủ nhật".
pub fn weekday(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "thứ Hai",
        Weekday::Tue => "thứ Ba",
        Weekday::Wed => "thứ Tư",
        Weekday::Thu => "thứ Năm",
        Weekday::Fri => "thứ Sáu",
        Weekday::Sat => "thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// A day of the month with the decree's leading zero below 10: "05", "16".
pub fn day(day: u32) -> String {
    format!("{day:02}")
}

/// A month with the decree's leading zero for January and February only: "01", "02", "3", "10".
pub fn month(month: u32) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

/// A date in running text: "16/10/2025", "05/02/2026", "09/3/2026".
pub fn short_date(date: NaiveDate) -> String {
    format!(
        "{}/{}/{}",
        day(date.day()),
        month(date.month()),
        date.year()
    )
}

/// A clock time in the formal style of invitations: "08 giờ 00 phút", "14 giờ 30 phút".
pub fn clock(time: NaiveTime) -> String {
    format!("{:02} giờ {:02} phút", time.hour(), time.minute())
}

/// The time line of an invitation: "08 giờ 00 phút, thứ Năm, ngày 16/10/2025", or with the
/// tentative wording while the date is not fixed: "08 giờ 00 phút, trong tháng 10/2025".
pub fn event_time(start: NaiveTime, date: Option<NaiveDate>, tentative: &str) -> String {
    match date {
        Some(date) => format!(
            "{}, {}, ngày {}",
            clock(start),
            weekday(date),
            short_date(date)
        ),
        None => format!("{}, {}", clock(start), tentative),
    }
}

/// A number in Roman numerals, for headings: 1 → "I", 4 → "IV", 14 → "XIV".
pub fn roman(mut n: usize) -> String {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// The text with its first letter in lower case: "Phát biểu khai mạc" → "phát biểu khai mạc".
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// The text with its first letter in upper case: "đại diện" → "Đại diện".
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Text folded for matching: diacritics removed (đ → d), lower case, words of `a-z` and `0-9`
/// joined by `sep`. "Họ và tên" → "ho va ten"; "Cơ quan/Đơn vị" → "co quan don vi".
pub fn fold(text: &str, sep: char) -> String {
    let mut out = String::new();
    let mut pending = false;
    for c in text.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            c if is_combining_mark(c) => continue,
            _ => {
                pending = !out.is_empty();
                continue;
            }
        };
        if pending {
            out.push(sep);
            pending = false;
        }
        out.push(c);
    }
    out
}

/// A file-name slug: the text folded with hyphens, cut at a word boundary to at most `max`
/// characters. Empty when the text has no letter or digit at all.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = fold(text, '-');
    if out.len() > max {
        let cut = out[..=max].rfind('-').unwrap_or(max);
        out.truncate(cut);
    }
    out
}

// The combining diacritics that NFD splits Vietnamese letters into (tones and vowel marks).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weekdays_follow_the_calendar() {
        assert_eq!(weekday(date(2025, 10, 16)), "thứ Năm");
        assert_eq!(weekday(date(2025, 10, 19)), "Chủ nhật");
        assert_eq!(weekday(date(2025, 10, 20)), "thứ Hai");
        assert_eq!(weekday(date(2026, 2, 28)), "thứ Bảy");
    }

    #[test]
    fn days_below_ten_and_months_one_and_two_get_a_leading_zero() {
        assert_eq!(day(5), "05");
        assert_eq!(day(16), "16");
        assert_eq!(month(1), "01");
        assert_eq!(month(2), "02");
        assert_eq!(month(3), "3");
        assert_eq!(month(10), "10");
        assert_eq!(short_date(date(2026, 2, 5)), "05/02/2026");
        assert_eq!(short_date(date(2026, 3, 9)), "09/3/2026");
        assert_eq!(short_date(date(2025, 10, 16)), "16/10/2025");
    }

    #[test]
    fn clock_times_are_formal() {
        let t = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
        assert_eq!(clock(t), "08 giờ 00 phút");
        let t = NaiveTime::from_hms_opt(14, 5, 0).unwrap();
        assert_eq!(clock(t), "14 giờ 05 phút");
    }

    #[test]
    fn event_time_has_weekday_or_tentative_wording() {
        let t = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
        assert_eq!(
            event_time(t, Some(date(2025, 10, 16)), "trong tháng 10/2025"),
            "08 giờ 00 phút, thứ Năm, ngày 16/10/2025"
        );
        assert_eq!(
            event_time(t, None, "trong tháng 10/2025"),
            "08 giờ 00 phút, trong tháng 10/2025"
        );
    }

    #[test]
    fn roman_numerals_number_the_groups() {
        let r: Vec<String> = [1, 2, 3, 4, 9, 14, 40].iter().map(|&n| roman(n)).collect();
        assert_eq!(r, ["I", "II", "III", "IV", "IX", "XIV", "XL"]);
    }

    #[test]
    fn first_letters_change_case_alone() {
        assert_eq!(
            lower_first("Phát biểu khai mạc Hội nghị"),
            "phát biểu khai mạc Hội nghị"
        );
        assert_eq!(lower_first("Đồng chí"), "đồng chí");
        assert_eq!(upper_first("đại diện Sở Nội vụ"), "Đại diện Sở Nội vụ");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn slugs_fold_vietnamese_and_keep_nothing_else() {
        assert_eq!(slug("Lương Trọng Quỳnh", 60), "luong-trong-quynh");
        assert_eq!(slug("Đặng Thị Ngọc Ánh", 60), "dang-thi-ngoc-anh");
        assert_eq!(slug("Sở Tài chính (Đại diện)", 60), "so-tai-chinh-dai-dien");
        assert_eq!(slug("ỨNG DỤNG Ưu Ơ", 60), "ung-dung-uu-o");
        assert_eq!(slug("../../etc/passwd", 60), "etc-passwd");
        assert_eq!(slug("C:\\x", 60), "c-x");
        assert_eq!(slug("!!! ...", 60), "");
        assert_eq!(slug("Nguyễn Văn An", 8), "nguyen");
        assert!(slug(&"Nguyễn ".repeat(40), 60).len() <= 60);
    }

    #[test]
    fn folding_matches_headers_written_any_way() {
        assert_eq!(fold("Họ và tên", ' '), "ho va ten");
        assert_eq!(fold("HO VA TEN", ' '), "ho va ten");
        assert_eq!(fold("  Cơ quan/Đơn vị ", ' '), "co quan don vi");
        assert_eq!(fold("Số ĐT", ' '), "so dt");
    }

    #[test]
    fn slugs_of_decomposed_input_match_composed_input() {
        let nfd: String = "Hướng".nfd().collect();
        assert_eq!(slug(&nfd, 60), slug("Hướng", 60));
    }
}
