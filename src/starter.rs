//! The starting point of a new conference, for `hoinghi init` and the web page: a folder with
//! a commented model whose placeholders ("Hội nghị …") `check` lists as still to fill in, an
//! Excel template of the invitee list, a short guide, and the model's JSON Schema for editors.
//!
//! What the files say lives in `data/starter/` and is compiled into the binary; the list
//! template is described there (headers, example row, choices) and made into a workbook here,
//! and the schema is derived from the model's types, so neither can drift from the program.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatBorder, Formula, Workbook,
};
use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use serde::Deserialize;

use crate::i18n::Text;
use crate::i18n::build::{BuildMsg, io_error};
use crate::i18n::cli::CliMsg;
use crate::model::Model;
use crate::model::text::fold_spaces;
use crate::problem::{Place, Problem, Problems};
use crate::vn::HONORIFICS;

/// The model of a new conference.
pub const MODEL: &str = "hoi-nghi.json";
/// The model's JSON Schema, which the model names with `"$schema"`.
pub const SCHEMA: &str = "hoi-nghi.schema.json";
/// The invitee list the model reads.
pub const LIST: &str = "dai-bieu.xlsx";
/// The short guide.
pub const GUIDE: &str = "HUONG-DAN.md";

const MODEL_TEXT: &str = include_str!("../data/starter/hoi-nghi.json");
const GUIDE_TEXT: &str = include_str!("../data/starter/HUONG-DAN.md");
const LIST_TEMPLATE: &str = include_str!("../data/starter/dai-bieu.json");

/// The last row of the group choices the list looks at.
const MAX_GROUPS: u32 = 200;

/// The model's JSON Schema, derived from its types with their Vietnamese documentation: what
/// `hoinghi schema` prints. Draft 7, which every editor that reads schemas understands.
pub fn schema() -> String {
    // The doc comments are wrapped at the code's width; an editor's hover wraps on its own.
    let one_line = RecursiveTransform(|schema: &mut Schema| {
        if let Some(serde_json::Value::String(text)) = schema.get_mut("description") {
            *text = fold_spaces(text);
        }
    });
    let schema = SchemaSettings::draft07()
        .with_transform(one_line)
        .into_generator()
        .into_root_schema_for::<Model>();
    serde_json::to_string_pretty(&schema).expect("a schema serializes to JSON") + "\n"
}

/// The files of a new conference: name and bytes, the model first.
pub fn files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (MODEL, MODEL_TEXT.as_bytes().to_vec()),
        (SCHEMA, schema().into_bytes()),
        (LIST, invitee_list()),
        (GUIDE, GUIDE_TEXT.as_bytes().to_vec()),
    ]
}

/// Writes a new conference into `dir`, made if missing, and returns the files written. A file
/// of the starter that exists already is never overwritten: then every such file is reported
/// and nothing is written.
pub fn create(dir: &Path) -> Result<Vec<PathBuf>, Problems> {
    let files = files();
    let mut existing: Vec<Problem> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|path| path.symlink_metadata().is_ok())
        .map(|path| Problem::error(Place::file(&path), CliMsg::InitExists))
        .collect();
    if let Some(last) = existing.pop() {
        existing.push(last.hint(CliMsg::InitExistsHint));
        return Err(Problems(existing));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Problem::error(Place::file(dir), BuildMsg::FileWhereFolder).into());
    }
    std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, &e))?;
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        if let Err(problems) = write_new(&path, &bytes) {
            // All or nothing: a half-made conference would only confuse.
            for path in &written {
                let _ = std::fs::remove_file(path);
            }
            return Err(problems);
        }
        written.push(path);
    }
    Ok(written)
}

/// Writes a file that must not exist yet (another program may have made it since the check).
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Problems> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                Problem::error(Place::file(path), CliMsg::InitExists)
            }
            _ => cannot_write(path, &e),
        })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            let _ = std::fs::remove_file(path);
            cannot_write(path, &e).into()
        })
}

fn cannot_write(path: &Path, e: &std::io::Error) -> Problem {
    Problem::error(
        Place::file(path),
        Text::each(|l| {
            BuildMsg::CannotWrite {
                error: io_error(e, l),
            }
            .text(l)
        }),
    )
}

