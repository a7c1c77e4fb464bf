//! Typst's diagnostics as problems placed where a template author can act on them: the line of
//! the template that produced the generated line, or the line of the shared layout file.

use typst::diag::Severity;

use crate::documents::Document;
use crate::i18n::build::BuildMsg;
use crate::i18n::{Lang, Text};
use crate::problem::{Place, Problem};
use crate::render::Templates;
use crate::typeset::Diagnostic;

/// A Typst diagnostic of `document` as a problem; `lines` are the lines of the generated
/// source (split once per document, however many diagnostics it has).
pub fn locate(
    templates: &Templates,
    d: &Diagnostic,
    lines: &[&str],
    document: &Document,
) -> Problem {
    let template = templates.origin(document.template);
    let place_of = |file: &str, line: usize| -> Place {
        if file == "/main.typ" {
            Place::Template {
                origin: template.clone(),
                line: line
                    .checked_sub(1)
                    .and_then(|i| lines.get(i))
                    .and_then(|text| templates.source_line(document.template, text)),
            }
        } else {
            Place::Template {
                origin: templates.origin(file.trim_start_matches('/')),
                line: Some(line),
            }
        }
    };
    let place = match &d.file {
        Some(file) => place_of(file, d.line),
        None => Place::Template {
            origin: template.clone(),
            line: None,
        },
    };
    let generated = (d.file.as_deref() == Some("/main.typ"))
        .then(|| d.line.checked_sub(1).and_then(|i| lines.get(i)))
        .flatten()
        .map(|text| text.trim().chars().take(120).collect::<String>());
    let trace: Vec<(String, Place)> = d
        .trace
        .iter()
        .filter_map(|(call, at)| {
            at.as_ref()
                .map(|(file, line)| (call.clone(), place_of(file, *line)))
        })
        .collect();
    let message = Text::each(|l| {
        let severity = match d.severity {
            Severity::Warning => BuildMsg::TypstWarning.text(l),
            Severity::Error => BuildMsg::TypstError.text(l),
        };
        let mut message = format!("{severity}: {}", d.message);
        if let Some(text) = &generated {
            message.push_str(&format!(
                " ({})",
                BuildMsg::GeneratedLine {
                    line: d.line,
                    text: text.clone(),
                }
                .text(l)
            ));
        }
        for (call, place) in &trace {
            message.push_str("; ");
            message.push_str(
                &BuildMsg::CalledFrom {
                    call: call.clone(),
                    place: place.text(l),
                }
                .text(l),
            );
        }
        message
    });
    let mut problem = match d.severity {
        Severity::Warning => Problem::warning(place, message),
        Severity::Error => Problem::error(place, message),
    };
    for hint in &d.hints {
        problem = problem.hint(BuildMsg::TypstHint { hint: hint.clone() });
    }
    problem
}

/// Every diagnostic of one compile as problems.
pub fn locate_all(
    templates: &Templates,
    diagnostics: &[Diagnostic],
    source: &str,
    document: &Document,
) -> Vec<Problem> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let lines: Vec<&str> = source.lines().collect();
    diagnostics
        .iter()
        .map(|d| locate(templates, d, &lines, document))
        .collect()
}

/// The problem's text, to keep one of each repeated warning.
pub fn key(problem: &Problem) -> String {
    problem.text(Lang::En)
}
