//! Fonts: the Tinos faces compiled into the binary, fonts added from `--font-path` folders,
//! the choice of a family, and the check that every character of the model can be drawn.

use std::path::Path;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontStyle, FontWeight};

use crate::model::Problem;

/// Tinos: Times New Roman's metrics with every Vietnamese letter (SIL OFL, see fonts/OFL.txt).
const EMBEDDED: [&[u8]; 4] = [
    include_bytes!("../fonts/Tinos-Regular.ttf"),
    include_bytes!("../fonts/Tinos-Bold.ttf"),
    include_bytes!("../fonts/Tinos-Italic.ttf"),
    include_bytes!("../fonts/Tinos-BoldItalic.ttf"),
];

/// Every font a build can use, loaded once.
pub struct FontSet {
    pub fonts: Vec<Font>,
    pub book: FontBook,
}

impl FontSet {
    /// The embedded faces plus every font file found (recursively) in `dirs`.
    pub fn load(dirs: &[impl AsRef<Path>]) -> Result<Self, Problem> {
        let mut fonts: Vec<Font> = EMBEDDED
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        for dir in dirs {
            let dir = dir.as_ref();
            if !dir.is_dir() {
                return Err(Problem::new(
                    dir.display().to_string(),
                    "the font folder does not exist",
                ));
            }
            add_fonts_from(dir, &mut fonts)?;
        }
        let book = FontBook::from_fonts(&fonts);
        Ok(Self { fonts, book })
    }

    /// The faces of `family` (matched without regard to case), or None if no font has it.
    pub fn family(&self, family: &str) -> Option<Vec<&Font>> {
        let ids: Vec<usize> = self.book.select_family(&family.to_lowercase()).collect();
        (!ids.is_empty()).then(|| ids.iter().filter_map(|&i| self.fonts.get(i)).collect())
    }

    /// Every family with the names of its faces, sorted by family.
    pub fn families(&self) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = self
            .book
            .families()
            .map(|(name, ids)| {
                let mut faces: Vec<String> = ids
                    .filter_map(|i| self.book.info(i))
                    .map(|info| face_name(info.variant.weight, info.variant.style))
                    .collect();
                faces.sort();
                faces.dedup();
                (name.to_string(), faces)
            })
            .collect();
        out.sort();
        out
    }

    /// Checks that `family` exists and that some loaded font can draw every character of each
    /// text. `texts` pairs a place (a JSON path) with the text found there.
    pub fn check_coverage<'a>(
        &self,
        family: &str,
        family_place: &str,
        texts: impl IntoIterator<Item = (String, &'a str)>,
    ) -> Vec<Problem> {
        let Some(faces) = self.family(family) else {
            let known: Vec<String> = self.families().into_iter().map(|(f, _)| f).collect();
            return vec![Problem::new(
                family_place,
                format!(
                    "\"{family}\" is not a loaded font family (loaded: {}); add its files with --font-path DIR",
                    known.join(", ")
                ),
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
                    problems.push(Problem::new(
                        place.clone(),
                        format!(
                            "the character '{c}' (U+{:04X}) in {} cannot be drawn by any loaded font; remove it or add a font that has it with --font-path DIR",
                            c as u32,
                            crate::model::quote(text)
                        ),
                    ));
                    break;
                }
            }
        }
        problems
    }
}

fn add_fonts_from(dir: &Path, fonts: &mut Vec<Font>) -> Result<(), Problem> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Problem::new(
            dir.display().to_string(),
            format!("cannot read the font folder: {e}"),
        )
    })?;
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    // Sorted, so that the font book and thus the output do not depend on directory order.
    paths.sort();
    for path in paths {
        if path.is_dir() {
            add_fonts_from(&path, fonts)?;
            continue;
        }
        let is_font = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "ttf" | "otf" | "ttc" | "otc"
            )
        });
        if is_font {
            let data = std::fs::read(&path).map_err(|e| {
                Problem::new(
                    path.display().to_string(),
                    format!("cannot read the font: {e}"),
                )
            })?;
            fonts.extend(Font::iter(Bytes::new(data)));
        }
    }
    Ok(())
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
        FontSet::load(&[] as &[&Path]).unwrap()
    }

    #[test]
    fn tinos_is_embedded_in_four_faces() {
        let fonts = embedded();
        let families = fonts.families();
        assert_eq!(families.len(), 1);
        assert_eq!(families[0].0, "Tinos");
        assert_eq!(families[0].1, ["bold", "bold italic", "italic", "regular"]);
        assert!(fonts.family("tinos").is_some());
    }

    #[test]
    fn every_vietnamese_letter_is_covered() {
        let letters = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";
        let upper = letters.to_uppercase();
        let fonts = embedded();
        let problems = fonts.check_coverage(
            "Tinos",
            "style.font",
            [
                ("a".to_string(), letters),
                ("b".to_string(), upper.as_str()),
            ],
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn undrawable_characters_and_unknown_families_are_named() {
        let fonts = embedded();
        let p = fonts.check_coverage(
            "Tinos",
            "style.font",
            [("invitees[3].name".to_string(), "Lê 😀 An")],
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].place, "invitees[3].name");
        assert!(
            p[0].message.starts_with("the character '😀' (U+1F600)"),
            "{}",
            p[0].message
        );
        let p = fonts.check_coverage("Times New Roman", "style.font", []);
        assert!(
            p[0].message
                .starts_with("\"Times New Roman\" is not a loaded font family (loaded: Tinos)")
        );
    }
}
