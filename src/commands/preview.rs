//! `hoinghi preview`: one page as a PNG picture.

use super::{Printer, load};
use crate::cli::PreviewCommand;
use crate::engine::PreviewRequest;
use crate::i18n::cli::CliMsg;
use crate::output;
use crate::problem::Problems;

pub fn run(cmd: &PreviewCommand, out: &Printer) -> Result<(), Problems> {
    let (engine, conf) = load(&cmd.input, false, &cmd.today, out)?;
    let preview = engine.preview(
        &conf,
        &PreviewRequest {
            document: cmd.document.clone(),
            invitee: cmd.invitee.clone(),
            page: cmd.page,
            dpi: cmd.dpi,
        },
    )?;
    out.problems(&preview.warnings);
    output::write_file(&cmd.output, &preview.png).map_err(Problems::one)?;
    out.say(
        &CliMsg::PreviewWrote {
            path: cmd.output.display().to_string(),
            document: cmd.document.clone(),
            page: cmd.page,
            pages: preview.pages,
        }
        .text(out.lang),
    );
    Ok(())
}
