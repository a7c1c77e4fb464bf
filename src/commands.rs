//! The commands: each loads its inputs once, runs the stages of the pipeline
//! (model → templates → Typst → PDF → files) and reports.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use chrono::{Datelike, Timelike};
use typst::diag::Severity;
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{
    BuildCommand, CheckCommand, FontsCommand, ImportCommand, InputArgs, ListCommand,
    PreviewCommand, Verbosity,
};
use crate::context;
use crate::documents::{self, Document, Kind};
use crate::fonts::FontSet;
use crate::manifest::{self, Manifest};
use crate::model::{self, Conference, Problem, Problems};
use crate::output::{self, Staging};
use crate::parallel;
use crate::render::Templates;
use crate::schedule;
use crate::typeset::{self, Diagnostic, Part, PdfSettings, Typesetter};

/// How many invitations are handled together: set one by one, they are written into the
/// merged file as one PDF per chunk. Few enough that memory stays flat however long the list
/// and that the work spreads evenly over the cores; enough that each chunk's PDF shares its
/// fonts over many pages.
const CHUNK: usize = 25;

/// How many half points an invitation's body may lose to fit its page (2 points in all).
const MAX_SHRINK: u8 = 4;

/// Where the PDFs of invitation chunks are kept between builds, in the output folder.
const CACHE: &str = ".hoinghi-cache";

/// A model with everything needed to typeset it, checked together.
struct Inputs {
    conf: Conference,
    templates: Templates,
    typesetter: Typesetter,
}

/// A document rendered to Typst source.
struct Rendered {
    document: &'static Document,
    source: String,
    /// For the invitations, each invitation's part of the source: from its line
    /// `#metadata(…) <invitation>` to the next. What comes before the first is the preamble.
    invitations: Vec<Range<usize>>,
}

impl Rendered {
    fn preamble(&self) -> &str {
        &self.source[..self.invitations.first().map_or(0, |r| r.start)]
    }

    /// The source that sets the invitation at `position` alone.
    fn invitation(&self, position: usize) -> String {
        [
            self.preamble(),
            &self.source[self.invitations[position].clone()],
        ]
        .concat()
    }
}

/// A document compiled, ready to be cut into files.
struct Compiled {
    document: &'static Document,
    pages: PagedDocument,
}

/// One file of a document, with the fingerprint of everything it is made from.
struct Planned {
    document: &'static Document,
    path: PathBuf,
    part: Part,
    fingerprint: String,
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

