//! The page's edits applied to the model's JSON, and the model's text written back with what
//! its author wrote around the values (comments, blank lines, the order of keys) kept.
//!
//! The page sends what was typed, as text; the schema of the model says what the value is
//! (a number, a list of lines, a date) and the text becomes that, or stays text when it is not
//! one, so that the checks of `hoinghi check` say what is wrong beside the field. Nothing
//! typed is dropped here.

use jsonc_parser::cst::{CstArray, CstInputValue, CstNode, CstRootNode};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::schema::{Kind, Schema, Step, bare, steps};

/// One change the page asks for.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Edit {
    /// A field as typed (a string), or a box ticked (a boolean).
    Set { path: String, value: Value },
    /// A blank row at the end of the list at `path`.
    Add { path: String },
    /// The row at `path` taken out of its list.
    Remove { path: String },
    /// The row at `path` moved up (-1) or down (+1) in its list.
    Move { path: String, by: i64 },
}

impl Edit {
    pub fn path(&self) -> &str {
        match self {
            Self::Set { path, .. }
            | Self::Add { path }
            | Self::Remove { path }
            | Self::Move { path, .. } => path,
        }
    }
}

/// An edit that names no part of the model (a page out of date, or a forged request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadEdit {
    pub path: String,
}

/// The model's dates, which the page shows and takes as dd/mm/yyyy.
pub const DATES: &[&str] = &[
    "event.date",
    "invitation.date",
    "plan.date",
    "awards.decision.date",
];

/// Applies one edit to the model's JSON.
pub fn apply(root: &mut Value, edit: &Edit, schema: &Schema) -> Result<(), BadEdit> {
    let bad = || BadEdit {
        path: edit.path().to_string(),
    };
    let steps = steps(edit.path()).ok_or_else(bad)?;
    let node = schema.at(&steps).ok_or_else(bad)?;
    match edit {
        Edit::Set { value, .. } => {
            let (last, parents) = steps.split_last().ok_or_else(bad)?;
            let parent_node = schema.at(parents).ok_or_else(bad)?;
            let value = coerce(value, node, &bare(&steps));
            let parent = reach(root, parents, true).ok_or_else(bad)?;
            if parent.is_null() && matches!(last, Step::Key(_)) {
                *parent = Value::Object(Map::new());
            }
            match (last, parent) {
                (Step::Key(key), Value::Object(map)) => match value {
                    // A field left empty is left out, unless the model must name it.
                    None if !parent_node.is_required(key) => {
                        map.remove(key);
                    }
                    value => {
                        map.insert(key.clone(), value.unwrap_or(Value::Null));
                    }
                },
                (Step::Index(i), Value::Array(items)) if *i < items.len() => {
                    items[*i] = value.unwrap_or(Value::Null);
                }
                _ => return Err(bad()),
            }
            prune(root, parents, schema);
            Ok(())
        }
        Edit::Add { .. } => {
            let item = node.items().ok_or_else(bad)?.blank();
            let slot = reach(root, &steps, true).ok_or_else(bad)?;
            if slot.is_null() {
                *slot = Value::Array(Vec::new());
            }
            slot.as_array_mut().ok_or_else(bad)?.push(item);
            Ok(())
        }
        Edit::Remove { .. } => {
            let (list, i) = element(root, &steps).ok_or_else(bad)?;
            list.remove(i);
            Ok(())
        }
        Edit::Move { by, .. } => {
            let (list, i) = element(root, &steps).ok_or_else(bad)?;
            let to = i as i64 + by;
            if to < 0 || to >= list.len() as i64 {
                return Ok(());
            }
            let item = list.remove(i);
            list.insert(to as usize, item);
            Ok(())
        }
    }
}

/// The list an element path points into, and the element's index.
fn element<'v>(root: &'v mut Value, steps: &[Step]) -> Option<(&'v mut Vec<Value>, usize)> {
    let (Step::Index(i), parents) = steps.split_last()? else {
        return None;
    };
    let list = reach(root, parents, false)?.as_array_mut()?;
    (*i < list.len()).then_some((list, *i))
}

