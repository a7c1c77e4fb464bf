//! Text hygiene: every string of the model brought to Unicode NFC with single spaces, and the
//! characters no reader can see (controls, zero-width, bidi overrides) or no font can place
//! (a diacritic on no letter) refused with their place. A name must print as the reader will
//! type it.

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::i18n::model::ModelMsg;
use crate::problem::{Place, Problem, is_invisible, quote};

/// Cleans every string of `root` in place; what cannot be cleaned is reported.
pub fn clean_strings(root: &mut Value, problems: &mut Vec<Problem>) {
    visit_strings(root, &mut String::new(), &mut |path, s| {
        let nfc: String = s.nfc().collect();
        if let Some((at, c)) = nfc.chars().enumerate().find(|&(_, c)| is_invisible(c)) {
            problems.push(Problem::error(
                Place::model(path),
                ModelMsg::InvisibleCharacter {
                    value: quote(&nfc),
                    code: format!("U+{:04X}", c as u32),
                    at: at + 1,
                },
            ));
        } else if let Some(at) = stray_mark(&nfc) {
            problems.push(Problem::error(
                Place::model(path),
                ModelMsg::StrayMark {
                    value: quote(&nfc),
                    at: at + 1,
                },
            ));
        }
        *s = fold_spaces(&nfc);
    });
}

/// Runs of spaces, tabs and line breaks as one space, none at either end.
pub fn fold_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Calls `f` with the JSON path (`invitees[3].name`) and the text of every string in `value`.
pub fn visit_strings(value: &mut Value, path: &mut String, f: &mut impl FnMut(&str, &mut String)) {
    match value {
        Value::String(s) => f(path, s),
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                visit_strings(item, path, f);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                visit_strings(item, path, f);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// The position of a combining mark that sits on no letter (at the start, or after a space,
/// a digit or punctuation): what a broken conversion leaves, and what no font draws sensibly.
fn stray_mark(text: &str) -> Option<usize> {
    let mut base_is_letter = false;
    for (pos, c) in text.chars().enumerate() {
        if is_combining_mark(c) {
            if !base_is_letter {
                return Some(pos);
            }
        } else {
            base_is_letter = c.is_alphabetic();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_become_nfc_with_single_spaces() {
        let nfd: String = "Nguyễn  Văn \t Hướng ".nfd().collect();
        let mut value = serde_json::json!({ "a": [nfd] });
        let mut problems = Vec::new();
        clean_strings(&mut value, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(value["a"][0], "Nguyễn Văn Hướng");
    }

    #[test]
    fn invisible_characters_and_stray_marks_are_named_with_their_place() {
        let mut value = serde_json::json!({ "x": ["A\u{200b}B", "#\u{301}"] });
        let mut problems = Vec::new();
        clean_strings(&mut value, &mut problems);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].place, Place::model("x[0]"));
        assert!(problems[0].message.en.contains("U+200B at position 2"));
        assert!(
            problems[1]
                .message
                .en
                .contains("no letter under it at position 2")
        );
    }
}
