//! `hoinghi import`: a sheet's invitees as the model's JSON.

use super::Printer;
use crate::cli::ImportCommand;
use crate::i18n::build::BuildMsg;
use crate::i18n::cli::CliMsg;
use crate::import::{self, Options};
use crate::model::list;
use crate::output;
use crate::problem::{Place, Problem, Problems};

pub fn run(cmd: &ImportCommand, out: &Printer) -> Result<(), Problems> {
    if let Some(path) = &cmd.output
        && same_file(path, &cmd.file)
    {
        return Err(Problem::error(Place::file(path), BuildMsg::ImportOverwritesInput).into());
    }
    let shown = cmd.file.display().to_string();
    let options = Options {
        sheet: cmd.sheet.clone(),
        header_row: cmd.header_row,
    };
    let mut sheet = import::read(&cmd.file, &shown, &options)?;
    out.problems(&sheet.warnings);
    // Nothing is skipped silently: the rows not taken as invitees are told, on standard
    // error, beside the JSON.
    for line in sheet.report.summary(out.lang) {
        out.say(&line);
    }
    let problems = std::mem::take(&mut sheet.problems);
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    // The groups the section rows start go with the invitees, so that the JSON is a list a
    // model can hold as it is.
    let groups: Vec<String> = sheet.report.groups.iter().map(|(_, g)| g.clone()).collect();
    let invitees = list::invitees_of(sheet)?;
    let value = if groups.is_empty() {
        serde_json::json!({ "invitees": invitees })
    } else {
        serde_json::json!({ "groups": groups, "invitees": invitees })
    };
    let json = serde_json::to_string_pretty(&value).expect("invitees serialize to JSON") + "\n";
    match &cmd.output {
        None => print!("{json}"),
        Some(path) => {
            output::write_file(path, json.as_bytes()).map_err(Problems::one)?;
            out.say(
                &CliMsg::ImportWrote {
                    count: invitees.len(),
                    path: path.display().to_string(),
                }
                .text(out.lang),
            );
        }
    }
    Ok(())
}

/// Whether two paths name one file (the second existing).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
