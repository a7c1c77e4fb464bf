//! `hoinghi watch`: a build, then another each time a file the build reads is saved: the
//! model, the list file it names now, a template that replaces a built-in one, an added font.
//! A bad save prints its problems and leaves the last good output in place.
//!
//! What to follow is asked of the engine ([`inputs::of`]) before every build, since a save of
//! the model can name another list file. Folders are watched, not files: editors save by
//! writing a new file and renaming it over the old one, and a file (or the templates folder)
//! may appear after the start. Events then count by the name of the file they touch.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{self, EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::Printer;
use crate::cli::BuildCommand;
use crate::engine::inputs::{self, Input, Role};
use crate::i18n::cli::CliMsg;
use crate::i18n::{Lang, Text};
use crate::model::Source;
use crate::problem::{Place, Problem, Problems};

/// How long a file must be left alone before its events count: long enough for a save in
/// several steps (a new file, a rename, a removal) to end as one change, short enough not to
/// be felt.
const SETTLE: Duration = Duration::from_millis(300);

pub fn run(cmd: &BuildCommand, out: &Printer) -> Result<(), Problems> {
    // The settings come from the command line and the environment, which no save changes.
    let settings = cmd.input.settings(cmd.pdf_a).map_err(Problems::one)?;
    let source = Source::File(cmd.input.model.clone());
    let (tx, rx) = mpsc::channel();
    let debouncer = new_debouncer(SETTLE, None, tx)
        .map_err(|e| Problems::one(Problem::error(Place::Nowhere, cannot_watch(&e))))?;
    let mut watch = Watch {
        debouncer,
        points: Vec::new(),
        inputs: Vec::new(),
    };
    loop {
        // Followed before the build reads them: a save made before is in this build, one made
        // after is seen.
        watch.follow(inputs::of(&settings, &source), out);
        if let Err(problems) = super::build::run(cmd, out) {
            out.failure(&problems);
            out.say(&out.words(CliMsg::WatchKept));
        }
        out.say(
            &CliMsg::WatchWatching {
                files: watch.describe(out.lang),
            }
            .text(out.lang),
        );
        let changed = watch.next_change(&rx, out)?;
        out.say(
            &CliMsg::WatchChanged {
                files: changed.join(", "),
            }
            .text(out.lang),
        );
    }
}

/// The watcher, the folders it watches and the files a build reads.
struct Watch {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    /// The folders watched, and how.
    points: Vec<(PathBuf, RecursiveMode)>,
    /// What a build reads, each with its path as the watcher's events name it.
    inputs: Vec<(Input, PathBuf)>,
}

impl Watch {
    /// Follows `inputs` instead of what the last build read.
    fn follow(&mut self, inputs: Vec<Input>, out: &Printer) {
        self.inputs = inputs
            .into_iter()
            .map(|input| {
                let resolved = resolve(&input.path);
                (input, resolved)
            })
            .collect();
        // Every folder is watched anew, those watched already too: one removed and made again
        // since is another folder to the system, which stopped watching the old one.
        for (point, _) in self.points.drain(..) {
            // It fails for a folder gone: nothing to stop watching.
            let _ = self.debouncer.unwatch(&point);
        }
        let files: Vec<&Path> = self.inputs.iter().map(|(_, r)| r.as_path()).collect();
        for (point, mode) in points(&files) {
            match self.debouncer.watch(&point, mode) {
                Ok(()) => self.points.push((point, mode)),
                // The other folders are still watched; the next build tries again.
                Err(e) => {
                    let place = Place::file(named_by_user(&self.inputs, &point));
                    out.problem(&Problem::warning(place, cannot_watch(&e)));
                }
            }
        }
    }

    /// What is followed, for the user: each file, and the templates' folder once.
    fn describe(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (input, _) in &self.inputs {
            let part = match input.role {
                Role::Template => CliMsg::WatchTemplates {
                    dir: shown(input.path.parent().unwrap_or(Path::new("."))),
                }
                .text(lang),
                Role::Model | Role::List | Role::Fonts => shown(&input.path),
            };
            if !parts.contains(&part) {
                parts.push(part);
            }
        }
        parts.join(", ")
    }

    /// Waits for a save of what the build reads, and names the files it touched as the user
    /// named them. The watcher's own failures are told and waited past.
    fn next_change(
        &self,
        rx: &Receiver<DebounceEventResult>,
        out: &Printer,
    ) -> Result<Vec<String>, Problems> {
        loop {
            let events = match rx.recv() {
                Ok(Ok(events)) => events,
                Ok(Err(errors)) => {
                    for e in &errors {
                        out.problem(&Problem::warning(Place::Nowhere, cannot_watch(e)));
                    }
                    continue;
                }
                Err(_) => {
                    return Err(Problems::one(Problem::error(
                        Place::Nowhere,
                        CliMsg::WatchStopped,
                    )));
                }
            };
            let mut changed: Vec<String> = Vec::new();
            for event in &events {
                for path in &event.paths {
                    if let Some(file) = self.touched(&event.kind, path) {
                        let file = shown(&file);
                        if !changed.contains(&file) {
                            changed.push(file);
                        }
                    }
                }
            }
            if !changed.is_empty() {
                return Ok(changed);
            }
        }
    }

