//! The commands: each loads its inputs once, runs the stages of the pipeline
//! (model → templates → Typst → PDF → files) and reports.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Datelike, Timelike};
use typst::diag::Severity;
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::cli::{
    BuildCommand, CheckCommand, FontsCommand, ImportCommand, InputArgs, ListCommand, PreviewCommand,
};
use crate::context;
use crate::documents::{self, Document, Kind};
use crate::fonts::FontSet;
use crate::model::{self, Conference, Problem, Problems};
use crate::output::{self, Staging};
use crate::parallel;
use crate::render::Templates;
use crate::schedule;
use crate::typeset::{self, Diagnostic, Part, PdfSettings, Typesetter};

/// A model with everything needed to typeset it, checked together.
struct Inputs {
    conf: Conference,
    templates: Templates,
    typesetter: Typesetter,
}

/// A document compiled, ready to be cut into files.
struct Compiled {
    document: &'static Document,
    pages: PagedDocument,
}

/// One PDF file to export from a compiled document.
struct Export<'a> {
    compiled: &'a Compiled,
    path: PathBuf,
    part: Part,
}

impl Inputs {
    /// Loads the model, the templates and the fonts, and checks that the chosen font family
    /// exists and can draw every character the documents will print. All problems of the
    /// three are reported together.
    fn load(args: &InputArgs) -> Result<Self, Problems> {
        let mut problems = Vec::new();
        let conf = model::load(&args.model)
            .map_err(|p| problems.extend(p.0))
            .ok();
        let templates = Templates::load(args.templates.as_deref())
            .map_err(|p| problems.extend(p))
            .ok();
        let fonts = FontSet::load(&args.font_paths)
            .map_err(|p| problems.push(p))
            .ok();
        let (Some(mut conf), Some(templates), Some(fonts)) = (conf, templates, fonts) else {
            return Err(Problems(problems));
        };
        for warning in &conf.warnings {
            eprintln!("warning: {warning}");
        }

        let family_place = match &args.font {
            Some(family) => {
                conf.model.style.font = family.clone();
                "--font"
            }
            None => "style.font",
        };
        let texts = conf.model.printed_texts();
        let problems = fonts.check_coverage(
            &conf.model.style.font,
            family_place,
            texts
                .iter()
                .map(|(place, text)| (conf.place(place), text.as_str())),
        );
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        let typesetter = Typesetter::new(fonts, templates.typst_files());
        Ok(Self {
            conf,
            templates,
            typesetter,
        })
    }

    /// The 0-based position of the invitee `id`, or a problem naming the unknown id.
    fn invitee(&self, id: &str) -> Result<usize, Problems> {
        self.conf.invitee_index(id).ok_or_else(|| {
            one(Problem::new(
                "--invitee",
                format!("no invitee has the id {}", model::quote(id)),
            ))
        })
    }

