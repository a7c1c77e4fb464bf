//! The invitee list as a file beside the model: `"invitees": {"file": "dai-bieu.xlsx"}` read
//! through [`crate::import`], and the places of its invitees named by their cells.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use super::lenient;
use super::text;
use super::types::Invitee;
use crate::i18n::Text;
use crate::i18n::model::ModelMsg;
use crate::import::{self, RowPlaces, Sheet};
use crate::problem::{Place, Problem, Problems};

/// Where the list comes from when the model names a file instead of holding the array.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListSource {
    pub file: String,
    #[serde(default)]
    pub sheet: Option<String>,
    /// The header's row, 1-based as the spreadsheet shows it, when the guess is wrong.
    #[serde(default)]
    pub header_row: Option<usize>,
}

/// The list file a model's JSON names, found relative to `dir` as [`read_into`] finds it; taken
/// from the JSON as it stands, so that it is known even when the rest of the model is wrong.
pub fn file_named(root: &Value, dir: &Path) -> Option<PathBuf> {
    let file = root.get("invitees")?.get("file")?.as_str()?;
    Some(dir.join(file))
}

/// Replaces `"invitees": {"file": …}` in `root` by the invitees read from that file (found
/// relative to `dir`), and returns what was read.
pub fn read_into(root: &mut Value, dir: &Path, problems: &mut Vec<Problem>) -> Option<Sheet> {
    let slot = root.get_mut("invitees")?;
    if !slot.is_object() {
        return None;
    }
    let source: ListSource = match serde_path_to_error::deserialize(&*slot) {
        Ok(source) => source,
        Err(e) => {
            let inner = e.path().to_string();
            let place = if inner == "." {
                "invitees".to_string()
            } else {
                format!("invitees.{inner}")
            };
            let detail = e.inner().to_string();
            problems.push(Problem::error(
                Place::model(place),
                Text::each(|l| format!("{} ({detail})", ModelMsg::ListFileShape.text(l))),
            ));
            *slot = Value::Array(Vec::new());
            return None;
        }
    };
    let options = import::Options {
        sheet: source.sheet.clone(),
        header_row: source.header_row,
    };
    match import::read(&dir.join(&source.file), &source.file, &options) {
        Ok(mut sheet) => {
            *slot = Value::Array(sheet.invitees.drain(..).map(Value::Object).collect());
            problems.append(&mut sheet.problems);
            add_groups(root, &sheet.report.groups);
            Some(sheet)
        }
        Err(p) => {
            *slot = Value::Array(Vec::new());
            problems.extend(p);
            None
        }
    }
}

/// Adds the groups a list's section rows start to the model's `groups`, after those it lists,
/// in the order met: a section row defines its group, as `groups` does for a list in the
/// model. A section the model lists in other capitals ("LÃNH ĐẠO TỈNH" for "Lãnh đạo tỉnh")
/// is that group, under the model's spelling. A `groups` that is not a list is left for the
/// reader to report. The web page calls it too when it copies a list's rows into the model.
pub fn add_groups(root: &mut Value, sections: &[(usize, String)]) {
    if sections.is_empty() {
        return;
    }
    let Some(root) = root.as_object_mut() else {
        return;
    };
    let groups = root
        .entry("groups")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(groups) = groups else {
        return;
    };
    let mut renamed = Vec::new();
    for (_, section) in sections {
        let listed = groups.iter().find_map(|g| {
            let name = g
                .as_str()
                .or_else(|| g.get("name").and_then(Value::as_str))?;
            (name.to_lowercase() == section.to_lowercase()).then(|| name.to_string())
        });
        match listed {
            Some(name) if name != *section => renamed.push((section.clone(), name)),
            Some(_) => {}
            None => groups.push(Value::String(section.clone())),
        }
    }
    if let Some(Value::Array(invitees)) = root.get_mut("invitees") {
        for invitee in invitees {
            let Some(group) = invitee.get_mut("group") else {
                continue;
            };
            if let Some((_, name)) = renamed.iter().find(|(s, _)| group == s.as_str()) {
                *group = Value::String(name.clone());
            }
        }
    }
}

/// The place to name for a path into the model: the sheet's cell for an invitee read from a
/// sheet, else the path itself.
pub fn place_in(places: &[RowPlaces], path: &str) -> Place {
    let fallback = || Place::model(path);
    let Some(rest) = path.strip_prefix("invitees[") else {
        return fallback();
    };
    let Some((index, field)) = rest.split_once(']') else {
        return fallback();
    };
    let Some(row) = index.parse::<usize>().ok().and_then(|i| places.get(i)) else {
        return fallback();
    };
    match field.strip_prefix('.') {
        Some(field) => row
            .of(field.split(['.', '[']).next().unwrap_or(field))
            .clone(),
        None => row.row.clone(),
    }
}

/// Invitees read from a sheet, cleaned and checked like those of a model (NFC, no invisible
/// characters, the known fields), with problems named by their cells: what `hoinghi import`
/// prints.
pub fn invitees_of(sheet: Sheet) -> Result<Vec<Invitee>, Problems> {
    let mut root = serde_json::json!({ "invitees": sheet.invitees });
    let mut problems = Vec::new();
    text::clean_strings(&mut root, &mut problems);
    let items = match root.get_mut("invitees") {
        Some(Value::Array(items)) => std::mem::take(items),
        _ => Vec::new(),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, mut item) in items.into_iter().enumerate() {
        if let Some(invitee) =
            lenient::read_one::<Invitee>(&mut item, &format!("invitees[{i}]"), &mut problems)
        {
            out.push(invitee);
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Problems(
            problems
                .into_iter()
                .map(|p| match &p.place {
                    Place::Model(path) => {
                        let place = place_in(&sheet.places, path);
                        p.at(place)
                    }
                    _ => p,
                })
                .collect(),
        ))
    }
}
