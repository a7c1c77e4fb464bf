//! The model's JSON into its types, with every mistake found in one run.
//!
//! serde stops at the first mistake of a value. Here each mistake is reported, then repaired
//! in the value (an unknown key removed, a value of the wrong type made null) and the value read
//! again, so that the next mistake shows too. What cannot be repaired (a required key missing,
//! a required value of the wrong type) is set aside: an element of a list is left out of the
//! model, and a section is replaced by a stand-in; [`Broken`] remembers both, so that the
//! checks which follow neither repeat the mistake nor blame the stand-in.
//!
//! The lists of the model are read element by element, so that the work stays linear in the
//! list however many of its elements are wrong.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::types::Model;
use crate::i18n::model::ModelMsg;
use crate::i18n::places::field_label;
use crate::i18n::{Lang, Text};
use crate::problem::{Place, Problem};

/// What could not be read and was set aside.
#[derive(Debug, Default, Clone)]
pub struct Broken {
    /// Top-level sections replaced by a stand-in or dropped.
    pub sections: HashSet<String>,
    /// For each list read element by element, the position in the file of each element kept.
    pub kept: HashMap<&'static str, Vec<usize>>,
    /// Elements (`invitees[5]`) and sections (`event`) where a value of the wrong type was
    /// made null: what the checks would say there follows from the repair, not the file.
    pub repaired: HashSet<String>,
}

impl Broken {
    /// A path into the model as read (`invitees[3].name`) as a path into the file, where
    /// elements before it may have been left out.
    pub fn original(&self, path: &str) -> String {
        for (list, kept) in &self.kept {
            let Some(rest) = path.strip_prefix(list).and_then(|r| r.strip_prefix('[')) else {
                continue;
            };
            let Some((index, after)) = rest.split_once(']') else {
                continue;
            };
            if let Some(original) = index.parse::<usize>().ok().and_then(|i| kept.get(i)) {
                return format!("{list}[{original}]{after}");
            }
        }
        path.to_string()
    }

    pub fn is_broken(&self, section: &str) -> bool {
        self.sections.contains(section)
    }

    /// Whether a path (in the file's numbering) lies in a repaired element or section.
    pub fn is_repaired(&self, path: &str) -> bool {
        self.repaired.iter().any(|scope| {
            path.strip_prefix(scope.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        })
    }
}

/// Stand-ins for required sections that could not be read: enough for the rest to be read
/// and checked, never printed (a model with a stand-in is never built).
fn stand_in(section: &str) -> Option<Value> {
    Some(match section {
        "issuer" => json!({"header": ["…"], "name": "…", "place": "…"}),
        "event" => json!({"title": "…", "date": null, "tentative": "…", "start": "00:00",
                          "venue": "…", "chair": "…"}),
        "invitation" => json!({"symbol": "…", "recipients": ["…"]}),
        "signer" => json!({"title": ["…"], "name": "…"}),
        _ => return None,
    })
}

/// How many repairs one value may take before it is set aside: far more than a real model
/// has mistakes, few enough that a pathological one cannot keep the loop busy.
const MAX_REPAIRS: usize = 200;

/// Reads the model. Every mistake goes into `problems`; a model comes back whenever one could
/// be made, so that the checks can report their findings in the same run.
pub fn read_model(mut root: Value, problems: &mut Vec<Problem>) -> Option<(Model, Broken)> {
    let Value::Object(map) = &mut root else {
        problems.push(Problem::error(
            Place::model(""),
            type_mistake("invalid type", &unexpected_of(&root), "struct Model"),
        ));
        return None;
    };
    let mut broken = Broken::default();
    // The lists, read element by element.
    let mut lists: HashMap<&'static str, Vec<Value>> = HashMap::new();
    for key in ["invitees", "agenda", "presentations", "exhibits"] {
        match map.get_mut(key) {
            Some(Value::Array(items)) => {
                lists.insert(key, std::mem::take(items));
            }
            Some(other) if key == "invitees" && !other.is_object() => {
                problems.push(Problem::error(
                    Place::model(key),
                    Text::each(|l| {
                        ModelMsg::WrongType {
                            expected: ModelMsg::TypeListOrFile.text(l),
                            found: found_words(&unexpected_of(other), l),
                        }
                        .text(l)
                    }),
                ));
                *other = Value::Array(Vec::new());
                broken.sections.insert(key.to_string());
            }
            _ => {}
        }
    }
    let mut model = read_value::<Model>(&mut root, "", problems, &mut broken)?;
    let mut list = |key: &'static str| lists.remove(key).unwrap_or_default();
    let (invitees, agenda, presentations, exhibits) = (
        list("invitees"),
        list("agenda"),
        list("presentations"),
        list("exhibits"),
    );
    model.invitees = read_list("invitees", invitees, problems, &mut broken);
    model.agenda = read_list("agenda", agenda, problems, &mut broken);
    model.presentations = read_list("presentations", presentations, problems, &mut broken);
    model.exhibits = read_list("exhibits", exhibits, problems, &mut broken);
    Some((model, broken))
}

/// Reads each element of the list `key`; those that cannot be read are left out, and the
/// positions of those kept are recorded.
fn read_list<T: DeserializeOwned>(
    key: &'static str,
    items: Vec<Value>,
    problems: &mut Vec<Problem>,
    broken: &mut Broken,
) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    let mut kept = Vec::with_capacity(items.len());
    for (i, mut item) in items.into_iter().enumerate() {
        let mut local = Broken::default();
        if let Some(value) =
            read_value::<T>(&mut item, &format!("{key}[{i}]"), problems, &mut local)
        {
            out.push(value);
            kept.push(i);
        }
        broken.repaired.extend(local.repaired);
    }
    if kept.len() < kept.capacity() {
        broken.sections.insert(key.to_string());
    }
    broken.kept.insert(key, kept);
    out
}

