//! Output: files are written beside their destination under a temporary name and moved into
//! place only when the whole build has succeeded, so a failed or killed build leaves the
//! output folder as it was.
//!
//! The commit is all or nothing. Before anything changes, every destination is checked (a
//! folder in the way, a link, a file another program holds open); then the manifest is marked
//! in progress, each old file is moved aside and the new one moved in; if a move fails, what
//! was moved is moved back. The build's manifest is written last. A build killed during the
//! commit leaves a manifest marked in progress, which the next build does not trust: it makes
//! every file again. Only files a manifest lists are ever replaced or removed.

pub mod concat;
pub mod manifest;

use std::collections::HashSet;
use std::fs::{File, TryLockError};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use tempfile::TempPath;

use crate::i18n::Text;
use crate::i18n::build::{BuildMsg, io_error};
use crate::problem::{Place, Problem, Problems};
use manifest::{ContentHasher, Manifest};

/// The prefix of temporary files; leftovers of a killed build are removed by the next one.
const TEMP_PREFIX: &str = ".hoinghi-tmp-";

/// The prefix of old files moved aside during a commit.
const ASIDE_PREFIX: &str = ".hoinghi-old-";

/// The lock file that keeps two builds from writing into one folder at once.
const LOCK: &str = ".hoinghi.lock";

/// A file waiting to be moved into place.
struct Staged {
    temp: TempPath,
    /// Relative to the root, with `/`.
    relative: String,
    size: u64,
    hash: String,
    modified: Option<u128>,
}

/// Files written so far, waiting for [`Staging::commit`]. Dropping it removes them. Several
/// threads may add files at once. While it lives, it holds the folder's lock.
pub struct Staging {
    root: PathBuf,
    _lock: File,
    files: Mutex<Vec<Staged>>,
    /// Folders already checked and rid of leftovers.
    ready: Mutex<HashSet<PathBuf>>,
}

/// What a commit did.
#[derive(Debug, Default)]
pub struct Committed {
    /// The files moved into place, relative to the root.
    pub written: Vec<String>,
    /// The files removed.
    pub removed: Vec<String>,
    /// Stale files that could not be removed; they stay listed, for the next build.
    pub warnings: Vec<Problem>,
}

