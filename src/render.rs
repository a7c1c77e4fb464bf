//! Templating: the minijinja environment that turns the model into Typst source.
//!
//! Templates are data: the built-in ones are compiled into the binary, and a file of the same
//! name in `--templates DIR` replaces one. Every string a template prints is escaped for Typst
//! markup here, once, by the environment's formatter; templates never escape by hand.

use std::path::{Path, PathBuf};

use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

use crate::i18n::Text;
use crate::i18n::build::{BuildMsg, io_error};
use crate::problem::{Origin, Place, Problem, Problems};

/// The built-in templates. `*.typ.j2` are minijinja templates producing Typst; `*.typ` are
/// plain Typst files the documents import (served to Typst at `/name`).
const BUILT_IN: &[(&str, &str)] = &[
    (
        "giay-moi.typ.j2",
        include_str!("../templates/giay-moi.typ.j2"),
    ),
    (
        "chuong-trinh.typ.j2",
        include_str!("../templates/chuong-trinh.typ.j2"),
    ),
    (
        "kich-ban.typ.j2",
        include_str!("../templates/kich-ban.typ.j2"),
    ),
    (
        "bieu-01-tham-luan.typ.j2",
        include_str!("../templates/bieu-01-tham-luan.typ.j2"),
    ),
    (
        "bieu-02-trung-bay.typ.j2",
        include_str!("../templates/bieu-02-trung-bay.typ.j2"),
    ),
    (
        "danh-sach-dai-bieu.typ.j2",
        include_str!("../templates/danh-sach-dai-bieu.typ.j2"),
    ),
    ("so-ky.typ.j2", include_str!("../templates/so-ky.typ.j2")),
    (
        "bien-ten.typ.j2",
        include_str!("../templates/bien-ten.typ.j2"),
    ),
    (
        "phong-bi.typ.j2",
        include_str!("../templates/phong-bi.typ.j2"),
    ),
    (
        "so-do-cho-ngoi.typ.j2",
        include_str!("../templates/so-do-cho-ngoi.typ.j2"),
    ),
    (
        "danh-sach-khen-thuong.typ.j2",
        include_str!("../templates/danh-sach-khen-thuong.typ.j2"),
    ),
    (
        "ke-hoach.typ.j2",
        include_str!("../templates/ke-hoach.typ.j2"),
    ),
    (
        "nhiem-vu.typ.j2",
        include_str!("../templates/nhiem-vu.typ.j2"),
    ),
    ("bieu.typ.j2", include_str!("../templates/bieu.typ.j2")),
    ("macros.typ.j2", include_str!("../templates/macros.typ.j2")),
    ("nd30.typ", include_str!("../templates/nd30.typ")),
];

const ESCAPE: &str = "typst";

/// How much work one rendering may do (minijinja's fuel: about one unit per instruction).
/// A real template renders 10,000 invitations in a few million; a runaway loop is stopped
/// with a message naming its template instead of running for minutes.
const FUEL: u64 = 500_000_000;

/// The loaded templates, built-in or overridden, ready to render.
pub struct Templates {
    env: Environment<'static>,
    /// Plain Typst files by name, with their text.
    typst_files: Vec<(String, String)>,
    /// Where each template came from, by name, for messages.
    origins: Vec<(String, Origin)>,
    /// Files of the override folder that replace nothing: probably misspelt.
    pub warnings: Vec<Problem>,
}

impl Templates {
    /// The files of `dir` that [`Templates::load`] reads when they exist: one per built-in
    /// template, named like it.
    pub fn files(dir: &Path) -> Vec<PathBuf> {
        BUILT_IN.iter().map(|(name, _)| dir.join(name)).collect()
    }

