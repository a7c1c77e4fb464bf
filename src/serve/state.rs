//! What the server keeps between requests: the engine, warm; the model as the page edits it,
//! with what the checks found; the build running or done; an upload waiting to be used.
//!
//! The model file on disk is the one truth: every change is written to it at once (the same
//! file `hoinghi build` reads), atomically, the version before kept beside it. Each page
//! knows the version it was made from, and a change based on another version (a second tab,
//! or an editor) is refused rather than written over it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard};

use serde::Serialize;
use serde_json::{Value, json};

use super::edit::{self, BadEdit, Edit};
use super::schema::{Schema, Step, steps};
use crate::engine::{Cancel, Engine};
use crate::i18n::Lang;
use crate::i18n::Text;
use crate::i18n::build::io_error;
use crate::i18n::web::WebMsg;
use crate::import::{ListReport, RowPlaces};
use crate::model::schedule::Schedule;
use crate::model::{self, AgendaItem, Conference, Presentation, Source};
use crate::output::{self, manifest};
use crate::problem::{Place, Problem, Problems, Severity};

/// The server's whole state, shared by every request.
pub struct App {
    pub lang: Lang,
    /// The secret every state-changing request must carry: the page gets it when loaded,
    /// another site cannot read it.
    pub secret: String,
    /// The addresses the page is served at (`127.0.0.1:PORT`, `localhost:PORT`).
    pub hosts: Vec<String>,
    /// The conference folder: the model, its list, uploads.
    pub folder: PathBuf,
    /// The output folder given on the command line; else `out` beside the model.
    pub out: Option<PathBuf>,
    pub schema: Schema,
    pub engine: RwLock<Engine>,
    pub doc: Mutex<Option<Doc>>,
    pub build: Mutex<BuildState>,
    pub upload: Mutex<Option<Upload>>,
}

impl App {
    pub fn engine(&self) -> RwLockReadGuard<'_, Engine> {
        self.engine
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn doc(&self) -> MutexGuard<'_, Option<Doc>> {
        self.doc
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The output folder of the model at `model`.
    pub fn out_dir(&self, model: &Path) -> PathBuf {
        self.out.clone().unwrap_or_else(|| {
            model
                .parent()
                .unwrap_or(&self.folder)
                .to_path_buf()
                .join("out")
        })
    }

    /// Loads and checks model text as `hoinghi check` does, with the engine's font checks.
    pub fn load(&self, text: &str, path: &Path) -> Result<Conference, Problems> {
        let source = Source::Text {
            text: text.to_string(),
            origin: file_name(path),
            dir: path.parent().unwrap_or(&self.folder).to_path_buf(),
        };
        let conf = model::load(&source)?;
        let family = self.engine().family(&conf).to_string();
        if self.engine().fonts().family(&family).is_none() {
            let mut engine = self
                .engine
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            engine.ensure_family(&family)?;
        }
        self.engine().check_printable(&conf)?;
        Ok(conf)
    }
}

/// A file's name as the page shows it.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The model being edited, as last saved, and what the checks found in it.
pub struct Doc {
    pub path: PathBuf,
    /// The file's text, comments and all.
    pub text: String,
    /// A fingerprint of that text: the version pages edit from.
    pub version: String,
    /// Its JSON; none while it has a syntax error.
    pub value: Option<Value>,
    /// The checked model, for previews and builds; none while it has errors.
    pub conf: Option<Arc<Conference>>,
    /// Every problem of the last check, as the page shows it.
    pub problems: Vec<Shown>,
    /// The rows of the list file, when the model reads its invitees from one.
    pub list: Option<ListView>,
    /// When this page last saved it ("09:41").
    pub saved_at: Option<String>,
}

/// The invitees of a list file, as read, with each one's row and cells.
pub struct ListView {
    pub file: String,
    pub rows: Vec<Value>,
    pub places: Vec<RowPlaces>,
    pub report: Option<ListReport>,
    /// The problems and warnings of reading it.
    pub problems: Vec<Problem>,
}

