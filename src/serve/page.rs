//! The page as HTML, made on the server: the forms of every part of the model (laid out from
//! the model's schema, labelled from the catalogue of field names), the invitee list, the
//! preview and the build. minijinja escapes every value for HTML, as the papers' templates
//! escape them for Typst.

use std::sync::OnceLock;

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Value as Jinja, context};
use serde::Serialize;
use serde_json::Value;

use super::edit::{DATES, shown_date};
use super::schema::{Kind, Node, Schema, Step, bare, path_of};
use super::state::{App, Doc, ListView, Shown, file_name, words_of_path};
use crate::i18n::Lang;
use crate::i18n::places::field_label;
use crate::i18n::web::{WORDS, word};
use crate::vn::HONORIFICS;

/// The page's files, built into the program.
const TEMPLATES: &[(&str, &str)] = &[
    ("page.html", include_str!("assets/page.html")),
    ("start.html", include_str!("assets/start.html")),
    ("widgets.html", include_str!("assets/widgets.html")),
    ("upload.html", include_str!("assets/upload.html")),
];

/// The parts of the model edited on the programme's tab; the invitees have their own tab and
/// every other part is on the first.
const PROGRAM: &[&str] = &[
    "session",
    "agenda",
    "presentations",
    "exhibits",
    "awards",
    "script",
];

/// What the page never shows: notes to whoever edits the file, the schema's address.
const HIDDEN: &[&str] = &["comment", "$schema"];

/// The times of day the model holds, typed as HH:MM.
const TIMES: &[&str] = &["event.start", "session.end"];

/// Texts long enough to want a box of several lines.
const LONG: &[&str] = &[
    "event.title",
    "script.reason",
    "awards.decision.about",
    "invitation.notes",
];

/// The invitee list's columns; the other fields of a row are in its "more" fold.
const LIST_COLUMNS: &[&str] = &[
    "honorific",
    "name",
    "position",
    "organization",
    "group",
    "seat",
];

fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        for (name, text) in TEMPLATES {
            env.add_template(name, text)
                .expect("the page's templates are valid");
        }
        env
    })
}

/// The page's words in `lang`, for its templates (`w("tab_info", n=3)`) and its script.
fn words_function(lang: Lang) -> impl Fn(&str, minijinja::value::Kwargs) -> Result<String, Error> {
    move |key: &str, args: minijinja::value::Kwargs| {
        let text = word(key, lang)
            .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("no word {key:?}")))?;
        let mut out = text.to_string();
        for arg in args.args() {
            let value: Jinja = args.get(arg)?;
            out = out.replace(&format!("{{{arg}}}"), &value.to_string());
        }
        Ok(out)
    }
}

