//! Output: files are written beside their destination under a temporary name and renamed into
//! place only when the whole build has succeeded, so a failed or killed build leaves `out/`
//! exactly as it was.

use std::collections::HashSet;
use std::fs::{File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tempfile::TempPath;

use crate::model::Problem;

/// The prefix of temporary files; leftovers of a killed build are removed by the next one.
const TEMP_PREFIX: &str = ".hoinghi-tmp-";

/// The lock file that keeps two builds from writing into one folder at once.
const LOCK: &str = ".hoinghi.lock";

/// Files written so far, waiting for [`Staging::commit`]. Dropping it removes them. Several
/// threads may add files at once. While it lives, it holds the folder's lock.
pub struct Staging {
    root: PathBuf,
    _lock: File,
    /// Set from `HOINGHI_ABORT_AFTER` by the test of a build killed halfway.
    abort_after: Option<usize>,
    files: Mutex<Vec<(TempPath, PathBuf)>>,
    /// Folders already rid of leftovers (never again: our own files now carry the prefix).
    cleaned: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    /// Prepares to write under `root`, creating it if needed, and takes its lock.
    pub fn new(root: &Path) -> Result<Self, Problem> {
        std::fs::create_dir_all(root).map_err(|e| cannot_write(root, e))?;
        let lock_path = root.join(LOCK);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| cannot_write(&lock_path, e))?;
        lock.try_lock().map_err(|e| match e {
            TryLockError::WouldBlock => Problem::new(
                root.display().to_string(),
                "another hoinghi is writing into this folder; wait for it to finish, or write into another folder with --out",
            ),
            TryLockError::Error(e) => cannot_write(&lock_path, e),
        })?;
        Ok(Self {
            root: root.to_path_buf(),
            _lock: lock,
            abort_after: std::env::var("HOINGHI_ABORT_AFTER")
                .ok()
                .and_then(|n| n.parse().ok()),
            files: Mutex::new(Vec::new()),
            cleaned: Mutex::new(HashSet::new()),
        })
    }

    /// Writes `bytes` to a temporary file that will become `root/relative`, and returns where
    /// they can be read until the commit.
    pub fn add(&self, relative: &Path, bytes: &[u8]) -> Result<PathBuf, Problem> {
        self.add_with(relative, |file| {
            file.write_all(bytes)
                .map_err(|e| format!("cannot write: {e}"))
        })
    }

    /// Like [`Staging::add`], with the bytes written by `write`, so that a large file need not
    /// be held in memory. The message `write` fails with is placed at the destination.
    pub fn add_with(
        &self,
        relative: &Path,
        write: impl FnOnce(&mut dyn Write) -> Result<(), String>,
    ) -> Result<PathBuf, Problem> {
        let dest = self.root.join(relative);
        let dir = dest.parent().unwrap_or(&self.root);
        {
            let mut cleaned = self.cleaned.lock().expect("no writer panicked");
            if cleaned.insert(dir.to_path_buf()) {
                std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, e))?;
                remove_leftovers(dir);
            }
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX);
        // A temporary file is private (0600); what it becomes is an ordinary output file,
        // readable as the user's umask allows.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let file = builder.tempfile_in(dir).map_err(|e| cannot_write(dir, e))?;
        let mut buffered = std::io::BufWriter::new(file);
        write(&mut buffered).map_err(|m| Problem::new(dest.display().to_string(), m))?;
        let file = buffered
            .into_inner()
            .map_err(|e| cannot_write(&dest, e.into_error()))?;
        let temp = file.into_temp_path();
        let at = temp.to_path_buf();
        let mut files = self.files.lock().expect("no writer panicked");
        files.push((temp, dest));
        // Dies like a killed process would: no destructor runs, the temporary files stay.
        if self.abort_after.is_some_and(|n| files.len() >= n) {
            std::process::abort();
        }
        Ok(at)
    }

    /// Moves every staged file into place, then removes `stale` files.
    pub fn commit(self, stale: &[PathBuf]) -> Result<Vec<PathBuf>, Problem> {
        let files = self.files.into_inner().expect("no writer panicked");
        let mut written = Vec::with_capacity(files.len());
        for (temp, dest) in files {
            temp.persist(&dest)
                .map_err(|e| cannot_write(&dest, e.error))?;
            written.push(dest);
        }
        for path in stale {
            std::fs::remove_file(path).map_err(|e| cannot_write(path, e))?;
        }
        Ok(written)
    }
}

/// The files in `dir` whose names satisfy `belongs` but are not in `keep`: outputs of an
/// earlier build that this build no longer produces.
pub fn stale_files(
    dir: &Path,
    belongs: impl Fn(&str) -> bool,
    keep: &HashSet<PathBuf>,
) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(&belongs))
        .filter(|p| !keep.contains(p))
        .collect();
    stale.sort();
    stale
}

fn remove_leftovers(dir: &Path) {
    for path in stale_files(dir, |n| n.starts_with(TEMP_PREFIX), &HashSet::new()) {
        let _ = std::fs::remove_file(path);
    }
}

fn cannot_write(path: &Path, e: std::io::Error) -> Problem {
    Problem::new(path.display().to_string(), format!("cannot write: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        staging.commit(&[]).unwrap();
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
                .starts_with("another hoinghi is writing into this folder")
        );
        drop(first);
        assert!(Staging::new(dir.path()).is_ok());
    }

    #[test]
    fn commit_moves_files_into_place_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("old.pdf"), b"old").unwrap();
        std::fs::write(dir.path().join(".hoinghi-tmp-killed"), b"half").unwrap();
        let staging = Staging::new(dir.path()).unwrap();
        staging.add(Path::new("new.pdf"), b"new").unwrap();
        staging.add(Path::new("sub/1.pdf"), b"1").unwrap();
        staging.add(Path::new("sub/2.pdf"), b"2").unwrap();
        let keep = HashSet::from([dir.path().join("new.pdf")]);
        let stale = stale_files(dir.path(), |n| n.ends_with(".pdf"), &keep);
        assert_eq!(stale, [dir.path().join("old.pdf")]);
        staging.commit(&stale).unwrap();
        assert_eq!(std::fs::read(dir.path().join("new.pdf")).unwrap(), b"new");
        assert!(!dir.path().join("old.pdf").exists());
        assert!(!dir.path().join(".hoinghi-tmp-killed").exists());
        assert_eq!(std::fs::read(dir.path().join("sub/2.pdf")).unwrap(), b"2");
    }
}
