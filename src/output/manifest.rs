//! The build manifest: for every file a build wrote, a fingerprint of everything it was made
//! from, and the size, time and hash it was written with. The next build writes only the files
//! whose fingerprint changed or that are no longer as written, and removes only files listed
//! here: a file the program did not write is never touched.
//!
//! While a build moves its files into place, the manifest says so (`in_progress`) and lists
//! the files of both builds; the build's own manifest replaces it last. A build interrupted
//! in between leaves a manifest nobody trusts, so the next build makes every file again.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};

/// The manifest's file in the output folder.
pub const FILE: &str = ".hoinghi-manifest.json";

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The tool that wrote it: another version rebuilds everything.
    pub version: String,
    /// Set while a build is moving its files into place.
    #[serde(default)]
    pub in_progress: bool,
    /// Each file (relative to the output folder, with `/`) and how it was made.
    pub files: BTreeMap<String, Entry>,
}

/// One file as a build wrote it.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The document the file belongs to: a build of some documents removes only theirs.
    #[serde(default)]
    pub document: String,
    /// Everything the file is made from.
    pub fingerprint: String,
    /// Its length in bytes.
    pub size: u64,
    /// A hash of its bytes.
    pub hash: String,
    /// Its modification time when written, in nanoseconds since 1970: while it is unchanged,
    /// the file need not be read again to be trusted.
    #[serde(default)]
    pub modified: Option<u128>,
    /// For an invitation's page, when the Word copy is made: the half points its body loses
    /// there to fit one page (kept so that a build that keeps the page need not set it again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub word_shrink: Option<u8>,
}

impl Manifest {
    pub fn new() -> Self {
        Self {
            version: env!("CARGO_PKG_VERSION").into(),
            in_progress: false,
            files: BTreeMap::new(),
        }
    }

    /// The manifest of an earlier build in `dir`: empty when there is none or it cannot be
    /// read; from another version of the program, its files are still ours but none is
    /// trusted.
    pub fn read(dir: &Path) -> Self {
        let Some(mut manifest) = std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
        else {
            return Self::new();
        };
        if manifest.version != env!("CARGO_PKG_VERSION") {
            manifest.in_progress = true;
        }
        manifest
    }

    /// Whether the file at `path` (in `dir`) was made from `fingerprint` and is still as it
    /// was written: same size, and same time or else same bytes.
    pub fn is_current(&self, dir: &Path, path: &str, fingerprint: &str) -> bool {
        if self.in_progress {
            return false;
        }
        let Some(entry) = self.files.get(path) else {
            return false;
        };
        entry.fingerprint == fingerprint && entry.matches(&dir.join(path))
    }

    /// Whether the file at `path`, listed here, still has the bytes it was written with,
    /// whatever its time says: for a file read to make another (a cached chunk of the merged
    /// file), where damage that a reader would tolerate must not pass on. None when the file
    /// is not listed or is gone.
    pub fn has_its_bytes(&self, dir: &Path, path: &str) -> Option<bool> {
        let entry = self.files.get(path)?;
        let full = dir.join(path);
        let meta = std::fs::symlink_metadata(&full).ok()?;
        Some(
            meta.is_file()
                && meta.len() == entry.size
                && hash_file(&full).is_some_and(|h| h == entry.hash),
        )
    }

    /// Whether the file at `path` is still as this manifest says it was written, whatever it
    /// was made from: what a one-invitee build leaves in place.
    pub fn is_intact(&self, dir: &Path, path: &str) -> bool {
        self.files
            .get(path)
            .is_some_and(|entry| entry.matches(&dir.join(path)))
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut json = serde_json::to_vec_pretty(self).expect("a manifest serializes");
        json.push(b'\n');
        json
    }
}

impl Entry {
    /// Whether the file on disk is the one described: a regular file (not a link) of the same
    /// size, and the same modification time or else the same hash.
    pub fn matches(&self, path: &Path) -> bool {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return false;
        };
        if !meta.is_file() || meta.len() != self.size {
            return false;
        }
        if self.modified.is_some() && self.modified == nanos(meta.modified().ok()) {
            return true;
        }
        hash_file(path).is_some_and(|h| h == self.hash)
    }
}

/// A time as nanoseconds since 1970.
pub fn nanos(time: Option<SystemTime>) -> Option<u128> {
    time?
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()
        .map(|d| d.as_nanos())
}

/// A fingerprint of `parts`, in order: 128 bits of SipHash-1-3 with fixed keys, in hex, the
/// same in every run on every machine.
pub fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = ContentHasher::new();
    for part in parts {
        // The length first, so that ("ab", "c") and ("a", "bc") differ.
        hasher.0.write_u64(part.len() as u64);
        hasher.0.write(part);
    }
    hasher.finish()
}

/// A hash of a file's bytes, as [`ContentHasher`] makes it.
pub fn hash_file(path: &Path) -> Option<String> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = ContentHasher::new();
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let n = file.read(&mut buffer).ok()?;
        if n == 0 {
            break;
        }
        hasher.0.write(&buffer[..n]);
    }
    Some(hasher.finish())
}

/// A hash of bytes written one piece after another.
pub struct ContentHasher(SipHasher13);

impl ContentHasher {
    pub fn new() -> Self {
        Self(SipHasher13::new_with_keys(
            0x686f_696e_6768_6921,
            0x6d61_6e69_6665_7374,
        ))
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    pub fn finish(&self) -> String {
        format!("{:032x}", self.0.finish128().as_u128())
    }
}

impl Default for ContentHasher {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_tell_parts_apart() {
        let a = fingerprint([b"ab".as_slice(), b"c"]);
        assert_eq!(a, fingerprint([b"ab".as_slice(), b"c"]));
        assert_ne!(a, fingerprint([b"a".as_slice(), b"bc"]));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn a_manifest_round_trips_and_a_missing_or_broken_one_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Manifest::read(dir.path()), Manifest::new());
        let mut m = Manifest::new();
        m.files.insert("giay-moi.pdf".into(), Entry::default());
        std::fs::write(dir.path().join(FILE), m.to_json()).unwrap();
        assert_eq!(Manifest::read(dir.path()), m);
        std::fs::write(dir.path().join(FILE), b"{ broken").unwrap();
        assert_eq!(Manifest::read(dir.path()), Manifest::new());
    }

    #[test]
    fn a_file_changed_on_disk_is_no_longer_current() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        std::fs::write(&path, b"12345").unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        let mut m = Manifest::new();
        m.files.insert(
            "a.pdf".into(),
            Entry {
                document: "a".into(),
                fingerprint: "f".into(),
                size: 5,
                hash: hash_file(&path).unwrap(),
                modified: nanos(meta.modified().ok()),
                word_shrink: None,
            },
        );
        assert!(m.is_current(dir.path(), "a.pdf", "f"));
        assert!(!m.is_current(dir.path(), "a.pdf", "g"));
        // Same size, other bytes, other time: the hash tells.
        std::fs::write(&path, b"54321").unwrap();
        m.files.get_mut("a.pdf").unwrap().modified = Some(1);
        assert!(!m.is_current(dir.path(), "a.pdf", "f"));
        // Truncated.
        std::fs::write(&path, b"").unwrap();
        assert!(!m.is_current(dir.path(), "a.pdf", "f"));
        m.in_progress = true;
        std::fs::write(&path, b"12345").unwrap();
        assert!(!m.is_current(dir.path(), "a.pdf", "f"));
    }
}
