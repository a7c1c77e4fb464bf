//! The model file as JSON: read with a size limit, decoded (UTF-8, with or without a BOM),
//! and parsed as JSON with comments (`//`, `/* */`) and trailing commas, as editors write it.
//! A syntax error stops here, with its line, column and the line's text; a key given twice is
//! reported (and the rest read), since otherwise the later one would silently win.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use jsonc_parser::ast;
use jsonc_parser::errors::ParseErrorKind;
use serde_json::{Map, Number, Value};

use crate::i18n::Text;
use crate::i18n::model::ModelMsg;
use crate::problem::{Place, Problem, Problems};

/// The largest model read: far above any real conference (10,000 invitees written inline
/// take about 3 MB), far below what would exhaust the memory of an office PC.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

/// Reads and decodes a model file: a regular file (a pipe would block forever), no larger
/// than [`MAX_BYTES`], in UTF-8.
pub fn read_file(path: &Path) -> Result<String, Problems> {
    let place = || Place::file(path);
    let fail = |message: Text| Problems::one(Problem::error(place(), message));
    let cannot = |e: std::io::Error| {
        fail(Text::each(|l| {
            ModelMsg::CannotRead {
                error: crate::i18n::build::io_error(&e, l),
            }
            .text(l)
        }))
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(fail(ModelMsg::NotAFile.into()));
    }
    if meta.len() > MAX_BYTES {
        return Err(fail(
            ModelMsg::TooLarge {
                size: megabytes(meta.len()),
                max: megabytes(MAX_BYTES),
            }
            .into(),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(fail(
            ModelMsg::TooLarge {
                size: format!("> {}", megabytes(MAX_BYTES)),
                max: megabytes(MAX_BYTES),
            }
            .into(),
        ));
    }
    let origin = path.display().to_string();
    decode(&bytes, &origin)
        .map(str::to_string)
        .map_err(Problems::one)
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// UTF-8 is the only encoding accepted; a BOM, as Windows editors write it, is skipped.
pub fn decode<'a>(bytes: &'a [u8], origin: &str) -> Result<&'a str, Problem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Problem::error(
            Place::File(origin.to_string()),
            ModelMsg::Utf16,
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        let line_end = bytes[line_start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| line_start + p);
        Problem::error(
            Place::Source {
                file: origin.to_string(),
                line,
                column,
                text: String::from_utf8_lossy(&bytes[line_start..line_end]).into_owned(),
            },
            ModelMsg::NotUtf8 {
                byte: format!("0x{:02X}", bytes[e.valid_up_to()]),
            },
        )
    })
}

/// Parses model text into JSON. A syntax error is returned alone (nothing after it can be
/// trusted); keys given twice go into `problems` and the first is kept.
pub fn parse(text: &str, origin: &str, problems: &mut Vec<Problem>) -> Result<Value, Problems> {
    // JSON as editors write it for settings files: comments and trailing commas, nothing
    // looser (a missing comma or a quote left out is a mistake to point at, not to guess).
    let options = jsonc_parser::ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &options).map_err(|e| {
        let (line, column, line_text) = position(text, e.range().start);
        Problems::one(Problem::error(
            Place::Source {
                file: origin.to_string(),
                line,
                column,
                text: line_text,
            },
            syntax_message(e.kind(), text, e.range().start),
        ))
    })?;
    let Some(root) = parsed.value else {
        return Err(Problems::one(Problem::error(
            Place::File(origin.to_string()),
            ModelMsg::JsonEmpty,
        )));
    };
    let mut converter = Converter {
        text,
        origin,
        problems,
        lines: LineIndex::new(text),
    };
    Ok(converter.value(&root, &mut String::new()))
}