    /// The documents `only` names (all when None) that this model produces.
    fn documents(&self, only: Option<&str>) -> Result<Vec<&'static Document>, Problems> {
        let chosen = documents::select(only).map_err(|e| one(Problem::new("--only", e)))?;
        Ok(chosen
            .into_iter()
            .filter(|d| d.is_produced_by(&self.conf.model))
            .collect())
    }

    /// The programme's overrun of its session, as a warning, or an error when `strict`.
    fn check_session(&self, strict: bool) -> Result<(), Problems> {
        let (Some(session), Some(end)) = (&self.conf.model.session, self.conf.session_end) else {
            return Ok(());
        };
        let Some(overrun) = self.conf.schedule.overrun(end) else {
            return Ok(());
        };
        let problem = Problem::new(
            "agenda",
            format!(
                "the programme ends at {}, {overrun} minutes after {} ends at {}",
                schedule::clock(self.conf.schedule.end().unwrap_or_default()),
                session.name,
                schedule::clock(schedule::minutes(end)),
            ),
        );
        if strict {
            return Err(one(problem));
        }
        eprintln!("warning: {problem}");
        Ok(())
    }

    /// Renders and compiles each document on all cores; for invitations, only those of
    /// `invitees`. All their problems are reported together.
    fn compile(
        &self,
        docs: &[&'static Document],
        invitees: &[usize],
    ) -> Result<Vec<Compiled>, Problems> {
        let context = context::build(&self.conf, invitees);
        let results = parallel::map(docs, |&document| -> Result<Compiled, Vec<Problem>> {
            let source = self
                .templates
                .render(document.template, context.clone())
                .map_err(|p| vec![p])?;
            let (pages, warnings) = self.typesetter.compile(&source).map_err(|errors| {
                errors
                    .iter()
                    .map(|d| self.locate(d, &source, document))
                    .collect::<Vec<_>>()
            })?;
            for warning in &warnings {
                eprintln!("warning: {}", self.locate(warning, &source, document));
            }
            if document.kind == Kind::Invitations {
                self.check_one_page_each(&pages, invitees, document)?;
            }
            Ok(Compiled { document, pages })
        });
        let mut compiled = Vec::new();
        let mut problems = Vec::new();
        for result in results {
            match result {
                Ok(c) => compiled.push(c),
                Err(p) => problems.extend(p),
            }
        }
        if problems.is_empty() {
            Ok(compiled)
        } else {
            Err(Problems(problems))
        }
    }

    fn check_one_page_each(
        &self,
        doc: &PagedDocument,
        indices: &[usize],
        document: &Document,
    ) -> Result<(), Vec<Problem>> {
        let starts = typeset::pages_of_label(doc, documents::INVITATION_LABEL);
        if starts.len() != indices.len() {
            return Err(vec![Problem::new(
                self.templates.origin(document.template),
                format!(
                    "the template marked {} invitations with <{}> but {} were asked for",
                    starts.len(),
                    documents::INVITATION_LABEL,
                    indices.len()
                ),
            )]);
        }
        let ends = starts
            .iter()
            .skip(1)
            .copied()
            .chain([doc.pages().len() + 1]);
        let problems: Vec<Problem> = indices
            .iter()
            .zip(starts.iter().zip(ends))
            .filter(|(_, (start, end))| end - *start != 1)
            .map(|(&i, (start, end))| {
                Problem::new(
                    self.conf.place(&format!("invitees[{i}]")),
                    format!(
                        "the invitation of {} takes {} pages (from page {start}); it must fit on one: shorten the name, position or organization",
                        model::quote(self.conf.model.invitees[i].label()),
                        end - start
                    ),
                )
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// A Typst diagnostic as a problem placed in the template or shared file it came from.
    fn locate(&self, d: &Diagnostic, source: &str, document: &Document) -> Problem {
        let template = self.templates.origin(document.template);
        let place_of = |file: &str, line: usize, column: Option<usize>| -> String {
            if file == "/main.typ" {
                match self.templates.source_line(document.template, source, line) {
                    Some(l) => format!("{template}:{l}"),
                    None => template.to_string(),
                }
            } else {
                let name = file.trim_start_matches('/');
                let column = column.map(|c| format!(":{c}")).unwrap_or_default();
                format!("{}:{line}{column}", self.templates.origin(name))
            }
        };
        let place = match &d.file {
            Some(file) => place_of(file, d.line, Some(d.column)),
            None => template.to_string(),
        };
        let kind = if d.severity == Severity::Warning {
            "Typst warning"
        } else {
            "Typst error"
        };
        let mut message = format!("{kind}: {}", d.message);
        if d.file.as_deref() == Some("/main.typ") {
            if let Some(text) = source.lines().nth(d.line.saturating_sub(1)) {
                let text: String = text.trim().chars().take(120).collect();
                message.push_str(&format!(" (generated line {}: `{text}`)", d.line));
            }
        }
        for (call, at) in &d.trace {
            if let Some((file, line)) = at {
                message.push_str(&format!("; {call} at {}", place_of(file, *line, None)));
            }
        }
        for hint in &d.hints {
            message.push_str(&format!("; hint: {hint}"));
        }
        Problem::new(place, message)
    }

    /// The files to write for the compiled documents; for invitations, those of `invitees`.
    fn exports<'a>(&self, compiled: &'a [Compiled], invitees: &[usize]) -> Vec<Export<'a>> {
        let mut exports = Vec::new();
        for c in compiled {
            match c.document.kind {
                Kind::Invitations => {
                    exports.extend(invitees.iter().enumerate().map(|(page, &i)| {
                        Export {
                            compiled: c,
                            path: c
                                .document
                                .folder()
                                .join(documents::invitation_file(i, &self.conf.model.invitees[i])),
                            part: Part::Page(page + 1),
                        }
                    }))
                }
                Kind::Booklet => exports.push(Export {
                    compiled: c,
                    path: c.document.imposed_file(),
                    part: Part::Imposed,
                }),
                Kind::Single => {}
            }
            exports.push(Export {
                compiled: c,
                path: c.document.file(),
                part: Part::Whole,
            });
        }
        exports
    }

    /// Exports the files on all cores straight into staging, so no more than one PDF per core
    /// is held in memory.
    fn export(&self, exports: &[Export], staging: &Staging) -> Result<(), Problems> {
        let results = parallel::map(exports, |e| {
            let ident = format!("hoinghi/{}", e.path.display());
            let pdf = self
                .typesetter
                .pdf(&e.compiled.pages, &ident, e.part)
                .map_err(|m| {
                    Problem::new(
                        e.path.display().to_string(),
                        format!("PDF export failed: {m}"),
                    )
                })?;
            staging.add(&e.path, &pdf)
        });
        let problems: Vec<Problem> = results.into_iter().filter_map(Result::err).collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Problems(problems))
        }
    }
}

