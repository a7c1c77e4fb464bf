//! The build engine: one model in, its papers out, with no terminal in sight. The command line
//! and the web page both drive it.
//!
//! An [`Engine`] is made once from [`Settings`] resolved up front (templates, fonts, PDF
//! settings); it then loads models ([`Engine::load`]) and runs the stages on them, each
//! callable alone: [`Engine::context`], [`Engine::render`], [`Engine::typeset`], and the whole
//! of them in [`Engine::check`], [`Engine::build`] and [`Engine::preview`]. Progress and
//! warnings are reported as [`Event`]s to whoever listens; a build can be cancelled between
//! two files. Nothing here prints.

pub mod diagnostics;
pub mod inputs;
pub mod invitations;
pub mod margins;
pub mod pieces;
pub mod plan;
mod preview;
pub mod watchdog;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, Timelike};
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::context;
use crate::documents::{self, Document, Rendered, Shape};
use crate::fonts::FontSet;
use crate::i18n::Text;
use crate::i18n::build::BuildMsg;
use crate::i18n::model::ModelMsg;
use crate::i18n::plan::PlanMsg;
use crate::model::{self, Conference, Source};
use crate::parallel;
use crate::problem::{Place, Problem, Problems, quote};
use crate::render::Templates;
use crate::typeset::{self, PdfSettings, Typesetter};
pub use preview::{DPI, Preview, PreviewRequest};

/// Everything a run is configured with, resolved before any work.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// A folder of templates replacing built-in ones.
    pub templates: Option<PathBuf>,
    /// Font folders or files added to the embedded Tinos.
    pub font_paths: Vec<PathBuf>,
    /// The family every document is set in, instead of the model's `style.font`.
    pub font: Option<String>,
    /// PDF/A-2b, for the archive.
    pub pdf_a: bool,
    /// The date written into PDFs, from SOURCE_DATE_EPOCH.
    pub epoch: Option<Datetime>,
    /// The day the plan's tasks are judged on (overdue or not): `--today`, else the system's
    /// date, read once. None judges no task overdue. Only the task checklist depends on it.
    pub today: Option<NaiveDate>,
}

impl Settings {
    /// SOURCE_DATE_EPOCH, read once.
    pub fn epoch_from_env() -> Result<Option<Datetime>, Problem> {
        let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") else {
            return Ok(None);
        };
        let place = Place::Env("SOURCE_DATE_EPOCH");
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            Problem::error(
                place.clone(),
                BuildMsg::BadEpoch {
                    value: quote(&epoch),
                },
            )
        })?;
        let time = chrono::DateTime::from_timestamp(seconds, 0).ok_or_else(|| {
            Problem::error(
                place,
                BuildMsg::EpochOutOfRange {
                    value: seconds.to_string(),
                },
            )
        })?;
        let naive = time.naive_utc();
        Ok(Datetime::from_ymd_hms(
            naive.year(),
            naive.month() as u8,
            naive.day() as u8,
            naive.hour() as u8,
            naive.minute() as u8,
            naive.second() as u8,
        ))
    }
}

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Job {
    /// The output folder.
    pub out: PathBuf,
    /// Only these documents (comma-separated names); all when none.
    pub only: Option<String>,
    /// Only this invitee's invitation (and the merged file): an id, a number or a row.
    pub invitee: Option<String>,
    /// The programme's overrun is an error, not a warning.
    pub strict: bool,
    /// Also write the Typst sources compiled, self-contained, into this folder.
    pub emit_typst: Option<PathBuf>,
}

/// The stages of a build, for progress and timings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Render,
    Others,
    Invitations,
    Commit,
}

/// What a running build tells whoever listens.
#[derive(Debug, Clone)]
pub enum Event {
    /// A stage finished, after this long.
    Stage(Stage, Duration),
    /// Files done so far, of all to do.
    Progress { done: usize, total: usize },
    /// A template has been setting in type for this long and is still running.
    Running { template: String, seconds: u64 },
}

/// Something to tell events to; the command line's progress bar and the web page's both are.
pub type Listener<'a> = &'a (dyn Fn(Event) + Sync);

/// Ignores every event.
pub fn quiet(_: Event) {}

