//! `hoinghi fonts`: the families available, where each face comes from, and what the model's
//! documents are set in.

use super::Printer;
use crate::cli::FontsCommand;
use crate::documents::DOCUMENTS;
use crate::engine::Engine;
use crate::fonts::Origin;
use crate::i18n::build::BuildMsg;
use crate::i18n::cli::CliMsg;
use crate::model::{self, Source};
use crate::problem::{Place, Problem, Problems};

pub fn run(cmd: &FontsCommand, out: &Printer) -> Result<(), Problems> {
    let mut engine = Engine::new(cmd.input.settings(false).map_err(Problems::one)?)?;
    out.problems(&engine.warnings());
    // The model's family, if the model can be read; a broken model does not hide the fonts.
    let family = match &cmd.input.font {
        Some(f) => Some(f.clone()),
        None => model::load(&Source::File(cmd.input.model.clone()))
            .ok()
            .map(|c| c.model.style.font),
    };
    if let Some(family) = &family {
        engine.ensure_family(family)?;
    }
    let fonts = engine.fonts();
    for (family, faces) in fonts.families() {
        let faces: Vec<String> = faces
            .iter()
            .map(|(face, origin)| {
                let face = match face.as_str() {
                    "bold" => out.words(CliMsg::FaceBold),
                    "italic" => out.words(CliMsg::FaceItalic),
                    "bold italic" => out.words(CliMsg::FaceBoldItalic),
                    _ => out.words(CliMsg::FaceRegular),
                };
                let origin = match origin {
                    Origin::Embedded => out.words(CliMsg::FontEmbedded),
                    Origin::Added(path) => CliMsg::FontAdded {
                        path: path.display().to_string(),
                    }
                    .text(out.lang),
                    Origin::System(path) => CliMsg::FontSystem {
                        path: path.display().to_string(),
                    }
                    .text(out.lang),
                };
                format!("{face} ({origin})")
            })
            .collect();
        println!("{family}: {}", faces.join(", "));
    }
    let Some(family) = family else { return Ok(()) };
    let Some(faces) = fonts.family(&family) else {
        let place = if cmd.input.font.is_some() {
            Place::Arg("--font")
        } else {
            Place::model("style.font")
        };
        let known: Vec<String> = fonts.families().into_iter().map(|(f, _)| f).collect();
        return Err(Problem::error(
            place,
            BuildMsg::FontUnknown {
                family,
                known: known.join(", "),
            },
        )
        .into());
    };
    let resolved = faces
        .first()
        .map(|f| f.info().family.clone())
        .unwrap_or_default();
    for document in &DOCUMENTS {
        println!(
            "{}",
            CliMsg::FontUsed {
                document: document.name.to_string(),
                family: resolved.clone(),
                faces: faces.len(),
            }
            .text(out.lang)
        );
    }
    Ok(())
}
