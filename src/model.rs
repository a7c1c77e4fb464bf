//! The conference model: its serde types, loading from JSON (encoding, syntax, NFC, invisible
//! characters) and validation. Everything after this stage trusts a [`Conference`].

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::schedule::Schedule;

/// The forms of address an invitee may carry.
pub const HONORIFICS: [&str; 3] = ["Đồng chí", "Ông", "Bà"];

/// The longest texts an invitation can hold on its one page, in characters.
pub const MAX_NAME: usize = 80;
pub const MAX_LINE: usize = 200;

/// The model as written in the JSON file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// Free text for whoever edits the file; printed nowhere.
    #[serde(default)]
    pub comment: Option<String>,
    pub issuer: Issuer,
    pub event: Event,
    pub invitation: Invitation,
    pub signer: Signer,
    #[serde(default)]
    pub style: Style,
    /// The groups of the delegate lists, in protocol order.
    #[serde(default)]
    pub groups: Vec<String>,
    pub invitees: Vec<Invitee>,
    /// The plan the annexes are attached to ("Kèm theo Kế hoạch số …").
    #[serde(default)]
    pub plan: Option<Plan>,
    /// The part of the day the conference occupies ("01 buổi").
    #[serde(default)]
    pub session: Option<Session>,
    /// The programme, in order; clock times are computed from `event.start`.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// Biểu số 01: who presents what in the presentations block.
    #[serde(default)]
    pub presentations: Vec<Presentation>,
    /// Biểu số 02: the display tables.
    #[serde(default)]
    pub exhibits: Vec<Exhibit>,
    #[serde(default)]
    pub awards: Option<Awards>,
    /// What only the MC's script needs.
    #[serde(default)]
    pub script: Option<Script>,
}

/// A person as the papers name them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[serde(default)]
    pub honorific: Option<String>,
    pub name: String,
    #[serde(default)]
    pub position: Option<String>,
}

/// A plan of the issuer's (Kế hoạch), cited by its annexes.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub number: Option<u32>,
    /// "KH-UBND".
    pub symbol: String,
    /// "YYYY-MM-DD", "YYYY-MM" (day blank) or null.
    #[serde(default)]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// "buổi sáng", "buổi chiều".
    pub name: String,
    /// When the session ends, "HH:MM": a programme running past it is reported.
    pub end: String,
}

/// What an agenda item is, which decides what the MC says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// Tuyên bố lý do, giới thiệu đại biểu.
    Opening,
    /// A speech by `speaker` (khai mạc, chỉ đạo …).
    Speech,
    /// A report or film shown to the conference.
    Report,
    /// The presentations of `presentations`, one after another.
    Presentations,
    /// The awards ceremony of `awards`.
    Awards,
    /// Kết luận, bế mạc.
    Closing,
    #[default]
    Other,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    #[serde(default)]
    pub kind: ItemKind,
    /// "Phát biểu khai mạc Hội nghị".
    pub content: String,
    /// Who performs it, for the programme's "Thực hiện" column: "Lãnh đạo UBND tỉnh".
    #[serde(default)]
    pub by: Option<String>,
    /// Whom the MC invites to speak.
    #[serde(default)]
    pub speaker: Option<Person>,
    /// Its length; for the presentations block, the sum of the presentations when left out.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// A stage direction for the script: "Trình chiếu phóng sự".
    #[serde(default)]
    pub direction: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Presentation {
    /// The presenting body: "Sở Công Thương", "UBND xã Chi Lăng".
    pub unit: String,
    #[serde(default)]
    pub speaker: Option<Person>,
    pub topic: String,
    pub minutes: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Exhibit {
    /// The table's number.
    pub table: u32,
    /// The commune or ward that hosts it.
    pub host: String,
    pub products: Vec<Product>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub name: String,
    pub producer: String,
    /// OCOP rating, 3 to 5.
    pub stars: u8,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Awards {
    pub decision: Decision,
    /// "Bằng khen", "Giấy khen".
    pub form: String,
    /// Who announces the decision: "đại diện lãnh đạo Sở Nội vụ".
    pub announcer: String,
    /// Who hands the awards over.
    pub presenter: Person,
    /// How many awardees go on stage at once.
    #[serde(default = "default_group_size")]
    pub group_size: usize,
    /// Collectives (tập thể), called first.
    #[serde(default)]
    pub organizations: Vec<String>,
    /// Individuals (cá nhân).
    #[serde(default)]
    pub individuals: Vec<Awardee>,
}

fn default_group_size() -> usize {
    10
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// "1234/QĐ-UBND"; null leaves it blank.
    #[serde(default)]
    pub number: Option<String>,
    /// "YYYY-MM-DD" or null.
    #[serde(default)]
    pub date: Option<String>,
    /// Who signed it: "Chủ tịch Ủy ban nhân dân tỉnh".
    pub signer: String,
    /// What it is about, after "về việc": "tặng Bằng khen cho các tập thể, cá nhân …".
    pub about: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Awardee {
    pub name: String,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub organization: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// Who reads the script: "Chánh Văn phòng UBND tỉnh".
    #[serde(default)]
    pub mc: Option<String>,
    /// The reason for the conference, read after the greeting (tuyên bố lý do).
    pub reason: String,
    /// The delegates introduced at the opening.
    #[serde(default)]
    pub introductions: Vec<Introduction>,
}

/// A delegate introduced at the opening: an invitee by id, or a person named here.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Introduction {
    /// Protocol rank: lower is introduced first.
    pub rank: u32,
    /// The side the delegate belongs to: "Thường trực Hội đồng nhân dân tỉnh".
    pub bloc: String,
    #[serde(default)]
    pub invitee: Option<String>,
    #[serde(default)]
    pub person: Option<Person>,
}

/// The body that issues the papers (NĐ 30 ô 2).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Cơ quan chủ quản, printed above the issuer, upright and not bold.
    #[serde(default)]
    pub parent: Option<String>,
    /// The issuer's name as printed in the header, one entry a line, upper case.
    pub header: Vec<String>,
    /// The issuer's name in running text: "Ủy ban nhân dân tỉnh Lạng Sơn".
    pub name: String,
    /// The place name of the date line: "Lạng Sơn".
    pub place: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// "Hội nghị sơ kết …", as it follows "Tới dự".
    pub title: String,
    /// "YYYY-MM-DD", or null while the date is not fixed.
    pub date: Option<String>,
    /// The wording used while `date` is null: "trong tháng 10/2025".
    #[serde(default)]
    pub tentative: Option<String>,
    /// "HH:MM".
    pub start: String,
    pub venue: String,
    /// Who chairs it (Chủ trì).
    pub chair: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    /// The document number; null leaves it blank for the clerk.
    #[serde(default)]
    pub number: Option<u32>,
    /// The symbol after the slash: "GM-UBND".
    pub symbol: String,
    /// The signing date: "YYYY-MM-DD", "YYYY-MM" (day left blank) or null (all blank).
    #[serde(default)]
    pub date: Option<String>,
    /// Points to note, one paragraph each; the last one gets the closing "./.".
    #[serde(default)]
    pub notes: Vec<String>,
    /// Nơi nhận, one recipient a line, without the leading "- " and the trailing ";".
    pub recipients: Vec<String>,
}

/// The signature block (NĐ 30 ô 7).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Authority and position lines: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    pub title: Vec<String>,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// The font family every document is set in.
    #[serde(default = "default_font")]
    pub font: String,
    /// The size set of NĐ 30: 13 or 14 (body size in points).
    #[serde(default = "default_size")]
    pub size: u32,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            font: default_font(),
            size: default_size(),
        }
    }
}