/// Stops a build between two files when set, from another thread.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// An error once cancelled.
    pub fn check(&self) -> Result<(), Problems> {
        if self.is_cancelled() {
            Err(Problem::error(Place::Nowhere, BuildMsg::Cancelled).into())
        } else {
            Ok(())
        }
    }
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// The documents built.
    pub documents: Vec<&'static str>,
    /// How many files the build is made of.
    pub planned: usize,
    /// Files written, relative to the output folder.
    pub written: Vec<String>,
    /// Files left as they were, being up to date.
    pub unchanged: usize,
    /// Files removed: made by an earlier build, no longer made.
    pub removed: Vec<String>,
    /// Every paper is a draft: the date is not fixed.
    pub draft: bool,
    pub warnings: Vec<Problem>,
    /// Where the invitations' time went.
    pub costs: Costs,
    /// How long each stage took.
    pub stages: Vec<(Stage, Duration)>,
}

/// What a check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub documents: Vec<&'static str>,
    pub warnings: Vec<Problem>,
}

/// Templates, fonts and Typst, loaded once; models come and go.
pub struct Engine {
    settings: Settings,
    templates: Templates,
    fonts: FontSet,
    typesetter: Typesetter,
    watchdog: watchdog::Watchdog,
}

impl Engine {
    /// Loads the templates and fonts the settings name; their problems are reported together.
    pub fn new(settings: Settings) -> Result<Self, Problems> {
        let templates = Templates::load(settings.templates.as_deref());
        let fonts = FontSet::load(&settings.font_paths, settings.font.as_deref());
        let (templates, fonts) = match (templates, fonts) {
            (Ok(t), Ok(f)) => (t, f),
            (t, f) => {
                let mut problems = Problems::default();
                problems.extend(t.err().into_iter().flatten());
                problems.extend(f.err().into_iter().flatten());
                return Err(problems);
            }
        };
        let typesetter = Typesetter::new(&fonts, templates.typst_files());
        Ok(Self {
            settings,
            templates,
            fonts,
            typesetter,
            watchdog: watchdog::Watchdog::default(),
        })
    }

    /// What loading the templates and fonts noticed: an override that replaces nothing, a
    /// broken font file.
    pub fn warnings(&self) -> Vec<Problem> {
        self.templates
            .warnings
            .iter()
            .chain(&self.fonts.warnings)
            .cloned()
            .collect()
    }

    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Loads and checks a model, and checks that its font family exists (looking among the
    /// system's fonts for one the program does not have) and can draw every character the
    /// papers will print.
    pub fn load(&mut self, source: &Source) -> Result<Conference, Problems> {
        let conf = model::load(source)?;
        let family = self.family(&conf).to_string();
        self.ensure_family(&family)?;
        self.check_printable(&conf)?;
        Ok(conf)
    }

    /// Checks that the family a loaded model is set in can draw every character its papers
    /// print. The web page, which shares one engine between requests, calls the steps of
    /// [`Engine::load`] itself, taking the engine mutably only when a family must be added.
    pub fn check_printable(&self, conf: &Conference) -> Result<(), Problems> {
        let family = self.family(conf);
        let family_place = if self.settings.font.is_some() {
            Place::Arg("--font")
        } else {
            Place::model("style.font")
        };
        let texts = conf.model.printed_texts();
        let problems = self.fonts.check_coverage(
            family,
            family_place,
            texts
                .iter()
                .map(|(path, text)| (conf.place(path), text.as_str())),
        );
        Problems(problems).into_result()
    }

    /// Makes `family` available if the system has it and the loaded fonts do not.
    pub fn ensure_family(&mut self, family: &str) -> Result<(), Problems> {
        if self.fonts.family(family).is_some() {
            return Ok(());
        }
        let fonts = FontSet::load(&self.settings.font_paths, Some(family))?;
        if fonts.family(family).is_some() {
            self.typesetter = Typesetter::new(&fonts, self.templates.typst_files());
            self.fonts = fonts;
        }
        Ok(())
    }

    /// The family the documents are set in.
    pub fn family<'a>(&'a self, conf: &'a Conference) -> &'a str {
        self.settings
            .font
            .as_deref()
            .unwrap_or(&conf.model.style.font)
    }

    /// The documents `only` names (all when none) that the model produces.
    pub fn documents(
        &self,
        conf: &Conference,
        only: Option<&str>,
    ) -> Result<Vec<&'static Document>, Problems> {
        let chosen = documents::select(only).map_err(|name| {
            Problems::one(Problem::error(
                Place::Arg("--only"),
                BuildMsg::NotADocument {
                    name,
                    known: documents::names(),
                },
            ))
        })?;
        Ok(chosen
            .into_iter()
            .filter(|d| d.is_produced_by(&conf.model))
            .collect())
    }