/// The value at `steps`; with `create`, objects are made where the path leads through
/// nothing (a speaker not yet named).
fn reach<'v>(root: &'v mut Value, steps: &[Step], create: bool) -> Option<&'v mut Value> {
    let mut here = root;
    for step in steps {
        if create && here.is_null() && matches!(step, Step::Key(_)) {
            *here = Value::Object(Map::new());
        }
        here = match step {
            Step::Key(k) => {
                let map = here.as_object_mut()?;
                if create {
                    map.entry(k.clone()).or_insert(Value::Null)
                } else {
                    map.get_mut(k)?
                }
            }
            Step::Index(i) => here.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(here)
}

/// An optional part emptied field by field (every field cleared) is taken out, so that a
/// speaker whose name was erased is no speaker rather than one without a name.
fn prune(root: &mut Value, parents: &[Step], schema: &Schema) {
    let Some((Step::Key(key), above)) = parents.split_last() else {
        return;
    };
    let Some(node) = schema.at(parents) else {
        return;
    };
    let Some(above_node) = schema.at(above) else {
        return;
    };
    if !node.nullable || node.kind() != Kind::Object {
        return;
    }
    let empty = reach(root, parents, false).is_some_and(|v| is_blank(v));
    if !empty {
        return;
    }
    if let Some(Value::Object(map)) = reach(root, above, false) {
        if above_node.is_required(key) {
            map.insert(key.clone(), Value::Null);
        } else {
            map.remove(key);
        }
    }
    prune(root, above, schema);
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.values().all(is_blank),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

/// What was typed, as the value the schema asks for; none for a field left empty.
fn coerce(value: &Value, node: super::schema::Node, bare_path: &str) -> Option<Value> {
    let Value::String(text) = value else {
        return Some(value.clone());
    };
    let trimmed = text.trim();
    match node.kind() {
        Kind::Array => Some(Value::Array(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Value::String(l.to_string()))
                .collect(),
        )),
        _ if trimmed.is_empty() => {
            if node.nullable {
                None
            } else if node.kind() == Kind::Text {
                Some(Value::String(String::new()))
            } else {
                // A number that must be given, left empty: kept as typed, for the checks
                // to point at.
                Some(Value::String(String::new()))
            }
        }
        Kind::Integer => Some(
            trimmed
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or_else(|_| Value::String(text.clone())),
        ),
        Kind::Boolean => Some(match trimmed {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(text.clone()),
        }),
        Kind::Text | Kind::Choice | Kind::Object => {
            Some(Value::String(if DATES.contains(&bare_path) {
                iso_date(trimmed).unwrap_or_else(|| text.clone())
            } else {
                text.clone()
            }))
        }
    }
}

/// "16/10/2025" as the model writes it ("2025-10-16"); "10/2025" as "2025-10". Anything
/// else is not a date written the Vietnamese way, and is kept as typed.
pub fn iso_date(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    let number = |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|_| s.len() <= 4 && !s.is_empty())
    };
    match parts.as_slice() {
        [d, m, y] if y.len() == 4 && d.len() <= 2 => {
            let (d, m, y) = (number(d)?, number(m)?, number(y)?);
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        [m, y] if y.len() == 4 && m.len() <= 2 => {
            let (m, y) = (number(m)?, number(y)?);
            Some(format!("{y:04}-{m:02}"))
        }
        _ => None,
    }
}

/// "2025-10-16" as the page shows it ("16/10/2025"); other text as it is.
pub fn shown_date(text: &str) -> String {
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}/{m}/{y}"),
        [y, m] if y.len() == 4 && m.len() == 2 => format!("{m}/{y}"),
        _ => text.to_string(),
    }
}

