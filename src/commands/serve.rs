//! `hoinghi serve`: the conference's page in the browser, served on this computer only. Also
//! what the program does when started with no arguments from a file manager (a double click).

use super::Printer;
use crate::cli::ServeCommand;
use crate::problem::Problems;
use crate::serve::{self, Options};

pub fn run(cmd: &ServeCommand, out: &Printer) -> Result<(), Problems> {
    let settings = cmd.settings().map_err(Problems::one)?;
    let options = Options {
        model: cmd.model.clone(),
        out: cmd.out.clone(),
        port: cmd.port.unwrap_or(0),
        open: !cmd.no_open,
        settings,
        lang: out.lang,
    };
    // The address goes to standard output, always: it is what the command gives.
    serve::run(options, &|problems| out.problems(problems), &|line| {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{line}");
        let _ = stdout.flush();
    })
}