/// Reads one value found at `base` as a `T`, every mistake reported: none when it cannot be
/// read at all.
pub fn read_one<T: DeserializeOwned>(
    value: &mut Value,
    base: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    read_value(value, base, problems, &mut Broken::default())
}

/// Reads `value` (found at `base`) as a `T`, repairing it mistake by mistake; none when it
/// cannot be read at all.
fn read_value<T: DeserializeOwned>(
    value: &mut Value,
    base: &str,
    problems: &mut Vec<Problem>,
    broken: &mut Broken,
) -> Option<T> {
    let mut nulled: HashSet<String> = HashSet::new();
    for _ in 0..MAX_REPAIRS {
        let error = match serde_path_to_error::deserialize::<_, T>(&*value) {
            Ok(read) => return Some(read),
            Err(e) => e,
        };
        let inner = error_path(&error.path().to_string());
        let message = error.inner().to_string();
        let full = join(base, &inner);
        if let Some(key) = between(&message, "unknown field `", "`") {
            let known = known_keys(&message);
            let mut problem = Problem::error(
                Place::model(&full),
                if known.is_empty() {
                    Text::from(ModelMsg::UnknownKeyNone {
                        key: key.to_string(),
                    })
                } else {
                    ModelMsg::UnknownKey {
                        key: key.to_string(),
                        known: known.join(", "),
                    }
                    .into()
                },
            );
            if let Some(near) = nearest(key, &known) {
                problem = problem.hint(ModelMsg::DidYouMean {
                    key: near.to_string(),
                });
            }
            problems.push(problem);
            if !remove_at(value, &inner) {
                return None;
            }
            continue;
        }
        if let Some(key) = between(&message, "missing field `", "`") {
            let key_path = join(&full, key);
            let label = Text::each(|l| {
                field_label(&bare(&key_path), l).map_or_else(|| key.to_string(), String::from)
            });
            problems.push(Problem::error(
                Place::model(&full),
                Text::each(|l| {
                    ModelMsg::MissingKey {
                        key: key.to_string(),
                        label: label.get(l).to_string(),
                    }
                    .text(l)
                }),
            ));
            // A required section missing at the top: a stand-in lets the rest be read.
            if base.is_empty()
                && inner.is_empty()
                && let (Some(stand_in), Value::Object(map)) = (stand_in(key), &mut *value)
            {
                map.insert(key.to_string(), stand_in);
                broken.sections.insert(key.to_string());
                continue;
            }
            if give_up(value, base, &inner, broken) {
                continue;
            }
            return None;
        }
        // A value of the wrong type: reported once, then made null, which an optional key
        // accepts. A required one fails again at the same place, and is set aside.
        if !nulled.insert(inner.clone()) {
            if give_up(value, base, &inner, broken) {
                continue;
            }
            return None;
        }
        problems.push(Problem::error(Place::model(&full), describe(&message)));
        if !set_null(value, &inner) {
            return None;
        }
        let scope = if base.is_empty() {
            inner
                .split(['.', '['])
                .next()
                .unwrap_or_default()
                .to_string()
        } else {
            base.to_string()
        };
        broken.repaired.insert(scope);
    }
    None
}

/// Sets aside the part of `value` that holds `inner`: at the top of the model, its section is
/// replaced by a stand-in (or left out when optional). Elsewhere the whole value is given up.
fn give_up(value: &mut Value, base: &str, inner: &str, broken: &mut Broken) -> bool {
    if !base.is_empty() {
        return false;
    }
    let section = inner
        .split(['.', '['])
        .next()
        .unwrap_or_default()
        .to_string();
    let Value::Object(map) = value else {
        return false;
    };
    if section.is_empty() || !map.contains_key(&section) {
        return false;
    }
    match stand_in(&section) {
        Some(stand_in) => {
            map.insert(section.clone(), stand_in);
        }
        None => {
            map.remove(&section);
        }
    }
    broken.sections.insert(section);
    true
}

