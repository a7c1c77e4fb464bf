//! A build from start to finish: what files the documents make, which of them changed since
//! the last build (by the manifest's fingerprints, and the files on disk), setting and writing
//! those, and committing the whole, with the files no longer made removed.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use super::{
    BuildReport, Cancel, Engine, Event, Job, Listener, Stage, dedup, emit_typst, invitations,
    map_cancellable, pieces,
};
use crate::context;
use crate::context::Rows;
use crate::documents::{FilePlan, HtmlMaker, Inputs, Make, Maker, Rendered, Shape};
use crate::i18n::build::BuildMsg;
use crate::model::Conference;
use crate::office::HtmlCopy;
use crate::output::manifest::{self, Entry, Manifest};
use crate::output::{Staging, slashed};
use crate::problem::{Place, Problem, Problems};
use crate::typeset::{self, Part, PdfSettings};

/// One file of the build, with the fingerprint of everything it is made from.
pub struct Planned {
    /// The rendered document it belongs to (an index into the build's rendered documents).
    pub doc: usize,
    pub file: FilePlan,
    /// The path relative to the output folder, with `/`, as the manifest keys it.
    pub key: String,
    pub fingerprint: String,
    /// An extra's bytes, when made while planning: they are their own fingerprint.
    pub bytes: Option<Vec<u8>>,
}

impl Planned {
    /// Whether the file is one of the document's PDFs.
    pub fn is_pdf(&self) -> bool {
        matches!(self.file.make, Make::Pdf { .. })
    }

    /// The maker of a copy made from the document's HTML, if the file is one.
    fn html_copy(&self, rendered: &[Rendered]) -> Option<HtmlMaker> {
        match self.file.make {
            Make::Extra(i) => match rendered[self.doc].document.extras[i].make {
                Maker::Html(make) => Some(make),
                Maker::Conference(_) => None,
            },
            Make::Pdf { .. } => None,
        }
    }
}

/// The size of Typst source past which a document is compiled alone: a list of about 1,200
/// invitees, the envelopes of about 400 (some 80 and 230 bytes each).
const LONG_SOURCE: usize = 96 * 1024;

/// Every file the rendered documents make, each with its fingerprint. An invitation's page
/// depends only on what its template writes before the first invitation and on its own part
/// of the source, so changing one invitee changes one fingerprint (and the merged file's);
/// fixing the date changes all that show it. An extra made from the conference (a workbook, a
/// calendar) is made here, and fingerprinted by its bytes; a Word copy, made from the
/// document's source, is fingerprinted by that source and its date, like the PDF.
pub fn plan(
    rendered: &[Rendered],
    conf: &Conference,
    context: &minijinja::Value,
    identity: &str,
    office_date: Option<chrono::NaiveDateTime>,
) -> Result<Vec<Planned>, Problems> {
    let date = format!("{office_date:?}");
    let mut planned = Vec::new();
    for (doc, r) in rendered.iter().enumerate() {
        for file in r.document.plan(&conf.model) {
            let key = slashed(&file.path);
            let head = |kind: String| {
                manifest::fingerprint(
                    [identity.as_bytes(), kind.as_bytes(), key.as_bytes()]
                        .into_iter()
                        .chain(match file.make {
                            Make::Pdf {
                                inputs: Inputs::Whole,
                                ..
                            } => vec![r.source.as_bytes()],
                            Make::Pdf {
                                inputs: Inputs::Invitation(k),
                                ..
                            } => vec![r.preamble().as_bytes(), r.part(k).as_bytes()],
                            Make::Extra(_) => vec![r.source.as_bytes(), date.as_bytes()],
                        }),
                )
            };
            let (fingerprint, bytes) = match file.make {
                Make::Pdf { part, .. } => (head(format!("{part:?}")), None),
                Make::Extra(i) => match r.document.extras[i].make {
                    Maker::Html(_) => (head("html".to_string()), None),
                    Maker::Conference(make) => {
                        let bytes = make(conf, context)?;
                        let fingerprint = manifest::fingerprint([
                            env!("CARGO_PKG_VERSION").as_bytes(),
                            key.as_bytes(),
                            bytes.as_slice(),
                        ]);
                        (fingerprint, Some(bytes))
                    }
                },
            };
            planned.push(Planned {
                doc,
                file,
                key,
                fingerprint,
                bytes,
            });
        }
    }
    Ok(planned)
}

