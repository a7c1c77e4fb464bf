//! Building from the page: the engine's build run on a thread of its own, its progress kept
//! for the page to ask after, its files offered for download one by one or as one ZIP.
//! The build is `hoinghi build MODEL --out OUT`, call for call: the PDFs are the same bytes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use serde_json::{Value, json};

use super::state::{App, BuildState, Outcome, Shown};
use crate::engine::{Cancel, Event, Job};
use crate::i18n::Text;
use crate::i18n::web::WebMsg;
use crate::output::manifest::Manifest;
use crate::problem::{Place, Problem};

/// A file of the last build, for the list of downloads.
#[derive(Debug, Serialize)]
pub struct BuiltFile {
    pub path: String,
    pub size: u64,
    pub changed: bool,
}

/// Starts building the model as it was last saved, unless a build is running or the model
/// has errors; the build goes on on its own thread.
pub fn start(app: &Arc<App>) -> Result<(), Text> {
    let (conf, out) = {
        let doc = app.doc();
        let Some(doc) = doc.as_ref() else {
            return Err(WebMsg::NoModel.into());
        };
        let Some(conf) = doc.conf.clone() else {
            let count = doc.problems.iter().filter(|p| p.error).count();
            return Err(WebMsg::ModelHasErrors { count }.into());
        };
        (conf, app.out_dir(&doc.path))
    };
    let cancel = Cancel::default();
    {
        let mut state = lock(app);
        if state.running {
            return Err(WebMsg::BuildRunning.into());
        }
        state.running = true;
        state.done = 0;
        state.total = 0;
        state.cancel = Some(cancel.clone());
        state.number += 1;
    }
    let app = Arc::clone(app);
    std::thread::spawn(move || {
        let job = Job {
            out,
            ..Job::default()
        };
        let listen = |event: Event| {
            if let Event::Progress { done, total } = event {
                let mut state = lock(&app);
                state.done = done;
                state.total = total;
            }
        };
        let report = app.engine().build(&conf, &job, &listen, &cancel);
        let time = chrono::Local::now().format("%H:%M").to_string();
        let outcome = match report {
            Ok(report) => Outcome {
                ok: true,
                time,
                written: report.written,
                unchanged: report.unchanged,
                removed: report.removed,
                problems: shown(&app, &report.warnings),
            },
            Err(problems) => Outcome {
                ok: false,
                time,
                written: Vec::new(),
                unchanged: 0,
                removed: Vec::new(),
                problems: shown(&app, &problems.0),
            },
        };
        let mut state = lock(&app);
        state.running = false;
        state.cancel = None;
        state.result = Some(outcome);
    });
    Ok(())
}

fn lock(app: &App) -> std::sync::MutexGuard<'_, BuildState> {
    app.build
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Problems of a build in the page's words.
fn shown(app: &App, problems: &[Problem]) -> Vec<Shown> {
    let doc = app.doc();
    problems
        .iter()
        .map(|p| match doc.as_ref() {
            Some(doc) => doc.shown(p, app.lang),
            None => super::state::Shown::plain(p, app.lang),
        })
        .collect()
}

/// Stops the running build between two files.
pub fn stop(app: &App) {
    if let Some(cancel) = &lock(app).cancel {
        cancel.cancel();
    }
}

/// Where the build is, and what the last one made.
pub fn status(app: &App) -> Value {
    let state = lock(app);
    let files = output_dir(app)
        .map(|out| files(&out, state.result.as_ref()))
        .unwrap_or_default();
    json!({
        "running": state.running,
        "done": state.done,
        "total": state.total,
        "number": state.number,
        "result": state.result,
        "files": files,
    })
}

/// The output folder of the model being edited.
pub fn output_dir(app: &App) -> Option<PathBuf> {
    let doc = app.doc();
    doc.as_ref().map(|d| app.out_dir(&d.path))
}

/// The files the last build in `out` made (not its cache), by the manifest it left.
pub fn files(out: &Path, outcome: Option<&Outcome>) -> Vec<BuiltFile> {
    let manifest = Manifest::read(out);
    if manifest.in_progress {
        return Vec::new();
    }
    manifest
        .files
        .iter()
        .filter(|(path, _)| is_paper(path))
        .map(|(path, entry)| BuiltFile {
            path: path.clone(),
            size: entry.size,
            changed: outcome.is_some_and(|o| o.written.contains(path)),
        })
        .collect()
}

/// Whether a file of the manifest is a paper (not a cached part of the merged file).
fn is_paper(path: &str) -> bool {
    !path.starts_with(crate::engine::invitations::CACHE)
}

/// The bytes of a file of the last build, if the manifest lists it: no other path of the
/// disk can be asked for.
pub fn read_file(out: &Path, path: &str) -> Option<Vec<u8>> {
    let manifest = Manifest::read(out);
    if manifest.in_progress || !is_paper(path) || !manifest.files.contains_key(path) {
        return None;
    }
    let full = path
        .split('/')
        .fold(out.to_path_buf(), |dir, part| dir.join(part));
    std::fs::read(full).ok()
}

/// Every paper of the last build as one ZIP file, the same bytes for the same files: the
/// files in order, stored as they are (PDFs are compressed already), dated 1980-01-01.
pub fn zip(out: &Path) -> Result<Vec<u8>, Problem> {
    let fail = |e: String| {
        Problem::error(
            Place::file(out),
            Text::each(|l| WebMsg::ZipFailed { error: e.clone() }.text(l)),
        )
    };
    let list = files(out, None);
    if list.is_empty() {
        return Err(Problem::error(Place::file(out), WebMsg::NothingBuilt));
    }
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for file in &list {
        let bytes = read_file(out, &file.path).ok_or_else(|| fail(file.path.clone()))?;
        writer
            .start_file(file.path.as_str(), options)
            .map_err(|e| fail(e.to_string()))?;
        writer.write_all(&bytes).map_err(|e| fail(e.to_string()))?;
    }
    let cursor = writer.finish().map_err(|e| fail(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// The fingerprint of the last build's files, to name the ZIP by its content.
pub fn zip_name(model: &Path) -> String {
    let stem = model
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "hoi-nghi".into());
    format!("{}.zip", crate::vn::slug(&stem, 60))
}

/// A file's kind, for the browser.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ics" => "text/calendar; charset=utf-8",
        "png" => "image/png",
        "zip" => "application/zip",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}
