//! What the tests need from outside: running the binary, and reading PDFs back the way a
//! reader sees them (text, pages, sizes, fonts).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Document, Object};

/// The outcome of one run of the binary.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the run succeeded.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.status, 0, "hoinghi failed:\n{}", self.stderr);
        self
    }

    /// Asserts the run failed, with any status.
    #[track_caller]
    pub fn failed(self) -> Self {
        assert_ne!(
            self.status, 0,
            "hoinghi should have failed:\n{}{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts the exit status.
    #[track_caller]
    pub fn exit(self, status: i32) -> Self {
        assert_eq!(
            self.status, status,
            "exit status {} instead of {status}:\n{}{}",
            self.status, self.stdout, self.stderr
        );
        self
    }

    /// Asserts the messages (standard error) contain `fragment`.
    #[track_caller]
    pub fn says(self, fragment: &str) -> Self {
        assert_contains(&self.stderr, fragment);
        self
    }

    /// Asserts the output (standard output) contains `fragment`.
    #[track_caller]
    pub fn prints(self, fragment: &str) -> Self {
        assert_contains(&self.stdout, fragment);
        self
    }
}

/// Asserts `text` contains `fragment`, showing both when it does not.
#[track_caller]
pub fn assert_contains(text: &str, fragment: &str) {
    assert!(text.contains(fragment), "missing {fragment:?} in:\n{text}");
}

/// `hoinghi` ready to run from the project's root, in the environment of a Vietnamese user
/// with no settings of their own: no language, template or font variables, no fixed date.
pub fn hoinghi_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hoinghi"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    for var in [
        "HOINGHI_TEMPLATES",
        "HOINGHI_FONT_PATHS",
        "LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "LANGUAGE",
        "SOURCE_DATE_EPOCH",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs `hoinghi` with `args` (see [`hoinghi_command`]).
#[track_caller]
pub fn hoinghi(args: &[&str]) -> Run {
    hoinghi_with(args, &[])
}

/// Runs `hoinghi` with `args` and the environment variables `env`.
#[track_caller]
pub fn hoinghi_with(args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = hoinghi_command()
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("hoinghi runs");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A file of the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[track_caller]
pub fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A PDF as a reader meets it.
pub struct Pdf {
    doc: Document,
    pub path: PathBuf,
}

impl Pdf {
    #[track_caller]
    pub fn open(path: &Path) -> Self {
        let doc =
            Document::load(path).unwrap_or_else(|e| panic!("{} is not a PDF: {e}", path.display()));
        Self {
            doc,
            path: path.to_path_buf(),
        }
    }

    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// The text of one page (1-based), every run of whitespace made one space.
    #[track_caller]
    pub fn page_text(&self, page: u32) -> String {
        let text = self
            .doc
            .extract_text(&[page])
            .expect("text can be extracted");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The text of every page, joined.
    pub fn text(&self) -> String {
        (1..=self.page_count() as u32)
            .map(|p| self.page_text(p))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Width and height of each page in millimetres, rounded to 0.1 mm.
    #[track_caller]
    pub fn page_sizes_mm(&self) -> Vec<(f64, f64)> {
        self.doc
            .get_pages()
            .values()
            .map(|&id| {
                let page = self.doc.get_dictionary(id).unwrap();
                let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
                let n: Vec<f64> = mb
                    .iter()
                    .map(|o| {
                        o.as_float()
                            .map(f64::from)
                            .unwrap_or_else(|_| o.as_i64().unwrap() as f64)
                    })
                    .collect();
                let mm = |pt: f64| (pt / 72.0 * 25.4 * 10.0).round() / 10.0;
                (mm(n[2] - n[0]), mm(n[3] - n[1]))
            })
            .collect()
    }

    /// Every font the PDF uses: (base font name, embedded?).
    pub fn fonts(&self) -> Vec<(String, bool)> {
        let mut fonts = Vec::new();
        for object in self.doc.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font".as_slice()) {
                continue;
            }
            // A composite font is embedded through its descendant; look at the leaves.
            if dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice()) {
                continue;
            }
            let name = dict
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let embedded = dict
                .get(b"FontDescriptor")
                .and_then(Object::as_reference)
                .and_then(|id| self.doc.get_dictionary(id))
                .is_ok_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
            fonts.push((name, embedded));
        }
        fonts.sort();
        fonts
    }
}

pub const A4: (f64, f64) = (210.0, 297.0);

/// Asserts every font of the PDF is embedded and subset (the `ABCDEF+` name prefix).
#[track_caller]
pub fn assert_fonts_embedded(pdf: &Pdf) {
    let fonts = pdf.fonts();
    assert!(!fonts.is_empty(), "{}: no fonts", pdf.path.display());
    for (name, embedded) in fonts {
        assert!(
            embedded,
            "{}: font {name} is not embedded",
            pdf.path.display()
        );
        let subset = name.len() > 7
            && name.as_bytes()[6] == b'+'
            && name[..6].bytes().all(|b| b.is_ascii_uppercase());
        assert!(
            subset,
            "{}: font {name} is not a subset",
            pdf.path.display()
        );
    }
}

/// A copy of a model with `edit` applied to its JSON, written into `dir`.
#[track_caller]
pub fn model_with(
    dir: &Path,
    name: &str,
    base: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> PathBuf {
    let text = std::fs::read_to_string(repo(base)).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    edit(&mut value);
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    path
}

/// Every file under `dir` with its bytes, sorted by path; the build lock (an empty file that
/// only says "a build may be running here") is left out.
#[track_caller]
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == ".hoinghi.lock") {
                continue;
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    files.sort();
    files
}

/// The PDFs a reader gets under `dir` (not hoinghi's own cache), with their bytes, by path.
#[track_caller]
pub fn pdfs(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| {
            p.extension().is_some_and(|e| e == "pdf") && !p.starts_with(".hoinghi-cache")
        })
        .collect()
}

/// Every file under `dir` but the manifest, which also records when each file was written:
/// what two builds of the same input must have byte for byte.
#[track_caller]
pub fn reproducible(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| p.as_os_str() != ".hoinghi-manifest.json")
        .collect()
}

/// Asserts two sets of files (from [`snapshot`] or [`pdfs`]) are the same, naming the files
/// that differ rather than printing their bytes.
#[track_caller]
pub fn assert_same_files(left: &[(PathBuf, Vec<u8>)], right: &[(PathBuf, Vec<u8>)]) {
    let names = |files: &[(PathBuf, Vec<u8>)]| -> Vec<String> {
        files.iter().map(|(p, _)| p.display().to_string()).collect()
    };
    assert_eq!(names(left), names(right), "not the same files");
    let differ: Vec<String> = left
        .iter()
        .zip(right)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((p, _), _)| p.display().to_string())
        .collect();
    assert!(differ.is_empty(), "these files differ: {differ:?}");
}
