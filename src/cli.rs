//! The command line (clap derive), resolved into the engine's settings before any work. The
//! help text comes from the message catalogue in the language of the run (`i18n::cli`);
//! the doc comments here say the same in English, for whoever reads the code.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::engine::{Job, Settings};
use crate::i18n::Lang;
use crate::i18n::cli::{CliMsg, help_of};
use crate::model::check;
use crate::problem::{Place, Problem, Problems};

/// Turns one model of a conference into its printed papers, laid out by Nghị định
/// 30/2020/NĐ-CP.
#[derive(Debug, Parser)]
#[command(name = "hoinghi", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Prints nothing but warnings and errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also prints each file written or removed, and how long each stage took.
    #[arg(long, short, global = true)]
    pub verbose: bool,

    /// The language of messages: vi (the default) or en.
    #[arg(long, global = true, value_name = "LANG", value_parser = ["vi", "en"])]
    pub lang: Option<String>,
}

/// How much a command tells while it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

impl Cli {
    pub fn verbosity(&self) -> Verbosity {
        match (self.quiet, self.verbose) {
            (true, _) => Verbosity::Quiet,
            (_, true) => Verbosity::Verbose,
            _ => Verbosity::Normal,
        }
    }

    /// Parses the arguments with help and errors in `lang`.
    pub fn parse_in(
        lang: Lang,
        args: impl IntoIterator<Item = std::ffi::OsString>,
    ) -> Result<Self, clap::Error> {
        let matches = command(lang).try_get_matches_from(args)?;
        Self::from_arg_matches(&matches)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Builds the documents into the output folder.
    Build(BuildCommand),
    /// Validates the model and prints a short summary; writes nothing.
    Check(CheckCommand),
    /// Lists the documents the model produces and the files they are written to.
    List(ListCommand),
    /// Converts an invitee list (XLSX, XLS, ODS or CSV) into the model's JSON.
    Import(ImportCommand),
    /// Writes a PNG picture of one page.
    Preview(PreviewCommand),
    /// Lists the font families and faces available, and the one the documents use.
    Fonts(FontsCommand),
    /// Builds, then rebuilds on every save of the model, its list file or the templates.
    Watch(BuildCommand),
    /// Serves the conference's page in the browser, on this computer only.
    Serve(ServeCommand),
    /// Creates a new conference: a commented model, an Excel invitee list, a short guide.
    Init(InitCommand),
    /// Prints the model's JSON Schema, for editors.
    Schema(SchemaCommand),
}

/// What every command reads: the model, the templates and the fonts.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The conference model (JSON): the folder's `hoi-nghi.json` (what `init` writes) when
    /// there is one, else the sample.
    #[arg(default_value = default_model(), value_name = "MODEL")]
    pub model: PathBuf,

    /// A folder of templates; a file named like a built-in one replaces it.
    #[arg(long, value_name = "DIR", env = "HOINGHI_TEMPLATES")]
    pub templates: Option<PathBuf>,

    /// A folder (or file) of fonts to add to the built-in Tinos; may be repeated. The
    /// environment variable takes a list split as the system splits paths (`;` on Windows,
    /// `:` elsewhere).
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,

    /// The font family to set every document in, instead of the model's `style.font`.
    #[arg(long, value_name = "FAMILY")]
    pub font: Option<String>,
}

/// The model a command reads when none is named: the one `hoinghi init` made in the current
/// folder, so that `hoinghi build` works there; else the sample of the program's own folder.
fn default_model() -> &'static str {
    if std::path::Path::new(crate::starter::MODEL).is_file() {
        crate::starter::MODEL
    } else {
        "data/hoi-nghi-ocop-2025.json"
    }
}

impl InputArgs {
    /// The engine's settings for these arguments.
    pub fn settings(&self, pdf_a: bool) -> Result<Settings, Problem> {
        let mut font_paths = self.font_paths.clone();
        if font_paths.is_empty()
            && let Some(list) = std::env::var_os("HOINGHI_FONT_PATHS")
        {
            font_paths.extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
        }
        Ok(Settings {
            templates: self.templates.clone(),
            font_paths,
            font: self.font.clone(),
            pdf_a,
            epoch: Settings::epoch_from_env()?,
            today: None,
        })
    }
}