    /// The position (0-based) of the invitee `text` names: its id, its number in the list
    /// (1-based, as the invitation's file and the lists number it), or a spreadsheet row id.
    pub fn invitee(&self, conf: &Conference, text: &str) -> Result<usize, Problems> {
        let text = text.trim();
        let found = conf.invitee_index(text).or_else(|| {
            text.parse::<usize>()
                .ok()
                .filter(|&n| n >= 1 && n <= conf.model.invitees.len())
                .map(|n| n - 1)
        });
        found.ok_or_else(|| {
            Problems::one(
                Problem::error(
                    Place::Arg("--invitee"),
                    BuildMsg::NoSuchInvitee { value: quote(text) },
                )
                .hint(BuildMsg::NoSuchInviteeHint),
            )
        })
    }

    /// The programme's overrun of its session: a warning, or an error when `strict`.
    pub fn check_session(
        &self,
        conf: &Conference,
        strict: bool,
    ) -> Result<Option<Problem>, Problems> {
        let (Some(session), Some(end), Some(overrun)) =
            (&conf.model.session, conf.session_end, conf.overrun())
        else {
            return Ok(None);
        };
        let problem = Problem::warning(
            Place::model("agenda"),
            ModelMsg::Overrun {
                end: model::schedule::clock(conf.schedule.end().unwrap_or_default()),
                minutes: overrun,
                session: session.name.clone(),
                session_end: model::schedule::clock(model::schedule::minutes(end)),
            },
        )
        .hint(ModelMsg::OverrunHint);
        if strict {
            let mut error = problem;
            error.severity = crate::problem::Severity::Error;
            return Err(error.into());
        }
        Ok(Some(problem))
    }

    /// What templates are given, with invitations for the invitees at `invitees`.
    pub fn context(&self, conf: &Conference, invitees: &[usize]) -> minijinja::Value {
        context::build_on(conf, self.family(conf), invitees, self.settings.today)
    }

    /// The plan's tasks past their deadline on the day of the run and not marked done.
    pub fn check_tasks(&self, conf: &Conference) -> Vec<Problem> {
        let (Some(today), Some(plan)) = (self.settings.today, &conf.model.plan) else {
            return Vec::new();
        };
        let mut late = Vec::new();
        for (a, (agency, deadlines)) in plan.tasks.iter().zip(&conf.deadlines).enumerate() {
            for (t, (task, &deadline)) in agency.items.iter().zip(deadlines).enumerate() {
                let (Some(days), Some(deadline)) = (task.days_late(deadline, today), deadline)
                else {
                    continue;
                };
                late.push(
                    Problem::warning(
                        Place::model(format!("plan.tasks[{a}].items[{t}].deadline")),
                        PlanMsg::Overdue {
                            agency: agency.agency.clone(),
                            deadline: crate::vn::short_date(deadline),
                            days,
                        },
                    )
                    .hint(PlanMsg::OverdueHint),
                );
            }
        }
        late
    }