fn render(name: &str, lang: Lang, ctx: Jinja) -> String {
    let mut env = environment().clone();
    env.add_function("w", words_function(lang));
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .unwrap_or_else(|e| {
            // The templates are the program's own: a failure is a mistake of ours, shown in
            // words rather than as an empty page.
            format!(
                "<!doctype html><meta charset=utf-8><p>{}</p>",
                html_escape(
                    &crate::i18n::web::WebMsg::Internal {
                        detail: e.to_string()
                    }
                    .text(lang)
                )
            )
        })
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// All the words the script may need, keyed.
fn script_words(lang: Lang) -> serde_json::Map<String, Value> {
    WORDS
        .iter()
        .map(|(k, vi, en)| (k.to_string(), Value::String(lang.pick(vi, en).to_string())))
        .collect()
}

/// JSON to put inside a `<script>` element: no `<`, `>` or `&` that could end it early.
pub fn script_json(value: &Value) -> String {
    serde_json::to_string(value)
        .expect("JSON values serialize")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The page offered when the folder has no model: create one, or choose among several.
pub fn start(app: &App, models: &[String]) -> String {
    render(
        "start.html",
        app.lang,
        context! {
            lang => lang_code(app.lang),
            token => &app.secret,
            folder => app.folder.display().to_string(),
            models => Jinja::from(Serde(models)),
            words_json => script_json(&Value::Object(script_words(app.lang))),
        },
    )
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

/// One input of a form, or a group of them.
#[derive(Debug, Serialize, Default)]
pub struct Field {
    pub path: String,
    pub label: String,
    pub hint: Option<String>,
    /// text, long, date, time, number, check, choice, lines, group, rows.
    pub widget: &'static str,
    pub value: String,
    pub checked: bool,
    /// (value, words) for a choice.
    pub choices: Vec<(String, String)>,
    /// The suggestions offered while typing (a datalist's id).
    pub suggest: Option<&'static str>,
    pub children: Vec<Field>,
    /// For rows: the columns' labels and the rows.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// For the programme: a column of computed times.
    pub clock: bool,
}

/// A row of a list of objects.
#[derive(Debug, Serialize)]
pub struct Row {
    pub path: String,
    pub n: usize,
    /// The row in words: "Mục chương trình thứ 3".
    pub label: String,
    pub cells: Vec<Field>,
    pub more: Vec<Field>,
    /// For a list file: each cell's address, as the sheet shows it.
    pub addresses: Vec<Option<String>>,
}

/// A tab of forms.
#[derive(Debug, Serialize)]
struct Section {
    fields: Vec<Field>,
}

/// The main page.
pub fn main(app: &App, doc: &Doc) -> String {
    let lang = app.lang;
    let root = app.schema.root();
    let empty = Value::Object(Default::default());
    let value = doc.value.as_ref().unwrap_or(&empty);
    let mut info = Vec::new();
    let mut program = Vec::new();
    for (key, node) in root.properties("") {
        if HIDDEN.contains(&key) || key == "invitees" {
            continue;
        }
        let steps = vec![Step::Key(key.to_string())];
        let field = field(&app.schema, node, &steps, value.get(key), lang);
        if PROGRAM.contains(&key) {
            program.push(field);
        } else {
            info.push(field);
        }
    }
    program.sort_by_key(|f| PROGRAM.iter().position(|p| *p == f.path));
    let list = invitees(app, doc, lang);
    let documents = documents(app, doc, lang);
    let date = doc
        .conf
        .as_ref()
        .and_then(|c| c.date)
        .map(|d| d.format("%d/%m/%Y").to_string());
    let fix = fix_effect(doc, &documents);
    render(
        "page.html",
        lang,
        context! {
            lang => lang_code(lang),
            token => &app.secret,
            version => &doc.version,
            model => file_name(&doc.path),
            title => value.get("event").and_then(|e| e.get("title")).and_then(Value::as_str).unwrap_or(""),
            date => date,
            info => Jinja::from(Serde(Section { fields: info })),
            program => Jinja::from(Serde(Section { fields: program })),
            list => Jinja::from(Serde(&list)),
            documents => Jinja::from(Serde(&documents)),
            fix => Jinja::from(Serde(&fix)),
            state_json => script_json(&doc.state()),
            words_json => script_json(&Value::Object(script_words(lang))),
            honorifics => Jinja::from(Serde(HONORIFICS)),
            groups => groups(value),
            seats => Jinja::from(Serde([("head", "Chủ tọa"), ("front", "Hàng đầu")])),
            fixed_number => value.get("invitation").and_then(|i| i.get("number")).filter(|n| !n.is_null()).map(Value::to_string),
            fixed_signing => value.get("invitation").and_then(|i| i.get("date")).and_then(Value::as_str).map(shown_date),
        },
    )
}

/// The names of the groups, to suggest in the list's "Nhóm" column.
fn groups(value: &Value) -> Vec<String> {
    value
        .get("groups")
        .and_then(Value::as_array)
        .map(|g| {
            g.iter()
                .filter_map(|g| {
                    g.as_str()
                        .or_else(|| g.get("name").and_then(Value::as_str))
                        .map(String::from)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The invitee list: its rows, where they come from.
#[derive(Debug, Serialize)]
struct ListTab {
    field: Field,
    file: Option<String>,
    summary: Option<String>,
    count: usize,
}

fn invitees(app: &App, doc: &Doc, lang: Lang) -> ListTab {
    let steps = vec![Step::Key("invitees".into())];
    let node = app.schema.at(&steps).expect("the model has invitees");
    let rows = Value::Array(doc.invitee_rows());
    let mut field = rows_field(&app.schema, node, &steps, &rows, lang, LIST_COLUMNS);
    if let Some(list) = &doc.list {
        for row in &mut field.rows {
            row.addresses = LIST_COLUMNS
                .iter()
                .map(|f| list.cell_of(row.n - 1, f))
                .collect();
        }
    }
    let from_file = doc
        .value
        .as_ref()
        .and_then(|v| v.get("invitees"))
        .is_some_and(Value::is_object);
    ListTab {
        count: field.rows.len(),
        field,
        file: doc
            .list
            .as_ref()
            .filter(|_| from_file)
            .map(|l| l.file.clone()),
        summary: doc
            .list
            .as_ref()
            .filter(|_| from_file)
            .and_then(|l| summary(l, lang)),
    }
}

/// "dai-bieu.xlsx: dòng tiêu đề là dòng 3; đọc được 133 đại biểu".
pub fn summary(list: &ListView, lang: Lang) -> Option<String> {
    let report = list.report.as_ref()?;
    Some(
        crate::i18n::web::WebMsg::ListRead {
            file: list.file.clone(),
            header: report.header_row,
            count: report.invitees,
        }
        .text(lang),
    )
}

/// A paper the preview can show.
#[derive(Debug, Serialize)]
struct Paper {
    name: &'static str,
    title: &'static str,
    invitations: bool,
}

fn documents(app: &App, doc: &Doc, lang: Lang) -> Vec<Paper> {
    let Some(conf) = &doc.conf else {
        return Vec::new();
    };
    app.engine()
        .documents(conf, None)
        .unwrap_or_default()
        .into_iter()
        .map(|d| Paper {
            name: d.name,
            title: d.title(lang),
            invitations: d.shape == crate::documents::Shape::Invitations,
        })
        .collect()
}

/// What fixing the date makes again, in words.
fn fix_effect(doc: &Doc, papers: &[Paper]) -> Value {
    let others: Vec<&str> = papers
        .iter()
        .filter(|p| !p.invitations)
        .map(|p| p.title)
        .collect();
    serde_json::json!({
        "invitations": doc.invitee_count(),
        "documents": others.join("; "),
    })
}

/// The form of the part of the model at `steps`.
fn field(schema: &Schema, node: Node, steps: &[Step], value: Option<&Value>, lang: Lang) -> Field {
    let bare_path = bare(steps);
    let path = path_of(steps);
    let key = match steps.last() {
        Some(Step::Key(k)) => k.as_str(),
        _ => "",
    };
    let label = field_label(&bare_path, lang)
        .map(String::from)
        .unwrap_or_else(|| key.to_string());
    let hint = hint(&bare_path, node, lang);
    let mut f = Field {
        path,
        label,
        hint,
        ..Field::default()
    };
    match node.kind() {
        Kind::Object => {
            f.widget = "group";
            for (k, child) in node.properties(&bare_path) {
                if HIDDEN.contains(&k) {
                    continue;
                }
                let mut s = steps.to_vec();
                s.push(Step::Key(k.to_string()));
                f.children
                    .push(field(schema, child, &s, value.and_then(|v| v.get(k)), lang));
            }
        }
        Kind::Array => {
            let items = node.items();
            if items.is_some_and(|i| i.kind() == Kind::Object) {
                let rows = value.cloned().unwrap_or(Value::Array(Vec::new()));
                let mut r = rows_field(schema, node, steps, &rows, lang, &[]);
                r.label = f.label;
                r.hint = f.hint;
                r.clock = bare_path == "agenda";
                return r;
            }
            f.widget = "lines";
            f.hint = f
                .hint
                .or_else(|| word("hint_lines", lang).map(String::from));
            f.value = value
                .and_then(Value::as_array)
                .map(|items| items.iter().map(text_of).collect::<Vec<_>>().join("\n"))
                .unwrap_or_default();
        }
        Kind::Boolean => {
            f.widget = "check";
            f.checked = value.and_then(Value::as_bool).unwrap_or(false);
        }
        Kind::Choice => {
            f.widget = "choice";
            f.value = value.map(text_of).unwrap_or_default();
            if node.nullable || node.default_value().is_some() {
                f.choices.push((String::new(), String::new()));
            }
            f.choices.extend(node.choices());
        }
        Kind::Integer => {
            f.widget = "number";
            f.value = value.map(text_of).unwrap_or_default();
        }
        Kind::Text => {
            let text = value.map(text_of).unwrap_or_default();
            f.widget = if DATES.contains(&bare_path.as_str()) {
                f.value = shown_date(&text);
                "date"
            } else if TIMES.contains(&bare_path.as_str()) {
                f.value = text;
                "time"
            } else if LONG.contains(&bare_path.as_str()) || text.chars().count() > 90 {
                f.value = text;
                "long"
            } else {
                f.value = text;
                "text"
            };
            f.suggest = match key {
                "honorific" => Some("honorifics"),
                "group" if bare_path.starts_with("invitees") => Some("groups"),
                "seat" => Some("seats"),
                _ => None,
            };
        }
    }
    f
}

/// A list of objects as rows: the plain fields of each as columns (or `columns` when
/// given), the others in a fold.
fn rows_field(
    schema: &Schema,
    node: Node,
    steps: &[Step],
    rows: &Value,
    lang: Lang,
    columns: &[&str],
) -> Field {
    let bare_path = bare(steps);
    let item = node.items().expect("a list of objects has items");
    let props = item.properties(&bare_path);
    let plain = |k: &str, n: &Node| {
        if columns.is_empty() {
            matches!(
                n.kind(),
                Kind::Text | Kind::Integer | Kind::Choice | Kind::Boolean
            ) && !HIDDEN.contains(&k)
        } else {
            columns.contains(&k)
        }
    };
    let header: Vec<String> = props
        .iter()
        .filter(|(k, n)| plain(k, n))
        .map(|(k, _)| {
            field_label(&format!("{bare_path}.{k}"), lang)
                .map(String::from)
                .unwrap_or_else(|| k.to_string())
        })
        .collect();
    let mut out = Field {
        path: path_of(steps),
        label: field_label(&bare_path, lang)
            .map(String::from)
            .unwrap_or_default(),
        widget: "rows",
        columns: header,
        ..Field::default()
    };
    for (i, row) in rows.as_array().into_iter().flatten().enumerate() {
        let mut s = steps.to_vec();
        s.push(Step::Index(i));
        let mut cells = Vec::new();
        let mut more = Vec::new();
        for (k, n) in &props {
            if HIDDEN.contains(k) && columns.is_empty() {
                continue;
            }
            let mut fs = s.clone();
            fs.push(Step::Key(k.to_string()));
            let f = field(schema, *n, &fs, row.get(*k), lang);
            if plain(k, n) {
                cells.push(f);
            } else {
                more.push(f);
            }
        }
        // Keep the columns in the header's order when they are given.
        if !columns.is_empty() {
            cells.sort_by_key(|f| {
                columns
                    .iter()
                    .position(|c| f.path.ends_with(&format!(".{c}")))
            });
        }
        let path = path_of(&s);
        out.rows.push(Row {
            label: words_of_path(&path, lang),
            path,
            n: i + 1,
            cells,
            more,
            addresses: Vec::new(),
        });
    }
    if !columns.is_empty() {
        // The header in the columns' order too.
        out.columns = columns
            .iter()
            .map(|c| {
                field_label(&format!("{bare_path}.{c}"), lang)
                    .map(String::from)
                    .unwrap_or_else(|| c.to_string())
            })
            .collect();
    }
    out
}

/// The help under a field: the page's own where the model's documentation speaks of the
/// file's syntax, else the documentation (written in Vietnamese for the users).
fn hint(bare_path: &str, node: Node, lang: Lang) -> Option<String> {
    let own = match bare_path {
        "event.date" => Some("hint_event_date"),
        "invitation.date" | "plan.date" => Some("hint_signing"),
        p if DATES.contains(&p) => Some("hint_date"),
        p if TIMES.contains(&p) => Some("hint_time"),
        _ => None,
    };
    if let Some(key) = own {
        return word(key, lang).map(String::from);
    }
    if lang != Lang::Vi {
        return None;
    }
    let text = node.description()?;
    let technical = ["`", "{", "YYYY", "HH:MM", "null", "\"file\"", "--"];
    if technical.iter().any(|t| text.contains(t)) {
        return None;
    }
    Some(text.to_string())
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The rows of an upload, with the problems found on them, before it is used.
pub fn upload_preview(app: &App, list: &ListView, problems: &[Shown]) -> String {
    let lang = app.lang;
    let steps = vec![Step::Key("invitees".into())];
    let node = app.schema.at(&steps).expect("the model has invitees");
    let mut field = rows_field(
        &app.schema,
        node,
        &steps,
        &Value::Array(list.rows.clone()),
        lang,
        LIST_COLUMNS,
    );
    for row in &mut field.rows {
        row.addresses = LIST_COLUMNS
            .iter()
            .map(|f| list.cell_of(row.n - 1, f))
            .collect();
    }
    render(
        "upload.html",
        lang,
        context! {
            summary => summary(list, lang),
            field => Jinja::from(Serde(&field)),
            problems => Jinja::from(Serde(problems)),
            repaired => repaired_cells(list),
        },
    )
}

/// The cells converted from TCVN3 or VNI.
fn repaired_cells(list: &ListView) -> Vec<String> {
    list.report
        .as_ref()
        .map(|r| r.converted.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_cover_every_part_of_the_sample() {
        let schema = Schema::model();
        let text = std::fs::read_to_string("data/hoi-nghi-ocop-2025.json").expect("the sample");
        let mut problems = Vec::new();
        let value = crate::model::json::parse(&text, "m", &mut problems).expect("valid");
        let steps = vec![Step::Key("agenda".into())];
        let node = schema.at(&steps).expect("agenda");
        let f = field(&schema, node, &steps, value.get("agenda"), Lang::Vi);
        assert_eq!(f.widget, "rows");
        assert!(f.clock);
        assert_eq!(f.rows.len(), value["agenda"].as_array().map_or(0, Vec::len));
        assert!(f.columns.iter().any(|c| c == "Nội dung"), "{:?}", f.columns);
        let steps = vec![Step::Key("event".into())];
        let event = field(
            &schema,
            schema.at(&steps).expect("event"),
            &steps,
            value.get("event"),
            Lang::Vi,
        );
        let title = &event.children[0];
        assert_eq!(title.path, "event.title");
        assert_eq!(title.label, "Tên hội nghị");
    }
}