/// The day of the run, for what depends on it: which of the plan's tasks are overdue.
#[derive(Debug, Args)]
pub struct TodayArgs {
    /// The day the plan's tasks are judged overdue on (YYYY-MM-DD); the system's date when
    /// left out.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

impl TodayArgs {
    /// The day given, else the system's date, read once for the whole run.
    pub fn resolve(&self) -> Result<NaiveDate, Problems> {
        match &self.today {
            None => Ok(chrono::Local::now().date_naive()),
            Some(text) => check::parse_date(text.trim())
                .map_err(|m| Problems::one(Problem::error(Place::Arg("--today"), m))),
        }
    }
}

#[derive(Debug, Args)]
pub struct BuildCommand {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub today: TodayArgs,

    /// The output folder.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,

    /// Builds only these documents (comma-separated names, as `hoinghi list` shows them).
    #[arg(long, value_name = "NAMES")]
    pub only: Option<String>,

    /// Re-renders only the invitation of this invitee (an id, its number, or a row r7) and
    /// the merged file.
    #[arg(long, value_name = "ID")]
    pub invitee: Option<String>,

    /// Treats the programme's overrun of its session as an error.
    #[arg(long)]
    pub strict: bool,

    /// Writes PDF/A-2b, for the archive.
    #[arg(long = "pdf-a")]
    pub pdf_a: bool,

    /// Also writes the Typst sources compiled into this folder, self-contained.
    #[arg(long = "emit-typst", value_name = "DIR")]
    pub emit_typst: Option<PathBuf>,
}

impl BuildCommand {
    pub fn job(&self) -> Job {
        Job {
            out: self.out.clone(),
            only: self.only.clone(),
            invitee: self.invitee.clone(),
            strict: self.strict,
            emit_typst: self.emit_typst.clone(),
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckCommand {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub today: TodayArgs,

    /// Treats the programme's overrun of its session as an error.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ListCommand {
    #[command(flatten)]
    pub input: InputArgs,

    /// The output folder the paths are shown in.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportCommand {
    /// The spreadsheet: .xlsx, .xls, .ods or .csv.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The sheet to read; the first when left out.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// The header's row, as the spreadsheet numbers it, when the guess is wrong.
    #[arg(long = "header-row", value_name = "N")]
    pub header_row: Option<usize>,

    /// Where to write the JSON; printed when left out.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PreviewCommand {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub today: TodayArgs,

    /// The document to show a page of.
    #[arg(long, value_name = "NAME", default_value = "giay-moi")]
    pub document: String,

    /// The invitee whose invitation to show (an id, its number or a row); the first when
    /// left out.
    #[arg(long, value_name = "ID")]
    pub invitee: Option<String>,

    /// The page to show (1-based).
    #[arg(long, default_value_t = 1)]
    pub page: usize,

    /// Where to write the picture.
    #[arg(long, short, value_name = "FILE", default_value = "out/xem-truoc.png")]
    pub output: PathBuf,

    /// Resolution in dots per inch (10 to 600).
    #[arg(long, default_value_t = 110)]
    pub dpi: u32,
}

#[derive(Debug, Args, Default)]
pub struct ServeCommand {
    /// The conference model (JSON), or its folder; the models of the current folder when
    /// left out (none: the page offers to create one).
    #[arg(value_name = "MODEL")]
    pub model: Option<PathBuf>,

    /// The output folder; `out` beside the model when left out.
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// The port to listen on (on 127.0.0.1 only); a free one when left out.
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,

    /// Does not open the browser.
    #[arg(long = "no-open")]
    pub no_open: bool,

    /// A folder of templates; a file named like a built-in one replaces it.
    #[arg(long, value_name = "DIR", env = "HOINGHI_TEMPLATES")]
    pub templates: Option<PathBuf>,

    /// A folder (or file) of fonts to add to the built-in Tinos; may be repeated.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,

    /// The font family to set every document in, instead of the model's `style.font`.
    #[arg(long, value_name = "FAMILY")]
    pub font: Option<String>,
}

impl ServeCommand {
    /// The engine's settings, read as the other commands read them.
    pub fn settings(&self) -> Result<Settings, Problem> {
        InputArgs {
            model: PathBuf::new(),
            templates: self.templates.clone(),
            font_paths: self.font_paths.clone(),
            font: self.font.clone(),
        }
        .settings(false)
    }
}

#[derive(Debug, Args)]
pub struct InitCommand {
    /// The folder of the new conference, made if missing; the current folder when left out.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct SchemaCommand {
    /// Where to write the schema; printed when left out.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct FontsCommand {
    #[command(flatten)]
    pub input: InputArgs,
}

/// The command line with its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let words = |m: CliMsg| m.text(lang);
    localize(Cli::command(), lang, &[])
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}\n",
            words(CliMsg::UsageHeading)
        ))
        .subcommand_help_heading(words(CliMsg::CommandsHeading))
        .subcommand_value_name(words(CliMsg::CommandValue))
        .disable_help_subcommand(true)
}

