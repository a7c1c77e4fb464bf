//! The build manifest: for every file a build wrote, a fingerprint of everything it was made
//! from. The next build compares, and writes only the files whose fingerprint changed.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::Path;

use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};

/// The manifest's file in the output folder.
pub const FILE: &str = ".hoinghi-manifest.json";

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The tool that wrote it: another version rebuilds everything.
    pub version: String,
    /// Each file (relative to the output folder, with `/`) and its fingerprint.
    pub files: BTreeMap<String, String>,
}

impl Manifest {
    pub fn new() -> Self {
        Self {
            version: env!("CARGO_PKG_VERSION").into(),
            files: BTreeMap::new(),
        }
    }

    /// The manifest of an earlier build in `dir`; empty when there is none, it cannot be read,
    /// or another version wrote it, so that everything is rebuilt.
    pub fn read(dir: &Path) -> Self {
        std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .filter(|m| m.version == env!("CARGO_PKG_VERSION"))
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut json = serde_json::to_vec_pretty(self).expect("a manifest serializes");
        json.push(b'\n');
        json
    }
}

/// A fingerprint of `parts`, in order: 128 bits of SipHash-1-3 with fixed keys, in hex, the
/// same in every run on every machine.
pub fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = SipHasher13::new_with_keys(0x686f_696e_6768_6921, 0x6d61_6e69_6665_7374);
    for part in parts {
        // The length first, so that ("ab", "c") and ("a", "bc") differ.
        hasher.write_u64(part.len() as u64);
        hasher.write(part);
    }
    format!("{:032x}", hasher.finish128().as_u128())
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
    fn a_manifest_round_trips_and_a_missing_one_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Manifest::read(dir.path()), Manifest::default());
        let mut m = Manifest::new();
        m.files.insert("giay-moi.pdf".into(), "abc".into());
        std::fs::write(dir.path().join(FILE), m.to_json()).unwrap();
        assert_eq!(Manifest::read(dir.path()), m);
        std::fs::write(dir.path().join(FILE), b"{ broken").unwrap();
        assert_eq!(Manifest::read(dir.path()), Manifest::default());
    }
}
