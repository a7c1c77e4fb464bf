//! The invitations: each set alone, fitted to its one page, written as its own file; and the
//! merged file joined from one PDF per chunk of invitations, kept in a cache between builds.
//!
//! Each invitation is compiled alone (the preamble of the rendered source, then its own part):
//! Typst's layout cache is keyed by position, so on one document of 300 pages the identical
//! header and signature blocks were laid out again on every page; alone, an invitation reuses
//! them from the one before. One too long for its page is rendered again with its body a half
//! point smaller, up to [`MAX_SHRINK`] times.
//!
//! The merged file is joined from PDFs of [`CHUNK`] invitations each, cached in the output
//! folder under a key of their sources, so that one changed invitee sets one chunk again, not
//! the whole list. A cached chunk whose bytes are no longer those written is made again, with
//! a warning.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use typst_layout::PagedDocument;

use super::plan::{Planned, export};
use super::{Cancel, Costs, Engine, diagnostics, map_cancellable};
use crate::context::{self, StandIn};
use crate::documents::{Document, Rendered};
use crate::i18n::Text;
use crate::i18n::build::BuildMsg;
use crate::i18n::papers::PaperMsg;
use crate::model::Conference;
use crate::output::manifest::{self, Manifest};
use crate::output::{Staging, slashed};
use crate::problem::{Place, Problem, Problems, quote};
use crate::typeset::{self, Part, PdfSettings};

/// How many invitations are handled together: set one by one, they are written into the
/// merged file as one PDF per chunk. Few enough that memory stays flat however long the list
/// and that the work spreads evenly over the cores; enough that each chunk's PDF shares its
/// fonts over many pages.
pub const CHUNK: usize = 25;

/// How many half points an invitation's body may lose to fit its page (2 points in all).
pub const MAX_SHRINK: u8 = 4;

/// Where the PDFs of invitation chunks are kept between builds, in the output folder.
pub const CACHE: &str = ".hoinghi-cache";

/// An invitation set to fit its page.
pub struct Fitted {
    pub pages: PagedDocument,
    /// The half points its body lost to fit: the Word copy sets it as small.
    pub shrink: u8,
    /// Typst's warnings.
    pub warnings: Vec<Problem>,
}

/// Sets the invitation of invitee `i` from `source`, alone, shrinking it to fit its page.
pub fn fit(
    engine: &Engine,
    conf: &Conference,
    document: &'static Document,
    base: &minijinja::Value,
    i: usize,
    source: &str,
) -> Result<Fitted, Vec<Problem>> {
    let mut source = Cow::Borrowed(source);
    let mut shrink = 0;
    loop {
        let (pages, warnings) = compile(engine, document, &source)?;
        let taken = pages.pages().len();
        if taken == 1 {
            return Ok(Fitted {
                pages,
                shrink,
                warnings,
            });
        }
        if shrink == MAX_SHRINK {
            return Err(vec![too_long(engine, conf, document, base, i, taken)]);
        }
        shrink += 1;
        let context = context::with_invitees(base, conf, &[(i, shrink)]);
        source = Cow::Owned(render(engine, document, context)?);
    }
}

/// Word and LibreOffice break a paragraph's lines one at a time and never narrow a space, so
/// an invitation that just fits its PDF page may take a line more here and there in Word and
/// spill onto a second page. Its Word copy is fitted set under these rules instead.
const AS_WORD_BREAKS: &str =
    "#set par(linebreaks: \"simple\", justification-limits: (spacing: (min: 100%, max: 150%)))\n";

/// Kept free at the foot of the page when fitting the Word copy: Word lays a page out a few
/// points taller than Typst besides (its line boxes, spacing rounded to its units). Measured
/// with LibreOffice and Times New Roman's metrics: without it 2 of the sample's 130
/// invitations ran onto a second page, with it none.
const WORD_RESERVE: &str = "\n#block(height: 1em, breakable: false)\n";

