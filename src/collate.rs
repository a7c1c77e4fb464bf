//! Vietnamese alphabetical order, for delegate lists and other sorted lists of names.
//!
//! Two orders are offered. [`Collation::compare`] is plain dictionary order (CLDR `vi`), for
//! organisation names and products. [`Collation::compare_names`] is the order of personal names
//! in Vietnamese lists: by given name (tên, the last word), then middle names (tên đệm), then
//! family name (họ, the first word).
//!
//! The work is done by ICU4X's `icu_collator` with its built-in (compiled) CLDR data. The `vi`
//! locale must be asked for explicitly: the root order folds đ into d and ư into u, and ranks
//! the tones differently.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};

/// Vietnamese collation (CLDR "vi"): the alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
/// letters before tones, tones in the order ngang, huyền, hỏi, ngã, sắc, nặng.
///
/// Letter differences anywhere in two texts outrank tone differences, which outrank case
/// differences (lower case first). Text is compared by canonical equivalence, so decomposed
/// (NFD) and composed (NFC) input compare equal.
///
/// A `Collation` is a reference to collators built once per process: it is `Copy`, `Send` and
/// `Sync`, and [`Collation::new`] is cheap after the first call.
#[derive(Clone, Copy, Debug)]
pub struct Collation {
    collators: &'static Collators,
}

/// The two `vi` collators, built once per process. `CollatorBorrowed<'static>` holds only
/// references into the compiled data and an options word, so it is `Send + Sync` (the `static`
/// below would not compile otherwise) and never changes after it is built.
#[derive(Debug)]
struct Collators {
    /// Default (tertiary) strength: letters, then tones, then case.
    full: CollatorBorrowed<'static>,
    /// Secondary strength: letters, then tones; case ignored. Used for the parts of a personal
    /// name, so that a name typed in capitals or lower case still sorts by its letters and tones
    /// first and case only breaks the final tie.
    letters_and_tones: CollatorBorrowed<'static>,
}

static COLLATORS: OnceLock<Collators> = OnceLock::new();

// `Collation` is used from several threads; fail the build, not a run, if that ever breaks.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<Collation>();
};

impl Collators {
    fn build() -> Self {
        let mut letters_and_tones = CollatorOptions::default();
        letters_and_tones.strength = Some(Strength::Secondary);
        Collators {
            full: vi_collator(CollatorOptions::default()),
            letters_and_tones: vi_collator(letters_and_tones),
        }
    }
}

/// A collator for `vi` from the compiled data.
fn vi_collator(options: CollatorOptions) -> CollatorBorrowed<'static> {
    // The usual spelling is `locale!("vi").into()`, but `locale!` lives in icu_locale_core,
    // which this crate does not depend on directly. `from_locale_strict` takes a `&Locale`, so
    // the parse below is typed as a `Locale` without naming that crate.
    let prefs = CollatorPreferences::from_locale_strict(
        &"vi".parse().expect("\"vi\" is a well-formed locale"),
    )
    .expect("\"vi\" has no extension keywords that could be invalid");
    // Cannot fail: the compiled data is linked in and has the `vi` tailoring (a test checks
    // that the tailoring, not the root order, is what we get).
    Collator::try_new(prefs, options).expect("compiled collation data includes vi")
}

impl Collation {
    /// The Vietnamese collation. Never panics: the collation data is compiled in.
    #[must_use]
    pub fn new() -> Self {
        Collation {
            collators: COLLATORS.get_or_init(Collators::build),
        }
    }

    /// Plain Vietnamese order of two texts (organisation names, products).
    ///
    /// Letters decide first over the whole text, then tones, then case (lower case first).
    /// Texts that differ only by where the tone mark sits ("Ủy" / "Uỷ", "Hòa" / "Hoà") are not
    /// equal: they sort next to each other, the old placement ("Uỷ", "Hoà") first, because the
    /// tone is found later in the text.
    #[must_use]
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collators.full.compare(a, b)
    }

    /// The order of personal names in Vietnamese lists: by given name (the last word), then the
    /// middle names in order, then the family name (the first word), then the whole text, each
    /// compared in Vietnamese order; a one-word name is a given name.
    ///
    /// Words are separated by any whitespace, and extra spaces do not count. Given, middle and
    /// family names are compared by letters and tones only, so case cannot outrank the next
    /// part of the name; the whole text (word by word, in written order) then breaks ties by
    /// case, lower case first. Fewer middle names sort first when the common ones are equal, as
    /// does a missing family name. Names equal on all of this (for example NFD and NFC spellings
    /// of one name) compare `Equal`, so a stable sort keeps their input order.
    #[must_use]
    pub fn compare_names(&self, a: &str, b: &str) -> Ordering {
        let by_name = &self.collators.letters_and_tones;
        let (a, b) = (PersonalName::parse(a), PersonalName::parse(b));
        by_name
            .compare(a.given, b.given)
            .then_with(|| compare_words(by_name, a.middle(), b.middle()))
            .then_with(|| by_name.compare(a.family, b.family))
            .then_with(|| compare_words(&self.collators.full, a.words(), b.words()))
    }
}

