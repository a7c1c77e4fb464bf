//! The commands: each a thin caller of the engine, and the one printer that puts problems,
//! progress and summaries into words for the terminal.

mod build;
mod check;
mod fonts;
mod import;
mod init;
mod list;
mod preview;
mod schema;
mod serve;
mod watch;

use std::io::Write;

use crate::cli::{Cli, Command, InputArgs, TodayArgs, Verbosity};
use crate::engine::{Engine, Event};
use crate::i18n::Lang;
use crate::i18n::build::BuildMsg;
use crate::i18n::cli::CliMsg;
use crate::model::{Conference, Source};
use crate::problem::{Place, Problem, Problems, Severity};

/// Runs the command of `cli`; the problems that stopped it come back for the caller to print.
pub fn run(cli: &Cli, out: &Printer) -> Result<(), Problems> {
    match &cli.command {
        Command::Build(cmd) => build::run(cmd, out),
        Command::Watch(cmd) => watch::run(cmd, out),
        Command::Check(cmd) => check::run(cmd, out),
        Command::List(cmd) => list::run(cmd, out),
        Command::Import(cmd) => import::run(cmd, out),
        Command::Preview(cmd) => preview::run(cmd, out),
        Command::Fonts(cmd) => fonts::run(cmd, out),
        Command::Serve(cmd) => serve::run(cmd, out),
        Command::Init(cmd) => init::run(cmd, out),
        Command::Schema(cmd) => schema::run(cmd, out),
    }
}

/// Prints a mistake on the command line (or the help, or the version) in `lang`, and gives the
/// exit status: 0 for help and version, 2 for a mistake, as clap does.
pub fn usage_error(e: &clap::Error, lang: Lang) -> std::process::ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return std::process::ExitCode::from(
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                2
            } else {
                0
            },
        );
    }
    let get = |kind: ContextKind| -> String {
        match e.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    };
    let mut lines = Vec::new();
    let message = match e.kind() {
        ErrorKind::UnknownArgument => CliMsg::UnknownArgument {
            arg: get(ContextKind::InvalidArg),
        },
        ErrorKind::InvalidSubcommand => CliMsg::UnknownCommand {
            command: get(ContextKind::InvalidSubcommand),
        },
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => CliMsg::InvalidValue {
            arg: get(ContextKind::InvalidArg),
            value: get(ContextKind::InvalidValue),
        },
        ErrorKind::MissingRequiredArgument => CliMsg::MissingArgument {
            arg: get(ContextKind::InvalidArg),
        },
        ErrorKind::ArgumentConflict => CliMsg::Conflict {
            arg: get(ContextKind::InvalidArg),
            other: get(ContextKind::PriorArg),
        },
        ErrorKind::NoEquals | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            CliMsg::MissingValue {
                arg: get(ContextKind::InvalidArg),
            }
        }
        _ => CliMsg::OtherUsage {
            detail: e
                .render()
                .to_string()
                .lines()
                .next()
                .unwrap_or_default()
                .to_string(),
        },
    };
    lines.push(format!(
        "{}: {}",
        CliMsg::Error.text(lang),
        message.text(lang)
    ));
    for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        let suggestion = get(kind);
        if !suggestion.is_empty() {
            lines.push(format!(
                "  {}: {}",
                CliMsg::Hint.text(lang),
                CliMsg::DidYouMean { suggestion }.text(lang)
            ));
        }
    }
    let valid = get(ContextKind::ValidValue);
    if !valid.is_empty() {
        lines.push(format!(
            "  {}: {}",
            CliMsg::Hint.text(lang),
            CliMsg::ValidValues { values: valid }.text(lang)
        ));
    }
    lines.push(format!("  {}", CliMsg::SeeHelp.text(lang)));
    let _ = writeln!(std::io::stderr().lock(), "{}", lines.join("\n"));
    std::process::ExitCode::from(2)
}

