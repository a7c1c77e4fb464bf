//! hoinghi: one JSON model of a conference in, its printed papers out.

use std::process::ExitCode;

use clap::Parser;

use hoinghi::cli::{Cli, Command};
use hoinghi::commands;

fn main() -> ExitCode {
    // Like other Unix tools, stop quietly when the reader of our output goes away
    // (`hoinghi list | head`), instead of panicking on the broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal, before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Build(cmd) => commands::build(cmd, cli.verbosity()),
        Command::Watch(cmd) => commands::watch(cmd, cli.verbosity()),
        Command::Check(cmd) => commands::check(cmd),
        Command::List(cmd) => commands::list(cmd),
        Command::Import(cmd) => commands::import(cmd),
        Command::Preview(cmd) => commands::preview(cmd),
        Command::Fonts(cmd) => commands::fonts(cmd),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            for problem in &problems.0 {
                eprintln!("error: {problem}");
            }
            let n = problems.0.len();
            eprintln!(
                "{n} problem{} found; nothing was written",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
    }
}