/// A problem as the page shows it: beside the field at `path`, in words.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    /// The part of the model it is about, when it is about one (`invitees[3].name`).
    pub path: Option<String>,
    pub error: bool,
    pub message: String,
    pub hints: Vec<String>,
    /// Where, in words, without any JSON path.
    pub place: String,
    /// The JSON path or the file, line and cell: for the "technical details" fold.
    pub tech: String,
    /// The tab it belongs to: info, list, program.
    pub tab: &'static str,
}

impl Shown {
    /// A problem about no part of the model (a build's, when no model is open).
    pub fn plain(problem: &Problem, lang: Lang) -> Self {
        Self {
            path: None,
            error: problem.is_error(),
            message: problem.message.get(lang).to_string(),
            hints: problem
                .hints
                .iter()
                .map(|h| h.get(lang).to_string())
                .collect(),
            place: problem.place.text(lang),
            tech: problem.place.text(lang),
            tab: "info",
        }
    }
}

/// Why a change was not saved.
#[derive(Debug)]
pub enum SaveError {
    /// The page was made from another version.
    Stale,
    /// The change names no part of the model.
    Bad(BadEdit),
    /// The model cannot be edited (a syntax error) or there is none.
    Unusable(Text),
    /// Writing failed.
    Failed(Problem),
}

impl Doc {
    /// Reads the model at `path` and checks it.
    pub fn open(app: &App, path: &Path) -> Result<Self, Problems> {
        let text = model::json::read_file(path)?;
        let mut doc = Self {
            path: path.to_path_buf(),
            version: version_of(&text),
            text,
            value: None,
            conf: None,
            problems: Vec::new(),
            list: None,
            saved_at: None,
        };
        doc.check(app);
        Ok(doc)
    }

    /// Parses and checks the text, as `hoinghi check` would, and keeps what was found.
    fn check(&mut self, app: &App) {
        let mut found = Vec::new();
        self.value = model::json::parse(&self.text, &file_name(&self.path), &mut found).ok();
        self.list = self
            .value
            .as_ref()
            .and_then(|v| list_view(v, self.path.parent().unwrap_or(&app.folder)));
        let problems = match app.load(&self.text, &self.path) {
            Ok(conf) => {
                let mut all = conf.warnings.clone();
                if let Ok(Some(overrun)) = app.engine().check_session(&conf, false) {
                    all.push(overrun);
                }
                self.conf = Some(Arc::new(conf));
                all
            }
            Err(problems) => {
                self.conf = None;
                problems.0
            }
        };
        self.problems = problems.iter().map(|p| self.shown(p, app.lang)).collect();
    }

    /// A problem in the page's words, placed on its field.
    pub fn shown(&self, problem: &Problem, lang: Lang) -> Shown {
        let path = match &problem.place {
            Place::Model(path) => Some(path.clone()),
            place => self.list.as_ref().and_then(|l| l.path_of(place)),
        };
        let tech = match (&problem.place, &path) {
            (Place::Model(p), _) => p.clone(),
            (place, Some(p)) => format!("{} — {p}", place.text(lang)),
            (place, None) => place.text(lang),
        };
        let place = match &problem.place {
            Place::Model(p) => words_of_path(p, lang),
            other => other.text(lang),
        };
        Shown {
            tab: tab_of(path.as_deref().unwrap_or("")),
            path,
            error: problem.severity == Severity::Error,
            message: problem.message.get(lang).to_string(),
            hints: problem
                .hints
                .iter()
                .map(|h| h.get(lang).to_string())
                .collect(),
            place,
            tech,
        }
    }