fn default_font() -> String {
    "Tinos".into()
}

fn default_size() -> u32 {
    14
}

/// One invitation: to a person (`name`), to an organisation (`organization`), or both.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Invitee {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub honorific: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub organization: Option<String>,
    /// Who should attend an invitation sent to an organisation: "Đại diện lãnh đạo Sở".
    #[serde(default)]
    pub attendees: Option<String>,
    /// The group of the delegate lists, one of the model's `groups`.
    #[serde(default)]
    pub group: Option<String>,
    /// An explicit place in the group, where protocol decides (1 first); others follow by name.
    #[serde(default)]
    pub order: Option<u32>,
    /// "head" (head table) or "front" (front rows): who gets a name card.
    #[serde(default)]
    pub seat: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// The postal address, for the envelope.
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
}

impl Invitee {
    /// The text the invitee's file is named after: the name, else the organisation.
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.organization.as_deref())
            .unwrap_or_default()
    }
}

/// A signing date whose parts may be left blank to be filled in by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SigningDate {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// A validated model with its dates and times parsed.
#[derive(Debug, Clone)]
pub struct Conference {
    pub model: Model,
    pub date: Option<NaiveDate>,
    pub start: NaiveTime,
    pub signing: SigningDate,
    /// The date of the plan the annexes cite.
    pub plan_date: SigningDate,
    pub session_end: Option<NaiveTime>,
    /// The date of the awards decision.
    pub decision_date: Option<NaiveDate>,
    pub schedule: Schedule,
    /// Where each invitee came from when the list is a sheet; empty for an inline list.
    pub places: Vec<crate::import::RowPlaces>,
    /// What loading noticed without stopping: columns ignored, legacy text converted.
    pub warnings: Vec<Problem>,
}

impl Conference {
    /// While the date is not fixed every paper is a draft.
    pub fn is_draft(&self) -> bool {
        self.date.is_none()
    }

    /// The place to name for a JSON path: the sheet's cell for an invitee read from a sheet.
    pub fn place(&self, path: &str) -> String {
        place_in(&self.places, path)
    }

    /// The position in the list (0-based) of the invitee with this id.
    pub fn invitee_index(&self, id: &str) -> Option<usize> {
        self.model
            .invitees
            .iter()
            .position(|i| i.id.as_deref() == Some(id))
    }
}

