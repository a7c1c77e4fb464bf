//! Fonts: the Tinos faces compiled into the binary, fonts added from `--font-path` folders or
//! files, the fonts installed on the system when a family is asked for that only the system
//! has, the choice of a family, and the check that every character of the model can be drawn.
//!
//! The default stays the embedded Tinos, so that the papers do not depend on the machine they
//! are made on unless a family is asked for by name.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontStyle, FontWeight};

use crate::i18n::Text;
use crate::i18n::build::{BuildMsg, io_error};
use crate::problem::{Place, Problem, Problems, quote};

/// Tinos: Times New Roman's metrics with every Vietnamese letter (SIL OFL, see fonts/OFL.txt).
const EMBEDDED: [&[u8]; 4] = [
    include_bytes!("../fonts/Tinos-Regular.ttf"),
    include_bytes!("../fonts/Tinos-Bold.ttf"),
    include_bytes!("../fonts/Tinos-Italic.ttf"),
    include_bytes!("../fonts/Tinos-BoldItalic.ttf"),
];

/// Where a face came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    /// A file of `--font-path`.
    Added(PathBuf),
    /// A file of the system's fonts.
    System(PathBuf),
}

/// Every font a build can use, loaded once.
pub struct FontSet {
    pub fonts: Vec<Font>,
    pub book: FontBook,
    /// Where each font of `fonts` came from.
    pub origins: Vec<Origin>,
    /// Files skipped, with why.
    pub warnings: Vec<Problem>,
}

impl FontSet {
    /// The embedded faces plus every font file of `paths` (folders, searched recursively, or
    /// files); and when `wanted` names a family none of those has, that family's faces from
    /// the system's fonts.
    pub fn load(paths: &[PathBuf], wanted: Option<&str>) -> Result<Self, Problems> {
        let mut set = Self {
            fonts: Vec::new(),
            book: FontBook::new(),
            origins: Vec::new(),
            warnings: Vec::new(),
        };
        for data in EMBEDDED {
            for font in Font::iter(Bytes::new(data)) {
                set.fonts.push(font);
                set.origins.push(Origin::Embedded);
            }
        }
        let mut problems = Problems::default();
        for path in paths {
            match std::fs::metadata(path) {
                Ok(meta) if meta.is_dir() => {
                    if let Err(p) = set.add_folder(path) {
                        problems.push(p);
                    }
                }
                Ok(meta) if meta.is_file() && is_font_file(path) => {
                    set.add_file(path, Origin::Added(path.clone()));
                }
                Ok(_) => {
                    problems.push(Problem::error(Place::file(path), BuildMsg::FontPathNotFont))
                }
                Err(_) => {
                    problems.push(Problem::error(Place::file(path), BuildMsg::FontPathMissing))
                }
            }
        }
        problems.into_result()?;
        if let Some(family) = wanted
            && !set.has_family(family)
        {
            set.add_system_family(family);
        }
        set.book = FontBook::from_fonts(&set.fonts);
        Ok(set)
    }

    fn has_family(&self, family: &str) -> bool {
        let lower = family.to_lowercase();
        self.fonts
            .iter()
            .any(|f| f.info().family.to_lowercase() == lower)
    }

