//! `hoinghi huong-dan`: the user's guide, as a PDF set by the program itself or as text.

use super::Printer;
use crate::cli::GuideCommand;
use crate::guide;
use crate::i18n::cli::CliMsg;
use crate::output;
use crate::problem::Problems;

pub fn run(cmd: &GuideCommand, out: &Printer) -> Result<(), Problems> {
    let text = guide::text();
    let Some(path) = &cmd.output else {
        print!("{text}");
        return Ok(());
    };
    let is_pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let bytes = if is_pdf {
        guide::pdf(&text)?
    } else {
        text.into_bytes()
    };
    output::write_file(path, &bytes).map_err(Problems::one)?;
    out.say(
        &CliMsg::GuideWrote {
            path: path.display().to_string(),
        }
        .text(out.lang),
    );
    Ok(())
}
