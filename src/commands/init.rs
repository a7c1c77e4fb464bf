//! `hoinghi init`: a new conference to fill in, and what to do next.

use std::path::Path;

use super::Printer;
use crate::cli::InitCommand;
use crate::i18n::cli::CliMsg;
use crate::problem::Problems;
use crate::starter;

pub fn run(cmd: &InitCommand, out: &Printer) -> Result<(), Problems> {
    let written = starter::create(&cmd.dir)?;
    let words = |m: CliMsg| m.text(out.lang);
    out.say(&words(CliMsg::InitCreated {
        dir: cmd.dir.display().to_string(),
    }));
    for path in &written {
        let what = match path.file_name().and_then(|n| n.to_str()) {
            Some(starter::MODEL) => CliMsg::InitModel,
            Some(starter::LIST) => CliMsg::InitList,
            Some(starter::SCHEMA) => CliMsg::InitSchema,
            _ => CliMsg::InitGuide,
        };
        out.say(&format!("  {}: {}", path.display(), words(what)));
    }
    out.say(&words(CliMsg::InitNext));
    if cmd.dir != Path::new(".") {
        out.say(&format!("  cd {}", shell_word(&cmd.dir)));
    }
    out.say(&format!(
        "  hoinghi check   {}",
        words(CliMsg::InitNextCheck)
    ));
    out.say(&format!(
        "  hoinghi build   {}",
        words(CliMsg::InitNextBuild)
    ));
    Ok(())
}

/// A folder as it is typed after `cd`: in double quotes when it holds a space.
fn shell_word(dir: &Path) -> String {
    let text = dir.display().to_string();
    if text.contains(char::is_whitespace) {
        format!("\"{text}\"")
    } else {
        text
    }
}