    /// Renders each document to Typst source with `context`. All their problems are reported
    /// together.
    fn render(
        &self,
        docs: &[&'static Document],
        context: &minijinja::Value,
    ) -> Result<Vec<Rendered>, Problems> {
        Problems::gather(docs.iter().map(|&document| {
            let source = self
                .templates
                .render(document.template, context.clone())
                .map_err(|p| vec![p])?;
            let invitations = match document.kind {
                Kind::Invitations => self.cut_invitations(document, &source)?,
                _ => Vec::new(),
            };
            Ok(Rendered {
                document,
                source,
                invitations,
            })
        }))
    }

    /// Each invitation's part of the invitations' source; a problem if the template does not
    /// start each of them with its marker line.
    fn cut_invitations(
        &self,
        document: &Document,
        source: &str,
    ) -> Result<Vec<Range<usize>>, Vec<Problem>> {
        let parts = cut_invitations(source);
        let count = self.conf.model.invitees.len();
        if parts.len() != count {
            return Err(vec![Problem::new(
                self.templates.origin(document.template),
                format!(
                    "the template must start each invitation with a line `#metadata(…) <{}>`: it marked {} for {count} invitees",
                    documents::INVITATION_LABEL,
                    parts.len()
                ),
            )]);
        }
        Ok(parts)
    }

    /// Compiles rendered documents (other than the invitations, which go by chunks) on all
    /// cores. All their problems are reported together.
    fn compile(&self, rendered: &[&Rendered]) -> Result<Vec<Compiled>, Problems> {
        let results = parallel::map(rendered, |r| -> Result<Compiled, Vec<Problem>> {
            let (pages, warnings) = self.typesetter.compile(&r.source).map_err(|errors| {
                errors
                    .iter()
                    .map(|d| self.locate(d, &r.source, r.document))
                    .collect::<Vec<_>>()
            })?;
            for warning in &warnings {
                eprintln!("warning: {}", self.locate(warning, &r.source, r.document));
            }
            Ok(Compiled {
                document: r.document,
                pages,
            })
        });
        Problems::gather(results)
    }

    /// Sets the invitation of invitee `i` from `source`, alone. One too long for its page is
    /// set again with its body half a point smaller, up to [`MAX_SHRINK`] times; one that
    /// still does not fit is an error. Typst's warnings come back beside the pages.
    fn compile_invitation(
        &self,
        document: &'static Document,
        base: &minijinja::Value,
        i: usize,
        source: &str,
    ) -> Result<(PagedDocument, Vec<String>), Vec<Problem>> {
        let mut source = Cow::Borrowed(source);
        let mut shrink = 0;
        loop {
            let (pages, warnings) = self.typesetter.compile(&source).map_err(|errors| {
                errors
                    .iter()
                    .map(|d| self.locate(d, &source, document))
                    .collect::<Vec<_>>()
            })?;
            let taken = pages.pages().len();
            if taken == 1 {
                let warnings = warnings
                    .iter()
                    .map(|w| self.locate(w, &source, document).to_string())
                    .collect();
                return Ok((pages, warnings));
            }
            if shrink == MAX_SHRINK {
                return Err(vec![Problem::new(
                    self.conf.place(&format!("invitees[{i}]")),
                    format!(
                        "the invitation of {} takes {taken} pages even set {} points smaller; it must fit on one: shorten the name, position or organization",
                        model::quote(self.conf.model.invitees[i].label()),
                        f32::from(MAX_SHRINK) / 2.0
                    ),
                )]);
            }
            shrink += 1;
            let context = context::with_invitees(base, &self.conf, &[(i, shrink)]);
            source = Cow::Owned(
                self.templates
                    .render(document.template, context)
                    .map_err(|p| vec![p])?,
            );
        }
    }

    /// Sets every invitation, on all cores, and returns Typst's warnings (each once).
    fn check_invitations(
        &self,
        rendered: &Rendered,
        base: &minijinja::Value,
    ) -> Result<BTreeSet<String>, Problems> {
        let positions: Vec<usize> = (0..rendered.invitations.len()).collect();
        let results = parallel::map(&positions, |&k| {
            let source = rendered.invitation(k);
            self.compile_invitation(rendered.document, base, k, &source)
                .map(|(_, warnings)| warnings)
        });
        Ok(Problems::gather(results)?.into_iter().flatten().collect())
    }

    /// Writes the invitation files among `files` (all of the invitations' that changed), and
    /// returns the chunk PDFs the merged file is made of and Typst's warnings (each once).
    /// Each invitation is set alone, on all cores a chunk of [`CHUNK`] at a time, and goes
    /// straight to staging, so memory stays flat however long the list. The merged file, when
    /// it changed, is joined from one PDF per chunk; those are kept in a cache in the output
    /// folder, so that one changed invitee sets one chunk again, not the whole list.
    #[allow(clippy::too_many_arguments)]
    fn write_invitations(
        &self,
        rendered: &Rendered,
        base: &minijinja::Value,
        files: &[&Planned],
        out: &Path,
        staging: &Staging,
        progress: &ProgressBar,
        costs: &Costs,
    ) -> Result<(Vec<PathBuf>, BTreeSet<String>), Problems> {
        let document = rendered.document;
        let merged = files.iter().any(|f| f.part == Part::Whole);
        // Each invitation's file to write, if it is to be written, by position.
        let mut to_write: Vec<Option<&Planned>> = vec![None; rendered.invitations.len()];
        for &f in files {
            if let Part::Page(page) = f.part {
                to_write[page - 1] = Some(f);
            }
        }
        let identity = self.typesetter.identity();
        let positions: Vec<usize> = (0..rendered.invitations.len()).collect();
        let chunks: Vec<&[usize]> = positions.chunks(CHUNK).collect();
        let results = parallel::map(&chunks, |&chunk| -> Result<_, Vec<Problem>> {
            let key = manifest::fingerprint(
                [identity.as_bytes(), rendered.preamble().as_bytes()]
                    .into_iter()
                    .chain(
                        chunk
                            .iter()
                            .map(|&k| rendered.source[rendered.invitations[k].clone()].as_bytes()),
                    ),
            );
            let cached = Path::new(CACHE).join(format!("{}-{key}.pdf", document.name));
            // Where the chunk's PDF can be read: the cache, or staging once it is made.
            let mut pdf = Some(out.join(&cached)).filter(|p| merged && p.is_file());
            let whole_chunk = merged && pdf.is_none();
            let mut warnings = Vec::new();
            let mut set = Vec::new();
            for &k in chunk {
                let file = to_write[k];
                if file.is_none() && !whole_chunk {
                    continue;
                }
                let source = rendered.invitation(k);
                let (pages, w) = costs
                    .set
                    .time(|| self.compile_invitation(document, base, k, &source))?;
                warnings.extend(w);
                if let Some(file) = file {
                    let pdf = costs
                        .files
                        .time(|| self.pdf(&pages, &file.path, file.part))?;
                    costs
                        .store
                        .time(|| staging.add(&file.path, &pdf))
                        .map_err(|p| vec![p])?;
                    progress.inc(1);
                }
                if whole_chunk {
                    set.push(pages);
                }
            }
            if whole_chunk {
                let bytes = costs
                    .chunks
                    .time(|| {
                        self.typesetter
                            .pdf(&typeset::join(&set), "hoinghi/chunk", Part::Plain)
                    })
                    .map_err(|m| {
                        vec![Problem::new(
                            document.file().display().to_string(),
                            format!("PDF export failed: {m}"),
                        )]
                    })?;
                pdf = Some(staging.add(&cached, &bytes).map_err(|p| vec![p])?);
            }
            typeset::release_memory();
            Ok((cached, pdf, warnings))
        });
        let results = Problems::gather(results)?;
        let mut used = Vec::new();
        let mut parts = Vec::new();
        let mut warnings = BTreeSet::new();
        for (cached, pdf, w) in results {
            used.push(cached);
            parts.extend(pdf);
            warnings.extend(w);
        }
        if merged {
            costs
                .join
                .time(|| {
                    staging.add_with(&document.file(), |out| {
                        crate::concat::concatenate(&parts, out)
                            .map_err(|m| format!("joining the invitations failed: {m}"))
                    })
                })
                .map_err(one)?;
            progress.inc(1);
        }
        Ok((used, warnings))
    }

    /// Exports one part of a compiled document straight into staging.
    fn export_one(
        &self,
        doc: &PagedDocument,
        path: &Path,
        part: Part,
        staging: &Staging,
    ) -> Result<(), Vec<Problem>> {
        let pdf = self.pdf(doc, path, part)?;
        staging.add(path, &pdf).map_err(|p| vec![p])?;
        Ok(())
    }

    /// One part of a compiled document as the PDF of the file `path`.
    fn pdf(&self, doc: &PagedDocument, path: &Path, part: Part) -> Result<Vec<u8>, Vec<Problem>> {
        let ident = format!("hoinghi/{}", slashed(path));
        self.typesetter.pdf(doc, &ident, part).map_err(|m| {
            vec![Problem::new(
                path.display().to_string(),
                format!("PDF export failed: {m}"),
            )]
        })
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
        if d.file.as_deref() == Some("/main.typ")
            && let Some(text) = source.lines().nth(d.line.saturating_sub(1))
        {
            let text: String = text.trim().chars().take(120).collect();
            message.push_str(&format!(" (generated line {}: `{text}`)", d.line));
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

    /// Every file the rendered documents make, each with its fingerprint. An invitation's
    /// page depends only on what its template writes before the first invitation and on its
    /// own part of the source, so changing one invitee changes one fingerprint (and the
    /// merged file's); fixing the date changes all that show it.
    fn plan(&self, rendered: &[Rendered]) -> Vec<Planned> {
        let identity = self.typesetter.identity();
        let fingerprint = |kind: &str, path: &Path, parts: &[&str]| {
            let path = path.to_string_lossy();
            let head = [identity.as_bytes(), kind.as_bytes(), path.as_bytes()];
            manifest::fingerprint(head.into_iter().chain(parts.iter().map(|p| p.as_bytes())))
        };
        let mut planned = Vec::new();
        for r in rendered {
            let document = r.document;
            let mut add = |path: PathBuf, part: Part, parts: &[&str]| {
                let kind = format!("{part:?}");
                let fingerprint = fingerprint(&kind, &path, parts);
                planned.push(Planned {
                    document,
                    path,
                    part,
                    fingerprint,
                });
            };
            match document.kind {
                Kind::Invitations => {
                    for (k, part) in r.invitations.iter().enumerate() {
                        let path = document
                            .folder()
                            .join(documents::invitation_file(k, &self.conf.model.invitees[k]));
                        add(
                            path,
                            Part::Page(k + 1),
                            &[r.preamble(), &r.source[part.clone()]],
                        );
                    }
                }
                Kind::Booklet => add(document.imposed_file(), Part::Imposed, &[&r.source]),
                Kind::Single => {}
            }
            add(document.file(), Part::Whole, &[&r.source]);
        }
        planned
    }

    /// Exports the files on all cores straight into staging, so no more than one PDF per core
    /// is held in memory.
    fn export(
        &self,
        files: &[&Planned],
        compiled: &[Compiled],
        staging: &Staging,
        progress: &ProgressBar,
    ) -> Result<(), Problems> {
        let results = parallel::map(files, |f| {
            progress.inc(1);
            let pages = &compiled
                .iter()
                .find(|c| c.document.name == f.document.name)
                .expect("every document with a file to write was compiled")
                .pages;
            self.export_one(pages, &f.path, f.part, staging)
        });
        Problems::gather(results).map(|_| ())
    }
}

/// The byte range of each invitation in the invitations' source: from each line
/// `#metadata(…) <invitation>` to the next such line, the last to the end.
fn cut_invitations(source: &str) -> Vec<Range<usize>> {
    let marker = format!("<{}>", documents::INVITATION_LABEL);
    let starts: Vec<usize> = source
        .match_indices("\n#metadata(")
        .map(|(at, _)| at + 1)
        .filter(|&at| {
            source[at..]
                .lines()
                .next()
                .is_some_and(|l| l.trim_end().ends_with(&marker))
        })
        .collect();
    let ends = starts.iter().skip(1).copied().chain([source.len()]);
    starts.iter().zip(ends).map(|(&a, b)| a..b).collect()
}

/// A relative path with `/` between its parts, as the manifest keeps it.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `hoinghi build`: the documents of the model, or some of them (`--only`), or one invitation
/// (`--invitee`).
pub fn build(cmd: &BuildCommand, verbosity: Verbosity) -> Result<(), Problems> {
    let started = Instant::now();
    let mut clock = Stages::new(verbosity);
    let mut inputs = Inputs::load(&cmd.input)?;
    clock.lap("load model, templates and fonts");
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
    let base = context::build(&inputs.conf, &all);
    let rendered = inputs.render(&docs, &base)?;
    let planned = inputs.plan(&rendered);
    clock.lap("render and fingerprint");

    // Only the files whose fingerprint changed since the last build, or that are missing.
    let staging = Staging::new(&cmd.out).map_err(one)?;
    let old = Manifest::read(&cmd.out);
    let changed: Vec<&Planned> = planned
        .iter()
        .filter(|p| only.is_none_or(|i| !matches!(p.part, Part::Page(page) if page != i + 1)))
        .filter(|p| {
            old.files.get(&slashed(&p.path)) != Some(&p.fingerprint)
                || !cmd.out.join(&p.path).is_file()
        })
        .collect();
    let invitations = |d: &Document| d.kind == Kind::Invitations;
    let to_compile: Vec<&Rendered> = rendered
        .iter()
        .filter(|r| {
            !invitations(r.document) && changed.iter().any(|p| p.document.name == r.document.name)
        })
        .collect();
    let compiled = inputs.compile(&to_compile)?;
    let progress = progress_bar(changed.len(), verbosity);
    let others: Vec<&Planned> = changed
        .iter()
        .copied()
        .filter(|p| !invitations(p.document))
        .collect();
    inputs.export(&others, &compiled, &staging, &progress)?;
    clock.lap("compile and export the other documents");
    let mut cache_used = HashSet::new();
    let mut warnings = BTreeSet::new();
    let costs = Costs::default();
    for r in rendered.iter().filter(|r| invitations(r.document)) {
        let files: Vec<&Planned> = changed
            .iter()
            .copied()
            .filter(|p| p.document.name == r.document.name)
            .collect();
        let (used, w) =
            inputs.write_invitations(r, &base, &files, &cmd.out, &staging, &progress, &costs)?;
        cache_used.extend(used.into_iter().map(|p| cmd.out.join(p)));
        warnings.extend(w);
    }
    progress.finish_and_clear();
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    if verbosity == Verbosity::Verbose {
        costs.print();
    }
    clock.lap("compile and export the invitations");

    let (manifest, mut stale) = reconcile(cmd, &docs, &planned, &old, only);
    // Cached chunks no build needs any more.
    if docs.iter().any(|d| invitations(d)) {
        stale.extend(output::stale_files(
            &cmd.out.join(CACHE),
            |n| n.ends_with(".pdf"),
            &cache_used,
        ));
    }
    if manifest != old {
        staging
            .add(Path::new(manifest::FILE), &manifest.to_json())
            .map_err(one)?;
    }
    staging.commit(&stale).map_err(one)?;
    clock.lap("commit");
    if verbosity == Verbosity::Verbose {
        for p in &changed {
            eprintln!("wrote {}", cmd.out.join(&p.path).display());
        }
        for path in &stale {
            eprintln!("removed {}", path.display());
        }
    }
    if verbosity == Verbosity::Quiet {
        return Ok(());
    }

    let names: Vec<&str> = docs.iter().map(|d| d.name).collect();
    let draft = if inputs.conf.is_draft() {
        " (DỰ THẢO: event.date is not fixed)"
    } else {
        ""
    };
    eprintln!(
        "{} of {} file{} written, {} unchanged, {} removed ({}) into {}{draft}; {:.2} s",
        changed.len(),
        planned.len(),
        plural(planned.len()),
        planned.len() - changed.len(),
        stale.len(),
        names.join(", "),
        cmd.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The manifest after this build, and the files to remove. Files this build no longer makes
/// must go, or they would be printed with the rest: those the last build made, and invitations
/// of invitees no longer on the list (or now at another position). A partial build (--only,
/// --invitee) leaves the other documents, and the other invitations, as they are.
fn reconcile(
    cmd: &BuildCommand,
    docs: &[&'static Document],
    planned: &[Planned],
    old: &Manifest,
    only: Option<usize>,
) -> (Manifest, Vec<PathBuf>) {
    let made: HashSet<String> = planned.iter().map(|p| slashed(&p.path)).collect();
    let mut manifest = Manifest::new();
    let mut stale = Vec::new();
    let partial = only.is_some() || cmd.only.is_some();
    for (path, fingerprint) in &old.files {
        if made.contains(path) {
            continue;
        } else if only.is_some() || partial && !docs.iter().any(|d| d.owns(path)) {
            manifest.files.insert(path.clone(), fingerprint.clone());
        } else if cmd.out.join(path).is_file() {
            stale.push(cmd.out.join(path));
        }
    }
    if only.is_none() {
        let keep: HashSet<PathBuf> = planned.iter().map(|p| cmd.out.join(&p.path)).collect();
        for document in docs.iter().filter(|d| d.kind == Kind::Invitations) {
            let folder = cmd.out.join(document.folder());
            for file in output::stale_files(&folder, documents::is_invitation_file, &keep) {
                if !stale.contains(&file) {
                    stale.push(file);
                }
            }
        }
    }
    for p in planned {
        let kept = only.is_some_and(|i| matches!(p.part, Part::Page(page) if page != i + 1));
        let fingerprint = match (kept, old.files.get(&slashed(&p.path))) {
            // A one-invitee build leaves the other pages as the last build wrote them.
            (true, Some(old)) => old.clone(),
            (true, None) => continue,
            (false, _) => p.fingerprint.clone(),
        };
        manifest.files.insert(slashed(&p.path), fingerprint);
    }
    (manifest, stale)
}

/// `hoinghi watch`: a build, then another each time the model, its list file or a template is
/// saved. A bad save prints its problems and leaves the last good output in place.
pub fn watch(cmd: &BuildCommand, verbosity: Verbosity) -> Result<(), Problems> {
    use notify::{RecursiveMode, Watcher};

    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| one(Problem::new("watch", format!("cannot watch files: {e}"))))?;
    // Folders are watched, not files: editors save by writing a new file and renaming it over
    // the old one. Only events on the model, its list and the templates count.
    let absolute = |p: &Path| {
        std::fs::canonicalize(p)
            .unwrap_or_else(|_| std::env::current_dir().unwrap_or_default().join(p))
    };
    let model = absolute(&cmd.input.model);
    let model_dir = model.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut files = vec![model.clone()];
    if let Some(list) = list_file(&model) {
        files.push(absolute(&model_dir.join(list)));
    }
    let templates = cmd.input.templates.as_deref().map(absolute);
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    folders.extend(templates.clone());
    folders.dedup();
    for dir in folders.iter().filter(|d| d.is_dir()) {
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| {
                one(Problem::new(
                    dir.display().to_string(),
                    format!("cannot watch: {e}"),
                ))
            })?;
    }
    let relevant =
        |p: &PathBuf| files.contains(p) || templates.as_ref().is_some_and(|t| p.starts_with(t));
    loop {
        if let Err(problems) = build(cmd, verbosity) {
            for problem in &problems.0 {
                eprintln!("error: {problem}");
            }
            eprintln!("the last good output is kept; waiting for the next save");
        }
        // Wait for a save, then let a burst of saves settle.
        loop {
            let paths = rx
                .recv()
                .map_err(|_| one(Problem::new("watch", "the file watcher stopped")))?;
            let changed: Vec<String> = paths
                .iter()
                .filter(|p| relevant(p))
                .map(|p| p.display().to_string())
                .collect();
            if !changed.is_empty() {
                if verbosity != Verbosity::Quiet {
                    eprintln!("changed: {}", changed.join(", "));
                }
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(150));
        while rx.try_recv().is_ok() {}
    }
}

/// The list file a model names (`"invitees": {"file": …}`), read without validating the model.
fn list_file(model: &Path) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(model).ok()?).ok()?;
    value
        .get("invitees")?
        .get("file")?
        .as_str()
        .map(String::from)
}

/// A progress bar for the files of a long build, on a terminal only.
fn progress_bar(len: usize, verbosity: Verbosity) -> ProgressBar {
    use std::io::IsTerminal;
    if verbosity == Verbosity::Quiet || len < 50 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files") {
        bar.set_style(style);
    }
    bar
}

/// Where the invitations' time goes, summed over the threads, printed with --verbose: what
/// the benchmark reads to say which stage limits a build.
#[derive(Default)]
struct Costs {
    /// Setting invitations in type (Typst compile).
    set: Cost,
    /// Making the per-invitee PDFs.
    files: Cost,
    /// Writing them to disk.
    store: Cost,
    /// Writing the PDFs of chunks of the merged file.
    chunks: Cost,
    /// Joining them into the merged file.
    join: Cost,
}

/// Time spent in one stage by any thread, and how many times.
#[derive(Default)]
struct Cost {
    nanos: AtomicU64,
    count: AtomicU64,
}

impl Cost {
    fn time<T>(&self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let result = f();
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.nanos.fetch_add(nanos, Ordering::Relaxed);
        self.count.fetch_add(1, Ordering::Relaxed);
        result
    }
}

impl Costs {
    fn print(&self) {
        for (stage, cost) in [
            ("set invitations in type", &self.set),
            ("make invitation PDFs", &self.files),
            ("write them to disk", &self.store),
            ("write merged-file chunk PDFs", &self.chunks),
            ("join the merged file", &self.join),
        ] {
            let count = cost.count.load(Ordering::Relaxed);
            let ms = cost.nanos.load(Ordering::Relaxed) as f64 / 1e6;
            if count > 0 {
                eprintln!(
                    "  {stage}: {count} × {:.2} ms = {ms:.1} ms of thread time",
                    ms / count as f64
                );
            }
        }
    }
}

/// Times the stages of a build, printed with --verbose.
struct Stages {
    verbose: bool,
    last: Instant,
}

impl Stages {
    fn new(verbosity: Verbosity) -> Self {
        Self {
            verbose: verbosity == Verbosity::Verbose,
            last: Instant::now(),
        }
    }

    fn lap(&mut self, stage: &str) {
        if self.verbose {
            eprintln!(
                "{stage}: {:.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = Instant::now();
    }
}

/// `hoinghi check`: everything a build does but writing.
pub fn check(cmd: &CheckCommand) -> Result<(), Problems> {
    let inputs = Inputs::load(&cmd.input)?;
    let docs = inputs.documents(None)?;
    inputs.check_session(cmd.strict)?;
    let m = &inputs.conf.model;
    let all: Vec<usize> = (0..m.invitees.len()).collect();
    let base = context::build(&inputs.conf, &all);
    let rendered = inputs.render(&docs, &base)?;
    let (invitations, others): (Vec<&Rendered>, Vec<&Rendered>) = rendered
        .iter()
        .partition(|r| r.document.kind == Kind::Invitations);
    inputs.compile(&others)?;
    for r in invitations {
        for warning in inputs.check_invitations(r, &base)? {
            eprintln!("warning: {warning}");
        }
    }
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
    let base = context::build(&inputs.conf, &[index]);
    let pages = if document.kind == Kind::Invitations {
        let source = inputs
            .templates
            .render(document.template, base.clone())
            .map_err(one)?;
        let (pages, warnings) = inputs
            .compile_invitation(document, &base, index, &source)
            .map_err(Problems)?;
        for warning in &warnings {
            eprintln!("warning: {warning}");
        }
        pages
    } else {
        let rendered = inputs.render(&[document], &base)?;
        inputs.compile(&[&rendered[0]])?.remove(0).pages
    };
    let pages = &pages;
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