/// serde_path_to_error writes the root as "."; inside, `a.b[0].c`.
fn error_path(path: &str) -> String {
    if path == "." {
        String::new()
    } else {
        path.to_string()
    }
}

fn join(base: &str, inner: &str) -> String {
    match (base.is_empty(), inner.is_empty()) {
        (true, _) => inner.to_string(),
        (false, true) => base.to_string(),
        (false, false) if inner.starts_with('[') => format!("{base}{inner}"),
        (false, false) => format!("{base}.{inner}"),
    }
}

/// A path without its indices: `invitees.name`.
fn bare(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The value at a relative path, and how to reach its parent: `a.b[2].c`.
fn parent_and_key<'v>(value: &'v mut Value, path: &str) -> Option<(&'v mut Value, Step)> {
    let steps = parse_path(path);
    let (last, walk) = steps.split_last()?;
    let mut at = value;
    for step in walk {
        at = match (step, at) {
            (Step::Key(k), Value::Object(map)) => map.get_mut(k)?,
            (Step::Index(i), Value::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some((at, last.clone()))
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn parse_path(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key.to_string()));
        }
        while let Some((index, after)) = rest.split_once(']') {
            if let Ok(i) = index.parse() {
                out.push(Step::Index(i));
            }
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    out
}

fn remove_at(value: &mut Value, path: &str) -> bool {
    match parent_and_key(value, path) {
        Some((Value::Object(map), Step::Key(k))) => map.remove(&k).is_some(),
        _ => false,
    }
}

fn set_null(value: &mut Value, path: &str) -> bool {
    if path.is_empty() {
        return false;
    }
    match parent_and_key(value, path) {
        Some((Value::Object(map), Step::Key(k))) => match map.get_mut(&k) {
            Some(slot) if !slot.is_null() => {
                *slot = Value::Null;
                true
            }
            _ => false,
        },
        Some((Value::Array(items), Step::Index(i))) => match items.get_mut(i) {
            Some(slot) if !slot.is_null() => {
                *slot = Value::Null;
                true
            }
            _ => false,
        },
        _ => false,
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// The keys serde lists after "expected one of": `` `a`, `b` ``.
fn known_keys(message: &str) -> Vec<String> {
    let Some(at) = message.find("expected") else {
        return Vec::new();
    };
    message[at..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// The known key closest to a misspelt one, if it is close: at most two edits, or one of
/// them begins the other.
fn nearest<'k>(key: &str, known: &'k [String]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edits(key, k), k))
        .filter(|(d, k)| *d <= 2 || k.starts_with(key) || key.starts_with(k.as_str()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.as_str())
}

/// The Levenshtein distance between two short words.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// serde's message about a value, in words.
fn describe(message: &str) -> Text {
    for (lead, kind) in [
        ("invalid type: ", "invalid type"),
        ("invalid value: ", "invalid value"),
    ] {
        if let Some(rest) = message.strip_prefix(lead)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            return type_mistake(kind, found, expected);
        }
    }
    if let Some(value) = between(message, "unknown variant `", "`") {
        let known = known_keys(message);
        return ModelMsg::UnknownVariant {
            value: value.to_string(),
            known: known.join(", "),
        }
        .into();
    }
    if let Some(expected) = message
        .strip_prefix("invalid length ")
        .and_then(|r| r.split_once(", expected "))
        .map(|(_, e)| e)
    {
        return Text::each(|l| {
            ModelMsg::WrongLength {
                expected: expected_words(expected, l),
            }
            .text(l)
        });
    }
    ModelMsg::OtherDataError {
        detail: message.to_string(),
    }
    .into()
}

fn type_mistake(kind: &str, found: &str, expected: &str) -> Text {
    // A whole number too large for its field is a different mistake from a wrong type.
    let max = match expected {
        "u8" => Some(u64::from(u8::MAX)),
        "u16" => Some(u64::from(u16::MAX)),
        "u32" => Some(u64::from(u32::MAX)),
        _ => None,
    };
    if let (Some(max), Some(value)) = (
        max,
        found
            .strip_prefix("integer `")
            .and_then(|v| v.strip_suffix('`'))
            .and_then(|v| v.parse::<u64>().ok()),
    ) && value > max
    {
        return ModelMsg::TooLargeNumber {
            value: value.to_string(),
            max: max.to_string(),
        }
        .into();
    }
    Text::each(|l| {
        let expected = expected_words(expected, l);
        let found = found_words(found, l);
        if kind == "invalid value" {
            ModelMsg::WrongValue { expected, found }.text(l)
        } else {
            ModelMsg::WrongType { expected, found }.text(l)
        }
    })
}

/// serde's name of what it expected, in words.
fn expected_words(expected: &str, lang: Lang) -> String {
    let message = match expected {
        "a string" | "a borrowed string" => ModelMsg::TypeText,
        "u8" => ModelMsg::TypeSmallInteger { max: "255".into() },
        "u16" => ModelMsg::TypeSmallInteger {
            max: "65535".into(),
        },
        "u32" | "u64" | "usize" | "u128" => ModelMsg::TypeInteger,
        "i8" | "i16" | "i32" | "i64" | "isize" | "i128" => ModelMsg::TypeSignedInteger,
        "f32" | "f64" => ModelMsg::TypeNumber,
        "a boolean" => ModelMsg::TypeBool,
        "a sequence" => ModelMsg::TypeList,
        "struct Model" => ModelMsg::TypeModel,
        "a map" => ModelMsg::TypeObject,
        other if other.starts_with("struct ") => ModelMsg::TypeObject,
        other => ModelMsg::TypeOther {
            name: other.to_string(),
        },
    };
    message.text(lang)
}

/// serde's description of the value it found, in words.
fn found_words(found: &str, lang: Lang) -> String {
    let quoted = |lead: &str| {
        found
            .strip_prefix(lead)
            .map(|v| v.trim_matches('`').to_string())
    };
    let message = if let Some(value) = found.strip_prefix("string ") {
        ModelMsg::FoundText {
            value: value.to_string(),
        }
    } else if let Some(value) = quoted("integer ").or_else(|| quoted("floating point ")) {
        ModelMsg::FoundNumber { value }
    } else if let Some(value) = quoted("boolean ") {
        ModelMsg::FoundBool { value }
    } else {
        match found {
            "unit value" | "null" => ModelMsg::FoundNull,
            "sequence" => ModelMsg::FoundList,
            "map" => ModelMsg::FoundObject,
            other => ModelMsg::FoundOther {
                what: other.to_string(),
            },
        }
    };
    message.text(lang)
}

/// What serde would say a JSON value is, for a mistake found before serde reads it.
fn unexpected_of(value: &Value) -> String {
    match value {
        Value::Null => "unit value".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(value: Value) -> (Option<Model>, Vec<String>) {
        let mut problems = Vec::new();
        let model = read_model(value, &mut problems).map(|(m, _)| m);
        (
            model,
            problems
                .iter()
                .map(|p| format!("{} | {}", p.place.text(Lang::En), p.message.en))
                .collect(),
        )
    }

    fn minimal() -> Value {
        json!({
            "issuer": {"header": ["A"], "name": "A", "place": "A"},
            "event": {"title": "T", "date": null, "tentative": "x", "start": "08:00", "venue": "V", "chair": "C"},
            "invitation": {"symbol": "GM", "recipients": ["Lưu: VT"]},
            "signer": {"title": ["CHỦ TỊCH"], "name": "N"},
            "invitees": [{"name": "A"}]
        })
    }

    #[test]
    fn independent_mistakes_in_several_places_are_all_reported() {
        let mut m = minimal();
        m["invitees"] = json!([{"name": "A"}, {"name": "B", "order": "first"}, {"nam": "C"}]);
        m["agenda"] = json!([{"content": "x", "minutes": 5, "speakr": {"name": "y"}}]);
        m.as_object_mut().unwrap().remove("signer");
        let (model, problems) = problems_of(m);
        assert!(model.is_some(), "{problems:?}");
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().any(|p| p.starts_with("invitee 2 (invitees[1]), field \"order\" | expected a whole number, 0 or more, not the string \"first\"")), "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("(invitees[2]), field \"nam\" | unknown key \"nam\"")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("(agenda[0]), field \"speakr\"")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("\"signer\" (signer) is required")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_misspelt_key_gets_a_suggestion() {
        let mut m = minimal();
        m["event"]["venu"] = json!("x");
        let mut problems = Vec::new();
        read_model(m, &mut problems);
        assert_eq!(problems[0].hints[0].en, "did you mean \"venue\"?");
    }

    #[test]
    fn a_list_where_the_model_should_be_is_named_in_words() {
        let (model, problems) = problems_of(json!([]));
        assert!(model.is_none());
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .starts_with("the model | expected an object { … } with the conference's sections"),
            "{problems:?}"
        );
    }

    #[test]
    fn an_element_that_cannot_be_read_is_left_out_and_later_indices_are_kept() {
        let mut m = minimal();
        m["exhibits"] =
            json!([{"table": 1, "host": "h"}, {"table": 2, "host": "h", "products": []}]);
        let mut problems = Vec::new();
        let (model, broken) = read_model(m, &mut problems).unwrap();
        assert_eq!(model.exhibits.len(), 1);
        assert_eq!(broken.original("exhibits[0].table"), "exhibits[1].table");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].place, Place::model("exhibits[0]"));
    }
}