/// `hoinghi build`: the documents of the model, or some of them (`--only`), or one invitation
/// (`--invitee`).
pub fn build(cmd: &BuildCommand) -> Result<(), Problems> {
    let started = Instant::now();
    let mut inputs = Inputs::load(&cmd.input)?;
    let date = document_date(&inputs.conf, cmd.pdf_a)?;
    inputs.typesetter.set_pdf(PdfSettings {
        pdf_a: cmd.pdf_a,
        date,
    });
    let only = cmd
        .invitee
        .as_deref()
        .map(|id| inputs.invitee(id))
        .transpose()?;
    let docs = match only {
        // One invitee's fix touches the invitations only.
        Some(_) => inputs.documents(Some("giay-moi"))?,
        None => inputs.documents(cmd.only.as_deref())?,
    };
    if docs.iter().any(|d| d.kind != Kind::Invitations) {
        inputs.check_session(cmd.strict)?;
    }
    let all: Vec<usize> = (0..inputs.conf.model.invitees.len()).collect();
    let compiled = inputs.compile(&docs, &all)?;

    let staging = Staging::new(&cmd.out).map_err(one)?;
    let mut exports = inputs.exports(&compiled, &all);
    if let Some(i) = only {
        exports.retain(|e| !matches!(e.part, Part::Page(p) if p != i + 1));
    }
    inputs.export(&exports, &staging)?;

    // Files of invitees no longer on the list (or now at another position) must go, or they
    // would be printed with the rest; a one-invitee rebuild leaves the others alone.
    let mut stale = Vec::new();
    if only.is_none() {
        for c in compiled
            .iter()
            .filter(|c| c.document.kind == Kind::Invitations)
        {
            let keep: Vec<PathBuf> = exports.iter().map(|e| cmd.out.join(&e.path)).collect();
            let folder = cmd.out.join(c.document.folder());
            stale.extend(output::stale_files(
                &folder,
                documents::is_invitation_file,
                &keep,
            ));
        }
    }
    staging.commit(&stale).map_err(one)?;

    let names: Vec<&str> = docs.iter().map(|d| d.name).collect();
    let draft = if inputs.conf.is_draft() {
        " (DỰ THẢO: event.date is not fixed)"
    } else {
        ""
    };
    eprintln!(
        "wrote {} file{} of {} into {}{draft}; removed {} old file{}; {:.2} s",
        exports.len(),
        plural(exports.len()),
        names.join(", "),
        cmd.out.display(),
        stale.len(),
        plural(stale.len()),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `hoinghi check`: everything a build does but writing.
pub fn check(cmd: &CheckCommand) -> Result<(), Problems> {
    let inputs = Inputs::load(&cmd.input)?;
    let docs = inputs.documents(None)?;
    inputs.check_session(cmd.strict)?;
    let m = &inputs.conf.model;
    let all: Vec<usize> = (0..m.invitees.len()).collect();
    inputs.compile(&docs, &all)?;
    let persons = m.invitees.iter().filter(|i| i.name.is_some()).count();
    println!("{}", m.event.title);
    println!(
        "  invitations: {} ({persons} to persons, {} to organisations)",
        m.invitees.len(),
        m.invitees.len() - persons
    );
    match inputs.conf.date {
        Some(date) => println!(
            "  date: {} at {} — final",
            crate::vn::short_date(date),
            m.event.start
        ),
        None => println!(
            "  date: not fixed ({}) — every paper is marked DỰ THẢO",
            m.event.tentative.as_deref().unwrap_or_default()
        ),
    }
    println!("  venue: {}", m.event.venue);
    if let (Some(session), Some(end)) = (&m.session, inputs.conf.schedule.end()) {
        println!(
            "  programme: {} items, {} - {} ({})",
            m.agenda.len(),
            schedule::clock(schedule::minutes(inputs.conf.start)),
            schedule::clock(end),
            session.name
        );
    }
    println!(
        "  documents: {}",
        docs.iter().map(|d| d.name).collect::<Vec<_>>().join(", ")
    );
    println!("  font: {} {} pt", m.style.font, m.style.size);
    println!("ok");
    Ok(())
}

/// `hoinghi list`: the documents the model produces, with their files.
pub fn list(cmd: &ListCommand) -> Result<(), Problems> {
    let conf = model::load(&cmd.input.model)?;
    for document in documents::DOCUMENTS
        .iter()
        .filter(|d| d.is_produced_by(&conf.model))
    {
        println!("{:<20} {}", document.name, document.title);
        let files = document.files(&conf.model);
        for file in &files {
            println!("    {}", cmd.out.join(file).display());
        }
    }
    Ok(())
}

/// `hoinghi preview`: one page as a PNG picture.
pub fn preview(cmd: &PreviewCommand) -> Result<(), Problems> {
    let inputs = Inputs::load(&cmd.input)?;
    let docs = inputs.documents(Some(&cmd.document))?;
    let Some(&document) = docs.first() else {
        return Err(one(Problem::new(
            "--document",
            format!("the model does not produce {}", cmd.document),
        )));
    };
    let index = cmd
        .invitee
        .as_deref()
        .map_or(Ok(0), |id| inputs.invitee(id))?;
    let compiled = inputs.compile(&[document], &[index])?;
    let pages = &compiled[0].pages;
    let png = inputs
        .typesetter
        .png(pages, cmd.page.saturating_sub(1), cmd.dpi as f32 / 72.0)
        .map_err(|e| {
            one(Problem::new(
                "--page",
                format!("{e} (it has {} pages)", pages.pages().len()),
            ))
        })?;
    let dir = cmd
        .output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = cmd.output.file_name().ok_or_else(|| {
        one(Problem::new(
            cmd.output.display().to_string(),
            "is not a file name",
        ))
    })?;
    let staging = Staging::new(dir).map_err(one)?;
    staging.add(Path::new(name), &png).map_err(one)?;
    staging.commit(&[]).map_err(one)?;
    eprintln!(
        "wrote {} ({}, page {})",
        cmd.output.display(),
        document.name,
        cmd.page
    );
    Ok(())
}

/// `hoinghi import`: a sheet's invitees as the model's JSON.
pub fn import(cmd: &ImportCommand) -> Result<(), Problems> {
    let shown = cmd.file.display().to_string();
    let sheet = crate::import::read(&cmd.file, &shown, cmd.sheet.as_deref()).map_err(Problems)?;
    for warning in &sheet.warnings {
        eprintln!("warning: {warning}");
    }
    let invitees = model::normalize_invitees(sheet.invitees, &sheet.places)?;
    let json = serde_json::to_string_pretty(&serde_json::json!({ "invitees": invitees }))
        .expect("invitees serialize to JSON")
        + "\n";
    match &cmd.output {
        None => print!("{json}"),
        Some(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = path.file_name().ok_or_else(|| {
                one(Problem::new(
                    path.display().to_string(),
                    "is not a file name",
                ))
            })?;
            let staging = Staging::new(dir).map_err(one)?;
            staging.add(Path::new(name), json.as_bytes()).map_err(one)?;
            staging.commit(&[]).map_err(one)?;
            eprintln!("wrote {} invitees into {}", invitees.len(), path.display());
        }
    }
    Ok(())
}

/// `hoinghi fonts`: the families available, and what the model's documents are set in.
pub fn fonts(cmd: &FontsCommand) -> Result<(), Problems> {
    let fonts = FontSet::load(&cmd.input.font_paths).map_err(one)?;
    for (family, faces) in fonts.families() {
        println!("{family}: {}", faces.join(", "));
    }
    let family = match &cmd.input.font {
        Some(f) => Some(f.clone()),
        None => model::load(&cmd.input.model)
            .ok()
            .map(|c| c.model.style.font),
    };
    let Some(family) = family else { return Ok(()) };
    let Some(faces) = fonts.family(&family) else {
        return Err(one(Problem::new(
            "style.font",
            format!("\"{family}\" is not a loaded font family"),
        )));
    };
    let resolved = faces
        .first()
        .map(|f| f.info().family.clone())
        .unwrap_or_default();
    for document in &documents::DOCUMENTS {
        println!("{}: {resolved} ({} faces)", document.name, faces.len());
    }
    Ok(())
}

/// The date written into the PDFs: SOURCE_DATE_EPOCH when set; for PDF/A, which must carry
/// one, else the event's date, else the signing date, else 1 January 2000. Otherwise none.
fn document_date(conf: &Conference, pdf_a: bool) -> Result<Option<Datetime>, Problems> {
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            one(Problem::new(
                "SOURCE_DATE_EPOCH",
                format!("{epoch:?} is not a number of seconds"),
            ))
        })?;
        let time = chrono::DateTime::from_timestamp(seconds, 0).ok_or_else(|| {
            one(Problem::new(
                "SOURCE_DATE_EPOCH",
                format!("{seconds} is out of range"),
            ))
        })?;
        let naive = time.naive_utc();
        return Ok(Datetime::from_ymd_hms(
            naive.year(),
            naive.month() as u8,
            naive.day() as u8,
            naive.hour() as u8,
            naive.minute() as u8,
            naive.second() as u8,
        ));
    }
    if !pdf_a {
        return Ok(None);
    }
    let (year, month, day) = match (conf.date, conf.signing) {
        (Some(d), _) => (d.year(), d.month(), d.day()),
        (None, s) => (
            s.year.unwrap_or(2000),
            s.month.unwrap_or(1),
            s.day.unwrap_or(1),
        ),
    };
    Ok(Datetime::from_ymd(year, month as u8, day as u8))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn one(problem: Problem) -> Problems {
    Problems(vec![problem])
}