impl Default for Collation {
    fn default() -> Self {
        Self::new()
    }
}

/// A personal name split on whitespace: họ (first word), tên đệm (the words between), tên (the
/// last word). Borrowed slices, so comparing allocates nothing.
struct PersonalName<'a> {
    text: &'a str,
    count: usize,
    given: &'a str,
    family: &'a str,
}

impl<'a> PersonalName<'a> {
    fn parse(text: &'a str) -> Self {
        let mut words = text.split_whitespace();
        let count = words.clone().count();
        let family = if count >= 2 {
            words.next().unwrap_or("")
        } else {
            ""
        };
        // An empty name has no given name; "" sorts before every real one.
        let given = words.next_back().unwrap_or("");
        PersonalName {
            text,
            count,
            given,
            family,
        }
    }

    fn words(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.text.split_whitespace()
    }

    fn middle(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.words().skip(1).take(self.count.saturating_sub(2))
    }
}

/// Word sequences in order: the first differing word decides, else the shorter sequence first.
fn compare_words<'a>(
    collator: &CollatorBorrowed<'static>,
    mut a: impl Iterator<Item = &'a str>,
    mut b: impl Iterator<Item = &'a str>,
) -> Ordering {
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match collator.compare(x, y) {
                Ordering::Equal => {}
                unequal => return unequal,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed permutation of `items` (index i takes item n−1−(7·i mod n), never the identity
    /// for n ≥ 2, a permutation while n is not a multiple of 7), so the sort has real work to
    /// do and the test stays reproducible.
    fn shuffled<'a>(items: &[&'a str]) -> Vec<&'a str> {
        let n = items.len();
        assert_ne!(n % 7, 0, "7 must be coprime with the length");
        (0..n).map(|i| items[n - 1 - i * 7 % n]).collect()
    }

    fn sorted_by(items: &[&str], cmp: impl Fn(&str, &str) -> Ordering) -> Vec<String> {
        let mut v = shuffled(items);
        assert!(
            items.len() < 3 || v != items,
            "the input really is shuffled"
        );
        v.sort_by(|a, b| cmp(a, b));
        v.into_iter().map(String::from).collect()
    }

    fn sorted(items: &[&str]) -> Vec<String> {
        let c = Collation::new();
        sorted_by(items, |a, b| c.compare(a, b))
    }

    fn sorted_names(items: &[&str]) -> Vec<String> {
        let c = Collation::new();
        sorted_by(items, |a, b| c.compare_names(a, b))
    }

    #[test]
    fn the_alphabet_and_the_tones_sort_in_dictionary_order() {
        // CLDR vi: a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư are letter (primary) differences;
        // tones are secondary: none < huyền ` < hỏi ̉ < ngã ~ < sắc ´ < nặng ̣ ; case is tertiary
        // (lower first). A lower level only counts when the higher ones are equal over the whole
        // text, so a shorter text that is a letter-prefix of a longer one comes first whatever
        // its tone: "ạ" < "Anh", "Hạ" < "Hai", "ặ" < "Ăn", "Tú" < "Tuấn".
        // One row per letter group, with the reason for its order above it.
        #[rustfmt::skip]
        let expected = [
            // One vowel, six tones.
            "a", "à", "ả", "ã", "á", "ạ",
            // Same letters, so the tones decide; all after "ạ", a letter-prefix.
            "Anh", "Ành", "Ảnh", "Ãnh", "Ánh", "Ạnh",
            // ă after every a…; ă < Ă by case, Ă < ằ because a tone outranks case.
            "ă", "Ă", "ằ", "ẳ", "ẵ", "ắ", "ặ",
            // "ặ" is a letter-prefix of "Ăn"; â after ă; "Ân" < "Ấn" by tone.
            "Ăn", "â", "Ân", "Ấn",
            // h < ư.
            "b", "c", "Chi", "Cường",
            // u < ư; every d… before đ; đ < Đ by case.
            "d", "Dũng", "Dương", "đ", "Đ", "Đức",
            "e", "ê", "Êm",
            // "Hà", "Hạ": tones of "ha", and "ha" is a letter-prefix of "hai".
            "g", "Giang", "h", "Ha", "Hà", "Hạ", "Hai", "Hải",
            "i", "k", "Khai", "l", "m", "n", "Nga", "Ngọc",
            // "Ổn" (ô n) < "ơ" because ô < ơ.
            "o", "ô", "Ổn", "ơ", "Ơn",
            // "Tú" is a letter-prefix of "Tuấn"; "Tuấn" < "Tư" because u < ư; "Tư" < "Từ" by tone.
            "p", "q", "r", "s", "t", "Tú", "Tuấn", "Tư", "Từ",
            "u", "ư", "Ưng", "v", "x", "y",
        ];
        assert_eq!(sorted(&expected), expected);
    }

    #[test]
    fn letters_outrank_tones_and_tones_outrank_case() {
        let c = Collation::new();
        let less = |a: &str, b: &str| assert_eq!(c.compare(a, b), Ordering::Less, "{a} < {b}");
        less("Ánh", "Bình"); // a < b, tone irrelevant
        less("Ạnh", "ăn"); // a < ă, tone irrelevant
        less("Hà", "Hai"); // "ha" is a prefix of "hai"
        less("Hạ", "Hai");
        // A space is a character too, ordered before every letter: "ha giang" < "hai".
        less("Hà Giang", "Hai");
    }

    #[test]
    fn the_vi_tailoring_is_in_use_not_the_root_order() {
        // Root (und) folds đ into d and ư into u and puts sắc before hỏi; if the locale ever
        // fell back to root these would flip.
        let c = Collation::new();
        assert_eq!(c.compare("Dũng", "Đức"), Ordering::Less);
        assert_eq!(c.compare("Tuấn", "Tư"), Ordering::Less);
        assert_eq!(c.compare("Ảnh", "Ánh"), Ordering::Less);
        let root = Collator::try_new(CollatorPreferences::default(), CollatorOptions::default())
            .expect("root data is compiled in");
        assert_eq!(root.compare("Dũng", "Đức"), Ordering::Greater);
        assert_eq!(root.compare("Ảnh", "Ánh"), Ordering::Greater);
    }

    /// NFD spelling of "Mã Thị Ánh": base letters followed by combining marks.
    const MA_THI_ANH_NFD: &str = "Ma\u{303} Thi\u{323} A\u{301}nh";

    #[test]
    fn a_delegate_list_sorts_by_given_then_middle_then_family_name() {
        // Given names in letter order: An < Ánh (prefix) < Ăng (a < ă) < Ân = Ấn by letters,
        // Ân < Ấn by tone < Bình < Cường < Dũng < Đức (d < đ) < Êm < Hà < Hạ (tone) < Hải
        // ("ha" < "hai") < Khai < Ổn < Ơn (ô < ơ) < Ưng.
        // Same given name: middle names decide (none < "Thị" < "Văn"; "Minh" < "Thị Minh"),
        // then the family name (Chu < Lương < Nông; Nguyễn < Phạm).
        // Case only breaks the last tie: "nguyễn văn bình" comes after "Lê Thị Bình" because
        // Thị < Văn, not before it because of the lower-case "b"; "Hà Văn Cường" is before
        // "HÀ VĂN CƯỜNG" (lower case first).
        let expected = [
            "Lê An",
            "Trần Thị An",
            "Nguyễn Văn An",
            "phạm văn an",
            MA_THI_ANH_NFD,
            "Lò Văn Ăng",
            "Phạm Văn Ân",
            "Hoàng Thị Ấn",
            "Lê Thị Bình",
            "nguyễn văn bình",
            "Hà Văn Cường",
            "HÀ VĂN CƯỜNG",
            "Đàm Văn Dũng",
            "Chu Văn Đức",
            "Lương Văn Đức",
            "Nông Văn Đức",
            "Nguyễn Thị Êm",
            "Vi Thị Hà",
            "Đàm Thị Hạ",
            "Lộc Văn Hải",
            "Trần Minh Khai",
            "Nguyễn Thị Minh Khai",
            "Vi Văn Ổn",
            "Triệu Thị Ơn",
            "Lương Văn Ưng",
        ];
        assert_eq!(sorted_names(&expected), expected);
    }

    #[test]
    fn decomposed_names_equal_composed_names() {
        let c = Collation::new();
        let nfc = "Mã Thị Ánh";
        assert_ne!(nfc, MA_THI_ANH_NFD, "the test input really is decomposed");
        assert_eq!(c.compare_names(nfc, MA_THI_ANH_NFD), Ordering::Equal);
        assert_eq!(c.compare(nfc, MA_THI_ANH_NFD), Ordering::Equal);
        // ệ decomposes to e + dot below + circumflex (canonical order); ê stays a letter.
        assert_eq!(
            c.compare_names("Triệu Thị Ơn", "Trie\u{323}\u{302}u Thi\u{323} O\u{31B}n"),
            Ordering::Equal
        );
    }

    #[test]
    fn case_breaks_only_the_last_tie_in_names() {
        let c = Collation::new();
        assert_eq!(
            c.compare_names("nguyễn văn bình", "Lê Thị Bình"),
            Ordering::Greater
        );
        assert_eq!(
            c.compare_names("trần văn an", "Nguyễn Văn An"),
            Ordering::Greater
        );
        assert_eq!(
            c.compare_names("Hà Văn Cường", "HÀ VĂN CƯỜNG"),
            Ordering::Less
        );
        assert_eq!(
            c.compare_names("hà văn cường", "Hà Văn Cường"),
            Ordering::Less
        );
    }

    #[test]
    fn organisations_sort_in_plain_vietnamese_order() {
        // "Sở " is common; then T < X < Y.
        let expected = ["Sở Tài chính", "Sở Xây dựng", "Sở Y tế"];
        assert_eq!(sorted(&expected), expected);
        // d < đ < e as letters: every D… before every Đ…, every Đ… before E….
        let expected = [
            "Dương Kinh",
            "Đồng Đăng",
            "Đông Kinh",
            "Đồng Kinh",
            "Ecopark",
        ];
        assert_eq!(sorted(&expected), expected);
    }

    #[test]
    fn old_and_new_tone_placement_are_neighbours_not_equals() {
        // "Ủy" (new: tone on u) and "Uỷ" (old: tone on y) have equal letters and the same tone,
        // but the tone sits on a different letter. Tone differences are compared position by
        // position, and at the 2nd letter "Uỷ" has none while "Ủy" has hỏi, so "Uỷ" < "Ủy".
        let c = Collation::new();
        assert_eq!(
            c.compare("Uỷ ban nhân dân", "Ủy ban nhân dân"),
            Ordering::Less
        );
        assert_eq!(c.compare("Hoà", "Hòa"), Ordering::Less);
        // Being only a tone difference, any later letter difference wins: the two spellings
        // interleave by the rest of the name instead of forming two blocks.
        let expected = [
            "Ủy ban Mặt trận Tổ quốc",
            "Uỷ ban nhân dân tỉnh",
            "Ủy ban nhân dân tỉnh",
            "Uỷ ban nhân dân xã",
            "Ủy ban Trung ương",
        ];
        assert_eq!(sorted(&expected), expected);
    }

    #[test]
    fn empty_single_word_and_spaced_names() {
        let c = Collation::new();
        assert_eq!(c.compare_names("", ""), Ordering::Equal);
        assert_eq!(c.compare_names("", "   "), Ordering::Equal);
        assert_eq!(c.compare_names("", "An"), Ordering::Less);
        // A one-word name is a given name, with no middle or family name to compare.
        assert_eq!(c.compare_names("An", "Lê An"), Ordering::Less);
        assert_eq!(c.compare_names("Bình", "Nguyễn Văn An"), Ordering::Greater);
        assert_eq!(c.compare_names("Đức", "Dũng"), Ordering::Greater);
        // Two words: family + given, no middle name.
        assert_eq!(c.compare_names("Lê An", "Trần Thị An"), Ordering::Less);
        // Extra, leading, trailing and non-breaking spaces do not count.
        assert_eq!(
            c.compare_names("  Nguyễn   Văn\tAn ", "Nguyễn Văn An"),
            Ordering::Equal
        );
        assert_eq!(
            c.compare_names("Nguyễn\u{a0}Văn An", "Nguyễn Văn An"),
            Ordering::Equal
        );
        assert_eq!(c.compare_names(" Lê  An", "Nguyễn Văn An"), Ordering::Less);
    }

    #[test]
    fn one_collation_serves_several_threads() {
        let c = Collation::default();
        let names = ["Trần Thị An", "Lê An", "Nông Văn Đức"];
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    assert_eq!(
                        sorted_names(&names),
                        ["Lê An", "Trần Thị An", "Nông Văn Đức"]
                    );
                });
                s.spawn(|| assert_eq!(c.compare_names("Lê An", "Trần Thị An"), Ordering::Less));
            }
        });
    }
}