impl Staging {
    /// Prepares to write under `root`, creating it if needed, takes its lock, and removes what
    /// a killed build left behind.
    pub fn new(root: &Path) -> Result<Self, Problem> {
        std::fs::create_dir_all(root).map_err(|e| cannot_write(root, &e))?;
        let lock_path = root.join(LOCK);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| cannot_write(&lock_path, &e))?;
        lock.try_lock().map_err(|e| match e {
            TryLockError::WouldBlock => Problem::error(Place::file(root), BuildMsg::FolderLocked),
            TryLockError::Error(e) => cannot_write(&lock_path, &e),
        })?;
        // What a killed build left: in the folder and in the folders it writes into.
        remove_leftovers(root);
        if let Ok(entries) = std::fs::read_dir(root) {
            for entry in entries.flatten() {
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    remove_leftovers(&entry.path());
                }
            }
        }
        Ok(Self {
            root: root.to_path_buf(),
            _lock: lock,
            files: Mutex::new(Vec::new()),
            ready: Mutex::new(HashSet::new()),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A file of `bytes` for the build's own use, in the output folder: gone when dropped, or
    /// at the next build's start if this one is killed. Never committed.
    pub fn scratch(&self, bytes: &[u8]) -> Result<tempfile::NamedTempFile, Problem> {
        let mut file = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(&self.root)
            .map_err(|e| cannot_write(&self.root, &e))?;
        file.write_all(bytes)
            .map_err(|e| cannot_write(file.path(), &e))?;
        Ok(file)
    }

    /// Writes `bytes` to a temporary file that will become `root/relative`, and returns where
    /// they can be read until the commit.
    pub fn add(&self, relative: &Path, bytes: &[u8]) -> Result<PathBuf, Problem> {
        self.add_with(relative, |file| {
            file.write_all(bytes)
                .map_err(|e| Text::each(|l| io_error(&e, l)))
        })
    }

    /// Like [`Staging::add`], the PDF joined from the PDF files `parts`, in order.
    pub fn add_joined(&self, relative: &Path, parts: &[PathBuf]) -> Result<PathBuf, Problem> {
        self.add_with(relative, |out| {
            concat::concatenate(parts, out).map_err(|error| {
                Text::each(|l| {
                    BuildMsg::JoinFailed {
                        error: error.clone(),
                    }
                    .text(l)
                })
            })
        })
    }

    /// Like [`Staging::add`], with the bytes written by `write`, so that a large file need not
    /// be held in memory. The message `write` fails with is placed at the destination.
    pub fn add_with(
        &self,
        relative: &Path,
        write: impl FnOnce(&mut dyn Write) -> Result<(), Text>,
    ) -> Result<PathBuf, Problem> {
        let dest = self.root.join(relative);
        let dir = dest.parent().unwrap_or(&self.root).to_path_buf();
        self.prepare(&dir)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX);
        // A temporary file is private (0600); what it becomes is an ordinary output file,
        // readable as the user's umask allows.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let file = builder
            .tempfile_in(&dir)
            .map_err(|e| cannot_write(&dir, &e))?;
        let mut hashing = Hashing {
            inner: std::io::BufWriter::new(file),
            hasher: ContentHasher::new(),
            size: 0,
        };
        write(&mut hashing).map_err(|m| Problem::error(Place::file(&dest), m))?;
        let Hashing {
            inner,
            hasher,
            size,
        } = hashing;
        let file = inner
            .into_inner()
            .map_err(|e| cannot_write(&dest, e.error()))?;
        let modified = manifest::nanos(file.as_file().metadata().and_then(|m| m.modified()).ok());
        let temp = file.into_temp_path();
        let at = temp.to_path_buf();
        let mut files = self.files.lock().expect("no writer panicked");
        files.push(Staged {
            temp,
            relative: slashed(relative),
            size,
            hash: hasher.finish(),
            modified,
        });
        // Dies like a killed process would: no destructor runs, the temporary files stay.
        if test_hook("HOINGHI_ABORT_AFTER").is_some_and(|n| files.len() >= n) {
            std::process::abort();
        }
        Ok(at)
    }

    /// Makes sure `dir` (inside the root) exists, is a real folder and not a link, and holds
    /// no leftovers of a killed build.
    fn prepare(&self, dir: &Path) -> Result<(), Problem> {
        let mut ready = self.ready.lock().expect("no writer panicked");
        if ready.contains(dir) {
            return Ok(());
        }
        let inside = dir.strip_prefix(&self.root).unwrap_or(Path::new(""));
        let mut at = self.root.clone();
        for part in inside.components() {
            let Component::Normal(part) = part else {
                continue;
            };
            at.push(part);
            match std::fs::symlink_metadata(&at) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(Problem::error(Place::file(&at), BuildMsg::LinkInOutput));
                }
                Ok(meta) if !meta.is_dir() => {
                    return Err(Problem::error(Place::file(&at), BuildMsg::FileWhereFolder));
                }
                Ok(_) => {}
                Err(_) => std::fs::create_dir(&at).map_err(|e| cannot_write(&at, &e))?,
            }
        }
        remove_leftovers(dir);
        ready.insert(dir.to_path_buf());
        Ok(())
    }

    /// Moves every staged file into place and removes the `stale` files (relative, with `/`),
    /// all or nothing; then writes `manifest`, with the entries of the staged files added, as
    /// the record of this build. `previous` is the manifest found before the build.
    pub fn commit(
        self,
        stale: &[String],
        mut manifest: Manifest,
        previous: &Manifest,
    ) -> Result<Committed, Problems> {
        let files = self.files.into_inner().expect("no writer panicked");
        for staged in &files {
            let entry = manifest.files.entry(staged.relative.clone()).or_default();
            entry.size = staged.size;
            entry.hash = staged.hash.clone();
            entry.modified = staged.modified;
        }
        check_destinations(&self.root, &files, stale)?;

        // The files of both builds are ours until this build's manifest says otherwise.
        let mut marked = manifest.clone();
        marked.in_progress = true;
        for (path, entry) in &previous.files {
            marked
                .files
                .entry(path.clone())
                .or_insert_with(|| entry.clone());
        }
        let manifest_path = self.root.join(manifest::FILE);
        if !files.is_empty() || !stale.is_empty() {
            write_atomically(&manifest_path, &marked.to_json())?;
        }

        let mut moved: Vec<(PathBuf, Option<PathBuf>)> = Vec::with_capacity(files.len());
        let mut written = Vec::with_capacity(files.len());
        for (n, staged) in files.into_iter().enumerate() {
            let dest = self.root.join(&staged.relative);
            if test_hook("HOINGHI_ABORT_IN_COMMIT").is_some_and(|k| n >= k) {
                std::process::abort();
            }
            // The test of a rollback makes the n-th move fail as a full disk would.
            let result = if test_hook("HOINGHI_FAIL_MOVE_AT").is_some_and(|k| n == k) {
                Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
            } else {
                move_into_place(staged.temp, &dest)
            };
            match result {
                Ok(aside) => {
                    moved.push((dest, aside));
                    written.push(staged.relative);
                }
                Err(e) => {
                    let restored = roll_back(&moved);
                    let problem = Problem::error(
                        Place::file(&dest),
                        Text::each(|l| {
                            BuildMsg::CannotReplace {
                                error: io_error(&e, l),
                            }
                            .text(l)
                        }),
                    );
                    if restored {
                        // The folder is as it was: so is its record.
                        let _ = write_atomically(&manifest_path, &previous.to_json());
                        return Err(problem.hint(BuildMsg::RolledBack).into());
                    }
                    return Err(problem.hint(BuildMsg::PartlyWritten).into());
                }
            }
        }
        for (_, aside) in &moved {
            if let Some(aside) = aside {
                let _ = std::fs::remove_file(aside);
            }
        }
        let mut removed = Vec::new();
        let mut warnings = Vec::new();
        for path in stale {
            let full = self.root.join(path);
            match std::fs::remove_file(&full) {
                Ok(()) => removed.push(path.clone()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => warnings.push(Problem::warning(
                    Place::file(&full),
                    Text::each(|l| {
                        BuildMsg::CannotRemove {
                            error: io_error(&e, l),
                        }
                        .text(l)
                    }),
                )),
            }
        }
        // A file that could not be removed stays ours, for the next build to remove.
        for path in stale {
            if !removed.contains(path)
                && self.root.join(path).exists()
                && let Some(entry) = previous.files.get(path)
            {
                manifest.files.insert(path.clone(), entry.clone());
            }
        }
        manifest.in_progress = false;
        if manifest != *previous || !written.is_empty() || !removed.is_empty() {
            write_atomically(&manifest_path, &manifest.to_json())?;
        }
        Ok(Committed {
            written,
            removed,
            warnings,
        })
    }
}

