//! What the papers are made of, kept in the repository: the Typst sources the templates
//! generate for the sample and the second conference (`tests/snapshots/typst/<model>/`), and
//! the SHA-256 of every PDF they give (`tests/snapshots/pdf/<model>.sha256`, in the format of
//! `sha256sum`). A change of a template shows up as a diff to review; a change of the bytes
//! of any paper fails until it is meant. `UPDATE_SNAPSHOTS=1 cargo test --test papers
//! snapshots` rewrites both after a deliberate change.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::*;

/// The models whose papers are kept, by the name of their snapshots.
const MODELS: [(&str, &str); 2] = [("hoi-nghi-ocop-2025", SAMPLE), ("other-conference", OTHER)];

/// One build of a model with its Typst sources written beside: its PDFs and its sources.
struct Built {
    out: PathBuf,
    typst: PathBuf,
}

/// Each model built once for both tests, in the tests' own scratch folder.
fn built(name: &str) -> &'static Built {
    static BUILT: OnceLock<BTreeMap<&'static str, Built>> = OnceLock::new();
    let all = BUILT.get_or_init(|| {
        MODELS
            .iter()
            .map(|&(name, model)| {
                let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
                    .join("snapshots")
                    .join(name);
                let _ = std::fs::remove_dir_all(&dir);
                let (out, typst) = (dir.join("out"), dir.join("typst"));
                // The plan's checklist marks the tasks overdue on the day of the build: the
                // day is fixed, with some tasks late and some not yet.
                let args = ["--emit-typst", s(&typst), "--today", "2025-10-12"];
                build(&repo(model), &out, &args).ok();
                (name, Built { out, typst })
            })
            .collect()
    });
    &all[name]
}

fn updating() -> bool {
    std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v != "0" && !v.is_empty())
}

/// The text files directly in `dir`, by name.
#[track_caller]
fn text_files(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// A readable diff of two versions of a file: the changed lines with three lines around.
fn diff(name: &str, kept: &str, now: &str) -> String {
    similar::TextDiff::from_lines(kept, now)
        .unified_diff()
        .context_radius(3)
        .header(&format!("kept/{name}"), &format!("generated/{name}"))
        .to_string()
}

#[test]
fn the_generated_typst_matches_the_reviewed_copy() {
    let mut differences = Vec::new();
    for (name, _) in MODELS {
        let kept_dir = repo("tests/snapshots/typst").join(name);
        let generated = text_files(&built(name).typst);
        assert!(
            generated.contains_key("giay-moi.typ") && generated.contains_key("nd30.typ"),
            "{name}: --emit-typst wrote {:?}",
            generated.keys()
        );
        if updating() {
            let _ = std::fs::remove_dir_all(&kept_dir);
            std::fs::create_dir_all(&kept_dir).unwrap();
            for (file, text) in &generated {
                std::fs::write(kept_dir.join(file), text).unwrap();
            }
            continue;
        }
        let kept = text_files(&kept_dir);
        for (file, text) in &generated {
            match kept.get(file) {
                None => differences.push(format!(
                    "{name}/{file} is new: review it and run with UPDATE_SNAPSHOTS=1"
                )),
                Some(old) if old != text => {
                    differences.push(diff(&format!("{name}/{file}"), old, text))
                }
                Some(_) => {}
            }
        }
        for file in kept.keys().filter(|f| !generated.contains_key(*f)) {
            differences.push(format!("{name}/{file} is no longer generated"));
        }
    }
    assert!(
        differences.is_empty(),
        "the generated Typst differs from tests/snapshots/typst (if the change is meant, run \
         UPDATE_SNAPSHOTS=1 cargo test --test papers snapshots):\n{}",
        differences.join("\n")
    );
}

/// `sha256sum`'s lines for the PDFs of a folder: `HASH  ./path`, sorted by path.
#[track_caller]
fn hash_lines(out: &Path) -> BTreeMap<String, String> {
    pdfs(out)
        .into_iter()
        .map(|(path, bytes)| {
            let path = format!("./{}", path.display());
            let hash: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (path, hash)
        })
        .collect()
}

#[test]
fn every_pdf_is_byte_identical_to_the_kept_hashes() {
    let mut differences = Vec::new();
    for (name, _) in MODELS {
        let file = repo("tests/snapshots/pdf").join(format!("{name}.sha256"));
        let now = hash_lines(&built(name).out);
        assert!(now.len() > 6, "{name}: {} PDFs", now.len());
        if updating() {
            let text: String = now
                .iter()
                .map(|(path, hash)| format!("{hash}  {path}\n"))
                .collect();
            std::fs::write(&file, text).unwrap();
            continue;
        }
        let kept: BTreeMap<String, String> = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .filter_map(|l| l.split_once("  "))
            .map(|(hash, path)| (path.to_string(), hash.to_string()))
            .collect();
        for (path, hash) in &now {
            match kept.get(path) {
                None => differences.push(format!("{name}: {path} is new")),
                Some(old) if old != hash => differences.push(format!("{name}: {path} changed")),
                Some(_) => {}
            }
        }
        for path in kept.keys().filter(|p| !now.contains_key(*p)) {
            differences.push(format!("{name}: {path} is no longer made"));
        }
    }
    assert!(
        differences.is_empty(),
        "PDFs differ from tests/snapshots/pdf (if the papers are meant to change, run \
         UPDATE_SNAPSHOTS=1 cargo test --test papers snapshots):\n{}",
        differences.join("\n")
    );
}