/// The 1-based line and column (in characters) of a byte offset, and the text of that line.
pub fn position(text: &str, offset: usize) -> (usize, usize, String) {
    let offset = offset.min(text.len());
    let before = &text[..floor_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let column = before[line_start..].chars().count() + 1;
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |p| line_start + p);
    let line_text = text[line_start..line_end]
        .trim_end_matches('\r')
        .to_string();
    (line, column, line_text)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn syntax_message(kind: &ParseErrorKind, text: &str, at: usize) -> Text {
    use ParseErrorKind as K;
    let message = match kind {
        K::ExpectedColonAfterObjectKey => ModelMsg::JsonExpectedColon,
        K::ExpectedObjectValue => ModelMsg::JsonExpectedValue,
        K::ExpectedComma => ModelMsg::JsonExpectedComma,
        K::ExpectedStringObjectProperty | K::UnexpectedWord => {
            let token: String = text[floor_boundary(text, at)..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if token.is_empty() {
                ModelMsg::JsonKeyNotString
            } else {
                ModelMsg::JsonUnexpected {
                    token: format!("\"{token}\""),
                }
            }
        }
        K::TrailingCommasNotAllowed => ModelMsg::JsonTrailingComma,
        K::UnexpectedCloseBrace | K::UnexpectedCloseBracket => ModelMsg::JsonUnexpectedClose,
        K::UnterminatedArray => {
            return Text::each(|l| {
                ModelMsg::JsonUnterminated {
                    what: ModelMsg::AList.text(l),
                }
                .text(l)
            });
        }
        K::UnterminatedObject => {
            return Text::each(|l| {
                ModelMsg::JsonUnterminated {
                    what: ModelMsg::AnObject.text(l),
                }
                .text(l)
            });
        }
        K::UnterminatedCommentBlock => ModelMsg::JsonUnterminatedComment,
        K::String(inner) => {
            let detail = inner.to_string().to_lowercase();
            if detail.contains("unterminated") {
                ModelMsg::JsonUnterminatedString
            } else if detail.contains("escape") {
                ModelMsg::JsonBadEscape
            } else {
                ModelMsg::JsonOther {
                    detail: inner.to_string(),
                }
            }
        }
        K::SingleQuotedStringsNotAllowed => ModelMsg::JsonSingleQuotes,
        K::ExpectedDigit
        | K::ExpectedDigitFollowingNegativeSign
        | K::ExpectedPlusMinusOrDigitInNumberLiteral
        | K::HexadecimalNumbersNotAllowed
        | K::UnaryPlusNumbersNotAllowed
        | K::BareDecimalPointNumbersNotAllowed
        | K::NonFiniteNumbersNotAllowed => ModelMsg::JsonBadNumber,
        K::MultipleRootJsonValues => ModelMsg::JsonSecondRoot,
        K::NestingDepthExceeded => ModelMsg::JsonTooDeep,
        K::UnexpectedColon
        | K::UnexpectedComma
        | K::UnexpectedToken
        | K::UnexpectedTokenInObject => {
            let token: String = text[floor_boundary(text, at)..].chars().take(1).collect();
            ModelMsg::JsonUnexpected {
                token: format!("\"{token}\""),
            }
        }
        other => ModelMsg::JsonOther {
            detail: other.to_string(),
        },
    };
    message.into()
}

/// The line numbers of byte offsets, found by binary search.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

/// The AST into serde_json values, keys given twice reported.
struct Converter<'t, 'p> {
    text: &'t str,
    origin: &'t str,
    problems: &'p mut Vec<Problem>,
    lines: LineIndex,
}

impl Converter<'_, '_> {
    fn value(&mut self, value: &ast::Value, path: &mut String) -> Value {
        match value {
            ast::Value::StringLit(s) => Value::String(s.value.to_string()),
            ast::Value::NumberLit(n) => number(n.value),
            ast::Value::BooleanLit(b) => Value::Bool(b.value),
            ast::Value::NullKeyword(_) => Value::Null,
            ast::Value::Array(array) => Value::Array(
                array
                    .elements
                    .iter()
                    .enumerate()
                    .map(|(i, element)| {
                        let len = path.len();
                        path.push_str(&format!("[{i}]"));
                        let v = self.value(element, path);
                        path.truncate(len);
                        v
                    })
                    .collect(),
            ),
            ast::Value::Object(object) => {
                let mut map = Map::new();
                let mut first_line: HashMap<String, usize> = HashMap::new();
                for prop in &object.properties {
                    let key = prop.name.as_str().to_string();
                    let line = self.lines.line(prop.range.start);
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&key);
                    if let Some(&first) = first_line.get(&key) {
                        let (_, column, text) = position(self.text, prop.range.start);
                        self.problems.push(Problem::error(
                            Place::Source {
                                file: self.origin.to_string(),
                                line,
                                column,
                                text,
                            },
                            Text::each(|l| {
                                format!(
                                    "{} ({path})",
                                    ModelMsg::DuplicateKey {
                                        key: key.clone(),
                                        first,
                                    }
                                    .text(l)
                                )
                            }),
                        ));
                    } else {
                        first_line.insert(key.clone(), line);
                        let v = self.value(&prop.value, path);
                        map.insert(key, v);
                    }
                    path.truncate(len);
                }
                Value::Object(map)
            }
        }
    }
}

/// A JSON number as written; one too large for a double stays a string of digits for serde
/// to refuse with a message (it never is in a real model).
fn number(text: &str) -> Value {
    serde_json::from_str::<Number>(text)
        .map(Value::Number)
        .unwrap_or_else(|_| Value::String(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn error_of(text: &str) -> Problem {
        let mut problems = Vec::new();
        parse(text, "m.json", &mut problems)
            .unwrap_err()
            .0
            .remove(0)
    }

    #[test]
    fn comments_and_trailing_commas_are_allowed() {
        let mut problems = Vec::new();
        let v = parse(
            "{\n  // a comment\n  \"a\": [1, 2,], /* more */\n  \"b\": \"x\",\n}",
            "m.json",
            &mut problems,
        )
        .unwrap();
        assert_eq!(v, serde_json::json!({"a": [1, 2], "b": "x"}));
        assert!(problems.is_empty());
    }

    #[test]
    fn syntax_errors_give_line_column_and_the_line() {
        let p = error_of("{\n  \"a\": 1\n  \"b\": 2\n}");
        let Place::Source {
            line, column, text, ..
        } = &p.place
        else {
            panic!("{p:?}")
        };
        // The comma is missing at the end of the line before.
        assert_eq!((*line, text.as_str()), (2, "  \"a\": 1"));
        assert_eq!(
            p.place.text(Lang::Vi),
            format!("m.json, dòng 2, cột {column}")
        );
        assert!(p.message.vi.contains("thiếu dấu phẩy"), "{}", p.message.vi);
    }

    #[test]
    fn a_key_given_twice_is_reported_and_the_first_kept() {
        let mut problems = Vec::new();
        let v = parse("{\n\"a\": 1,\n\"a\": 2\n}", "m.json", &mut problems).unwrap();
        assert_eq!(v["a"], 1);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.en.contains("already given on line 2"),
            "{:?}",
            problems[0]
        );
        assert_eq!(problems[0].place.text(Lang::En), "m.json:3:1");
    }

    #[test]
    fn encodings_other_than_utf8_are_named() {
        let e = decode(b"\xFF\xFE{", "m.json").unwrap_err();
        assert_eq!(e.message.en, "the file is UTF-16; save it as UTF-8");
        let e = decode(b"{\n \"a\": \"Nguy\xEAn\"}", "m.json").unwrap_err();
        assert_eq!(e.place.text(Lang::En), "m.json:2:12");
        assert!(e.message.en.starts_with("byte 0xEA is not UTF-8"), "{e}");
        assert_eq!(decode(b"\xEF\xBB\xBF{}", "m.json").unwrap(), "{}");
    }
}