/// Checks, before anything changes, that every destination can be replaced and every stale
/// file removed: no folder or link in the way, no file held open by another program.
fn check_destinations(root: &Path, files: &[Staged], stale: &[String]) -> Result<(), Problems> {
    let mut problems = Problems::default();
    let busy = test_hook_text("HOINGHI_TEST_BUSY");
    for relative in files.iter().map(|f| &f.relative).chain(stale) {
        let dest = root.join(relative);
        let Ok(meta) = std::fs::symlink_metadata(&dest) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            problems.push(Problem::error(Place::file(&dest), BuildMsg::LinkInOutput));
        } else if meta.is_dir() {
            problems.push(Problem::error(Place::file(&dest), BuildMsg::FolderInTheWay));
        } else if busy.as_deref() == Some(relative.as_str()) || is_open_elsewhere(&dest) {
            problems.push(Problem::error(Place::file(&dest), BuildMsg::OpenElsewhere));
        }
    }
    problems.into_result()
}

/// Whether another program holds the file open so that it cannot be replaced. Windows refuses
/// to replace a file a viewer has open; opening it without sharing tells beforehand.
#[cfg(windows)]
fn is_open_elsewhere(path: &Path) -> bool {
    use std::os::windows::fs::OpenOptionsExt;
    const ERROR_SHARING_VIOLATION: i32 = 32;
    const ERROR_LOCK_VIOLATION: i32 = 33;
    match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .share_mode(0)
        .open(path)
    {
        Ok(_) => false,
        Err(e) => matches!(
            e.raw_os_error(),
            Some(ERROR_SHARING_VIOLATION) | Some(ERROR_LOCK_VIOLATION)
        ),
    }
}