/// Puts the help of `cmd` (at `path` under the program) and of all its arguments and
/// subcommands into `lang`.
fn localize(cmd: clap::Command, lang: Lang, path: &[&str]) -> clap::Command {
    let name = cmd.get_name().to_string();
    let here: Vec<&str> = path.iter().copied().chain([name.as_str()]).collect();
    let key = here[1..].join(" ");
    let mut cmd = cmd
        .about(help_of(&key, None, lang).unwrap_or_default())
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}\n",
            CliMsg::UsageHeading.text(lang)
        ))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(CliMsg::HelpFlag.text(lang))
                .help_heading(CliMsg::OptionsHeading.text(lang)),
        );
    if here.len() == 1 {
        cmd = cmd.arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(CliMsg::VersionFlag.text(lang))
                .help_heading(CliMsg::OptionsHeading.text(lang)),
        );
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in ids {
        let help = help_of(&key, Some(&id), lang).unwrap_or_default();
        let heading = CliMsg::OptionsHeading.text(lang);
        // The help says which values an option takes, in words.
        cmd = cmd.mut_arg(id, |a| {
            let names: Vec<String> = a
                .get_value_names()
                .unwrap_or_default()
                .iter()
                .map(|n| value_name(n.as_str(), lang))
                .collect();
            let takes_value = a.get_action().takes_values();
            // clap would add "[default: …]", "[env: …]" and "[possible values: …]" in
            // English: the default goes into the help in words instead.
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let help = if defaults.is_empty() {
                help
            } else {
                format!(
                    "{help} {}",
                    CliMsg::Default {
                        value: defaults.join(", ")
                    }
                    .text(lang)
                )
            };
            let a = a.help(help).help_heading(heading);
            if !takes_value {
                return a;
            }
            let a = a
                .hide_default_value(true)
                .hide_env(true)
                .hide_possible_values(true);
            if names.is_empty() {
                a
            } else {
                a.value_names(names)
            }
        });
    }
    if lang == Lang::Vi {
        // clap writes "[OPTIONS]" in English: the usage line is written here instead.
        let positionals: Vec<String> = cmd
            .get_positionals()
            .map(|a| {
                let name = a
                    .get_value_names()
                    .and_then(|n| n.first().map(|n| n.to_string()))
                    .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
                if a.is_required_set() {
                    format!("<{name}>")
                } else {
                    format!("[{name}]")
                }
            })
            .collect();
        let mut usage = here.join(" ");
        usage.push_str(" [TÙY CHỌN]");
        if cmd.has_subcommands() {
            usage.push_str(" <LỆNH>");
        }
        for p in positionals {
            usage.push(' ');
            usage.push_str(&p);
        }
        cmd = cmd.override_usage(usage);
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(sub, |s| localize(s, lang, &here));
    }
    cmd
}

/// The name of an option's value, as the help shows it.
fn value_name(name: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return name.to_string();
    }
    match name {
        "DIR" => "THƯ_MỤC",
        "FILE" => "TỆP",
        "NAMES" => "TÊN",
        "NAME" => "TÊN",
        "ID" => "ĐẠI_BIỂU",
        "FAMILY" => "HỌ_PHÔNG",
        "LANG" => "NGÔN_NGỮ",
        "N" => "SỐ",
        "PAGE" => "TRANG",
        "MODEL" => "TỆP_HỘI_NGHỊ",
        "DATE" => "NGÀY",
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent_in_both_languages() {
        Cli::command().debug_assert();
        command(Lang::Vi).debug_assert();
        command(Lang::En).debug_assert();
    }

    /// Every command and every option has its help in both languages.
    #[test]
    fn every_command_and_option_is_explained_in_both_languages() {
        fn walk(cmd: &clap::Command, path: &[&str], missing: &mut Vec<String>) {
            let here: Vec<&str> = path.iter().copied().chain([cmd.get_name()]).collect();
            let key = here[1..].join(" ");
            for lang in [Lang::Vi, Lang::En] {
                if help_of(&key, None, lang).is_none() {
                    missing.push(format!("{key} ({lang:?})"));
                }
                for arg in cmd.get_arguments() {
                    let id = arg.get_id().as_str();
                    if id != "help" && id != "version" && help_of(&key, Some(id), lang).is_none() {
                        missing.push(format!("{key} {id} ({lang:?})"));
                    }
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &here, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), &[], &mut missing);
        assert!(missing.is_empty(), "no help for: {missing:?}");
    }
}