    fn add_folder(&mut self, dir: &Path) -> Result<(), Problem> {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Problem::error(
                Place::file(dir),
                Text::each(|l| {
                    BuildMsg::FontUnreadable {
                        error: io_error(&e, l),
                    }
                    .text(l)
                }),
            )
        })?;
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        // Sorted, so that the font book and thus the output do not depend on directory order.
        paths.sort();
        for path in paths {
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                self.add_folder(&path)?;
            } else if meta.is_file() && is_font_file(&path) {
                self.add_file(&path, Origin::Added(path.clone()));
            }
        }
        Ok(())
    }

    /// Adds the faces of one regular font file; a file that holds none is skipped with a
    /// warning.
    fn add_file(&mut self, path: &Path, origin: Origin) {
        let data = match std::fs::read(path) {
            Ok(data) => data,
            Err(e) => {
                self.warnings.push(Problem::warning(
                    Place::file(path),
                    Text::each(|l| {
                        BuildMsg::FontUnreadable {
                            error: io_error(&e, l),
                        }
                        .text(l)
                    }),
                ));
                return;
            }
        };
        let before = self.fonts.len();
        for font in Font::iter(Bytes::new(data)) {
            self.fonts.push(font);
            self.origins.push(origin.clone());
        }
        if self.fonts.len() == before {
            self.warnings
                .push(Problem::warning(Place::file(path), BuildMsg::FontBroken));
        }
    }

    /// Adds the faces of `family` found among the system's fonts, if any.
    fn add_system_family(&mut self, family: &str) {
        let lower = family.to_lowercase();
        for dir in system_font_dirs() {
            let mut files = Vec::new();
            collect_font_files(&dir, &mut files, 0);
            files.sort();
            for path in files {
                let Ok(data) = std::fs::read(&path) else {
                    continue;
                };
                for font in Font::iter(Bytes::new(data)) {
                    if font.info().family.to_lowercase() == lower {
                        self.fonts.push(font);
                        self.origins.push(Origin::System(path.clone()));
                    }
                }
            }
        }
    }

    /// The faces of `family` (matched without regard to case), or None if no font has it.
    pub fn family(&self, family: &str) -> Option<Vec<&Font>> {
        let ids: Vec<usize> = self.book.select_family(&family.to_lowercase()).collect();
        (!ids.is_empty()).then(|| ids.iter().filter_map(|&i| self.fonts.get(i)).collect())
    }

    /// Every family with its faces (name and origin), sorted by family.
    pub fn families(&self) -> Vec<(String, Vec<(String, Origin)>)> {
        let mut out: Vec<(String, Vec<(String, Origin)>)> = self
            .book
            .families()
            .map(|(name, ids)| {
                let mut faces: Vec<(String, Origin)> = ids
                    .filter_map(|i| Some((self.book.info(i)?, self.origins.get(i)?.clone())))
                    .map(|(info, origin)| {
                        (face_name(info.variant.weight, info.variant.style), origin)
                    })
                    .collect();
                faces.sort_by(|a, b| a.0.cmp(&b.0));
                faces.dedup_by(|a, b| a.0 == b.0);
                (name.to_string(), faces)
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// Checks that `family` exists and that some loaded font can draw every character of each
    /// text. `texts` pairs a place with the text found there.
    pub fn check_coverage<'a>(
        &self,
        family: &str,
        family_place: Place,
        texts: impl IntoIterator<Item = (Place, &'a str)>,
    ) -> Vec<Problem> {
        let Some(faces) = self.family(family) else {
            let known: Vec<String> = self.families().into_iter().map(|(f, _)| f).collect();
            return vec![Problem::error(
                family_place,
                BuildMsg::FontUnknown {
                    family: family.to_string(),
                    known: known.join(", "),
                },
            )];
        };
        let mut problems = Vec::new();
        for (place, text) in texts {
            for c in text.chars().filter(|c| !c.is_whitespace()) {
                let drawable = faces.iter().any(|f| f.info().coverage.contains(c as u32))
                    || self
                        .fonts
                        .iter()
                        .any(|f| f.info().coverage.contains(c as u32));
                if !drawable {
                    problems.push(Problem::error(
                        place,
                        BuildMsg::FontCannotDraw {
                            character: c.to_string(),
                            code: format!("U+{:04X}", c as u32),
                            value: quote(text),
                        },
                    ));
                    break;
                }
            }
        }
        problems
    }
}

fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

/// The folders where the system keeps its fonts.
fn system_font_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(windows) {
        let windir = std::env::var_os("WINDIR").map_or(PathBuf::from("C:\\Windows"), PathBuf::from);
        dirs.push(windir.join("Fonts"));
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            dirs.push(
                PathBuf::from(local)
                    .join("Microsoft")
                    .join("Windows")
                    .join("Fonts"),
            );
        }
    } else if cfg!(target_os = "macos") {
        dirs.extend(["/System/Library/Fonts", "/Library/Fonts"].map(PathBuf::from));
        dirs.extend(home.map(|h| h.join("Library/Fonts")));
    } else {
        // The folders fontconfig searches by default.
        dirs.extend(["/usr/share/fonts", "/usr/local/share/fonts"].map(PathBuf::from));
        if let Some(home) = home {
            dirs.push(home.join(".local/share/fonts"));
            dirs.push(home.join(".fonts"));
        }
    }
    dirs
}

fn collect_font_files(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 8 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            collect_font_files(&path, out, depth + 1);
        } else if meta.is_file() && is_font_file(&path) {
            out.push(path);
        }
    }
}

fn face_name(weight: FontWeight, style: FontStyle) -> String {
    let bold = weight >= FontWeight::BOLD;
    let italic = style != FontStyle::Normal;
    match (bold, italic) {
        (false, false) => "regular",
        (true, false) => "bold",
        (false, true) => "italic",
        (true, true) => "bold italic",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded() -> FontSet {
        FontSet::load(&[], None).unwrap()
    }

    #[test]
    fn tinos_is_embedded_in_four_faces() {
        let fonts = embedded();
        let families = fonts.families();
        assert_eq!(families.len(), 1);
        assert_eq!(families[0].0, "Tinos");
        let faces: Vec<&str> = families[0].1.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(faces, ["bold", "bold italic", "italic", "regular"]);
        assert!(families[0].1.iter().all(|(_, o)| *o == Origin::Embedded));
        assert!(fonts.family("tinos").is_some());
    }

    #[test]
    fn every_vietnamese_letter_is_covered() {
        let letters = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";
        let upper = letters.to_uppercase();
        let fonts = embedded();
        let problems = fonts.check_coverage(
            "Tinos",
            Place::model("style.font"),
            [
                (Place::model("a"), letters),
                (Place::model("b"), upper.as_str()),
            ],
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn undrawable_characters_and_unknown_families_are_named() {
        let fonts = embedded();
        let p = fonts.check_coverage(
            "Tinos",
            Place::model("style.font"),
            [(Place::model("invitees[3].name"), "Lê 😀 An")],
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].place, Place::model("invitees[3].name"));
        assert!(
            p[0].message.en.starts_with("the character '😀' (U+1F600)"),
            "{}",
            p[0].message.en
        );
        let p = fonts.check_coverage("Nope Serif", Place::model("style.font"), []);
        assert!(
            p[0].message
                .en
                .starts_with("\"Nope Serif\" is not a loaded font family (loaded: Tinos)")
        );
    }

    #[test]
    fn a_broken_font_file_is_skipped_with_a_warning_and_a_plain_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("empty.ttf"), b"").unwrap();
        let set = FontSet::load(&[dir.path().to_path_buf()], None).unwrap();
        assert_eq!(set.warnings.len(), 1);
        assert_eq!(
            set.warnings[0].place,
            Place::file(dir.path().join("empty.ttf"))
        );
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, b"x").unwrap();
        let e = FontSet::load(std::slice::from_ref(&text), None)
            .err()
            .unwrap();
        assert_eq!(e.0[0].place, Place::file(&text));
    }
}