/// One thing wrong with the input, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A JSON path (`invitees[12].honorific`) or a `file:line:column`.
    pub place: String,
    pub message: String,
}

impl Problem {
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Every problem found in one input, reported together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl Problems {
    /// Every value of `results`, or every problem of all of them: independent steps report
    /// together.
    pub fn gather<T>(
        results: impl IntoIterator<Item = Result<T, Vec<Problem>>>,
    ) -> Result<Vec<T>, Problems> {
        let mut values = Vec::new();
        let mut problems = Vec::new();
        for result in results {
            match result {
                Ok(value) => values.push(value),
                Err(p) => problems.extend(p),
            }
        }
        if problems.is_empty() {
            Ok(values)
        } else {
            Err(Problems(problems))
        }
    }
}

/// Reads, parses and validates a model file.
pub fn load(path: &Path) -> Result<Conference, Problems> {
    let origin = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        Problems(vec![Problem::new(
            &origin,
            format!("cannot read the model: {e}"),
        )])
    })?;
    let text = decode(&bytes, &origin)?;
    parse(text, &origin, path.parent().unwrap_or(Path::new(".")))
}

/// Parses and validates model text; `origin` names it in syntax errors, and a list file it
/// names is found relative to `dir`.
pub fn parse(text: &str, origin: &str, dir: &Path) -> Result<Conference, Problems> {
    let mut root: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        Problems(vec![Problem::new(
            format!("{origin}:{}:{}", e.line(), e.column()),
            format!("invalid JSON: {message}"),
        )])
    })?;

    let mut problems = Vec::new();
    let sheet = import_invitees(&mut root, dir, &mut problems);
    clean_strings(&mut root, &mut problems);
    let result = match deserialize(root, &mut problems) {
        // The checks run even after other problems, to report everything at once, but only
        // when every invitee was read: their paths count on the list being whole.
        Some((model, true)) => match (check(model), problems.is_empty()) {
            (Ok(conf), true) => Ok(conf),
            (Ok(_), false) => Err(Problems(problems)),
            (Err(Problems(more)), _) => Err(Problems(problems.into_iter().chain(more).collect())),
        },
        _ => Err(Problems(problems)),
    };
    // Problems of invitees read from a sheet are named by their cells.
    let Some(sheet) = sheet else { return result };
    let places = sheet.places;
    match result {
        Ok(mut conf) => {
            conf.warnings = sheet.warnings;
            conf.places = places;
            Ok(conf)
        }
        Err(Problems(problems)) => {
            for warning in &sheet.warnings {
                eprintln!("warning: {warning}");
            }
            Err(Problems(
                problems
                    .into_iter()
                    .map(|p| Problem {
                        place: place_in(&places, &p.place),
                        ..p
                    })
                    .collect(),
            ))
        }
    }
}

/// Invitees read from a sheet, normalized and checked like those of a model (NFC, no
/// invisible characters, the known fields), with problems named by their cells.
pub fn normalize_invitees(
    invitees: Vec<serde_json::Map<String, Value>>,
    places: &[crate::import::RowPlaces],
) -> Result<Vec<Invitee>, Problems> {
    let mut root = serde_json::json!({ "invitees": invitees });
    let mut problems = Vec::new();
    clean_strings(&mut root, &mut problems);
    let mut out = Vec::new();
    for (i, item) in root["invitees"]
        .as_array_mut()
        .map(std::mem::take)
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        match serde_path_to_error::deserialize::<_, Invitee>(item) {
            Ok(invitee) => out.push(invitee),
            Err(e) => problems.push(Problem::new(
                format!("invitees[{i}].{}", e.path()),
                e.inner().to_string(),
            )),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Problems(
            problems
                .into_iter()
                .map(|p| Problem {
                    place: place_in(places, &p.place),
                    ..p
                })
                .collect(),
        ))
    }
}

/// Where the list comes from when the model names a file instead of holding the array.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListFile {
    file: String,
    #[serde(default)]
    sheet: Option<String>,
}

/// Replaces `"invitees": {"file": …}` by the invitees read from that file.
fn import_invitees(
    root: &mut Value,
    dir: &Path,
    problems: &mut Vec<Problem>,
) -> Option<crate::import::Sheet> {
    let slot = root.get_mut("invitees")?;
    if !slot.is_object() {
        return None;
    }
    let source: ListFile = match serde_path_to_error::deserialize(slot.take()) {
        Ok(source) => source,
        Err(e) => {
            let inner = e.path().to_string();
            let place = if inner == "." {
                "invitees".to_string()
            } else {
                format!("invitees.{inner}")
            };
            problems.push(Problem::new(
                place,
                format!(
                    "{} (a list file is {{\"file\": \"dai-bieu.xlsx\", \"sheet\": \"…\"}})",
                    e.inner()
                ),
            ));
            *slot = Value::Array(Vec::new());
            return None;
        }
    };
    match crate::import::read(
        &dir.join(&source.file),
        &source.file,
        source.sheet.as_deref(),
    ) {
        Ok(mut sheet) => {
            *slot = Value::Array(sheet.invitees.drain(..).map(Value::Object).collect());
            problems.append(&mut sheet.problems);
            Some(sheet)
        }
        Err(p) => {
            *slot = Value::Array(Vec::new());
            problems.extend(p);
            None
        }
    }
}