    /// Loads the built-in templates, replacing those that `dir` has a file for.
    pub fn load(dir: Option<&Path>) -> Result<Self, Problems> {
        if let Some(dir) = dir
            && !dir.is_dir()
        {
            return Err(Problem::error(Place::file(dir), BuildMsg::TemplatesFolderMissing).into());
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".typ.j2") {
                AutoEscape::Custom(ESCAPE.into())
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(format_value);
        env.set_fuel(Some(FUEL));
        add_filters(&mut env);

        let mut problems = Problems::default();
        let mut typst_files = Vec::new();
        let mut origins = Vec::new();
        for (name, built_in) in BUILT_IN {
            let (origin, text) = match dir.map(|d| d.join(name)).filter(|p| p.exists()) {
                Some(path) => match read_template(&path) {
                    Ok(text) => (Origin::File(path.display().to_string()), text),
                    Err(problem) => {
                        problems.push(problem);
                        continue;
                    }
                },
                None => (Origin::BuiltIn(name.to_string()), built_in.to_string()),
            };
            if name.ends_with(".typ.j2") {
                if let Err(e) = env.add_template_owned(*name, text) {
                    problems.push(template_problem(&origin, &e));
                }
            } else {
                typst_files.push((name.to_string(), text));
            }
            origins.push((name.to_string(), origin));
        }
        let warnings = dir.map(unused_overrides).unwrap_or_default();
        problems.into_result()?;
        Ok(Self {
            env,
            typst_files,
            origins,
            warnings,
        })
    }

    /// Renders one template with `context` into Typst source.
    pub fn render(&self, name: &str, context: Value) -> Result<String, Problem> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_problem(&self.origin(name), &e))?;
        template.render(context).map_err(|e| {
            let origin = e.name().map_or(name, |n| n).to_string();
            template_problem(&self.origin(&origin), &e)
        })
    }

    /// The plain Typst files the documents import.
    pub fn typst_files(&self) -> &[(String, String)] {
        &self.typst_files
    }

    /// Where a template came from: a file of the override folder, or the built-in copy.
    pub fn origin(&self, name: &str) -> Origin {
        self.origins
            .iter()
            .find(|(n, _)| n == name)
            .map_or_else(|| Origin::BuiltIn(name.to_string()), |(_, o)| o.clone())
    }

    /// The line of template `name` that most likely produced the generated line `target`:
    /// minijinja keeps no map from output to template, so the template line whose literal
    /// text best matches the generated line is taken.
    pub fn source_line(&self, name: &str, target: &str) -> Option<usize> {
        let source = self.env.get_template(name).ok()?.source().to_string();
        let mut best: Option<(usize, usize)> = None;
        for (i, template_line) in source.lines().enumerate() {
            let pieces = literal_pieces(template_line);
            let score: usize = pieces.iter().map(|p| p.len()).sum();
            if score == 0 || !contains_in_order(target, &pieces) {
                continue;
            }
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i + 1, score));
            }
        }
        best.map(|(l, _)| l)
    }
}

/// The filters templates may use beside minijinja's own.
fn add_filters(env: &mut Environment<'static>) {
    // A Typst string literal, for the few values passed in code.
    env.add_filter("str", |text: &str| {
        Value::from_safe_string(typst_string(text))
    });
    // "Phát biểu khai mạc" → "phát biểu khai mạc", to continue a sentence; and back.
    env.add_filter("lower_first", |text: &str| crate::vn::lower_first(text));
    env.add_filter("upper_first", |text: &str| crate::vn::upper_first(text));
}

/// Writes a value into a template's output: strings escaped for Typst markup, numbers and
/// booleans as they are; a missing value or a whole list is a template error.
fn format_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), Error> {
    if !matches!(state.auto_escape(), AutoEscape::Custom(name) if name == ESCAPE) {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_safe() {
        return write!(out, "{value}").map_err(Error::from);
    }
    match value.kind() {
        ValueKind::String => out.write_str(&escape_markup(value.as_str().unwrap_or_default())),
        ValueKind::Number => write!(out, "{value}"),
        // Typst's spelling, not minijinja's Python-like `True`.
        ValueKind::Bool => out.write_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::None => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                "a missing value (none) cannot be printed; guard it with {% if … %}",
            ));
        }
        kind => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("a {kind} cannot be printed as text; print its items one by one"),
            ));
        }
    }
    .map_err(Error::from)
}