    /// Applies the page's edits, made from `version`, and saves the result; a notice comes
    /// back when the list had to move into the model to be edited.
    pub fn change(
        &mut self,
        app: &App,
        version: &str,
        edits: &[Edit],
    ) -> Result<Option<String>, SaveError> {
        self.refresh(app);
        if version != self.version {
            return Err(SaveError::Stale);
        }
        let Some(old) = self.value.clone() else {
            return Err(SaveError::Unusable(WebMsg::SyntaxBroken.into()));
        };
        let mut new = old.clone();
        let mut notice = None;
        for e in edits {
            if touches_list_rows(e) && new.get("invitees").is_some_and(Value::is_object) {
                let Some(list) = &self.list else {
                    return Err(SaveError::Bad(BadEdit {
                        path: e.path().to_string(),
                    }));
                };
                new["invitees"] = Value::Array(list.rows.clone());
                list.add_its_groups(&mut new);
                notice = Some(
                    WebMsg::ListMovedIntoModel {
                        file: list.file.clone(),
                    }
                    .text(app.lang),
                );
            }
            edit::apply(&mut new, e, &app.schema).map_err(SaveError::Bad)?;
        }
        self.save(app, &old, &new)?;
        Ok(notice)
    }

    /// Replaces the model's list (`invitees`): with a file's name, or with rows copied from
    /// one (whose section rows' groups then join the model's `groups`).
    pub fn replace_list(
        &mut self,
        app: &App,
        version: &str,
        value: Value,
        from: Option<&ListView>,
    ) -> Result<(), SaveError> {
        self.refresh(app);
        if version != self.version {
            return Err(SaveError::Stale);
        }
        let Some(old) = self.value.clone() else {
            return Err(SaveError::Unusable(WebMsg::SyntaxBroken.into()));
        };
        let mut new = old.clone();
        match new.as_object_mut() {
            Some(map) => {
                map.insert("invitees".to_string(), value);
            }
            None => return Err(SaveError::Unusable(WebMsg::SyntaxBroken.into())),
        }
        if let Some(list) = from {
            list.add_its_groups(&mut new);
        }
        self.save(app, &old, &new)
    }

    /// Takes in a change of the file made elsewhere (an editor, the command line, another
    /// tab of an older page): pages made from the version before are then out of date.
    pub fn refresh(&mut self, app: &App) {
        let Ok(text) = model::json::read_file(&self.path) else {
            return;
        };
        if version_of(&text) != self.version {
            self.text = text;
            self.version = version_of(&self.text);
            self.check(app);
        }
    }

    /// Writes `new` in place of the model (`old` being what it holds), keeping the author's
    /// comments, atomically, with the version before kept as `NAME.bak`; then checks it.
    fn save(&mut self, app: &App, old: &Value, new: &Value) -> Result<(), SaveError> {
        let text = edit::write_back(&self.text, old, new);
        if text == self.text {
            return Ok(());
        }
        output::write_file(&backup_of(&self.path), self.text.as_bytes())
            .map_err(SaveError::Failed)?;
        output::write_file(&self.path, text.as_bytes()).map_err(SaveError::Failed)?;
        self.text = text;
        self.version = version_of(&self.text);
        self.saved_at = Some(chrono::Local::now().format("%H:%M").to_string());
        self.check(app);
        Ok(())
    }

    /// What the page needs to know after a change: the version, the problems, the clock.
    pub fn state(&self) -> Value {
        let count = |tab: &str, error: bool| {
            self.problems
                .iter()
                .filter(|p| p.tab == tab && p.error == error)
                .count()
        };
        let tabs: serde_json::Map<String, Value> = ["info", "list", "program"]
            .iter()
            .map(|t| {
                (
                    t.to_string(),
                    json!({"errors": count(t, true), "warnings": count(t, false)}),
                )
            })
            .collect();
        json!({
            "version": self.version,
            "saved": self.saved_at,
            "problems": self.problems,
            "tabs": tabs,
            "clock": self.clock(),
            "invitees": self.invitee_count(),
            "ready": self.conf.is_some(),
            "errors": self.problems.iter().filter(|p| p.error).count(),
            "date": self.conf.as_ref().and_then(|c| c.date).map(|d| d.format("%d/%m/%Y").to_string()),
        })
    }

