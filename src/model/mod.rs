//! The conference model: read from a file or from memory, cleaned and checked, every mistake
//! reported with its place in one run. Everything after this stage trusts a [`Conference`].
//!
//! The steps, each in its own file: [`json`] (bytes to JSON: encoding, comments, syntax,
//! duplicate keys), [`list`] (a list file in place of the invitees), [`text`] (NFC, invisible
//! characters), [`lenient`] (JSON to the [`types`], all mistakes at once), [`check`] (what the
//! types cannot say) and [`schedule`] (the programme's clock).

pub mod check;
pub mod json;
pub mod lenient;
pub mod list;
pub mod schedule;
pub mod text;
pub mod types;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};

pub use check::SigningDate;
pub use types::*;

use crate::import::{ListReport, RowPlaces};
use crate::problem::{Place, Problem, Problems};
use schedule::Schedule;

/// Where a model comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file on disk; a list file it names is found beside it.
    File(PathBuf),
    /// Text in memory (the web page's edits): `origin` names it in messages, and a list file
    /// it names is found in `dir`.
    Text {
        text: String,
        origin: String,
        dir: PathBuf,
    },
}

impl Source {
    /// The folder a list file named by the model is read from.
    pub fn dir(&self) -> PathBuf {
        match self {
            Self::File(path) => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
            Self::Text { dir, .. } => dir.clone(),
        }
    }
}

/// A checked model with its dates and times read.
#[derive(Debug, Clone)]
pub struct Conference {
    pub model: Model,
    pub date: Option<NaiveDate>,
    pub start: NaiveTime,
    pub signing: SigningDate,
    /// The date of the plan the annexes cite.
    pub plan_date: SigningDate,
    pub session_end: Option<NaiveTime>,
    /// The date of the awards decision, its parts blank where not known.
    pub decision_date: SigningDate,
    pub schedule: Schedule,
    /// The deadline of each task of the plan, agency by agency (`plan.tasks[a].items[t]`).
    pub deadlines: Vec<Vec<Option<NaiveDate>>>,
    /// Where each invitee came from when the list is a sheet; empty for an inline list.
    pub places: Vec<RowPlaces>,
    /// What reading a list file found: rows taken, groups, rows skipped.
    pub list: Option<ListReport>,
    /// What loading noticed without stopping: columns ignored, legacy text converted.
    pub warnings: Vec<Problem>,
}

impl Conference {
    /// While the date is not fixed every paper is a draft.
    pub fn is_draft(&self) -> bool {
        self.date.is_none()
    }

    /// The place to name for a path into the model: the sheet's cell for an invitee read from
    /// a sheet.
    pub fn place(&self, path: &str) -> Place {
        list::place_in(&self.places, path)
    }

    /// The position in the list (0-based) of the invitee with this id.
    pub fn invitee_index(&self, id: &str) -> Option<usize> {
        self.model
            .invitees
            .iter()
            .position(|i| i.id.as_deref() == Some(id))
    }

    /// By how many minutes the programme runs past its session, if it does.
    pub fn overrun(&self) -> Option<u32> {
        self.schedule.overrun(self.session_end?)
    }
}

impl Model {
    /// Every text that documents print, with its path (comments and the schema's address are
    /// not printed).
    pub fn printed_texts(&self) -> Vec<(String, String)> {
        let mut value = serde_json::to_value(self).expect("the model serializes to JSON");
        let mut texts = Vec::new();
        text::visit_strings(&mut value, &mut String::new(), &mut |path, s| {
            if !path.ends_with("comment") && path != "$schema" {
                texts.push((path.to_string(), s.clone()));
            }
        });
        texts
    }
}

/// Reads, cleans and checks a model. On failure every problem found comes back, the warnings
/// with them.
pub fn load(source: &Source) -> Result<Conference, Problems> {
    let (text, origin) = match source {
        Source::File(path) => (json::read_file(path)?, path.display().to_string()),
        Source::Text { text, origin, .. } => (text.clone(), origin.clone()),
    };
    parse(&text, &origin, &source.dir())
}

/// The list file a load of `source` reads besides the model, if the model names one. A model
/// that cannot be read or parsed names none.
pub fn list_file(source: &Source) -> Option<PathBuf> {
    let text = match source {
        Source::File(path) => json::read_file(path).ok()?,
        Source::Text { text, .. } => text.clone(),
    };
    let root = json::parse(&text, "", &mut Vec::new()).ok()?;
    list::file_named(&root, &source.dir())
}

/// Reads, cleans and checks model text; `origin` names it in messages, and a list file it
/// names is found relative to `dir`.
pub fn parse(text: &str, origin: &str, dir: &Path) -> Result<Conference, Problems> {
    let mut problems = Vec::new();
    let mut root = json::parse(text, origin, &mut problems)?;
    let sheet = list::read_into(&mut root, dir, &mut problems);
    text::clean_strings(&mut root, &mut problems);
    let read = lenient::read_model(root, &mut problems);
    let (places, list, mut warnings) = match sheet {
        Some(sheet) => (sheet.places, Some(sheet.report), sheet.warnings),
        None => (Vec::new(), None, Vec::new()),
    };
    let Some((model, broken)) = read else {
        return Err(finish(problems, warnings, &places));
    };
    let mut found = Vec::new();
    let parsed = check::check(&model, &broken, &mut found);
    for p in found {
        let p = match &p.place {
            Place::Model(path) => {
                let place = Place::model(broken.original(path));
                p.at(place)
            }
            _ => p,
        };
        // What the checks find where a value was repaired follows from the repair.
        if !p
            .place
            .model_path()
            .is_some_and(|path| broken.is_repaired(path))
        {
            problems.push(p);
        }
    }
    // Warnings of the checks stay warnings; anything else stops the load.
    let (checks_warn, errors): (Vec<Problem>, Vec<Problem>) =
        problems.into_iter().partition(|p| !p.is_error());
    // Those about invitees read from a sheet are named by their cells.
    warnings.extend(checks_warn.into_iter().map(|p| match p.place.model_path() {
        Some(path) => {
            let place = list::place_in(&places, path);
            p.at(place)
        }
        None => p,
    }));
    if !errors.is_empty() || !broken.sections.is_empty() || !broken.repaired.is_empty() {
        return Err(finish(errors, warnings, &places));
    }
    Ok(Conference {
        model,
        date: parsed.date,
        start: parsed.start,
        signing: parsed.signing,
        plan_date: parsed.plan_date,
        session_end: parsed.session_end,
        decision_date: parsed.decision_date,
        schedule: parsed.schedule,
        deadlines: parsed.deadlines,
        places,
        list,
        warnings,
    })
}

/// The problems of a failed load, those of invitees read from a sheet named by their cells,
/// the warnings after the errors.
fn finish(errors: Vec<Problem>, warnings: Vec<Problem>, places: &[RowPlaces]) -> Problems {
    let mut all: Vec<Problem> = errors
        .into_iter()
        .map(|p| match &p.place {
            Place::Model(path) => {
                let place = list::place_in(places, path);
                p.at(place)
            }
            _ => p,
        })
        .collect();
    all.extend(warnings);
    Problems(all)
}
