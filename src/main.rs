//! hoinghi: one model of a conference in, its printed papers out.

use std::process::ExitCode;

use hoinghi::cli::Cli;
use hoinghi::commands::{self, Printer};
use hoinghi::i18n::Lang;

// mimalloc on Linux with glibc, where it was measured (see `allocator.rs`); elsewhere (Windows,
// the static musl build of the release zip) the system's.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod allocator;

fn main() -> ExitCode {
    // Like other Unix tools, stop quietly when the reader of our output goes away
    // (`hoinghi list | head`), instead of panicking on the broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal, before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() == 1 && started_by_double_click() {
        // No terminal to type a command in: the page is the program.
        args.push("serve".into());
    }
    let lang = Lang::detect(lang_flag(&args).as_deref());
    let cli = match Cli::parse_in(lang, args) {
        Ok(cli) => cli,
        Err(e) => return commands::usage_error(&e, lang),
    };
    let printer = Printer::new(lang, cli.verbosity());
    match commands::run(&cli, &printer) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            printer.failure(&problems);
            ExitCode::FAILURE
        }
    }
}

/// The value of `--lang` before the arguments are parsed: the help and the command line's own
/// errors are already in the language asked for.
fn lang_flag(args: &[std::ffi::OsString]) -> Option<String> {
    let mut args = args.iter().map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Some(value.to_string());
        }
        if arg == "--lang" {
            return args.next().map(|v| v.to_string());
        }
    }
    None
}

/// Whether the program was started by a double click in the file manager rather than from a
/// terminal. Explorer gives a console program a console of its own, which no other process
/// shares; a program started from a terminal (or by a test harness) shares its parent's, or
/// has none.
#[cfg(windows)]
fn started_by_double_click() -> bool {
    let mut ids = [0u32; 2];
    // SAFETY: the buffer is valid for the length given.
    let count =
        unsafe { windows_sys::Win32::System::Console::GetConsoleProcessList(ids.as_mut_ptr(), 2) };
    count == 1
}

/// Elsewhere a program is started from a terminal; with no arguments it prints its help.
#[cfg(not(windows))]
fn started_by_double_click() -> bool {
    false
}