    /// The clock time of every agenda item, computed as the programme will print it, even
    /// while other parts of the model have errors.
    pub fn clock(&self) -> serde_json::Map<String, Value> {
        let schedule = match &self.conf {
            Some(conf) => Some(conf.schedule.clone()),
            None => self.value.as_ref().and_then(schedule_of),
        };
        let mut out = serde_json::Map::new();
        if let Some(schedule) = schedule {
            for (i, slot) in schedule.items.iter().enumerate() {
                out.insert(format!("agenda[{i}]"), Value::String(slot.text()));
            }
        }
        out
    }

    pub fn invitee_count(&self) -> usize {
        match self.value.as_ref().and_then(|v| v.get("invitees")) {
            Some(Value::Array(items)) => items.len(),
            _ => self.list.as_ref().map_or(0, |l| l.rows.len()),
        }
    }

    /// The invitees' rows as the page lists them: the model's, or the list file's.
    pub fn invitee_rows(&self) -> Vec<Value> {
        match self.value.as_ref().and_then(|v| v.get("invitees")) {
            Some(Value::Array(items)) => items.clone(),
            _ => self
                .list
                .as_ref()
                .map(|l| l.rows.clone())
                .unwrap_or_default(),
        }
    }
}

/// The version of a model's text.
pub fn version_of(text: &str) -> String {
    manifest::fingerprint([text.as_bytes()])
}

/// Where the version before the last save is kept: `hoi-nghi.json.bak`.
pub fn backup_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Whether an edit changes the invitees' rows (which a list file cannot take).
fn touches_list_rows(edit: &Edit) -> bool {
    matches!(steps(edit.path()).as_deref(), Some([Step::Key(k), ..]) if k == "invitees")
}

/// The tab of the page a part of the model is edited in.
pub fn tab_of(path: &str) -> &'static str {
    let top = path.split(['.', '[']).next().unwrap_or("");
    match top {
        "invitees" => "list",
        "agenda" | "presentations" | "exhibits" | "awards" | "script" | "session" => "program",
        _ => "info",
    }
}

/// A place in the model in words, without the JSON path the command line adds for whoever
/// edits the file by hand (the page keeps it for its "technical details" fold).
pub fn words_of_path(path: &str, lang: Lang) -> String {
    let mut words = crate::i18n::places::model_place(path, lang);
    let Some(all) = steps(path) else {
        return words;
    };
    for end in (1..=all.len()).rev() {
        let raw = super::schema::path_of(&all[..end]);
        words = words.replace(&format!(" ({raw})"), "");
    }
    words
}

/// The clock of the model's programme, read leniently: the items that can be read.
fn schedule_of(value: &Value) -> Option<Schedule> {
    let start = value.get("event")?.get("start")?.as_str()?;
    let start = chrono::NaiveTime::parse_from_str(start.trim(), "%H:%M").ok()?;
    let agenda: Vec<AgendaItem> = serde_json::from_value(value.get("agenda")?.clone()).ok()?;
    let presentations: Vec<Presentation> = value
        .get("presentations")
        .and_then(|p| serde_json::from_value(p.clone()).ok())
        .unwrap_or_default();
    Schedule::compute(start, &agenda, &presentations).ok()
}

/// The rows of the list file the model names, if it names one.
pub fn list_view(value: &Value, dir: &Path) -> Option<ListView> {
    let slot = value.get("invitees")?;
    let file = slot.get("file")?.as_str()?.to_string();
    let mut probe = json!({ "invitees": slot.clone() });
    let mut problems = Vec::new();
    let sheet = model::list::read_into(&mut probe, dir, &mut problems);
    let rows = match probe.get_mut("invitees").map(Value::take) {
        Some(Value::Array(rows)) => rows,
        _ => Vec::new(),
    };
    let (places, report) = match sheet {
        Some(sheet) => {
            problems.extend(sheet.warnings);
            (sheet.places, Some(sheet.report))
        }
        None => (Vec::new(), None),
    };
    Some(ListView {
        file,
        rows,
        places,
        report,
        problems,
    })
}