/// The half points invitation `i` loses in its Word copy to fit one page, counting from
/// `from` (what its PDF page lost), at most [`MAX_SHRINK`].
pub fn fit_for_word(
    engine: &Engine,
    conf: &Conference,
    document: &'static Document,
    base: &minijinja::Value,
    i: usize,
    from: u8,
) -> Result<u8, Vec<Problem>> {
    let mut shrink = from;
    loop {
        let context = context::with_invitees(base, conf, &[(i, shrink)]);
        let one = document.rendered(render(engine, document, context)?);
        let source = [one.preamble(), AS_WORD_BREAKS, one.part(0), WORD_RESERVE].concat();
        let (pages, _) = compile(engine, document, &source)?;
        if pages.pages().len() == 1 || shrink == MAX_SHRINK {
            return Ok(shrink);
        }
        shrink += 1;
    }
}

fn compile(
    engine: &Engine,
    document: &'static Document,
    source: &str,
) -> Result<(PagedDocument, Vec<Problem>), Vec<Problem>> {
    let (pages, warnings) = engine
        .compile(document.template, source)
        .map_err(|errors| diagnostics::locate_all(engine.templates(), &errors, source, document))?;
    let warnings = diagnostics::locate_all(engine.templates(), &warnings, source, document);
    Ok((pages, warnings))
}

fn render(
    engine: &Engine,
    document: &'static Document,
    context: minijinja::Value,
) -> Result<String, Vec<Problem>> {
    engine
        .templates()
        .render(document.template, context)
        .map_err(|p| vec![p])
}