/// The invitee list template as `data/starter/dai-bieu.json` describes it.
#[derive(Debug, Deserialize)]
struct ListTemplate {
    /// The sheet of the list, the one the model reads (the first).
    sheet: String,
    /// The sheet that holds the choices of the group column.
    lists: String,
    /// A line above those choices, saying what they are.
    note: String,
    /// How many rows the choices apply to.
    rows: u32,
    columns: Vec<Column>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Column {
    header: String,
    /// In characters, as Excel counts them.
    width: f64,
    #[serde(default)]
    example: Option<String>,
    #[serde(default)]
    choices: Option<Choices>,
    /// What Excel says when a value is not one of the choices.
    #[serde(default)]
    error: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Choices {
    Named(Named),
    List(Vec<String>),
}

/// Choices that come from the program, not the template: they cannot drift from it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Named {
    /// The forms of address the checks accept.
    Honorifics,
    /// The starter model's groups.
    Groups,
}

/// The list template as an Excel workbook: the header row, the example row, and the choices
/// of the columns that take one. The same bytes every time (its date is fixed).
fn invitee_list() -> Vec<u8> {
    let template: ListTemplate =
        serde_json::from_str(LIST_TEMPLATE).expect("data/starter/dai-bieu.json describes a list");
    make_workbook(&template, &starter_groups())
        .expect("data/starter/dai-bieu.json describes a list Excel can hold")
}

/// The groups of the starter model.
fn starter_groups() -> Vec<String> {
    let mut problems = Vec::new();
    let root = crate::model::json::parse(MODEL_TEXT, MODEL, &mut problems)
        .expect("the starter model is JSON with comments");
    serde_json::from_value(root.get("groups").cloned().unwrap_or_default())
        .expect("the starter model's groups are a list of texts")
}

fn make_workbook(
    template: &ListTemplate,
    groups: &[String],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = Workbook::new();
    let date = ExcelDateTime::from_ymd(2025, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin);
    let last_row = template.rows;
    let group_header = template
        .columns
        .iter()
        .find(|c| matches!(c.choices, Some(Choices::Named(Named::Groups))))
        .map(|c| c.header.clone());

    let sheet = workbook.add_worksheet();
    sheet.set_name(&template.sheet)?;
    sheet.set_freeze_panes(1, 0)?;
    for (c, column) in template.columns.iter().enumerate() {
        let c = u16::try_from(c).expect("a list has fewer columns than Excel's limit");
        sheet.set_column_width(c, column.width)?;
        sheet.write_string_with_format(0, c, &column.header, &header)?;
        match column.example.as_deref() {
            Some(number) if number.parse::<u32>().is_ok() => {
                sheet.write_number(1, c, f64::from(number.parse::<u32>().unwrap_or_default()))?;
            }
            Some(text) => {
                sheet.write_string(1, c, text)?;
            }
            None => {}
        }
        let Some(choices) = &column.choices else {
            continue;
        };
        let validation = match choices {
            Choices::List(list) => DataValidation::new().allow_list_strings(list)?,
            Choices::Named(Named::Honorifics) => {
                DataValidation::new().allow_list_strings(&HONORIFICS)?
            }
            Choices::Named(Named::Groups) => {
                // On a sheet of their own: a group may hold a comma, which a list typed into
                // the validation cannot, and the clerk adds a group by typing it there.
                // The list runs to its last filled cell, so that the drop-down shows no
                // blank entries however many groups there are.
                let lists = format!("'{}'", template.lists.replace('\'', "''"));
                DataValidation::new().allow_list_formula(Formula::new(format!(
                    "=OFFSET({lists}!$A$3,0,0,COUNTA({lists}!$A$3:$A${MAX_GROUPS}),1)"
                )))
            }
        };
        let validation = match &column.error {
            Some(error) => validation
                .set_error_title(&column.header)?
                .set_error_message(error)?,
            None => validation,
        };
        sheet.add_data_validation(1, c, last_row, c, &validation)?;
    }

    let lists = workbook.add_worksheet();
    lists.set_name(&template.lists)?;
    lists.set_column_width(0, 45)?;
    lists.write_string(0, 0, &template.note)?;
    if let Some(title) = group_header {
        lists.write_string_with_format(1, 0, &title, &header)?;
    }
    for (r, group) in groups.iter().enumerate() {
        let r = u32::try_from(r).expect("a starter has a few groups");
        lists.write_string(r + 2, 0, group)?;
    }
    // The same bytes from hoinghi.exe as from the Linux program, like every workbook it writes.
    workbook
        .save_to_buffer()
        .map(crate::office::as_made_on_unix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_template_is_made_the_same_every_time() {
        assert_eq!(invitee_list(), invitee_list());
    }

    #[test]
    fn the_starter_groups_are_read_from_the_starter_model() {
        let groups = starter_groups();
        assert!(groups.len() >= 2, "{groups:?}");
    }
}