/// Builds a job; see [`Engine::build`].
pub fn build(
    engine: &Engine,
    conf: &Conference,
    job: &Job,
    listen: Listener,
    cancel: &Cancel,
) -> Result<BuildReport, Problems> {
    let mut report = BuildReport {
        draft: conf.is_draft(),
        ..BuildReport::default()
    };
    let mut lap = Instant::now();
    let mut stage = |report: &mut BuildReport, stage: Stage| {
        let took = lap.elapsed();
        report.stages.push((stage, took));
        listen(Event::Stage(stage, took));
        lap = Instant::now();
    };

    let one = job
        .invitee
        .as_deref()
        .map(|text| engine.invitee(conf, text))
        .transpose()?;
    let docs = match one {
        // One invitee's fix touches the invitations only.
        Some(_) => engine.documents(conf, Some("giay-moi"))?,
        None => engine.documents(conf, job.only.as_deref())?,
    };
    report.documents = docs.iter().map(|d| d.name).collect();
    if docs.iter().any(|d| d.shape != Shape::Invitations) {
        report
            .warnings
            .extend(engine.check_session(conf, job.strict)?);
    }
    let all: Vec<usize> = (0..conf.model.invitees.len()).collect();
    let base = engine.context(conf, &all);
    let rendered = engine.render(conf, &docs, &base)?;
    if let Some(dir) = &job.emit_typst {
        emit_typst(engine, &rendered, dir)?;
    }
    let pdf = engine.pdf_settings(conf);
    let identity = engine.typesetter().identity(&pdf);
    let office_date = engine.office_date(conf);
    let planned = plan(&rendered, conf, &base, &identity, office_date)?;
    report.planned = planned.len();
    stage(&mut report, Stage::Render);

    let staging = Staging::new(&job.out).map_err(Problems::one)?;
    let old = Manifest::read(&job.out);
    // A one-invitee build leaves the other invitations as the last build wrote them, as long
    // as they are still there as written; any missing is made.
    let is_other_page =
        |p: &Planned| one.is_some_and(|i| p.file.invitation().is_some_and(|k| k != i));
    let keep: Vec<bool> = planned
        .iter()
        .map(|p| {
            if is_other_page(p) {
                old.is_intact(&job.out, &p.key)
            } else {
                old.is_current(&job.out, &p.key, &p.fingerprint)
            }
        })
        .collect();
    let changed: Vec<&Planned> = planned
        .iter()
        .zip(&keep)
        .filter(|(_, keep)| !**keep)
        .map(|(p, _)| p)
        .collect();
    let total = changed.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let tick = || {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        listen(Event::Progress { done: n, total });
    };

    // Extras made while planning (workbooks, calendar): written as they are.
    let extras: Vec<&&Planned> = changed.iter().filter(|p| p.bytes.is_some()).collect();
    map_cancellable(&extras, cancel, |p| {
        let bytes = p.bytes.as_deref().expect("extras carry their bytes");
        staging.add(&p.file.path, bytes).map_err(Problems::one)?;
        tick();
        Ok(())
    })?;
    // The other documents, one per core: each compiled once if any of its PDFs changed, its
    // PDFs exported straight into staging, and its pages dropped before the next, so that the
    // memory of a build is that of its largest document, not of all of them.
    let to_compile: Vec<usize> = (0..rendered.len())
        .filter(|&d| rendered[d].document.shape != Shape::Invitations)
        .filter(|&d| changed.iter().any(|p| p.doc == d && p.is_pdf()))
        .collect();
    // A document as long as the list (the lists, the sign-in sheet, the envelopes of thousands
    // of invitees) takes hundreds of megabytes to lay out: those are compiled one at a time,
    // after the short ones, so that the peak is that of the longest, not of two together.
    let (long, short): (Vec<usize>, Vec<usize>) = to_compile
        .iter()
        .partition(|&&d| rendered[d].source.len() > LONG_SOURCE);
    let compile = |&d: &usize| -> Result<Vec<Problem>, Problems> {
        if let Some(kind) = pieces::wanted(&rendered[d], conf) {
            let files: Vec<&Planned> = changed
                .iter()
                .copied()
                .filter(|p| p.doc == d && p.is_pdf())
                .collect();
            let list = List {
                rendered: &rendered[d],
                kind,
                base: &base,
                files: &files,
            };
            return write_in_pieces(engine, conf, &list, &pdf, &staging, &tick, cancel);
        }
        let (pages, warnings) = engine.typeset(&rendered[d])?;
        engine.check_margins(conf, rendered[d].document, &pages, None)?;
        for p in changed.iter().filter(|p| p.doc == d && p.is_pdf()) {
            cancel.check()?;
            let bytes = export(engine, &pages, p, &pdf)?;
            staging.add(&p.file.path, &bytes).map_err(Problems::one)?;
            tick();
        }
        typeset::release_memory();
        Ok(warnings)
    };
    let mut warnings = map_cancellable(&short, cancel, compile)?;
    for d in &long {
        cancel.check()?;
        warnings.push(compile(d)?);
    }
    report.warnings.extend(warnings.into_iter().flatten());
    stage(&mut report, Stage::Others);

    // The invitations, one by one, and the merged file from its chunks.
    let mut cache_used: Vec<String> = Vec::new();
    // When the Word copy is made: what each invitation loses there to fit its page, by
    // document and position.
    let mut shrinks: HashMap<(usize, usize), u8> = HashMap::new();
    for (d, r) in rendered.iter().enumerate() {
        if r.document.shape != Shape::Invitations {
            continue;
        }
        let files: Vec<&Planned> = changed
            .iter()
            .copied()
            .filter(|p| p.doc == d && p.is_pdf())
            .collect();
        let written = invitations::write(&invitations::Writing {
            engine,
            conf,
            rendered: r,
            base: &base,
            files: &files,
            staging: &staging,
            previous: &old,
            pdf: &pdf,
            identity: &identity,
            costs: &report.costs,
            tick: &tick,
            cancel,
            word_copy: planned
                .iter()
                .any(|p| p.doc == d && p.html_copy(&rendered).is_some()),
        })?;
        cache_used.extend(written.cache);
        report.warnings.extend(written.warnings);
        shrinks.extend(written.shrinks.into_iter().map(|(k, s)| ((d, k), s)));
    }
    // What the invitations kept from the last build lose in the Word copy, as it recorded.
    for (p, &kept) in planned.iter().zip(&keep) {
        let recorded = old.files.get(&p.key).and_then(|e| e.word_shrink);
        if let (true, Some(k), Some(shrink)) = (kept, p.file.invitation(), recorded) {
            shrinks.entry((p.doc, k)).or_insert(shrink);
        }
    }

    // Word copies: their document's source compiled for HTML, then written as Word; each
    // invitation of the invitations' copy set as small as it must be to fit its page there.
    let copies: Vec<&&Planned> = changed
        .iter()
        .filter(|p| p.html_copy(&rendered).is_some())
        .collect();
    for p in &copies {
        if rendered[p.doc].document.shape == Shape::Invitations {
            fit_the_rest(
                engine,
                conf,
                &rendered[p.doc],
                p.doc,
                &base,
                &mut shrinks,
                cancel,
            )?;
        }
    }
    map_cancellable(&copies, cancel, |p| {
        let make = p.html_copy(&rendered).expect("only copies are kept");
        let r = &rendered[p.doc];
        let html = if r.document.shape == Shape::Invitations {
            let picks: Vec<(usize, u8)> = (0..r.invitations.len())
                .map(|k| (k, shrinks.get(&(p.doc, k)).copied().unwrap_or(0)))
                .collect();
            let context = context::with_invitees(&base, conf, &picks);
            let fitted = engine.render(conf, &[r.document], &context)?;
            engine.typeset_html(&fitted[0])?
        } else {
            engine.typeset_html(r)?
        };
        let bytes = make(&HtmlCopy {
            file: &p.key,
            html: &html,
            date: office_date,
        })?;
        staging.add(&p.file.path, &bytes).map_err(Problems::one)?;
        tick();
        Ok(())
    })?;
    stage(&mut report, Stage::Invitations);
    cancel.check()?;

    // This build's record: what it planned, what it kept of the last one.
    let mut manifest = Manifest::new();
    for (p, &kept) in planned.iter().zip(&keep) {
        let document = rendered[p.doc].document.name.to_string();
        let entry = match (kept, old.files.get(&p.key)) {
            // A page a one-invitee build kept stays recorded as it was made.
            (true, Some(entry)) => entry.clone(),
            _ => Entry {
                document,
                fingerprint: p.fingerprint.clone(),
                ..Entry::default()
            },
        };
        let shrink = p.file.invitation().and_then(|k| shrinks.get(&(p.doc, k)));
        let entry = Entry {
            word_shrink: shrink.copied().or(entry.word_shrink),
            ..entry
        };
        manifest.files.insert(p.key.clone(), entry);
    }
    for key in &cache_used {
        let entry = old.files.get(key).cloned().unwrap_or_else(|| Entry {
            document: "giay-moi".into(),
            fingerprint: key.clone(),
            ..Entry::default()
        });
        manifest.files.insert(key.clone(), entry);
    }
    // Files the last build made that this one does not: removed, unless they belong to a
    // document this build was not asked to make.
    let built: HashSet<&str> = report.documents.iter().copied().collect();
    let partial = one.is_some() || job.only.is_some();
    let mut stale = Vec::new();
    for (key, entry) in &old.files {
        if manifest.files.contains_key(key) {
            continue;
        }
        if partial && !built.contains(entry.document.as_str()) {
            manifest.files.insert(key.clone(), entry.clone());
        } else {
            stale.push(key.clone());
        }
    }
    let committed = staging.commit(&stale, manifest, &old)?;
    report.warnings.extend(committed.warnings);
    report.written = committed
        .written
        .into_iter()
        .filter(|w| !w.starts_with(invitations::CACHE))
        .collect();
    report.unchanged = planned.len() - changed.len();
    report.removed = committed
        .removed
        .into_iter()
        .filter(|w| !w.starts_with(invitations::CACHE))
        .collect();
    report.warnings = dedup(std::mem::take(&mut report.warnings));
    stage(&mut report, Stage::Commit);
    Ok(report)
}

