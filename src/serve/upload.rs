//! A list uploaded from Excel: read at once and shown as it will be used, with the problems
//! the checks find on its cells; used only when the clerk says so, then saved beside the model
//! under its own name, with the model pointing to it (`"invitees": {"file": …}`).
//!
//! An upload's name is taken as a file name only: one that names a folder (`../../x`,
//! `C:\x`, `a/b`) is refused, so nothing uploaded is ever written outside the conference
//! folder. Until it is used, it waits in a hidden temporary folder inside the conference
//! folder, removed when it is used, replaced or the server stops.

use std::path::Path;

use serde_json::json;

use super::state::{App, Doc, ListView, Shown, Upload, file_name};
use crate::i18n::Text;
use crate::i18n::web::WebMsg;
use crate::model;
use crate::problem::{Place, Problem, Problems};

/// The extensions of the lists hoinghi reads.
const LISTS: &[&str] = &["xlsx", "xlsm", "xls", "ods", "csv"];

/// What the page shows of an upload before it is used.
pub struct Read {
    pub upload: Upload,
    pub list: ListView,
    pub problems: Vec<Shown>,
}

/// The name of an uploaded file, if it is a plain file name of a list.
pub fn check_name(name: &str) -> Result<String, Text> {
    let name = name.trim();
    let plain = !name.is_empty()
        && !name.contains(['/', '\\', ':', '\0'])
        && name != "."
        && !name.contains("..")
        && !name.starts_with('.')
        && !name.chars().any(char::is_control);
    if !plain {
        return Err(WebMsg::BadUploadName {
            name: crate::problem::quote(name),
        }
        .into());
    }
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !LISTS.contains(&extension.as_str()) {
        return Err(WebMsg::NotAListFile {
            name: crate::problem::quote(name),
        }
        .into());
    }
    Ok(name.to_string())
}

/// Keeps an uploaded list in the conference folder's waiting room and reads it as the model
/// would use it: its rows, and every problem the checks find in them.
pub fn receive(app: &App, doc: &Doc, name: &str, bytes: &[u8]) -> Result<Read, Problems> {
    let folder = doc.path.parent().unwrap_or(&app.folder);
    let dir = tempfile::Builder::new()
        .prefix(".hoinghi-tai-len-")
        .tempdir_in(folder)
        .map_err(|e| cannot_keep(folder, &e))?;
    let upload = Upload {
        name: name.to_string(),
        dir,
        count: 0,
    };
    std::fs::write(upload.path(), bytes).map_err(|e| cannot_keep(&upload.path(), &e))?;
    let source = json!({ "file": name });
    let mut probe = doc.value.clone().unwrap_or_else(|| json!({}));
    if let Some(map) = probe.as_object_mut() {
        map.insert("invitees".into(), source.clone());
    }
    // The list as it will be read, and the model with it checked as `hoinghi check` would.
    let list = super::state::list_view(&probe, upload.dir.path()).ok_or_else(|| {
        Problems::one(Problem::error(
            Place::File(name.to_string()),
            WebMsg::UploadGone,
        ))
    })?;
    let text = serde_json::to_string(&probe).expect("JSON values serialize");
    let found = match model::parse(&text, &file_name(&doc.path), upload.dir.path()) {
        Ok(conf) => conf.warnings,
        Err(problems) => problems.0,
    };
    let problems: Vec<Shown> = found
        .iter()
        .filter_map(|p| {
            // Only what is about the list: the rest of the model is shown on its own tabs.
            let about_list = list.path_of(&p.place).is_some()
                || matches!(&p.place, Place::Model(path) if path.starts_with("invitees"))
                || list.problems.contains(p)
                || matches!(&p.place, Place::Sheet { file, .. } | Place::File(file) | Place::Line { file, .. } if file == name);
            about_list.then(|| shown_for(&list, p, app))
        })
        .collect();
    let count = list.rows.len();
    Ok(Read {
        upload: Upload { count, ..upload },
        list,
        problems,
    })
}

fn shown_for(list: &ListView, problem: &Problem, app: &App) -> Shown {
    let mut shown = Shown::plain(problem, app.lang);
    shown.path = match &problem.place {
        Place::Model(path) => Some(path.clone()),
        place => list.path_of(place),
    };
    shown.tab = "list";
    shown
}

/// Uses the waiting upload: saves it beside the model under its name (the file it replaces,
/// if any, kept as `NAME.bak`) and points the model to it. With rows left out (`skip`,
/// counted from 0 in the order shown), the file is saved all the same, and the rows invited
/// are copied into the model: the file stays as the office keeps it.
pub fn use_it(
    app: &App,
    doc: &mut Doc,
    upload: Upload,
    version: &str,
    skip: &[usize],
) -> Result<String, Text> {
    let folder = doc.path.parent().unwrap_or(&app.folder).to_path_buf();
    let target = folder.join(&upload.name);
    let bytes = std::fs::read(upload.path()).map_err(|_| Text::from(WebMsg::UploadGone))?;
    // The rows, read before anything is written: what was shown is what is used.
    let list = if skip.is_empty() {
        None
    } else {
        Some(
            super::state::list_view(
                &json!({ "invitees": { "file": upload.name } }),
                upload.dir.path(),
            )
            .ok_or_else(|| Text::from(WebMsg::UploadGone))?,
        )
    };
    if let Ok(old) = std::fs::read(&target)
        && old != bytes
    {
        crate::output::write_file(&super::state::backup_of(&target), &old)
            .map_err(|p| save_failed(&p))?;
    }
    crate::output::write_file(&target, &bytes).map_err(|p| save_failed(&p))?;
    let Some(list) = list else {
        let value = json!({ "file": upload.name });
        doc.replace_list(app, version, value, None)
            .map_err(|e| Text::each(|l| super::state::save_error_text(&e, l)))?;
        return Ok(WebMsg::ListUsed {
            file: upload.name.clone(),
            count: upload.count,
        }
        .text(app.lang));
    };
    let invited: Vec<serde_json::Value> = list
        .rows
        .iter()
        .cloned()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .map(|(_, row)| row)
        .collect();
    let count = invited.len();
    doc.replace_list(app, version, serde_json::Value::Array(invited), Some(&list))
        .map_err(|e| Text::each(|l| super::state::save_error_text(&e, l)))?;
    Ok(WebMsg::ListUsedWithout {
        file: upload.name.clone(),
        count,
        left: upload.count.saturating_sub(count),
    }
    .text(app.lang))
}

fn save_failed(problem: &Problem) -> Text {
    Text::each(|l| {
        WebMsg::SaveFailed {
            error: problem.text(l),
        }
        .text(l)
    })
}

fn cannot_keep(path: &Path, e: &std::io::Error) -> Problems {
    Problems::one(Problem::error(
        Place::file(path),
        Text::each(|l| {
            WebMsg::SaveFailed {
                error: crate::i18n::build::io_error(e, l),
            }
            .text(l)
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_of_lists_are_taken() {
        assert_eq!(check_name("dai-bieu.xlsx").as_deref(), Ok("dai-bieu.xlsx"));
        assert!(check_name("Danh sách khách mời.CSV").is_ok());
        for bad in [
            "../../x.xlsx",
            "..\\x.xlsx",
            "/etc/x.csv",
            "C:\\Windows\\x.xlsx",
            "a/b.xlsx",
            ".hidden.xlsx",
            "",
            "x.exe",
            "x.xlsx\0.csv",
        ] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }
}