#[cfg(not(windows))]
fn is_open_elsewhere(_path: &Path) -> bool {
    // Elsewhere an open file can be replaced: the reader keeps the old one.
    false
}

/// Moves `temp` to `dest`, first moving an old `dest` aside (returned, to remove once every
/// file is in place, or to move back if one fails).
fn move_into_place(temp: TempPath, dest: &Path) -> std::io::Result<Option<PathBuf>> {
    let aside = if dest.exists() {
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let aside = dest.with_file_name(format!("{ASIDE_PREFIX}{name}"));
        std::fs::rename(dest, &aside)?;
        Some(aside)
    } else {
        None
    };
    if let Err(e) = temp.persist(dest) {
        if let Some(aside) = &aside {
            let _ = std::fs::rename(aside, dest);
        }
        return Err(e.error);
    }
    Ok(aside)
}

/// Puts back what a failed commit moved: each new file removed, each old one moved back.
/// Whether everything was restored.
fn roll_back(moved: &[(PathBuf, Option<PathBuf>)]) -> bool {
    let mut all = true;
    for (dest, aside) in moved.iter().rev() {
        let ok = match aside {
            Some(aside) => std::fs::rename(aside, dest).is_ok(),
            None => std::fs::remove_file(dest).is_ok(),
        };
        all &= ok;
    }
    all
}

/// Writes a small file by writing a temporary one and renaming it over.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(|e| cannot_write(path, &e))?;
    file.write_all(bytes).map_err(|e| cannot_write(path, &e))?;
    file.persist(path)
        .map_err(|e| cannot_write(path, &e.error))?;
    Ok(())
}

/// Writes one file in place of `path`, atomically: for files outside an output folder (the
/// picture of `preview`, the JSON of `import`).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if path.file_name().is_none() {
        return Err(Problem::error(Place::file(path), BuildMsg::NotAFileName));
    }
    std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, &e))?;
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(Problem::error(Place::file(path), BuildMsg::FolderInTheWay));
    }
    write_atomically(path, bytes)
}

/// Removes the temporary and set-aside files a killed build left in `dir`.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if (name.starts_with(TEMP_PREFIX) || name.starts_with(ASIDE_PREFIX))
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A relative path with `/` between its parts, as the manifest keeps it.
pub fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn cannot_write(path: &Path, e: &std::io::Error) -> Problem {
    Problem::error(
        Place::file(path),
        Text::each(|l| {
            BuildMsg::CannotWrite {
                error: io_error(e, l),
            }
            .text(l)
        }),
    )
}

/// A number set in the environment for the tests that interrupt a build on purpose; never
/// read by a release build.
fn test_hook(name: &str) -> Option<usize> {
    test_hook_text(name)?.parse().ok()
}