    /// Renders each document to Typst source. All their problems are reported together.
    pub fn render(
        &self,
        conf: &Conference,
        docs: &[&'static Document],
        context: &minijinja::Value,
    ) -> Result<Vec<Rendered>, Problems> {
        Problems::gather(docs.iter().map(|&document| {
            let source = self
                .templates
                .render(document.template, context.clone())
                .map_err(Problems::one)?;
            let rendered = document.rendered(source);
            if document.shape == Shape::Invitations {
                self.check_markers(&rendered, conf.model.invitees.len())?;
            }
            Ok(rendered)
        }))
    }

    /// The invitations' template must mark each invitation it writes.
    fn check_markers(&self, rendered: &Rendered, count: usize) -> Result<(), Problems> {
        if rendered.invitations.len() == count {
            return Ok(());
        }
        Err(Problem::error(
            Place::Template {
                origin: self.templates.origin(rendered.document.template),
                line: None,
            },
            BuildMsg::TemplateMarkers {
                label: documents::INVITATION_LABEL.to_string(),
                marked: rendered.invitations.len(),
                count,
            },
        )
        .into())
    }

    /// Compiles one rendered document (not the invitations, which go one by one) into pages;
    /// Typst's warnings come back beside them.
    pub fn typeset(&self, rendered: &Rendered) -> Result<(PagedDocument, Vec<Problem>), Problems> {
        let (pages, warnings) = self
            .compile(rendered.document.template, &rendered.source)
            .map_err(|errors| {
                Problems(diagnostics::locate_all(
                    &self.templates,
                    &errors,
                    &rendered.source,
                    rendered.document,
                ))
            })?;
        let warnings = diagnostics::locate_all(
            &self.templates,
            &warnings,
            &rendered.source,
            rendered.document,
        );
        Ok((pages, warnings))
    }

    /// Compiles one rendered document for the HTML target: the DOM its Word copy is made
    /// from. Its errors are located like those of its pages; its warnings are left out, being
    /// about layout the copy does not have (the templates give none: a test says so).
    pub fn typeset_html(&self, rendered: &Rendered) -> Result<typst_html::HtmlDocument, Problems> {
        self.watchdog
            .run(rendered.document.template, rendered.source.len(), || {
                self.typesetter.compile_html(&rendered.source)
            })
            .map(|(html, _)| html)
            .map_err(|errors| {
                Problems(diagnostics::locate_all(
                    &self.templates,
                    &errors,
                    &rendered.source,
                    rendered.document,
                ))
            })
    }

    /// The date an office copy (Word) is stamped with as created and last changed:
    /// SOURCE_DATE_EPOCH when set, else the day of the event, else the signing date as far as
    /// it is known; none when nothing is (the writer's fixed default then).
    pub fn office_date(&self, conf: &Conference) -> Option<chrono::NaiveDateTime> {
        if let Some(epoch) = self.settings.epoch {
            let day = NaiveDate::from_ymd_opt(
                epoch.year()?,
                u32::from(epoch.month()?),
                u32::from(epoch.day()?),
            )?;
            return day.and_hms_opt(
                u32::from(epoch.hour().unwrap_or(0)),
                u32::from(epoch.minute().unwrap_or(0)),
                u32::from(epoch.second().unwrap_or(0)),
            );
        }
        let day = conf.date.or_else(|| {
            let s = conf.signing;
            NaiveDate::from_ymd_opt(s.year?, s.month.unwrap_or(1), s.day.unwrap_or(1))
        })?;
        day.and_hms_opt(0, 0, 0)
    }

    /// Everything a build does but writing: every document rendered and set in type.
    pub fn check(
        &self,
        conf: &Conference,
        strict: bool,
        listen: Listener,
        cancel: &Cancel,
    ) -> Result<CheckReport, Problems> {
        self.watchdog
            .watch(listen, || self.check_quietly(conf, strict, cancel))
    }

    fn check_quietly(
        &self,
        conf: &Conference,
        strict: bool,
        cancel: &Cancel,
    ) -> Result<CheckReport, Problems> {
        let docs = self.documents(conf, None)?;
        let mut warnings = Vec::new();
        warnings.extend(self.check_session(conf, strict)?);
        warnings.extend(self.check_tasks(conf));
        let all: Vec<usize> = (0..conf.model.invitees.len()).collect();
        let base = self.context(conf, &all);
        let rendered = self.render(conf, &docs, &base)?;
        for r in &rendered {
            cancel.check()?;
            if r.document.shape == Shape::Invitations {
                warnings.extend(invitations::check(self, conf, r, &base, cancel)?);
            } else if let Some(kind) = pieces::wanted(r, conf) {
                let each = |_, _| cancel.check();
                warnings.extend(pieces::typeset(self, conf, r.document, kind, &base, each)?);
            } else {
                let (pages, w) = self.typeset(r)?;
                self.check_margins(conf, r.document, &pages, None)?;
                warnings.extend(w);
            }
        }
        Ok(CheckReport {
            documents: docs.iter().map(|d| d.name).collect(),
            warnings: dedup(warnings),
        })
    }

    /// Builds the documents of a job into its output folder, writing only what changed, all
    /// or nothing.
    pub fn build(
        &self,
        conf: &Conference,
        job: &Job,
        listen: Listener,
        cancel: &Cancel,
    ) -> Result<BuildReport, Problems> {
        self.watchdog
            .watch(listen, || plan::build(self, conf, job, listen, cancel))
    }

    /// The PDF settings of a build of `conf`: PDF/A must carry a date, which is
    /// SOURCE_DATE_EPOCH when set, else the event's date, else the signing date.
    pub fn pdf_settings(&self, conf: &Conference) -> PdfSettings {
        let date = self.settings.epoch.or_else(|| {
            if !self.settings.pdf_a {
                return None;
            }
            let (year, month, day) = match (conf.date, conf.signing) {
                (Some(d), _) => (d.year(), d.month(), d.day()),
                (None, s) => (
                    s.year.unwrap_or(2000),
                    s.month.unwrap_or(1),
                    s.day.unwrap_or(1),
                ),
            };
            Datetime::from_ymd(year, month as u8, day as u8)
        });
        PdfSettings {
            pdf_a: self.settings.pdf_a,
            date,
        }
    }

    /// Compiles Typst source of `template` where the watchdog sees it.
    pub(crate) fn compile(
        &self,
        template: &'static str,
        source: &str,
    ) -> Result<(PagedDocument, Vec<typeset::Diagnostic>), Vec<typeset::Diagnostic>> {
        self.watchdog
            .run(template, source.len(), || self.typesetter.compile(source))
    }

    pub(crate) fn templates(&self) -> &Templates {
        &self.templates
    }

    pub(crate) fn typesetter(&self) -> &Typesetter {
        &self.typesetter
    }
}

/// One of each warning, in the order first met.
pub fn dedup(warnings: Vec<Problem>) -> Vec<Problem> {
    let mut seen = std::collections::HashSet::new();
    warnings
        .into_iter()
        .filter(|w| seen.insert(diagnostics::key(w)))
        .collect()
}

/// Where the invitations' time goes, summed over the threads: what `--verbose` prints and the
/// benchmark reads to say which stage limits a build.
#[derive(Debug, Default)]
pub struct Costs {
    /// Setting invitations in type (Typst compile).
    pub set: Cost,
    /// Making the per-invitee PDFs.
    pub files: Cost,
    /// Writing them to disk.
    pub store: Cost,
    /// Writing the PDFs of chunks of the merged file.
    pub chunks: Cost,
    /// Joining them into the merged file.
    pub join: Cost,
}

/// Time spent in one stage by any thread, and how many times.
#[derive(Debug, Default)]
pub struct Cost {
    nanos: AtomicU64,
    count: AtomicU64,
}

impl Cost {
    pub fn time<T>(&self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let result = f();
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.nanos.fetch_add(nanos, Ordering::Relaxed);
        self.count.fetch_add(1, Ordering::Relaxed);
        result
    }

