//! `hoinghi schema`: the model's JSON Schema, printed or written to a file.

use super::Printer;
use crate::cli::SchemaCommand;
use crate::i18n::cli::CliMsg;
use crate::output;
use crate::problem::Problems;
use crate::starter;

pub fn run(cmd: &SchemaCommand, out: &Printer) -> Result<(), Problems> {
    let schema = starter::schema();
    match &cmd.output {
        None => print!("{schema}"),
        Some(path) => {
            output::write_file(path, schema.as_bytes()).map_err(Problems::one)?;
            out.say(
                &CliMsg::SchemaWrote {
                    path: path.display().to_string(),
                }
                .text(out.lang),
            );
        }
    }
    Ok(())
}