/// The problem of an invitation that does not fit even set smaller, at what makes it long.
/// A stand-in for the invitee, keeping the invitation's notes and tasks but not the invitee's
/// own name, position and unit, is tried first: if it fits, the invitee's own texts are to
/// blame (with the shared parts without which the invitation itself would fit, if any).
/// Otherwise the parts every invitation (or the invitee's group) shares are left out one at a
/// time from the stand-in's; those without which it fits are named, else all of them.
fn too_long(
    engine: &Engine,
    conf: &Conference,
    document: &'static Document,
    base: &minijinja::Value,
    i: usize,
    pages: usize,
) -> Problem {
    let invitee = &conf.model.invitees[i];
    let message = BuildMsg::InvitationTooLong {
        who: quote(invitee.label()),
        pages,
        points: format!("{}", f32::from(MAX_SHRINK) / 2.0),
    };
    let fits = |context: &minijinja::Value| {
        render(engine, document, context.clone())
            .ok()
            .and_then(|source| engine.typesetter().compile(&source).ok())
            .is_some_and(|(pages, _)| pages.pages().len() == 1)
    };
    let stand_in = |own, notes, tasks| {
        let keep = StandIn { own, notes, tasks };
        context::with_stand_in(base, conf, i, MAX_SHRINK, keep)
    };
    // The invitation without each of the parts it shares, in turn: the notes and tasks first,
    // being what an invitation has most of.
    let without = |own: bool| {
        let whole = stand_in(own, true, true);
        let mut parts = vec![("invitation.notes".to_string(), stand_in(own, false, true))];
        if let Some(task) = task_of(conf, i) {
            parts.push((task, stand_in(own, true, false)));
        }
        let a = || minijinja::Value::from("A");
        let lines = || minijinja::Value::from(vec!["A"]);
        for (path, keys, value) in [
            ("event.title", ["event", "title"], a()),
            ("event.venue", ["event", "venue"], a()),
            ("event.chair", ["event", "chair"], a()),
            ("issuer.header", ["issuer", "header"], lines()),
            (
                "invitation.recipients",
                ["invitation", "recipients"],
                lines(),
            ),
            ("signer.title", ["signer", "title"], lines()),
        ] {
            parts.push((path.to_string(), context::with_value(&whole, &keys, value)));
        }
        parts
    };
    let guilty = |parts: &[(String, minijinja::Value)]| -> Vec<String> {
        parts
            .iter()
            .filter(|(_, context)| fits(context))
            .map(|(path, _)| path.clone())
            .collect()
    };
    let words = |paths: &[String], l| {
        paths
            .iter()
            .map(|path| crate::i18n::places::model_place(path, l))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if fits(&stand_in(false, true, true)) {
        let also = guilty(&without(true));
        let mut problem = Problem::error(conf.place(&format!("invitees[{i}]")), message)
            .hint(BuildMsg::ShortenInvitee);
        if !also.is_empty() {
            problem = problem.hint(Text::each(|l| {
                PaperMsg::OrShorten {
                    fields: words(&also, l),
                }
                .text(l)
            }));
        }
        return problem;
    }
    let parts = without(false);
    let mut named = guilty(&parts);
    if named.is_empty() {
        named = parts.into_iter().map(|(path, _)| path).collect();
    }
    let place = named
        .first()
        .map_or_else(|| Place::model("invitation"), |path| conf.place(path));
    Problem::error(place, message).hint(Text::each(|l| {
        PaperMsg::ShortenFields {
            fields: words(&named, l),
        }
        .text(l)
    }))
}

/// The first part of the programme that gives invitee `i` a task on its invitation: a
/// presentation, a display table or an award that names it.
fn task_of(conf: &Conference, i: usize) -> Option<String> {
    let m = &conf.model;
    let id = m.invitees[i].id.as_deref()?;
    let named = |link: Option<&str>| link == Some(id);
    if let Some(k) = m
        .presentations
        .iter()
        .position(|p| named(p.invitee.as_deref()))
    {
        return Some(format!("presentations[{k}]"));
    }
    if let Some(k) = m.exhibits.iter().position(|e| named(e.invitee.as_deref())) {
        return Some(format!("exhibits[{k}]"));
    }
    let awards = m.awards.as_ref()?;
    if let Some(k) = awards.organizations.iter().position(|c| named(c.invitee())) {
        return Some(format!("awards.organizations[{k}]"));
    }
    awards
        .individuals
        .iter()
        .position(|a| named(a.invitee.as_deref()))
        .map(|k| format!("awards.individuals[{k}]"))
}

/// Sets every invitation, on all cores, and returns Typst's warnings (each once).
pub fn check(
    engine: &Engine,
    conf: &Conference,
    rendered: &Rendered,
    base: &minijinja::Value,
    cancel: &Cancel,
) -> Result<Vec<Problem>, Problems> {
    let positions: Vec<usize> = (0..rendered.invitations.len()).collect();
    let warnings = map_cancellable(&positions, cancel, |&k| {
        let source = rendered.invitation(k);
        let fitted = fit(engine, conf, rendered.document, base, k, &source).map_err(Problems)?;
        engine.check_margins(conf, rendered.document, &fitted.pages, Some(k))?;
        typeset::release_memory();
        Ok(fitted.warnings)
    })?;
    Ok(super::dedup(warnings.into_iter().flatten().collect()))
}

/// What writing the invitations needs.
pub struct Writing<'a> {
    pub engine: &'a Engine,
    pub conf: &'a Conference,
    pub rendered: &'a Rendered,
    pub base: &'a minijinja::Value,
    /// The invitations' files to write (those that changed), the merged file among them if it
    /// changed.
    pub files: &'a [&'a Planned],
    pub staging: &'a Staging,
    /// The last build's manifest: which cached chunks are still as written.
    pub previous: &'a Manifest,
    pub pdf: &'a PdfSettings,
    /// What besides its sources shapes a chunk's PDF.
    pub identity: &'a str,
    pub costs: &'a Costs,
    pub tick: &'a (dyn Fn() + Sync),
    pub cancel: &'a Cancel,
    /// Whether the invitations' Word copy is made: each invitation set is then fitted for it.
    pub word_copy: bool,
}