/// The engine and the model the input arguments name, with what loading them noticed printed.
fn load(
    input: &InputArgs,
    pdf_a: bool,
    today: &TodayArgs,
    out: &Printer,
) -> Result<(Engine, Conference), Problems> {
    let mut settings = input.settings(pdf_a).map_err(Problems::one)?;
    settings.today = Some(today.resolve()?);
    let mut engine = match Engine::new(settings) {
        Ok(engine) => engine,
        Err(mut problems) => {
            // The model's own problems are worth knowing in the same run.
            if let Err(more) = crate::model::load(&Source::File(input.model.clone())) {
                problems.extend(more);
            }
            return Err(problems);
        }
    };
    out.problems(&engine.warnings());
    let conf = engine.load(&Source::File(input.model.clone()))?;
    out.problems(&conf.warnings);
    Ok((engine, conf))
}

/// Puts everything the program tells the user into words, in the language of the run, on
/// standard error; what a command produces (lists, JSON) goes to standard output.
pub struct Printer {
    pub lang: Lang,
    pub verbosity: Verbosity,
}

impl Printer {
    pub fn new(lang: Lang, verbosity: Verbosity) -> Self {
        Self { lang, verbosity }
    }

    /// A problem, with its severity, place, the line it points into (with a caret) and its
    /// hints. Warnings are printed unless quiet… and even then: they are never hidden.
    pub fn problem(&self, problem: &Problem) {
        let severity = match problem.severity {
            Severity::Error => CliMsg::Error.text(self.lang),
            Severity::Warning => CliMsg::Warning.text(self.lang),
        };
        let mut text = format!("{severity}: {}\n", problem.text(self.lang));
        if let Place::Source {
            line,
            column,
            text: line_text,
            ..
        } = &problem.place
        {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            let shown: String = line_text.chars().take(160).collect();
            let caret_at: String = line_text
                .chars()
                .take(column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            text.push_str(&format!(" {number} | {shown}\n {pad} | {caret_at}^\n"));
        }
        for hint in &problem.hints {
            text.push_str(&format!(
                "  {}: {}\n",
                CliMsg::Hint.text(self.lang),
                hint.get(self.lang)
            ));
        }
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }

    pub fn problems(&self, problems: &[Problem]) {
        for problem in problems {
            self.problem(problem);
        }
    }

    /// The problems that stopped a command, then how many errors there were.
    pub fn failure(&self, problems: &Problems) {
        let mut sorted: Vec<&Problem> = problems.0.iter().collect();
        // Errors first, in the order found; the warnings after them.
        sorted.sort_by_key(|p| p.severity != Severity::Error);
        for problem in &sorted {
            self.problem(problem);
        }
        let count = problems.0.iter().filter(|p| p.is_error()).count();
        let partly = problems
            .0
            .iter()
            .any(|p| p.hints.iter().any(|h| *h == BuildMsg::PartlyWritten.into()));
        let summary = if partly {
            CliMsg::ProblemsFoundNoWrite { count }
        } else {
            CliMsg::ProblemsFound { count }
        };
        self.say_always(&summary.text(self.lang));
    }

    /// A line of progress or summary: not when quiet.
    pub fn say(&self, text: &str) {
        if self.verbosity != Verbosity::Quiet {
            self.say_always(text);
        }
    }

    /// A line only when verbose.
    pub fn detail(&self, text: &str) {
        if self.verbosity == Verbosity::Verbose {
            self.say_always(text);
        }
    }

    fn say_always(&self, text: &str) {
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    }

    /// What a running build tells that is worth a line: a template running long.
    pub fn event(&self, event: Event) {
        if let Event::Running { template, seconds } = event {
            self.problem(&Problem::warning(
                Place::Nowhere,
                BuildMsg::TemplateRunningLong { template, seconds },
            ));
        }
    }

    /// A message in the language of the run.
    pub fn words(&self, message: CliMsg) -> String {
        message.text(self.lang)
    }
}