/// Escapes text for Typst markup so that it prints exactly as given: a backslash before every
/// ASCII punctuation character (this also stops `--`, `...`, `~` and quotes from turning into
/// dashes, ellipses, spaces and curly quotes), and line breaks turned into spaces.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text as a Typst string literal, for the few values a template passes in code: `"…"`.
pub fn typst_string(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A template file of the override folder, which must be a regular file.
fn read_template(path: &Path) -> Result<String, Problem> {
    let fail = |e: std::io::Error| {
        Problem::error(
            Place::file(path),
            Text::each(|l| {
                BuildMsg::TemplateCannotRead {
                    error: io_error(&e, l),
                }
                .text(l)
            }),
        )
    };
    let meta = std::fs::metadata(path).map_err(fail)?;
    if !meta.is_file() {
        return Err(fail(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
    }
    std::fs::read_to_string(path).map_err(fail)
}

/// Files of an override folder that are named like templates but replace none.
fn unused_overrides(dir: &Path) -> Vec<Problem> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let known: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|n| n.ends_with(".j2") || n.ends_with(".typ"))
        .filter(|n| !known.contains(&n.as_str()))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            Problem::warning(
                Place::file(dir.join(&name)),
                BuildMsg::TemplateReplacesNothing {
                    name,
                    known: known.join(", "),
                },
            )
        })
        .collect()
}

fn template_problem(origin: &Origin, e: &Error) -> Problem {
    let place = Place::Template {
        origin: origin.clone(),
        line: e.line(),
    };
    if e.kind() == ErrorKind::OutOfFuel {
        return Problem::error(place, BuildMsg::TemplateTooLong);
    }
    let kind = match e.kind() {
        ErrorKind::SyntaxError => BuildMsg::TemplateSyntax,
        ErrorKind::UndefinedError => BuildMsg::TemplateUndefined,
        ErrorKind::InvalidOperation | ErrorKind::BadSerialization => BuildMsg::TemplateBadOperation,
        ErrorKind::MissingArgument => BuildMsg::TemplateMissingArgument,
        ErrorKind::TooManyArguments => BuildMsg::TemplateTooManyArguments,
        ErrorKind::UnknownFilter => BuildMsg::TemplateUnknownFilter,
        ErrorKind::UnknownTest => BuildMsg::TemplateUnknownTest,
        ErrorKind::UnknownFunction => BuildMsg::TemplateUnknownFunction,
        ErrorKind::TemplateNotFound => BuildMsg::TemplateNotFound,
        _ => BuildMsg::TemplateOther,
    };
    // minijinja's detail is in English: it names the template's own code, which the template's
    // author reads.
    let detail = e.detail().unwrap_or_default().to_string();
    Problem::error(
        place,
        Text::each(|l| {
            BuildMsg::TemplateError {
                kind: kind.text(l),
                detail: detail.clone(),
            }
            .text(l)
        }),
    )
}

/// The literal text of a template line, with the `{{ }}`, `{% %}` and `{# #}` parts cut out.
fn literal_pieces(line: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(['{']) {
        let tail = &rest[start..];
        let close = match tail.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                let piece = &rest[..start + 1];
                pieces.push(piece);
                rest = &rest[start + 1..];
                continue;
            }
        };
        pieces.push(&rest[..start]);
        rest = tail.find(close).map_or("", |end| &tail[end + 2..]);
    }
    pieces.push(rest);
    pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