    /// How many times, and how many milliseconds in all.
    pub fn total(&self) -> (u64, f64) {
        (
            self.count.load(Ordering::Relaxed),
            self.nanos.load(Ordering::Relaxed) as f64 / 1e6,
        )
    }
}

/// Writes the Typst sources of a build into `dir`, self-contained: the shared files beside one
/// `.typ` per document, the invitations as one file of all their pages, so that the typst
/// command-line compiler gives the same pages.
pub fn emit_typst(engine: &Engine, rendered: &[Rendered], dir: &Path) -> Result<(), Problems> {
    let fail = |e: std::io::Error| {
        Problems::one(Problem::error(
            Place::file(dir),
            Text::each(|l| {
                BuildMsg::EmitTypstFailed {
                    error: crate::i18n::build::io_error(&e, l),
                }
                .text(l)
            }),
        ))
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for (name, text) in engine.templates().typst_files() {
        files.insert(name.clone(), text.clone());
    }
    for r in rendered {
        files.insert(format!("{}.typ", r.document.name), r.source.clone());
    }
    for (name, text) in files {
        std::fs::write(dir.join(name), text).map_err(fail)?;
    }
    Ok(())
}

/// Runs `f` on every item on all cores, giving up early once cancelled.
pub(crate) fn map_cancellable<T: Sync, R: Send>(
    items: &[T],
    cancel: &Cancel,
    f: impl Fn(&T) -> Result<R, Problems> + Sync,
) -> Result<Vec<R>, Problems> {
    let results = parallel::map(items, |item| {
        cancel.check()?;
        f(item)
    });
    cancel.check()?;
    Problems::gather(results)
}
