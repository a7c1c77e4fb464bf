//! `hoinghi watch`: a build, then another each time the model, its list file or a template is
//! saved. A bad save prints its problems and leaves the last good output in place.

use std::path::{Path, PathBuf};

use super::Printer;
use crate::cli::{BuildCommand, Verbosity};
use crate::i18n::cli::CliMsg;
use crate::model::{json, list};
use crate::problem::{Place, Problem, Problems};

pub fn run(cmd: &BuildCommand, out: &Printer) -> Result<(), Problems> {
    use notify::{RecursiveMode, Watcher};

    let fail = |error: String| {
        Problems::one(Problem::error(
            Place::Nowhere,
            CliMsg::WatchFailed { error },
        ))
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| fail(e.to_string()))?;
    // Folders are watched, not files: editors save by writing a new file and renaming it over
    // the old one. Only events on the model, its list and the templates count.
    let absolute = |p: &Path| {
        std::fs::canonicalize(p)
            .unwrap_or_else(|_| std::env::current_dir().unwrap_or_default().join(p))
    };
    let model = absolute(&cmd.input.model);
    let model_dir = model.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut files = vec![model.clone()];
    if let Some(list) = list_file(&model) {
        files.push(absolute(&model_dir.join(list)));
    }
    let templates = cmd.input.templates.as_deref().map(absolute);
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    folders.extend(templates.clone());
    folders.dedup();
    for dir in folders.iter().filter(|d| d.is_dir()) {
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| fail(e.to_string()))?;
    }
    let relevant =
        |p: &PathBuf| files.contains(p) || templates.as_ref().is_some_and(|t| p.starts_with(t));
    loop {
        if let Err(problems) = super::build::run(cmd, out) {
            out.failure(&problems);
            out.say(&out.words(CliMsg::WatchKept));
        }
        // Wait for a save, then let a burst of saves settle.
        loop {
            let paths = rx
                .recv()
                .map_err(|_| Problems::one(Problem::error(Place::Nowhere, CliMsg::WatchStopped)))?;
            let changed: Vec<String> = paths
                .iter()
                .filter(|p| relevant(p))
                .map(|p| p.display().to_string())
                .collect();
            if !changed.is_empty() {
                if out.verbosity != Verbosity::Quiet {
                    out.say(
                        &CliMsg::WatchChanged {
                            files: changed.join(", "),
                        }
                        .text(out.lang),
                    );
                }
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(150));
        while rx.try_recv().is_ok() {}
    }
}

/// The list file a model names (`"invitees": {"file": …}`), read without checking the model.
fn list_file(model: &Path) -> Option<String> {
    let text = json::read_file(model).ok()?;
    let root = json::parse(&text, "", &mut Vec::new()).ok()?;
    list::source_of(&root).map(|s| s.file)
}