impl ListView {
    /// Adds to `model` the groups the list's section rows start, once its rows are copied in:
    /// in the file they were the groups' definition.
    pub fn add_its_groups(&self, model: &mut Value) {
        if let Some(report) = &self.report {
            model::list::add_groups(model, &report.groups);
        }
    }

    /// The path in the model of an invitee's row or cell, by its place in the sheet.
    pub fn path_of(&self, place: &Place) -> Option<String> {
        self.places.iter().enumerate().find_map(|(i, row)| {
            if &row.row == place {
                return Some(format!("invitees[{i}]"));
            }
            row.cells
                .iter()
                .find(|(_, cell)| cell == place)
                .map(|(field, _)| format!("invitees[{i}].{field}"))
        })
    }

    /// The cell address of an invitee's field ("C7"), as the sheet shows it.
    pub fn cell_of(&self, i: usize, field: &str) -> Option<String> {
        match self.places.get(i)?.of(field) {
            Place::Cell { cell, .. } => Some(cell.clone()),
            _ => None,
        }
    }
}

/// A save that failed, in words.
pub fn save_error_text(e: &SaveError, lang: Lang) -> String {
    match e {
        SaveError::Stale => WebMsg::Stale.text(lang),
        SaveError::Bad(b) => WebMsg::BadEdit {
            path: b.path.clone(),
        }
        .text(lang),
        SaveError::Unusable(t) => t.get(lang).to_string(),
        SaveError::Failed(p) => WebMsg::SaveFailed {
            error: p.text(lang),
        }
        .text(lang),
    }
}

/// An input/output error in words.
pub fn io_text(e: &std::io::Error, lang: Lang) -> String {
    io_error(e, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_on_the_page_have_no_json_path() {
        assert_eq!(
            words_of_path("invitees[3].honorific", Lang::Vi),
            "Đại biểu thứ 4, trường \"Danh xưng\""
        );
        assert_eq!(
            words_of_path("event.date", Lang::Vi),
            "Thông tin hội nghị, trường \"Ngày họp\""
        );
        assert_eq!(
            words_of_path("exhibits[1].products[0].stars", Lang::Vi),
            "Bàn trưng bày thứ 2, sản phẩm thứ 1, trường \"Hạng sao\""
        );
    }

    #[test]
    fn every_part_of_the_model_has_its_tab() {
        assert_eq!(tab_of("invitees[2].name"), "list");
        assert_eq!(tab_of("agenda[0].minutes"), "program");
        assert_eq!(tab_of("event.date"), "info");
        assert_eq!(tab_of(""), "info");
    }
}

/// The build the page started, running or done.
#[derive(Default)]
pub struct BuildState {
    pub running: bool,
    pub done: usize,
    pub total: usize,
    pub cancel: Option<Cancel>,
    pub result: Option<Outcome>,
    /// Counts the builds started, so the page knows a result is new.
    pub number: u64,
}

/// How the last build ended.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub ok: bool,
    /// When it ended ("09:41").
    pub time: String,
    /// The files it wrote, being new or changed.
    pub written: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
    pub problems: Vec<Shown>,
}

/// A list uploaded and not used yet.
pub struct Upload {
    /// Its name as uploaded, checked to be a plain file name.
    pub name: String,
    /// Where it waits; removed with this value.
    pub(super) dir: tempfile::TempDir,
    /// How many invitees were read from it.
    pub count: usize,
}

impl Upload {
    pub(super) fn path(&self) -> PathBuf {
        self.dir.path().join(&self.name)
    }
}