fn test_hook_text(name: &str) -> Option<String> {
    if cfg!(debug_assertions) {
        std::env::var(name).ok()
    } else {
        None
    }
}

/// A writer that counts and hashes what goes through it.
struct Hashing<W: Write> {
    inner: W,
    hasher: ContentHasher,
    size: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(bytes)?;
        self.hasher.update(&bytes[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(staging: Staging, stale: &[String]) -> Result<Committed, Problems> {
        staging.commit(stale, Manifest::new(), &Manifest::new())
    }

    #[test]
    fn nothing_appears_before_commit_and_nothing_is_left_after_a_drop() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(dir.path()).unwrap();
        staging.add(Path::new("a/b.pdf"), b"x").unwrap();
        staging.add(Path::new("a/c.pdf"), b"y").unwrap();
        assert!(!dir.path().join("a/b.pdf").exists());
        drop(staging);
        assert_eq!(std::fs::read_dir(dir.path().join("a")).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn written_files_are_as_readable_as_any_file_the_user_makes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(dir.path()).unwrap();
        staging.add(Path::new("a.pdf"), b"x").unwrap();
        commit(staging, &[]).unwrap();
        std::fs::write(dir.path().join("plain"), b"x").unwrap();
        let mode = |name: &str| {
            std::fs::metadata(dir.path().join(name))
                .unwrap()
                .permissions()
                .mode()
        };
        assert_eq!(mode("a.pdf"), mode("plain"));
    }

    #[test]
    fn a_second_writer_is_refused_while_the_first_holds_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let first = Staging::new(dir.path()).unwrap();
        let second = Staging::new(dir.path()).err().unwrap();
        assert!(
            second
                .message
                .en
                .starts_with("another hoinghi is writing into this folder")
        );
        drop(first);
        assert!(Staging::new(dir.path()).is_ok());
    }

    #[test]
    fn commit_moves_files_into_place_removes_stale_ones_and_records_them() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("old.pdf"), b"old").unwrap();
        std::fs::write(dir.path().join(".hoinghi-tmp-killed"), b"half").unwrap();
        let staging = Staging::new(dir.path()).unwrap();
        assert!(!dir.path().join(".hoinghi-tmp-killed").exists());
        staging.add(Path::new("new.pdf"), b"new").unwrap();
        staging.add(Path::new("sub/1.pdf"), b"1").unwrap();
        let done = commit(staging, &["old.pdf".to_string()]).unwrap();
        assert_eq!(done.removed, ["old.pdf"]);
        assert_eq!(std::fs::read(dir.path().join("new.pdf")).unwrap(), b"new");
        assert!(!dir.path().join("old.pdf").exists());
        let manifest = Manifest::read(dir.path());
        assert!(!manifest.in_progress);
        assert_eq!(manifest.files["sub/1.pdf"].size, 1);
        assert!(manifest.is_intact(dir.path(), "new.pdf"));
    }

    #[test]
    fn a_folder_in_the_way_stops_the_commit_before_anything_changes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.pdf"), b"old a").unwrap();
        std::fs::create_dir(dir.path().join("b.pdf")).unwrap();
        let staging = Staging::new(dir.path()).unwrap();
        staging.add(Path::new("a.pdf"), b"new a").unwrap();
        staging.add(Path::new("b.pdf"), b"new b").unwrap();
        let e = commit(staging, &[]).unwrap_err();
        assert_eq!(e.0[0].place, Place::file(dir.path().join("b.pdf")));
        assert_eq!(std::fs::read(dir.path().join("a.pdf")).unwrap(), b"old a");
        assert!(!dir.path().join(manifest::FILE).exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_inside_the_output_folder_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("sub")).unwrap();
        let staging = Staging::new(dir.path()).unwrap();
        let e = staging.add(Path::new("sub/1.pdf"), b"1").unwrap_err();
        assert_eq!(e.place, Place::file(dir.path().join("sub")));
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }
}
