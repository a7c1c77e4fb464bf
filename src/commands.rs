//! The commands: each loads its inputs once, runs the stages of the pipeline
//! (model → templates → Typst → PDF → files) and reports.

use std::path::Path;
use std::time::Instant;

use typst::diag::Severity;
use typst_layout::PagedDocument;

use crate::cli::{BuildCommand, CheckCommand, FontsCommand, InputArgs, PreviewCommand};
use crate::fonts::FontSet;
use crate::invitation;
use crate::model::{self, Conference, Problem, Problems};
use crate::output::{self, Staging};
use crate::render::Templates;
use crate::typeset::{self, Diagnostic, Typesetter};

/// A model with everything needed to typeset it, checked together.
struct Inputs {
    conf: Conference,
    templates: Templates,
    typesetter: Typesetter,
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
                .map(|(place, text)| (place.clone(), text.as_str())),
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
            Problems(vec![Problem::new(
                "--invitee",
                format!("no invitee has the id {}", model::quote(id)),
            )])
        })
    }

    /// Renders and compiles the invitations of the invitees at `indices` into one document,
    /// and checks that each takes exactly one page.
    fn compile_invitations(&self, indices: &[usize]) -> Result<PagedDocument, Problems> {
        let context = invitation::context(&self.conf, indices);
        let source = self
            .templates
            .render(invitation::TEMPLATE, context)
            .map_err(|p| Problems(vec![p]))?;
        let (doc, warnings) = self
            .typesetter
            .compile(&source)
            .map_err(|errors| Problems(errors.iter().map(|d| self.locate(d, &source)).collect()))?;
        for warning in &warnings {
            eprintln!("warning: {}", self.locate(warning, &source));
        }
        self.check_one_page_each(&doc, indices)?;
        Ok(doc)
    }

    fn check_one_page_each(&self, doc: &PagedDocument, indices: &[usize]) -> Result<(), Problems> {
        let starts = typeset::pages_of_label(doc, invitation::PAGE_LABEL);
        if starts.len() != indices.len() {
            return Err(Problems(vec![Problem::new(
                self.templates.origin(invitation::TEMPLATE),
                format!(
                    "the template marked {} invitations with <{}> but {} were asked for",
                    starts.len(),
                    invitation::PAGE_LABEL,
                    indices.len()
                ),
            )]));
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
                    format!("invitees[{i}]"),
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
            Err(Problems(problems))
        }
    }

    /// A Typst diagnostic as a problem placed in the template or shared file it came from.
    fn locate(&self, d: &Diagnostic, source: &str) -> Problem {
        let place_of = |file: &str, line: usize, column: Option<usize>| -> String {
            if file == "/main.typ" {
                let template = self.templates.origin(invitation::TEMPLATE);
                match self
                    .templates
                    .source_line(invitation::TEMPLATE, source, line)
                {
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
            None => self.templates.origin(invitation::TEMPLATE).to_string(),
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
}

/// `hoinghi build`: every invitation and the merged file, or one invitation with `--invitee`.
pub fn build(cmd: &BuildCommand) -> Result<(), Problems> {
    let started = Instant::now();
    let inputs = Inputs::load(&cmd.input)?;
    let count = inputs.conf.model.invitees.len();
    let only = cmd
        .invitee
        .as_deref()
        .map(|id| inputs.invitee(id))
        .transpose()?;

    let all: Vec<usize> = (0..count).collect();
    let doc = inputs.compile_invitations(&all)?;

    let mut staging = Staging::new(&cmd.out).map_err(one)?;
    let folder = Path::new(invitation::FOLDER);
    let mut keep = Vec::new();
    for i in only.map_or(all.clone(), |i| vec![i]) {
        let name = invitation::file_name(i, &inputs.conf.model.invitees[i]);
        let ident = format!("hoinghi/{}/{name}", invitation::FOLDER);
        let pdf = inputs
            .typesetter
            .pdf(&doc, &ident, Some((i + 1, i + 1)))
            .map_err(|e| {
                one(Problem::new(
                    format!("invitees[{i}]"),
                    format!("PDF export failed: {e}"),
                ))
            })?;
        staging.add(&folder.join(&name), &pdf).map_err(one)?;
        keep.push(cmd.out.join(folder).join(name));
    }
    let merged = inputs
        .typesetter
        .pdf(&doc, "hoinghi/giay-moi", None)
        .map_err(|e| {
            one(Problem::new(
                invitation::MERGED,
                format!("PDF export failed: {e}"),
            ))
        })?;
    staging
        .add(Path::new(invitation::MERGED), &merged)
        .map_err(one)?;

    // Files of invitees no longer on the list (or now at another position) must go, or they
    // would be printed with the rest; a one-invitee rebuild leaves the others alone.
    let stale = match only {
        Some(_) => Vec::new(),
        None => output::stale_files(&cmd.out.join(folder), is_invitation_file, &keep),
    };
    staging.commit(&stale).map_err(one)?;

    let written = keep.len();
    let draft = if inputs.conf.is_draft() {
        " (DỰ THẢO: event.date is not fixed)"
    } else {
        ""
    };
    eprintln!(
        "wrote {written} invitation{} and {} into {}{draft}, removed {} old file{}, in {:.2} s",
        plural(written),
        invitation::MERGED,
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
    let m = &inputs.conf.model;
    let all: Vec<usize> = (0..m.invitees.len()).collect();
    inputs.compile_invitations(&all)?;
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
            "  date: not fixed ({}) — every invitation is marked DỰ THẢO",
            m.event.tentative.as_deref().unwrap_or_default()
        ),
    }
    println!("  venue: {}", m.event.venue);
    println!("  font: {} {} pt", m.style.font, m.style.size);
    println!("ok");
    Ok(())
}

/// `hoinghi preview`: one invitation as a PNG picture.
pub fn preview(cmd: &PreviewCommand) -> Result<(), Problems> {
    let inputs = Inputs::load(&cmd.input)?;
    let index = cmd
        .invitee
        .as_deref()
        .map_or(Ok(0), |id| inputs.invitee(id))?;
    let doc = inputs.compile_invitations(&[index])?;
    let png = inputs
        .typesetter
        .png(&doc, 0, cmd.dpi as f32 / 72.0)
        .map_err(|e| one(Problem::new(cmd.output.display().to_string(), e)))?;
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
    let mut staging = Staging::new(dir).map_err(one)?;
    staging.add(Path::new(name), &png).map_err(one)?;
    staging.commit(&[]).map_err(one)?;
    eprintln!(
        "wrote {} (invitation of {})",
        cmd.output.display(),
        inputs.conf.model.invitees[index].label()
    );
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
    if let Some(family) = family {
        match fonts.family(&family) {
            Some(faces) => {
                let first = faces
                    .first()
                    .map(|f| f.info().family.clone())
                    .unwrap_or_default();
                println!("{}: {first} ({} faces)", invitation::FOLDER, faces.len());
            }
            None => {
                return Err(one(Problem::new(
                    "style.font",
                    format!("\"{family}\" is not a loaded font family"),
                )));
            }
        }
    }
    Ok(())
}

fn is_invitation_file(name: &str) -> bool {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    digits >= 3 && name[digits..].starts_with('-') && name.ends_with(".pdf")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn one(problem: Problem) -> Problems {
    Problems(vec![problem])
}