/// What writing the invitations did.
pub struct Written {
    /// The cached chunks the merged file is made of (relative to the output folder).
    pub cache: Vec<String>,
    pub warnings: Vec<Problem>,
    /// When the Word copy is made: each invitation set, by position, with the half points it
    /// loses there to fit its page.
    pub shrinks: Vec<(usize, u8)>,
}

/// One chunk's part in the merged file: its cache file (relative to the output folder), and
/// where its PDF can be read.
struct Chunk {
    cached: PathBuf,
    pdf: Option<PathBuf>,
}

/// Writes the changed invitation files and, when it changed, the merged file. Each invitation
/// goes straight to staging, so memory stays flat however long the list.
pub fn write(w: &Writing) -> Result<Written, Problems> {
    let out = w.staging.root();
    let merged = w.files.iter().any(|f| f.file.part() == Some(Part::Whole));
    // Each invitation's file to write, if it is to be written, by position.
    let mut to_write: Vec<Option<&Planned>> = vec![None; w.rendered.invitations.len()];
    for &f in w.files {
        if let Some(k) = f.file.invitation() {
            to_write[k] = Some(f);
        }
    }
    let positions: Vec<usize> = (0..w.rendered.invitations.len()).collect();
    let chunks: Vec<&[usize]> = positions.chunks(CHUNK).collect();
    let results = map_cancellable(&chunks, w.cancel, |&chunk| {
        let cached = cache_path(w.rendered.document, &chunk_key(w, chunk));
        // Where the chunk's PDF can be read: the cache, or staging once it is made. A cached
        // chunk is read in full anyway to be joined; its hash is checked first, so that a
        // damaged one is made again rather than passed on.
        let intact = if merged {
            w.previous.has_its_bytes(out, &slashed(&cached))
        } else {
            None
        };
        let reusable = intact == Some(true);
        let mut warnings = Vec::new();
        if intact == Some(false) {
            warnings.push(Problem::warning(
                Place::file(out.join(&cached)),
                BuildMsg::CacheChunkBroken,
            ));
        }
        let set = set_chunk(w, &to_write, chunk, &cached, merged && !reusable)?;
        warnings.extend(set.warnings);
        typeset::release_memory();
        let pdf = if reusable {
            Some(out.join(&cached))
        } else {
            set.staged
        };
        Ok((Chunk { cached, pdf }, warnings, set.shrinks))
    })?;
    let mut warnings = Vec::new();
    let mut parts = Vec::new();
    let mut shrinks = Vec::new();
    for (chunk, w, s) in results {
        parts.push(chunk);
        warnings.extend(w);
        shrinks.extend(s);
    }
    if merged {
        join(w, &parts)?;
    }
    Ok(Written {
        cache: parts.iter().map(|c| slashed(&c.cached)).collect(),
        warnings: super::dedup(warnings),
        shrinks,
    })
}

/// The cache key of a chunk: its sources and everything else that shapes its PDF.
fn chunk_key(w: &Writing, chunk: &[usize]) -> String {
    let r = w.rendered;
    manifest::fingerprint(
        [w.identity.as_bytes(), r.preamble().as_bytes()]
            .into_iter()
            .chain(chunk.iter().map(|&k| r.part(k).as_bytes())),
    )
}

fn cache_path(document: &Document, key: &str) -> PathBuf {
    Path::new(CACHE).join(format!("{}-{key}.pdf", document.name))
}

/// What setting a chunk did.
struct SetChunk {
    /// Where the chunk's PDF is staged, if it was made.
    staged: Option<PathBuf>,
    warnings: Vec<Problem>,
    /// When the Word copy is made: each invitation set, by position, with the half points it
    /// loses there to fit its page.
    shrinks: Vec<(usize, u8)>,
}