/// The cell or row a JSON path into the invitees stands for, if it came from a sheet.
fn place_in(places: &[crate::import::RowPlaces], path: &str) -> String {
    let Some(rest) = path.strip_prefix("invitees[") else {
        return path.to_string();
    };
    let Some((index, field)) = rest.split_once(']') else {
        return path.to_string();
    };
    let Some(row) = index.parse::<usize>().ok().and_then(|i| places.get(i)) else {
        return path.to_string();
    };
    match field.strip_prefix('.') {
        Some(field) => row
            .of(field.split(['.', '[']).next().unwrap_or(field))
            .to_string(),
        None => row.row.clone(),
    }
}

/// UTF-8 is the only encoding accepted; a BOM, as Windows editors write it, is skipped.
fn decode<'a>(bytes: &'a [u8], origin: &str) -> Result<&'a str, Problems> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Problems(vec![Problem::new(
            origin,
            "the file is UTF-16; save it as UTF-8",
        )]));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        Problems(vec![Problem::new(
            format!("{origin}:{line}:{column}"),
            format!(
                "byte 0x{:02X} is not UTF-8; save the file as UTF-8 (text in Windows-1258, TCVN3 or VNI must be converted first)",
                bytes[e.valid_up_to()]
            ),
        )])
    })
}

/// Brings every string to NFC with single spaces, and rejects characters that are invisible
/// or reorder text: a name must print as the reader will type it.
fn clean_strings(root: &mut Value, problems: &mut Vec<Problem>) {
    visit_strings(root, &mut String::new(), &mut |path, s| {
        let path = place_of(path);
        let path = path.as_str();
        let nfc: String = s.nfc().collect();
        if let Some((pos, c)) = nfc.chars().enumerate().find(|&(_, c)| is_forbidden(c)) {
            problems.push(Problem::new(
                path,
                format!(
                    "{} contains the invisible or control character U+{:04X} at position {}; remove it",
                    quote(&nfc),
                    c as u32,
                    pos + 1
                ),
            ));
        } else if let Some(pos) = stray_mark(&nfc) {
            problems.push(Problem::new(
                path,
                format!(
                    "{} has a diacritic with no letter under it at position {}; retype the word",
                    quote(&nfc),
                    pos + 1
                ),
            ));
        }
        *s = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
    });
}

/// A JSON path as a place in messages; the root (an empty path, or serde's ".") has a name too.
fn place_of(path: &str) -> String {
    if path.is_empty() || path == "." {
        "the model".to_string()
    } else {
        path.to_string()
    }
}