/// The model's text with `old` changed into `new`, everything else the author wrote (comments,
/// blank lines, key order) left where it was. A value replaced whole (a list that grew or a
/// field of another kind) loses the comments inside it, and only those.
pub fn write_back(original: &str, old: &Value, new: &Value) -> String {
    let Ok(root) = CstRootNode::parse(original, &Default::default()) else {
        return pretty(new);
    };
    match root.value() {
        Some(node) if same_kind(old, new) => patch(&node, old, new, &|v| root.set_value(v)),
        _ => root.set_value(input(new)),
    }
    let mut text = root.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// The model as JSON written fresh, two spaces deep.
pub fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON values serialize");
    text.push('\n');
    text
}

fn same_kind(a: &Value, b: &Value) -> bool {
    matches!(
        (a, b),
        (Value::Object(_), Value::Object(_)) | (Value::Array(_), Value::Array(_))
    )
}

/// Makes `node` (holding `old`) hold `new`; `replace` puts a whole new value in its place.
fn patch(node: &CstNode, old: &Value, new: &Value, replace: &dyn Fn(CstInputValue)) {
    if old == new {
        return;
    }
    match (old, new, node.as_object(), node.as_array()) {
        (Value::Object(o), Value::Object(n), Some(object), _) => {
            for prop in object.properties() {
                let Some(name) = prop.decoded_name() else {
                    continue;
                };
                match (o.get(&name), n.get(&name), prop.value()) {
                    (_, None, _) => prop.remove(),
                    (Some(ov), Some(nv), Some(value)) if same_kind(ov, nv) => {
                        patch(&value, ov, nv, &|v| prop.set_value(v));
                    }
                    (Some(ov), Some(nv), _) if ov == nv => {}
                    (_, Some(nv), _) => prop.set_value(input(nv)),
                }
            }
            for (key, value) in n {
                if object.get(key).is_none() {
                    object.append(key, input(value));
                }
            }
        }
        (Value::Array(o), Value::Array(n), _, Some(array)) => {
            let elements = array.elements();
            for (i, (element, (ov, nv))) in elements.iter().zip(o.iter().zip(n)).enumerate() {
                if same_kind(ov, nv) {
                    patch(element, ov, nv, &|v| replace_element(&array, i, v));
                } else if ov != nv {
                    replace_element(&array, i, input(nv));
                }
            }
            for extra in elements.into_iter().skip(n.len()) {
                extra.remove();
            }
            for value in n.iter().skip(o.len()) {
                array.append(input(value));
            }
        }
        _ => replace(input(new)),
    }
}

fn replace_element(array: &CstArray, i: usize, value: CstInputValue) {
    let Some(old) = array.elements().into_iter().nth(i) else {
        return;
    };
    array.insert(i, value);
    old.remove();
}

