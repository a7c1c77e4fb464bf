//! `hoinghi list`: the documents the model produces, with their files.

use super::Printer;
use crate::cli::ListCommand;
use crate::documents::DOCUMENTS;
use crate::model::{self, Source};
use crate::problem::Problems;

pub fn run(cmd: &ListCommand, out: &Printer) -> Result<(), Problems> {
    let conf = model::load(&Source::File(cmd.input.model.clone()))?;
    out.problems(&conf.warnings);
    for document in DOCUMENTS.iter().filter(|d| d.is_produced_by(&conf.model)) {
        println!("{:<20} {}", document.name, document.title(out.lang));
        for file in document.plan(&conf.model) {
            println!("    {}", cmd.out.join(&file.path).display());
        }
    }
    Ok(())
}