/// Sets the invitations of one chunk that are to be written (`to_write`, by position; all of
/// them when `whole`, to make the chunk's PDF for the merged file) and writes their files.
fn set_chunk(
    w: &Writing,
    to_write: &[Option<&Planned>],
    chunk: &[usize],
    cached: &Path,
    whole: bool,
) -> Result<SetChunk, Problems> {
    let document = w.rendered.document;
    let mut warnings = Vec::new();
    let mut shrinks = Vec::new();
    let mut set = Vec::new();
    for &k in chunk {
        let file = to_write[k];
        if file.is_none() && !whole {
            continue;
        }
        w.cancel.check()?;
        let source = w.rendered.invitation(k);
        let Fitted {
            pages,
            shrink,
            warnings: found,
        } = w
            .costs
            .set
            .time(|| fit(w.engine, w.conf, document, w.base, k, &source))
            .map_err(Problems)?;
        w.engine.check_margins(w.conf, document, &pages, Some(k))?;
        warnings.extend(found);
        if w.word_copy {
            let for_word =
                fit_for_word(w.engine, w.conf, document, w.base, k, shrink).map_err(Problems)?;
            shrinks.push((k, for_word));
        }
        if let Some(file) = file {
            let bytes = w
                .costs
                .files
                .time(|| export(w.engine, &pages, file, w.pdf))?;
            w.costs
                .store
                .time(|| w.staging.add(&file.file.path, &bytes))
                .map_err(Problems::one)?;
            (w.tick)();
        }
        if whole {
            set.push(pages);
        }
    }
    if !whole {
        return Ok(SetChunk {
            staged: None,
            warnings,
            shrinks,
        });
    }
    let bytes = w
        .costs
        .chunks
        .time(|| {
            w.engine
                .typesetter()
                .pdf(&typeset::join(&set), "hoinghi/chunk", Part::Plain, w.pdf)
        })
        .map_err(|e| {
            Problems::one(Problem::error(
                Place::file(document.file()),
                BuildMsg::PdfFailed { error: e },
            ))
        })?;
    let at = w.staging.add(cached, &bytes).map_err(Problems::one)?;
    Ok(SetChunk {
        staged: Some(at),
        warnings,
        shrinks,
    })
}

