//! The command line (clap derive). The doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Turns one JSON model of a conference into its printed papers, laid out by Nghị định
/// 30/2020/NĐ-CP: personalized invitations (giấy mời), the programme booklet, the MC's
/// script and the annex tables of the plan, as PDF.
#[derive(Debug, Parser)]
#[command(name = "hoinghi", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Prints nothing but warnings and errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also prints each file written or removed, and how long each stage took.
    #[arg(long, short, global = true)]
    pub verbose: bool,
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
    /// Writes a PNG picture of one page (by default: the first invitation), to look at
    /// before a large run.
    Preview(PreviewCommand),
    /// Lists the font families and faces available, and the one the model's documents use.
    Fonts(FontsCommand),
    /// Builds, then rebuilds on every save of the model, its list file or the templates.
    Watch(BuildCommand),
}

/// What every command reads: the model, the templates and the fonts.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The conference model (JSON).
    #[arg(default_value = "data/hoi-nghi-ocop-2025.json")]
    pub model: PathBuf,

    /// A folder of templates; a file named like a built-in one replaces it.
    #[arg(long, value_name = "DIR", env = "HOINGHI_TEMPLATES")]
    pub templates: Option<PathBuf>,

    /// A folder of fonts (.ttf, .otf, .ttc) to add to the built-in Tinos; may be repeated.
    #[arg(
        long = "font-path",
        value_name = "DIR",
        env = "HOINGHI_FONT_PATHS",
        value_delimiter = ':'
    )]
    pub font_paths: Vec<PathBuf>,

    /// The font family to set every document in, instead of the model's `style.font`.
    #[arg(long, value_name = "FAMILY")]
    pub font: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildCommand {
    #[command(flatten)]
    pub input: InputArgs,

    /// The output folder.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,

    /// Builds only these documents (comma-separated names, as `hoinghi list` shows them).
    #[arg(long, value_name = "NAMES")]
    pub only: Option<String>,

    /// Re-renders only the invitation of the invitee with this id (and the merged file).
    #[arg(long, value_name = "ID")]
    pub invitee: Option<String>,

    /// Treats warnings (a programme running past its session) as errors.
    #[arg(long)]
    pub strict: bool,

    /// Writes PDF/A-2b, for the archive ("Lưu: VT").
    #[arg(long = "pdf-a")]
    pub pdf_a: bool,
}

#[derive(Debug, Args)]
pub struct CheckCommand {
    #[command(flatten)]
    pub input: InputArgs,

    /// Treats warnings (a programme running past its session) as errors.
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
    pub file: PathBuf,

    /// The sheet to read; the first when left out.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Where to write the JSON; printed when left out.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PreviewCommand {
    #[command(flatten)]
    pub input: InputArgs,

    /// The document to show a page of.
    #[arg(long, value_name = "NAME", default_value = "giay-moi")]
    pub document: String,

    /// The invitee whose invitation to show (its id); the first one when left out.
    #[arg(long, value_name = "ID")]
    pub invitee: Option<String>,

    /// The page to show (1-based), for documents of several pages.
    #[arg(long, default_value_t = 1)]
    pub page: usize,

    /// Where to write the picture.
    #[arg(long, short, value_name = "FILE", default_value = "out/xem-truoc.png")]
    pub output: PathBuf,

    /// Resolution in pixels per inch.
    #[arg(long, default_value_t = 110)]
    pub dpi: u32,
}

#[derive(Debug, Args)]
pub struct FontsCommand {
    #[command(flatten)]
    pub input: InputArgs,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