/// Fits for the Word copy the invitations of `r` (document `doc`) not yet fitted: those whose
/// pages a build kept from one that made no Word copy.
fn fit_the_rest(
    engine: &Engine,
    conf: &Conference,
    r: &Rendered,
    doc: usize,
    base: &minijinja::Value,
    shrinks: &mut HashMap<(usize, usize), u8>,
    cancel: &Cancel,
) -> Result<(), Problems> {
    let missing: Vec<usize> = (0..r.invitations.len())
        .filter(|&k| !shrinks.contains_key(&(doc, k)))
        .collect();
    let found = map_cancellable(&missing, cancel, |&k| {
        let fitted = invitations::fit(engine, conf, r.document, base, k, &r.invitation(k))
            .map_err(Problems)?;
        let for_word = invitations::fit_for_word(engine, conf, r.document, base, k, fitted.shrink)
            .map_err(Problems)?;
        typeset::release_memory();
        Ok(((doc, k), for_word))
    })?;
    shrinks.extend(found);
    Ok(())
}

/// A list to be set in pieces, and its PDFs to write.
struct List<'a> {
    rendered: &'a Rendered,
    kind: Rows,
    base: &'a minijinja::Value,
    files: &'a [&'a Planned],
}

/// Writes the PDF of a list set in pieces (see [`pieces`]): joined from each piece's pages.
fn write_in_pieces(
    engine: &Engine,
    conf: &Conference,
    list: &List,
    pdf: &PdfSettings,
    staging: &Staging,
    tick: &(dyn Fn() + Sync),
    cancel: &Cancel,
) -> Result<Vec<Problem>, Problems> {
    let Some(file) = list.files.first() else {
        return Ok(Vec::new());
    };
    debug_assert!(list.files.len() == 1, "a list has one PDF");
    let failed = |error: String| {
        Problems::one(Problem::error(
            Place::file(&file.file.path),
            BuildMsg::PdfFailed { error },
        ))
    };
    let ident = format!("hoinghi/{}", file.key);
    // Each piece's PDF waits on disk, not in memory: those of the envelopes of 10,000 would
    // add some 15 MB to the peak of the build.
    let mut parts = Vec::new();
    let document = list.rendered.document;
    let warnings = pieces::typeset(engine, conf, document, list.kind, list.base, |pages, _| {
        cancel.check()?;
        let bytes = engine
            .typesetter()
            .pdf(&pages, &ident, Part::Plain, pdf)
            .map_err(failed)?;
        parts.push(staging.scratch(&bytes).map_err(Problems::one)?);
        Ok(())
    })?;
    let paths: Vec<PathBuf> = parts.iter().map(|p| p.path().to_path_buf()).collect();
    staging
        .add_joined(&file.file.path, &paths)
        .map_err(Problems::one)?;
    tick();
    Ok(warnings)
}

/// One file of a compiled document as PDF bytes.
pub fn export(
    engine: &Engine,
    pages: &typst_layout::PagedDocument,
    p: &Planned,
    pdf: &PdfSettings,
) -> Result<Vec<u8>, Problems> {
    let ident = format!("hoinghi/{}", p.key);
    let part = p.file.part().expect("only PDFs are exported");
    engine
        .typesetter()
        .pdf(pages, &ident, part, pdf)
        .map_err(|e| {
            Problems::one(Problem::error(
                Place::file(PathBuf::from(&p.key)),
                BuildMsg::PdfFailed { error: e },
            ))
        })
}