/// Joins the merged file from the chunks' PDFs.
fn join(w: &Writing, parts: &[Chunk]) -> Result<(), Problems> {
    let merged = w
        .files
        .iter()
        .find(|f| f.file.part() == Some(Part::Whole))
        .expect("the merged file is among the files to write");
    let paths: Vec<PathBuf> = parts.iter().filter_map(|c| c.pdf.clone()).collect();
    w.costs
        .join
        .time(|| w.staging.add_joined(&merged.file.path, &paths))
        .map_err(Problems::one)?;
    (w.tick)();
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::documents::DOCUMENTS;
    use crate::engine::Settings;
    use crate::i18n::Lang;
    use crate::model;

    const SMALL: &str = include_str!("../../tests/fixtures/small.json");

    fn conference(edit: impl FnOnce(&mut serde_json::Value)) -> Conference {
        let mut value: serde_json::Value = serde_json::from_str(SMALL).unwrap();
        edit(&mut value);
        model::parse(&value.to_string(), "m.json", Path::new(".")).unwrap()
    }

    /// Sets invitation `i` of `conf` the way a build does.
    fn fit_one(engine: &Engine, conf: &Conference, i: usize) -> Result<usize, Vec<Problem>> {
        let document = &DOCUMENTS[0];
        let all: Vec<usize> = (0..conf.model.invitees.len()).collect();
        let base = engine.context(conf, &all);
        let rendered = engine.render(conf, &[document], &base).unwrap().remove(0);
        let source = rendered.invitation(i);
        fit(engine, conf, document, &base, i, &source).map(|f| f.pages.pages().len())
    }

    #[test]
    fn an_invitation_a_little_too_long_is_set_smaller_to_fit_its_page() {
        let engine = Engine::new(Settings::default()).unwrap();
        let line = "Phó Giám đốc phụ trách Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh";
        let conf = conference(|m| {
            m["invitees"][0]["position"] = line.repeat(2).into();
            m["invitees"][0]["organization"] = line.repeat(2).into();
            let notes = m["invitation"]["notes"].as_array_mut().unwrap();
            for _ in 0..4 {
                notes.push("Các chủ thể mang theo sản phẩm để trưng bày tại khu vực hội nghị theo hướng dẫn của Ban tổ chức.".into());
            }
        });
        // At full size it takes two pages; set smaller, one.
        let all: Vec<usize> = (0..conf.model.invitees.len()).collect();
        let source = engine
            .render(&conf, &[&DOCUMENTS[0]], &engine.context(&conf, &all))
            .unwrap()
            .remove(0)
            .invitation(0);
        let (full, _) = engine.typesetter().compile(&source).unwrap();
        assert_eq!(full.pages().len(), 2, "the case must need shrinking");
        assert_eq!(fit_one(&engine, &conf, 0).unwrap(), 1);
    }

    #[test]
    fn an_invitation_that_cannot_fit_blames_what_makes_it_long() {
        let engine = Engine::new(Settings::default()).unwrap();
        let with_notes = |n: usize, long: bool| {
            conference(|m| {
                let notes = m["invitation"]["notes"].as_array_mut().unwrap();
                for _ in 0..n {
                    notes.push(
                        "Đề nghị các đại biểu dự đúng thành phần, có mặt trước 15 phút.".into(),
                    );
                }
                if long {
                    let words = "Ủy ban nhân dân xã ".repeat(10);
                    m["invitees"][1]["attendees"] = words.trim_end().into();
                    m["invitees"][1]["organization"] = words.trim_end().into();
                }
            })
        };
        // Notes every invitation carries, until even a short invitation cannot fit: the shared
        // texts are named, not the invitee.
        let most = (0..60)
            .find(|&n| fit_one(&engine, &with_notes(n, false), 0).is_err())
            .expect("enough notes make any invitation too long");
        let problems = fit_one(&engine, &with_notes(most, false), 0).unwrap_err();
        assert_eq!(
            problems[0].place,
            Place::model("invitation.notes"),
            "{problems:?}"
        );
        assert!(
            problems[0].hints[0].get(Lang::Vi).contains("Lưu ý"),
            "{problems:?}"
        );
        // One note fewer, a short invitation fits; a long invitee's does not, and is named.
        let problems = fit_one(&engine, &with_notes(most - 1, true), 1).unwrap_err();
        assert_eq!(
            problems[0].place,
            Place::model("invitees[1]"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_chunks_key_changes_with_its_own_invitations_only() {
        let engine = Engine::new(Settings::default()).unwrap();
        let key_of = |conf: &Conference, chunk: &[usize]| {
            let all: Vec<usize> = (0..conf.model.invitees.len()).collect();
            let base = engine.context(conf, &all);
            let rendered = engine
                .render(conf, &[&DOCUMENTS[0]], &base)
                .unwrap()
                .remove(0);
            let pdf = engine.pdf_settings(conf);
            let identity = engine.typesetter().identity(&pdf);
            let staging_dir = tempfile::tempdir().unwrap();
            let staging = Staging::new(staging_dir.path()).unwrap();
            let writing = Writing {
                engine: &engine,
                conf,
                rendered: &rendered,
                base: &base,
                files: &[],
                staging: &staging,
                previous: &Manifest::new(),
                pdf: &pdf,
                identity: &identity,
                costs: &Costs::default(),
                tick: &|| {},
                cancel: &Cancel::default(),
                word_copy: false,
            };
            chunk_key(&writing, chunk)
        };
        let before = conference(|_| {});
        let after = conference(|m| m["invitees"][2]["position"] = "Chức vụ khác".into());
        assert_eq!(key_of(&before, &[0, 1]), key_of(&after, &[0, 1]));
        assert_ne!(key_of(&before, &[2]), key_of(&after, &[2]));
    }
}