    /// The file or folder, as the user named it, that an event at `path` changes when it
    /// concerns a build: a file the build reads or one in a folder it reads whole, or a folder
    /// on the way to one, made, removed or renamed (the templates' folder made after the
    /// start).
    fn touched(&self, kind: &EventKind, path: &Path) -> Option<PathBuf> {
        // The build opening its own files.
        if matches!(kind, EventKind::Access(_)) {
            return None;
        }
        let on_the_way = matches!(
            kind,
            EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
        );
        self.inputs.iter().find_map(|(input, resolved)| {
            if let Ok(rest) = path.strip_prefix(resolved) {
                return Some(if rest.as_os_str().is_empty() {
                    input.path.clone()
                } else {
                    input.path.join(rest)
                });
            }
            let up = resolved.strip_prefix(path).ok()?.components().count();
            if !on_the_way {
                return None;
            }
            Some(
                input
                    .path
                    .ancestors()
                    .nth(up)
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(path)
                    .to_path_buf(),
            )
        })
    }
}

/// The folders to watch for `files`: each of them that is a folder (of fonts), with all it
/// holds, and the nearest existing folder above each, alone (its subfolders would only add
/// events that never count).
fn points(files: &[&Path]) -> Vec<(PathBuf, RecursiveMode)> {
    let whole: Vec<&Path> = files.iter().copied().filter(|f| f.is_dir()).collect();
    let within = |folder: &Path| whole.iter().any(|w| folder.starts_with(w));
    let mut points: Vec<(PathBuf, RecursiveMode)> = Vec::new();
    for &folder in &whole {
        if !whole.iter().any(|w| *w != folder && folder.starts_with(w)) {
            points.push((folder.to_path_buf(), RecursiveMode::Recursive));
        }
    }
    for file in files {
        let Some(folder) = file.ancestors().skip(1).find(|a| a.is_dir()) else {
            continue;
        };
        if !within(folder) && !points.iter().any(|(p, _)| p == folder) {
            points.push((folder.to_path_buf(), RecursiveMode::NonRecursive));
        }
    }
    points
}

/// `path` as the watcher's events name it: absolute, the folders on its way that exist as
/// the system names them (symbolic links followed, `\\?\` on Windows). The last part stays
/// as given, so that a link saved over is still the file followed.
fn resolve(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return path;
    };
    match std::fs::canonicalize(parent) {
        Ok(real) => real.join(name),
        Err(_) => resolve(parent).join(name),
    }
}

/// A folder of `resolved` paths as the user named it: the same folder above a file they
/// named, not the system's name for it (`\\?\C:\…` on Windows, a link followed).
fn named_by_user(inputs: &[(Input, PathBuf)], folder: &Path) -> PathBuf {
    inputs
        .iter()
        .find_map(|(input, resolved)| {
            let up = resolved.strip_prefix(folder).ok()?.components().count();
            input.path.ancestors().nth(up).map(Path::to_path_buf)
        })
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| folder.to_path_buf())
}

/// A path as the user wrote it, without a leading `./`.
fn shown(path: &Path) -> String {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.display().to_string(),
        _ => path.display().to_string(),
    }
}

/// Why the watcher cannot watch, in words.
fn cannot_watch(e: &notify::Error) -> Text {
    Text::each(|lang| {
        let error = match &e.kind {
            notify::ErrorKind::Io(io) => crate::i18n::build::io_error(io, lang),
            notify::ErrorKind::PathNotFound | notify::ErrorKind::WatchNotFound => {
                CliMsg::WatchFolderGone.text(lang)
            }
            notify::ErrorKind::MaxFilesWatch => CliMsg::WatchLimit.text(lang),
            notify::ErrorKind::Generic(_) | notify::ErrorKind::InvalidConfig(_) => e.to_string(),
        };
        CliMsg::WatchFailed { error }.text(lang)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_watched_through_its_folder_and_a_folder_of_fonts_whole() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = resolve(dir.path());
        std::fs::create_dir(root.join("fonts")).expect("a folder");
        let model = root.join("m.json");
        let list = root.join("lists/ds.csv");
        let fonts = root.join("fonts");
        let template = root.join("fonts/mau/giay-moi.typ.j2");
        let got = points(&[&model, &list, &fonts, &template]);
        assert_eq!(
            got,
            [
                (fonts.clone(), RecursiveMode::Recursive),
                // The list's folder is not there yet: the one above it is watched.
                (root.clone(), RecursiveMode::NonRecursive),
            ]
        );
    }

    #[test]
    fn a_path_that_does_not_exist_yet_resolves_under_the_folder_that_does() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = std::fs::canonicalize(dir.path()).expect("the folder exists");
        let later = dir.path().join("mau/giay-moi.typ.j2");
        assert_eq!(resolve(&later), root.join("mau/giay-moi.typ.j2"));
        assert_eq!(shown(Path::new("./ds.csv")), "ds.csv");
        assert_eq!(shown(Path::new(".")), ".");
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_watched_is_named_as_the_user_named_the_file_in_it() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dir.path().join("that")).expect("a folder");
        let link = dir.path().join("this");
        std::os::unix::fs::symlink(dir.path().join("that"), &link).expect("a link");
        let named = link.join("ds.csv");
        let input = Input {
            path: named.clone(),
            role: Role::List,
        };
        let resolved = resolve(&named);
        let real = resolved.parent().expect("a folder").to_path_buf();
        assert_ne!(real, link, "the system names the folder otherwise");
        let inputs = [(input, resolved)];
        assert_eq!(named_by_user(&inputs, &real), link);
        let elsewhere = Path::new("/elsewhere");
        assert_eq!(named_by_user(&inputs, elsewhere), elsewhere);
    }
}