fn contains_in_order(haystack: &str, pieces: &[&str]) -> bool {
    let mut rest = haystack;
    for piece in pieces {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_str(template: &str, context: Value) -> Result<String, Error> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| AutoEscape::Custom(ESCAPE.into()));
        env.set_formatter(format_value);
        add_filters(&mut env);
        env.render_str(template, context)
    }

    #[test]
    fn markup_escaping_covers_every_ascii_punctuation() {
        assert_eq!(escape_markup("#read(\"/x\")"), "\\#read\\(\\\"\\/x\\\"\\)");
        assert_eq!(escape_markup("a -- b ... ~"), "a \\-\\- b \\.\\.\\. \\~");
        assert_eq!(escape_markup("Nguyễn Văn A"), "Nguyễn Văn A");
        assert_eq!(escape_markup("line1\n= H"), "line1 \\= H");
        for c in (0u8..128)
            .map(char::from)
            .filter(char::is_ascii_punctuation)
        {
            assert_eq!(escape_markup(&c.to_string()), format!("\\{c}"));
        }
    }

    #[test]
    fn strings_print_escaped_and_numbers_as_they_are() {
        let out = render_str(
            "{{ a }} {{ n }} {{ b }}",
            minijinja::context! { a => "*x*", n => 14, b => true },
        );
        assert_eq!(out.unwrap(), "\\*x\\* 14 true");
    }

    #[test]
    fn the_str_filter_makes_a_string_literal_escaped_once() {
        let out = render_str(
            "{{ f | str }}",
            minijinja::context! { f => "Times \"New\" \\ Roman" },
        );
        assert_eq!(out.unwrap(), "\"Times \\\"New\\\" \\\\ Roman\"");
    }

    #[test]
    fn undefined_and_missing_values_are_errors_not_blanks() {
        let e = render_str("Kính mời {{ nobody }}", minijinja::context! {}).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UndefinedError);
        let e = render_str("{{ x }}", minijinja::context! { x => () }).unwrap_err();
        assert!(e.to_string().contains("missing value"), "{e}");
        let e = render_str("{{ x }}", minijinja::context! { x => vec!["a"] }).unwrap_err();
        assert!(e.to_string().contains("cannot be printed"), "{e}");
    }

    #[test]
    fn built_in_templates_load() {
        let t = Templates::load(None).unwrap();
        assert!(t.typst_files().iter().any(|(n, _)| n == "nd30.typ"));
        assert_eq!(
            t.origin("giay-moi.typ.j2"),
            Origin::BuiltIn("giay-moi.typ.j2".into())
        );
    }

    #[test]
    fn an_override_that_replaces_nothing_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("giaymoi.typ.j2"), "x").unwrap();
        let t = Templates::load(Some(dir.path())).unwrap();
        assert_eq!(t.warnings.len(), 1);
        assert!(
            t.warnings[0]
                .message
                .en
                .starts_with("\"giaymoi.typ.j2\" replaces no template")
        );
    }

    #[test]
    fn a_runaway_template_is_stopped() {
        let mut env = Environment::new();
        env.set_fuel(Some(FUEL / 1000));
        let e = env
            .render_str(
                "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
                (),
            )
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::OutOfFuel);
    }

    #[test]
    fn generated_lines_are_traced_to_their_template_line() {
        let t = Templates::load(None).unwrap();
        let line = t
            .source_line("giay-moi.typ.j2", "*Thời gian:* 08 giờ 00 phút.")
            .unwrap();
        let source = BUILT_IN[0].1.lines().nth(line - 1).unwrap();
        assert!(source.starts_with("*Thời gian:*"), "{source}");
    }

    #[test]
    fn literal_pieces_skip_template_tags() {
        assert_eq!(
            literal_pieces("*Chủ trì:* {{ event.chair }}."),
            ["*Chủ trì:*", "."]
        );
        assert_eq!(
            literal_pieces("{% if x %}{{ y }}{% endif %}"),
            Vec::<&str>::new()
        );
        assert_eq!(literal_pieces("#f({ a })"), ["#f({", "a })"]);
    }
}