/// Calls `f` with the JSON path (`invitees[3].name`) and the text of every string in `value`.
fn visit_strings(value: &mut Value, path: &mut String, f: &mut impl FnMut(&str, &mut String)) {
    match value {
        Value::String(s) => f(path, s),
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                visit_strings(item, path, f);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                visit_strings(item, path, f);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

impl Model {
    /// Every text that documents print, with its JSON path (comments are not printed).
    pub fn printed_texts(&self) -> Vec<(String, String)> {
        let mut value = serde_json::to_value(self).expect("the model serializes to JSON");
        let mut texts = Vec::new();
        visit_strings(&mut value, &mut String::new(), &mut |path, s| {
            if !path.ends_with("comment") {
                texts.push((path.to_string(), s.clone()));
            }
        });
        texts
    }
}

/// The position of a combining mark that sits on no letter (at the start, or after a space,
/// a digit or punctuation): what a broken conversion leaves, and what no font draws sensibly.
fn stray_mark(text: &str) -> Option<usize> {
    let mut base_is_letter = false;
    for (pos, c) in text.chars().enumerate() {
        if is_combining_mark(c) {
            if !base_is_letter {
                return Some(pos);
            }
        } else {
            base_is_letter = c.is_alphabetic();
        }
    }
    None
}

/// Control characters (Cc, but the whitespace that is folded to spaces), and the format
/// characters that hide text or reverse it: zero-width, soft hyphen, bidi controls, BOM.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, ' ' | '\t' | '\n' | '\r'))
        || matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Deserializes the model section by section, so that a mistake in one invitee does not hide
/// the mistakes in the others. The flag says whether every invitee was read.
fn deserialize(mut root: Value, problems: &mut Vec<Problem>) -> Option<(Model, bool)> {
    let invitees = match root.get_mut("invitees") {
        Some(Value::Array(items)) => Some(std::mem::take(items)),
        _ => None,
    };
    let model = serde_path_to_error::deserialize::<_, Model>(root)
        .map_err(|e| {
            problems.push(Problem::new(
                place_of(&e.path().to_string()),
                e.inner().to_string(),
            ))
        })
        .ok();

    let mut parsed = Vec::new();
    let mut complete = true;
    for (i, item) in invitees.into_iter().flatten().enumerate() {
        match serde_path_to_error::deserialize::<_, Invitee>(item) {
            Ok(invitee) => parsed.push(invitee),
            Err(e) => {
                let inner = e.path().to_string();
                let place = if inner == "." {
                    format!("invitees[{i}]")
                } else {
                    format!("invitees[{i}].{inner}")
                };
                problems.push(Problem::new(place, e.inner().to_string()));
                complete = false;
            }
        }
    }
    model.map(|mut m| {
        m.invitees = parsed;
        (m, complete)
    })
}

/// The checks serde cannot make: dates, times, forms of address, lengths, unique ids.
fn check(model: Model) -> Result<Conference, Problems> {
    let mut problems = Vec::new();
    let mut report = |place: String, message: String| problems.push(Problem::new(place, message));

    let date = model.event.date.as_deref().and_then(|d| {
        parse_date(d)
            .map_err(|m| report("event.date".into(), m))
            .ok()
    });
    let start = parse_time(&model.event.start)
        .map_err(|m| report("event.start".into(), m))
        .unwrap_or_default();
    if model.event.date.is_none() && model.event.tentative.as_deref().unwrap_or("").is_empty() {
        report(
            "event.tentative".into(),
            "is needed while event.date is null: the wording invitations show instead of the date, e.g. \"trong tháng 10/2025\"".into(),
        );
    }
    let signing = match model.invitation.date.as_deref() {
        None | Some("") => SigningDate::default(),
        Some(d) => parse_signing_date(d)
            .map_err(|m| report("invitation.date".into(), m))
            .unwrap_or_default(),
    };
    if !matches!(model.style.size, 13 | 14) {
        report(
            "style.size".into(),
            format!(
                "{} is not one of the decree's size sets 13, 14",
                model.style.size
            ),
        );
    }
    for (place, text) in [
        ("issuer.name", &model.issuer.name),
        ("issuer.place", &model.issuer.place),
        ("event.title", &model.event.title),
        ("event.venue", &model.event.venue),
        ("event.chair", &model.event.chair),
        ("invitation.symbol", &model.invitation.symbol),
        ("signer.name", &model.signer.name),
        ("style.font", &model.style.font),
    ] {
        if text.is_empty() {
            report(place.into(), "must not be empty".into());
        }
    }
    for (place, list) in [
        ("issuer.header", &model.issuer.header),
        ("signer.title", &model.signer.title),
        ("invitation.recipients", &model.invitation.recipients),
    ] {
        if list.is_empty() {
            report(place.into(), "must have at least one line".into());
        }
    }

    if model.invitees.is_empty() {
        report(
            "invitees".into(),
            "the list is empty: there is nobody to invite".into(),
        );
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, invitee) in model.invitees.iter().enumerate() {
        let at = |field: &str| format!("invitees[{i}].{field}");
        if let Some(h) = &invitee.honorific
            && !HONORIFICS.contains(&h.as_str())
        {
            report(
                at("honorific"),
                format!("{} is not one of \"Đồng chí\", \"Ông\", \"Bà\"", quote(h)),
            );
        }
        let blank = |v: &Option<String>| v.as_deref().is_none_or(str::is_empty);
        if blank(&invitee.name) && blank(&invitee.organization) {
            report(
                format!("invitees[{i}]"),
                "has neither a name nor an organization: say whom the invitation is for".into(),
            );
        }
        if invitee.honorific.is_some() && blank(&invitee.name) {
            report(at("honorific"), "is set but the invitee has no name".into());
        }
        for (field, value, max) in [
            ("name", &invitee.name, MAX_NAME),
            ("position", &invitee.position, MAX_LINE),
            ("organization", &invitee.organization, MAX_LINE),
            ("attendees", &invitee.attendees, MAX_LINE),
        ] {
            let Some(value) = value else { continue };
            let len = value.chars().count();
            if len > max {
                report(
                    at(field),
                    format!(
                        "{} is {len} characters long; an invitation holds at most {max}",
                        quote(&shorten(value, 40))
                    ),
                );
            }
        }
        if let Some(group) = &invitee.group
            && !model.groups.contains(group)
        {
            report(
                at("group"),
                if model.groups.is_empty() {
                    format!(
                        "{} is not a group: the model lists no groups (\"groups\": [...], in protocol order)",
                        quote(group)
                    )
                } else {
                    format!(
                        "{} is not one of the model's groups: {}",
                        quote(group),
                        model
                            .groups
                            .iter()
                            .map(|g| quote(g))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
            );
        }
        if let Some(seat) = &invitee.seat
            && !matches!(seat.as_str(), "head" | "front")
        {
            report(
                at("seat"),
                format!(
                    "{} is not \"head\" (head table) or \"front\" (front rows)",
                    quote(seat)
                ),
            );
        }
        if invitee.order == Some(0) {
            report(at("order"), "must be 1 or more (1 comes first)".into());
        }
        if let Some(id) = invitee.id.as_deref() {
            if id.is_empty() {
                report(at("id"), "must not be empty; leave it out instead".into());
            } else if let Some(first) = ids.insert(id, i) {
                ids.insert(id, first);
                report(
                    at("id"),
                    format!("{} is already the id of invitees[{first}]", quote(id)),
                );
            }
        }
    }

    let programme = check_programme(&model, start, &mut problems);
    if problems.is_empty() {
        let (plan_date, session_end, decision_date, schedule) = programme;
        Ok(Conference {
            model,
            date,
            start,
            signing,
            plan_date,
            session_end,
            decision_date,
            schedule,
            places: Vec::new(),
            warnings: Vec::new(),
        })
    } else {
        Err(Problems(problems))
    }
}

/// Checks the programme and everything hanging off it: session, agenda, presentations,
/// exhibits, awards, script.
fn check_programme(
    model: &Model,
    start: NaiveTime,
    problems: &mut Vec<Problem>,
) -> (SigningDate, Option<NaiveTime>, Option<NaiveDate>, Schedule) {
    let mut report = |place: String, message: String| problems.push(Problem::new(place, message));
    let plan_date = match model.plan.as_ref().and_then(|p| p.date.as_deref()) {
        None | Some("") => SigningDate::default(),
        Some(d) => parse_signing_date(d)
            .map_err(|m| report("plan.date".into(), m))
            .unwrap_or_default(),
    };
    let session_end = model.session.as_ref().and_then(|s| {
        parse_time(&s.end)
            .map_err(|m| report("session.end".into(), m))
            .ok()
    });
    let decision_date = model
        .awards
        .as_ref()
        .and_then(|a| a.decision.date.as_deref())
        .and_then(|d| {
            parse_date(d)
                .map_err(|m| report("awards.decision.date".into(), m))
                .ok()
        });

    for (i, item) in model.agenda.iter().enumerate() {
        let at = |field: &str| format!("agenda[{i}].{field}");
        if item.minutes.is_none() && item.kind != ItemKind::Presentations {
            report(at("minutes"), "is needed: how long the item lasts".into());
        }
        if item.kind == ItemKind::Presentations && model.presentations.is_empty() {
            report(
                at("kind"),
                "is \"presentations\" but the model has no presentations".into(),
            );
        }
        if item.kind == ItemKind::Opening && model.script.is_none() {
            report(
                at("kind"),
                "is \"opening\" but the model has no script: the reason for the conference and whom to introduce".into(),
            );
        }
        if item.kind == ItemKind::Awards && model.awards.is_none() {
            report(
                at("kind"),
                "is \"awards\" but the model has no awards".into(),
            );
        }
        if let Some(speaker) = &item.speaker {
            check_person(&at("speaker"), speaker, &mut report);
        }
    }
    if !model.agenda.is_empty() && model.session.is_none() {
        report(
            "session".into(),
            "is needed with an agenda: the part of the day it must fit, e.g. {\"name\": \"buổi sáng\", \"end\": \"11:30\"}".into(),
        );
    }
    for (i, p) in model.presentations.iter().enumerate() {
        if p.minutes == 0 {
            report(
                format!("presentations[{i}].minutes"),
                "must be at least 1".into(),
            );
        }
        if let Some(speaker) = &p.speaker {
            check_person(&format!("presentations[{i}].speaker"), speaker, &mut report);
        }
    }
    let mut tables: HashMap<u32, usize> = HashMap::new();
    for (i, exhibit) in model.exhibits.iter().enumerate() {
        if let Some(first) = tables.insert(exhibit.table, i) {
            tables.insert(exhibit.table, first);
            report(
                format!("exhibits[{i}].table"),
                format!(
                    "{} is already the number of exhibits[{first}]",
                    exhibit.table
                ),
            );
        }
        if exhibit.products.is_empty() {
            report(
                format!("exhibits[{i}].products"),
                "must list at least one product".into(),
            );
        }
        for (j, product) in exhibit.products.iter().enumerate() {
            if !(3..=5).contains(&product.stars) {
                report(
                    format!("exhibits[{i}].products[{j}].stars"),
                    format!("{} is not an OCOP rating of 3, 4 or 5 stars", product.stars),
                );
            }
        }
    }
    if let Some(awards) = &model.awards {
        if awards.group_size == 0 {
            report("awards.group_size".into(), "must be at least 1".into());
        }
        check_person("awards.presenter", &awards.presenter, &mut report);
    }
    if let Some(script) = &model.script {
        for (i, intro) in script.introductions.iter().enumerate() {
            let place = format!("script.introductions[{i}]");
            match (&intro.invitee, &intro.person) {
                (Some(id), None) => {
                    if !model
                        .invitees
                        .iter()
                        .any(|inv| inv.id.as_deref() == Some(id))
                    {
                        report(
                            format!("{place}.invitee"),
                            format!("no invitee has the id {}", quote(id)),
                        );
                    } else if model
                        .invitees
                        .iter()
                        .any(|inv| inv.id.as_deref() == Some(id) && inv.name.is_none())
                    {
                        report(
                            format!("{place}.invitee"),
                            format!("the invitee {} has no name to introduce", quote(id)),
                        );
                    }
                }
                (None, Some(person)) => {
                    check_person(&format!("{place}.person"), person, &mut report)
                }
                _ => report(
                    place,
                    "needs either \"invitee\" (an id) or \"person\", not both".into(),
                ),
            }
        }
    }
    let schedule = Schedule::compute(start, &model.agenda, &model.presentations)
        .map_err(|p| problems.push(p))
        .unwrap_or_default();
    (plan_date, session_end, decision_date, schedule)
}

fn check_person(place: &str, person: &Person, report: &mut impl FnMut(String, String)) {
    if let Some(h) = &person.honorific
        && !HONORIFICS.contains(&h.as_str())
    {
        report(
            format!("{place}.honorific"),
            format!("{} is not one of \"Đồng chí\", \"Ông\", \"Bà\"", quote(h)),
        );
    }
    if person.name.is_empty() {
        report(format!("{place}.name"), "must not be empty".into());
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(format!("{} is not a date written YYYY-MM-DD", quote(text)));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{} is not a date of the calendar", quote(text)))
}

fn parse_time(text: &str) -> Result<NaiveTime, String> {
    let shape_ok = text.len() == 5
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 2 {
                b == b':'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(format!("{} is not a time written HH:MM", quote(text)));
    }
    NaiveTime::parse_from_str(text, "%H:%M")
        .map_err(|_| format!("{} is not a time of day (00:00 to 23:59)", quote(text)))
}

fn parse_signing_date(text: &str) -> Result<SigningDate, String> {
    if text.len() == 7 {
        let date = parse_date(&format!("{text}-01")).map_err(|_| {
            format!(
                "{} is not a month written YYYY-MM or a date YYYY-MM-DD",
                quote(text)
            )
        })?;
        return Ok(SigningDate {
            year: Some(chrono::Datelike::year(&date)),
            month: Some(chrono::Datelike::month(&date)),
            day: None,
        });
    }
    let date = parse_date(text)?;
    Ok(SigningDate {
        year: Some(chrono::Datelike::year(&date)),
        month: Some(chrono::Datelike::month(&date)),
        day: Some(chrono::Datelike::day(&date)),
    })
}

/// A value as it appears in a message: in double quotes, with invisible characters spelled out.
pub fn quote(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_forbidden(c) || c.is_whitespace() && c != ' ' => {
                out.push_str(&format!("\\u{{{:04X}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        text.chars().take(max).chain("…".chars()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{
      "issuer": {"header": ["ỦY BAN NHÂN DÂN", "TỈNH A"], "name": "Ủy ban nhân dân tỉnh A", "place": "A"},
      "event": {"title": "Hội nghị X", "date": null, "tentative": "trong tháng 10/2025",
                "start": "08:00", "venue": "Hội trường", "chair": "Lãnh đạo UBND tỉnh"},
      "invitation": {"symbol": "GM-UBND", "date": "2025-10", "recipients": ["Như trên", "Lưu: VT"]},
      "signer": {"title": ["CHỦ TỊCH"], "name": "Nguyễn Văn A"},
      "invitees": [INVITEES]
    }"#;

    fn with(invitees: &str) -> String {
        MINIMAL.replace("INVITEES", invitees)
    }

    fn problems(text: &str) -> Vec<String> {
        match parse(text, "m.json", Path::new(".")) {
            Ok(_) => vec![],
            Err(Problems(p)) => p.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_minimal_model_loads() {
        let c = parse(&with(r#"{"name": "Lê Thị B"}"#), "m.json", Path::new(".")).unwrap();
        assert!(c.is_draft());
        assert_eq!(
            c.signing,
            SigningDate {
                year: Some(2025),
                month: Some(10),
                day: None
            }
        );
        assert_eq!(c.model.style.font, "Tinos");
    }

    #[test]
    fn a_wrong_honorific_names_its_path_and_value() {
        let p = problems(&with(r#"{"name": "A"}, {"name": "B", "honorific": "Ong"}"#));
        assert_eq!(
            p,
            [r#"invitees[1].honorific: "Ong" is not one of "Đồng chí", "Ông", "Bà""#]
        );
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let p = problems("{\n  \"a\": 1,\n}");
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("m.json:3:1: invalid JSON: trailing comma"),
            "{p:?}"
        );
    }

    #[test]
    fn unknown_fields_are_errors_in_every_invitee() {
        let p = problems(&with(
            r#"{"nam": "A"}, {"name": "B"}, {"name": "C", "rank": 1}"#,
        ));
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p[0].starts_with("invitees[0].nam: unknown field `nam`"),
            "{p:?}"
        );
        assert!(
            p[1].starts_with("invitees[2].rank: unknown field `rank`"),
            "{p:?}"
        );
    }

    #[test]
    fn impossible_dates_and_times_are_errors() {
        let text = with(r#"{"name": "A"}"#)
            .replace(r#""date": null"#, r#""date": "2025-02-30""#)
            .replace("08:00", "08:61");
        let p = problems(&text);
        assert!(
            p.contains(&r#"event.date: "2025-02-30" is not a date of the calendar"#.to_string()),
            "{p:?}"
        );
        assert!(
            p.contains(
                &r#"event.start: "08:61" is not a time of day (00:00 to 23:59)"#.to_string()
            ),
            "{p:?}"
        );
        let p = problems(&with(r#"{"name": "A"}"#).replace("08:00", "8h00"));
        assert_eq!(p, [r#"event.start: "8h00" is not a time written HH:MM"#]);
    }

    #[test]
    fn all_problems_are_reported_at_once() {
        let p = problems(&with(
            r#"{"name": "A", "id": "x"}, {}, {"name": "C", "id": "x", "honorific": "Mr"}"#,
        ));
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].starts_with("invitees[1]: has neither a name nor an organization"));
        assert!(
            p.iter()
                .any(|m| m.starts_with("invitees[2].honorific: \"Mr\""))
        );
        assert!(
            p.iter()
                .any(|m| m == "invitees[2].id: \"x\" is already the id of invitees[0]")
        );
    }

    #[test]
    fn text_is_normalized_to_nfc_with_single_spaces() {
        let nfd: String = "Nguyễn  Văn   Hướng ".nfd().collect();
        let c = parse(
            &with(&format!(r#"{{"name": "{nfd}"}}"#)),
            "m.json",
            Path::new("."),
        )
        .unwrap();
        assert_eq!(
            c.model.invitees[0].name.as_deref(),
            Some("Nguyễn Văn Hướng")
        );
    }

    #[test]
    fn control_and_invisible_characters_are_rejected() {
        let p = problems(&with(
            r#"{"name": "A\u0007B"}, {"name": "C\u200bD"}, {"name": "E\u202eF"}"#,
        ));
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].contains(
            "invitees[0].name: \"A\\u{0007}B\" contains the invisible or control character U+0007"
        ));
        assert!(p[1].contains("U+200B"));
        assert!(p[2].contains("U+202E"));
    }

    #[test]
    fn diacritics_without_a_letter_are_refused() {
        let p = problems(&with(
            r##"{"name": "Lê \u0300An"}, {"name": "#\u0301"}, {"name": "Nguye\u0302\u0303n"}"##,
        ));
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p[0].starts_with(
                "invitees[0].name: \"Lê ̀An\" has a diacritic with no letter under it at position 4"
            ),
            "{p:?}"
        );
        assert!(p[1].starts_with("invitees[1].name:"), "{p:?}");
    }

    #[test]
    fn every_problem_has_a_place_even_at_the_top_level() {
        // Found by the fuzzer (fuzz/artifacts/model/crash-b2b1e40e…): an empty key.
        for text in [r#"{"": {"filranke": "/.csv"}}"#, r#""a\u0007""#, "[]", "3"] {
            let p = problems(text);
            assert!(!p.is_empty(), "{text}");
            assert!(
                p.iter().all(|p| !p.starts_with(':') && !p.starts_with(" ")),
                "{text}: {p:?}"
            );
        }
        assert!(
            problems(r#"{"": 1}"#)[0].starts_with("the model: unknown field ``"),
            "{:?}",
            problems(r#"{"": 1}"#)
        );
    }

    #[test]
    fn long_names_are_refused_with_their_length() {
        let long = "A".repeat(500);
        let p = problems(&with(&format!(r#"{{"name": "{long}"}}"#)));
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("invitees[0].name: \"AAAA"), "{p:?}");
        assert!(p[0].ends_with("is 500 characters long; an invitation holds at most 80"));
    }

    #[test]
    fn encodings_other_than_utf8_are_named() {
        let e = decode(b"\xFF\xFE{", "m.json").unwrap_err();
        assert_eq!(
            e.to_string(),
            "m.json: the file is UTF-16; save it as UTF-8"
        );
        let e = decode(b"{\n \"a\": \"Nguy\xEAn\"}", "m.json").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("m.json:2:12: byte 0xEA is not UTF-8"),
            "{e}"
        );
        assert_eq!(decode(b"\xEF\xBB\xBF{}", "m.json").unwrap(), "{}");
    }

    #[test]
    fn a_missing_tentative_wording_is_an_error_while_the_date_is_open() {
        let p = problems(
            &with(r#"{"name": "A"}"#).replace(r#""tentative": "trong tháng 10/2025","#, ""),
        );
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("event.tentative: is needed while event.date is null"));
    }

    #[test]
    fn signing_dates_may_leave_the_day_blank() {
        assert_eq!(
            parse_signing_date("2026-02").unwrap(),
            SigningDate {
                year: Some(2026),
                month: Some(2),
                day: None
            }
        );
        assert_eq!(parse_signing_date("2026-02-05").unwrap().day, Some(5));
        assert!(parse_signing_date("2026-13").is_err());
    }
}