fn input(value: &Value) -> CstInputValue {
    match value {
        Value::Null => CstInputValue::Null,
        Value::Bool(b) => CstInputValue::Bool(*b),
        Value::Number(n) => CstInputValue::Number(n.to_string()),
        Value::String(s) => CstInputValue::String(s.clone()),
        Value::Array(items) => CstInputValue::Array(items.iter().map(input).collect()),
        Value::Object(map) => {
            CstInputValue::Object(map.iter().map(|(k, v)| (k.clone(), input(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn set(root: &mut Value, path: &str, value: &str) {
        let edit = Edit::Set {
            path: path.into(),
            value: json!(value),
        };
        apply(root, &edit, &Schema::model()).expect("a path of the model");
    }

    #[test]
    fn typed_text_becomes_the_value_the_model_takes() {
        let mut m = json!({"event": {"title": "x", "date": null}, "invitation": {}});
        set(&mut m, "event.date", "16/10/2025");
        set(&mut m, "invitation.number", " 12 ");
        set(&mut m, "invitation.recipients", "Như trên\n\n  Lưu: VT ");
        set(&mut m, "event.tentative", "");
        assert_eq!(m["event"]["date"], "2025-10-16");
        assert_eq!(m["invitation"]["number"], 12);
        assert_eq!(
            m["invitation"]["recipients"],
            json!(["Như trên", "Lưu: VT"])
        );
        assert!(m["event"].get("tentative").is_none());
        // What is not a number stays as typed, for the checks to point at.
        set(&mut m, "invitation.number", "mười hai");
        assert_eq!(m["invitation"]["number"], "mười hai");
        // A date that must be named but was cleared is null: not fixed yet.
        set(&mut m, "event.date", "");
        assert_eq!(m["event"]["date"], Value::Null);
    }

    #[test]
    fn a_speaker_is_made_when_named_and_taken_out_when_cleared() {
        let mut m = json!({"agenda": [{"content": "Khai mạc"}]});
        set(&mut m, "agenda[0].speaker.name", "Nguyễn Văn A");
        assert_eq!(m["agenda"][0]["speaker"]["name"], "Nguyễn Văn A");
        set(&mut m, "agenda[0].speaker.name", "");
        assert!(m["agenda"][0].get("speaker").is_none(), "{m}");
    }

    #[test]
    fn rows_are_added_removed_and_moved() {
        let schema = Schema::model();
        let mut m = json!({"agenda": [{"content": "A"}, {"content": "B"}]});
        let run = |m: &mut Value, e: Edit| apply(m, &e, &schema).expect("valid");
        run(
            &mut m,
            Edit::Add {
                path: "agenda".into(),
            },
        );
        assert_eq!(m["agenda"][2]["content"], "");
        run(
            &mut m,
            Edit::Move {
                path: "agenda[1]".into(),
                by: -1,
            },
        );
        assert_eq!(m["agenda"][0]["content"], "B");
        run(
            &mut m,
            Edit::Remove {
                path: "agenda[0]".into(),
            },
        );
        assert_eq!(m["agenda"].as_array().map(Vec::len), Some(2));
        let wrong = Edit::Remove {
            path: "agenda[9]".into(),
        };
        assert!(apply(&mut m, &wrong, &schema).is_err());
        let forged = Edit::Set {
            path: "nothing.here".into(),
            value: json!("x"),
        };
        assert!(apply(&mut m, &forged, &schema).is_err());
    }

    #[test]
    fn dates_go_both_ways() {
        assert_eq!(iso_date("16/10/2025").as_deref(), Some("2025-10-16"));
        assert_eq!(iso_date("1.9.2025").as_deref(), Some("2025-09-01"));
        assert_eq!(iso_date("10/2025").as_deref(), Some("2025-10"));
        assert_eq!(iso_date("ngày mai"), None);
        assert_eq!(shown_date("2025-10-16"), "16/10/2025");
        assert_eq!(shown_date("2025-10"), "10/2025");
    }

    #[test]
    fn comments_survive_a_save() {
        let text = "{\n  // Tên hội nghị, như đứng sau \"Tới dự\"\n  \"event\": {\n    \"title\": \"Cũ\", // sửa sau\n    \"start\": \"08:00\"\n  },\n  /* danh sách */\n  \"agenda\": [\n    {\"content\": \"A\"}, // mục đầu\n    {\"content\": \"B\"}\n  ]\n}\n";
        let mut problems = Vec::new();
        let old = crate::model::json::parse(text, "m.json", &mut problems).expect("valid");
        let mut new = old.clone();
        set(&mut new, "event.title", "Mới \"hay\"");
        set(&mut new, "event.venue", "Hội trường");
        apply(
            &mut new,
            &Edit::Remove {
                path: "agenda[1]".into(),
            },
            &Schema::model(),
        )
        .expect("valid");
        let written = write_back(text, &old, &new);
        for kept in [
            "// Tên hội nghị, như đứng sau \"Tới dự\"",
            "// sửa sau",
            "/* danh sách */",
            "// mục đầu",
        ] {
            assert!(written.contains(kept), "{kept} lost:\n{written}");
        }
        let again = crate::model::json::parse(&written, "m.json", &mut problems).expect("valid");
        assert_eq!(again, new, "{written}");
    }
}
