//! The checks serde cannot make: dates, times, forms of address, lengths, unique ids, the
//! links between the programme and the list. Each finding is reported with its place; the
//! checks go on after one, so that everything is reported at once.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::lenient::Broken;
use super::schedule::Schedule;
use super::types::{ItemKind, Model, Note, Person, Plan};
use crate::i18n::Text;
use crate::i18n::model::ModelMsg;
use crate::i18n::papers::PaperMsg;
use crate::i18n::places::model_place;
use crate::i18n::plan::PlanMsg;
use crate::problem::{Place, Problem, quote, shorten};
use crate::vn::{self, HONORIFICS};

/// The longest texts an invitation can hold on its one page, in characters.
pub const MAX_NAME: usize = 80;
pub const MAX_LINE: usize = 200;

/// The longest a programme item may last, in minutes: a day.
pub const MAX_MINUTES: u32 = 24 * 60;

/// The mark of a text the starter leaves to be filled in: "Hội nghị …".
pub const PLACEHOLDER: char = '…';

/// The years a conference may be dated in.
const YEARS: std::ops::RangeInclusive<i32> = 1945..=2200;

/// A signing date whose parts may be left blank to be filled in by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SigningDate {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// What the checks read out of the model's texts.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub date: Option<NaiveDate>,
    pub start: NaiveTime,
    pub signing: SigningDate,
    pub plan_date: SigningDate,
    pub session_end: Option<NaiveTime>,
    pub decision_date: SigningDate,
    pub schedule: Schedule,
    /// The deadline of each task of the plan, agency by agency.
    pub deadlines: Vec<Vec<Option<NaiveDate>>>,
}

/// Checks the model; what is wrong goes into `problems`.
pub fn check(model: &Model, broken: &Broken, problems: &mut Vec<Problem>) -> Parsed {
    let mut report = |place: &str, message: Text| {
        problems.push(Problem::error(Place::model(place), message));
    };
    let event_ok = !broken.is_broken("event");

    let date = model
        .event
        .date
        .as_deref()
        .and_then(|d| parse_date(d).map_err(|m| report("event.date", m)).ok());
    let start = if event_ok {
        parse_time(&model.event.start)
            .map_err(|m| report("event.start", m))
            .unwrap_or_default()
    } else {
        NaiveTime::default()
    };
    if event_ok
        && model.event.date.is_none()
        && model.event.tentative.as_deref().unwrap_or("").is_empty()
    {
        report("event.tentative", ModelMsg::TentativeNeeded.into());
    }
    let signing = match model.invitation.date.as_deref() {
        None | Some("") => SigningDate::default(),
        Some(d) => parse_signing_date(d)
            .map_err(|m| report("invitation.date", m))
            .unwrap_or_default(),
    };
    if !matches!(model.style.size, 13 | 14) {
        report(
            "style.size",
            ModelMsg::NotASizeSet {
                value: model.style.size,
            }
            .into(),
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
            report(place, ModelMsg::Empty.into());
        }
    }
    for (place, list) in [
        ("issuer.header", &model.issuer.header),
        ("signer.title", &model.signer.title),
        ("invitation.recipients", &model.invitation.recipients),
    ] {
        if list.is_empty() {
            report(place, ModelMsg::NoLines.into());
        }
    }

    let mut groups: HashMap<&str, usize> = HashMap::new();
    for (i, group) in model.groups.iter().enumerate() {
        let place = format!("groups[{i}]");
        if group.name.trim().is_empty() {
            report(&place, ModelMsg::Empty.into());
        } else if let Some(&first) = groups.get(group.name.as_str()) {
            report(
                &place,
                Text::each(|l| {
                    ModelMsg::GroupTwice {
                        value: quote(&group.name),
                        first: model_place(&format!("groups[{first}]"), l),
                    }
                    .text(l)
                }),
            );
        } else {
            groups.insert(&group.name, i);
        }
    }

    if model.invitees.is_empty() && !broken.is_broken("invitees") {
        report("invitees", ModelMsg::NobodyInvited.into());
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, invitee) in model.invitees.iter().enumerate() {
        let at = |field: &str| format!("invitees[{i}].{field}");
        if let Some(h) = &invitee.honorific
            && !HONORIFICS.contains(&h.as_str())
        {
            report(
                &at("honorific"),
                ModelMsg::NotAnHonorific { value: quote(h) }.into(),
            );
        }
        let blank = |v: &Option<String>| v.as_deref().is_none_or(str::is_empty);
        if blank(&invitee.name) && blank(&invitee.organization) {
            report(
                &format!("invitees[{i}]"),
                ModelMsg::NoNameNoOrganization.into(),
            );
        }
        if invitee.honorific.is_some() && blank(&invitee.name) {
            report(&at("honorific"), ModelMsg::HonorificWithoutName.into());
        }
        for (field, value, max) in [
            ("name", &invitee.name, MAX_NAME),
            ("position", &invitee.position, MAX_LINE),
            ("organization", &invitee.organization, MAX_LINE),
            ("attendees", &invitee.attendees, MAX_LINE),
        ] {
            let Some(value) = value else { continue };
            let length = value.chars().count();
            if length > max {
                report(
                    &at(field),
                    ModelMsg::TooLong {
                        value: quote(&shorten(value, 40)),
                        length,
                        max,
                    }
                    .into(),
                );
            }
        }
        if let Some(group) = &invitee.group
            && !model.groups.iter().any(|g| &g.name == group)
        {
            report(&at("group"), not_a_group(model, group));
        }
        if let Some(seat) = &invitee.seat
            && !matches!(seat.as_str(), "head" | "front")
        {
            report(
                &at("seat"),
                ModelMsg::NotASeat { value: quote(seat) }.into(),
            );
        }
        if invitee.order == Some(0) {
            report(&at("order"), ModelMsg::OrderFromOne.into());
        }
        if let Some(id) = invitee.id.as_deref() {
            if id.is_empty() {
                report(&at("id"), ModelMsg::EmptyId.into());
            } else if let Some(first) = ids.insert(id, i) {
                ids.insert(id, first);
                let first = broken.original(&format!("invitees[{first}]"));
                report(
                    &at("id"),
                    Text::each(|l| {
                        ModelMsg::IdTaken {
                            value: quote(id),
                            first: model_place(&first, l),
                        }
                        .text(l)
                    }),
                );
            }
        }
    }

    still_to_fill(model, problems);
    let mut parsed = check_programme(model, broken, problems);
    check_papers(model, broken, problems);
    parsed.deadlines = check_plan(model, date, problems);
    parsed.date = date;
    parsed.start = start;
    parsed.signing = signing;
    // An item refused for its length already says why the day would overflow.
    let too_long = model
        .agenda
        .iter()
        .any(|item| item.minutes.is_some_and(|m| m > MAX_MINUTES));
    if event_ok && !too_long {
        parsed.schedule = Schedule::compute(start, &model.agenda, &model.presentations)
            .map_err(|p| problems.push(p))
            .unwrap_or_default();
    }
    parsed
}

/// Checks the programme and everything hanging off it: session, agenda, presentations,
/// exhibits, awards, script.
fn check_programme(model: &Model, broken: &Broken, problems: &mut Vec<Problem>) -> Parsed {
    let mut report = |place: String, message: Text| {
        problems.push(Problem::error(Place::model(place), message));
    };
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
    let decision_date = match model
        .awards
        .as_ref()
        .and_then(|a| a.decision.date.as_deref())
    {
        None | Some("") => SigningDate::default(),
        Some(d) => parse_signing_date(d)
            .map_err(|m| report("awards.decision.date".into(), m))
            .unwrap_or_default(),
    };

    for (i, item) in model.agenda.iter().enumerate() {
        let at = |field: &str| format!("agenda[{i}].{field}");
        match item.minutes {
            None if item.kind != ItemKind::Presentations => {
                report(at("minutes"), ModelMsg::MinutesNeeded.into())
            }
            Some(minutes) if minutes > MAX_MINUTES => report(
                at("minutes"),
                ModelMsg::TooManyMinutes { value: minutes }.into(),
            ),
            _ => {}
        }
        if item.kind == ItemKind::Presentations
            && model.presentations.is_empty()
            && !broken.is_broken("presentations")
        {
            report(at("kind"), ModelMsg::PresentationsMissing.into());
        }
        if item.kind == ItemKind::Opening && model.script.is_none() && !broken.is_broken("script") {
            report(at("kind"), ModelMsg::ScriptMissing.into());
        }
        if item.kind == ItemKind::Awards && model.awards.is_none() && !broken.is_broken("awards") {
            report(at("kind"), ModelMsg::AwardsMissing.into());
        }
        if let Some(speaker) = &item.speaker {
            check_person(&at("speaker"), speaker, &mut report);
        }
    }
    if !model.agenda.is_empty() && model.session.is_none() && !broken.is_broken("session") {
        report("session".into(), ModelMsg::SessionNeeded.into());
    }
    for (i, p) in model.presentations.iter().enumerate() {
        if p.minutes == 0 {
            report(
                format!("presentations[{i}].minutes"),
                ModelMsg::AtLeastOne.into(),
            );
        } else if p.minutes > MAX_MINUTES {
            report(
                format!("presentations[{i}].minutes"),
                ModelMsg::TooManyMinutes { value: p.minutes }.into(),
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
            let first = broken.original(&format!("exhibits[{first}]"));
            report(
                format!("exhibits[{i}].table"),
                Text::each(|l| {
                    ModelMsg::TableTaken {
                        table: exhibit.table,
                        first: model_place(&first, l),
                    }
                    .text(l)
                }),
            );
        }
        if exhibit.products.is_empty() {
            report(
                format!("exhibits[{i}].products"),
                ModelMsg::NoProducts.into(),
            );
        }
        for (j, product) in exhibit.products.iter().enumerate() {
            if !(3..=5).contains(&product.stars) {
                report(
                    format!("exhibits[{i}].products[{j}].stars"),
                    ModelMsg::NotAStarRating {
                        value: product.stars,
                    }
                    .into(),
                );
            }
        }
    }
    if let Some(awards) = &model.awards {
        if awards.group_size == 0 {
            report("awards.group_size".into(), ModelMsg::AtLeastOne.into());
        }
        check_person("awards.presenter", &awards.presenter, &mut report);
    }
    if let Some(script) = &model.script {
        for (i, intro) in script.introductions.iter().enumerate() {
            let place = format!("script.introductions[{i}]");
            match (&intro.invitee, &intro.person) {
                (Some(id), None) => match model
                    .invitees
                    .iter()
                    .position(|inv| inv.id.as_deref() == Some(id))
                {
                    None if !broken.is_broken("invitees") => report(
                        format!("{place}.invitee"),
                        ModelMsg::NoSuchInvitee { value: quote(id) }.into(),
                    ),
                    // A name of the wrong type was made null: its own error says so.
                    Some(k)
                        if model.invitees[k].name.is_none()
                            && !broken
                                .is_repaired(&broken.original(&format!("invitees[{k}].name"))) =>
                    {
                        report(
                            format!("{place}.invitee"),
                            ModelMsg::InviteeWithoutName { value: quote(id) }.into(),
                        )
                    }
                    _ => {}
                },
                (None, Some(person)) => {
                    check_person(&format!("{place}.person"), person, &mut report)
                }
                _ => report(place, ModelMsg::InviteeOrPerson.into()),
            }
        }
    }
    Parsed {
        plan_date,
        session_end,
        decision_date,
        ..Parsed::default()
    }
}

/// The most people one invitation may send, and spare rows a sign-in sheet may have: far above
/// any real conference, low enough that a typing slip cannot make a thousand-page sheet.
pub const MAX_SENDS: u32 = 100;
pub const MAX_SPARE_ROWS: u32 = 200;

/// Checks what the papers need beyond the programme: the notes' groups, the links from
/// presentations, display tables and awards to invitees, the people not to invite, the
/// number of people an invitation sends.
fn check_papers(model: &Model, broken: &Broken, problems: &mut Vec<Problem>) {
    let error = |problems: &mut Vec<Problem>, place: String, message: Text| {
        problems.push(Problem::error(Place::model(place), message));
    };
    for (i, note) in model.invitation.notes.iter().enumerate() {
        let Note::Groups(note) = note else { continue };
        if note.groups.is_empty() {
            error(
                problems,
                format!("invitation.notes[{i}].groups"),
                PaperMsg::NoteWithoutGroups.into(),
            );
        }
        for (j, group) in note.groups.iter().enumerate() {
            if !model.groups.iter().any(|g| &g.name == group) {
                error(
                    problems,
                    format!("invitation.notes[{i}].groups[{j}]"),
                    not_a_group(model, group),
                );
            }
        }
    }

    // Each link names an invitee of the list.
    let mut links: Vec<(String, &str)> = Vec::new();
    for (i, p) in model.presentations.iter().enumerate() {
        links.extend(
            p.invitee
                .as_deref()
                .map(|id| (format!("presentations[{i}].invitee"), id)),
        );
    }
    for (i, e) in model.exhibits.iter().enumerate() {
        links.extend(
            e.invitee
                .as_deref()
                .map(|id| (format!("exhibits[{i}].invitee"), id)),
        );
    }
    if let Some(awards) = &model.awards {
        for (i, c) in awards.organizations.iter().enumerate() {
            links.extend(
                c.invitee()
                    .map(|id| (format!("awards.organizations[{i}].invitee"), id)),
            );
        }
        for (i, a) in awards.individuals.iter().enumerate() {
            let at = format!("awards.individuals[{i}]");
            links.extend(a.invitee.as_deref().map(|id| (format!("{at}.invitee"), id)));
            match &a.honorific {
                Some(h) if !HONORIFICS.contains(&h.as_str()) => error(
                    problems,
                    format!("{at}.honorific"),
                    ModelMsg::NotAnHonorific { value: quote(h) }.into(),
                ),
                Some(_) => {}
                None => problems.push(
                    Problem::warning(
                        Place::model(at),
                        PaperMsg::AwardeeWithoutHonorific {
                            name: quote(&a.name),
                        },
                    )
                    .hint(PaperMsg::AwardeeHonorificHint),
                ),
            }
        }
    }
    if !broken.is_broken("invitees") {
        for (place, id) in links {
            if !model
                .invitees
                .iter()
                .any(|inv| inv.id.as_deref() == Some(id))
            {
                error(
                    problems,
                    place,
                    PaperMsg::NoInviteeWithId { value: quote(id) }.into(),
                );
            }
        }
    }

    // The signer and the chair host the conference: they are not invited to it.
    let same = |a: &str, b: &str| !a.is_empty() && a.to_lowercase() == b.to_lowercase();
    let (chair, _) = model.event.chair_person();
    for (i, invitee) in model.invitees.iter().enumerate() {
        let Some(name) = invitee.name.as_deref() else {
            continue;
        };
        let message = if same(name, &model.signer.name) {
            PaperMsg::InviteeIsTheSigner { name: quote(name) }
        } else if same(name, chair) {
            PaperMsg::InviteeIsTheChair { name: quote(name) }
        } else {
            continue;
        };
        problems.push(
            Problem::warning(Place::model(format!("invitees[{i}].name")), message)
                .hint(PaperMsg::InviteeIsHostHint),
        );
    }
    for (i, invitee) in model.invitees.iter().enumerate() {
        match invitee.sends {
            Some(0) => error(
                problems,
                format!("invitees[{i}].sends"),
                ModelMsg::AtLeastOne.into(),
            ),
            Some(n) if n > MAX_SENDS => error(
                problems,
                format!("invitees[{i}].sends"),
                PaperMsg::TooManySent {
                    value: n,
                    max: MAX_SENDS,
                }
                .into(),
            ),
            _ => {}
        }
    }
    if let Some(sign_in) = &model.sign_in
        && sign_in.spare_rows > MAX_SPARE_ROWS
    {
        error(
            problems,
            "sign_in.spare_rows".into(),
            PaperMsg::TooManySpareRows {
                value: sign_in.spare_rows,
                max: MAX_SPARE_ROWS,
            }
            .into(),
        );
    }
    let head = model
        .agenda
        .iter()
        .take_while(|item| item.kind == ItemKind::Reception)
        .count();
    for (i, item) in model.agenda.iter().enumerate().skip(head) {
        if item.kind == ItemKind::Reception {
            error(
                problems,
                format!("agenda[{i}].kind"),
                PaperMsg::ReceptionFirst.into(),
            );
        }
    }
}

/// Every printed text that still holds the starter's mark, as a warning: the papers can be
/// made (as drafts, to look at) but not sent. They are listed in the order of the model's
/// fields, which is the order of the starter's file, for the clerk to go down it.
fn still_to_fill(model: &Model, problems: &mut Vec<Problem>) {
    let mut texts = model.printed_texts();
    if texts.iter().all(|(_, text)| !text.contains(PLACEHOLDER)) {
        return;
    }
    // `printed_texts` comes in the order of the keys' names; the model written out keeps the
    // order of its fields.
    let written = serde_json::to_string(model).expect("the model serializes to JSON");
    let mut order = HashMap::new();
    if let Ok(Some(root)) =
        jsonc_parser::parse_to_ast(&written, &Default::default(), &Default::default())
            .map(|parsed| parsed.value)
    {
        number_strings(&root, &mut String::new(), &mut order);
    }
    texts.sort_by_key(|(path, _)| order.get(path).copied().unwrap_or(usize::MAX));
    for (path, text) in texts {
        if text.contains(PLACEHOLDER) {
            problems.push(Problem::warning(
                Place::model(path),
                ModelMsg::StillToFill {
                    value: quote(&shorten(&text, 60)),
                },
            ));
        }
    }
}

/// Numbers the strings of `value` in the order they are written, by their path.
fn number_strings(
    value: &jsonc_parser::ast::Value,
    path: &mut String,
    order: &mut HashMap<String, usize>,
) {
    use jsonc_parser::ast::Value;
    let len = path.len();
    match value {
        Value::StringLit(_) => {
            let next = order.len();
            order.insert(path.clone(), next);
        }
        Value::Array(array) => {
            for (i, item) in array.elements.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                number_strings(item, path, order);
                path.truncate(len);
            }
        }
        Value::Object(object) => {
            for property in &object.properties {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(property.name.as_str());
                number_strings(&property.value, path, order);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// The placeholders each text of the plan may hold, replaced when the plan is written.
pub const COUNT: &str = "{số}";
pub const DEADLINE: &str = "{hạn}";
pub const TABLES: &str = "{số bàn}";
pub const PRESENTATIONS: &str = "{số tham luận}";

/// Checks the plan's own content: placeholders, the composition against the list's groups,
/// the programme against the agenda, the tasks' deadlines against their texts and the
/// conference's date. Gives each task's deadline, agency by agency.
fn check_plan(
    model: &Model,
    date: Option<NaiveDate>,
    problems: &mut Vec<Problem>,
) -> Vec<Vec<Option<NaiveDate>>> {
    let Some(plan) = &model.plan else {
        return Vec::new();
    };
    let error = |place: String, message: Text| Problem::error(Place::model(place), message);
    let warning = |place: String, message: Text| Problem::warning(Place::model(place), message);

    if !plan.is_written() && is_drafted(plan) {
        problems.push(warning(
            "plan.summary".into(),
            PlanMsg::SummaryMissing.into(),
        ));
    }
    if plan.summary.as_deref() == Some("") {
        problems.push(error("plan.summary".into(), ModelMsg::Empty.into()));
    }
    if plan.is_written() && plan.recipients.is_empty() {
        problems.push(error("plan.recipients".into(), ModelMsg::NoLines.into()));
    }

    let mut counted = vec![false; model.groups.len()];
    for (i, line) in plan.composition.iter().enumerate() {
        let at = format!("plan.composition[{i}]");
        check_placeholders(&format!("{at}.text"), &line.text, &[COUNT], problems);
        match &line.group {
            Some(group) => match model.groups.iter().position(|g| &g.name == group) {
                Some(g) => counted[g] = true,
                None => problems.push(error(format!("{at}.group"), not_a_group(model, group))),
            },
            None if line.text.contains(COUNT) => problems.push(
                error(format!("{at}.text"), PlanMsg::CountWithoutGroup.into())
                    .hint(PlanMsg::CountWithoutGroupHint),
            ),
            None => {}
        }
    }
    if !plan.composition.is_empty() {
        for (g, group) in model.groups.iter().enumerate() {
            let group = &group.name;
            let count = group_count(model, group);
            if !counted[g] && count > 0 {
                problems.push(
                    warning(
                        "plan.composition".into(),
                        PlanMsg::GroupNotInComposition {
                            group: quote(group),
                            count,
                        }
                        .into(),
                    )
                    .hint(PlanMsg::GroupNotInCompositionHint),
                );
            }
        }
    }
    // The programme proper leaves out the reception before it; a plan may write the
    // presentations and the discussion after them as one line ("Tham luận, thảo luận").
    let proper: Vec<ItemKind> = model
        .agenda
        .iter()
        .map(|item| item.kind)
        .filter(|&kind| kind != ItemKind::Reception)
        .collect();
    let joined = proper
        .windows(2)
        .filter(|w| w == &[ItemKind::Presentations, ItemKind::Discussion])
        .count();
    if !plan.programme.is_empty()
        && !proper.is_empty()
        && plan.programme.len() != proper.len()
        && plan.programme.len() != proper.len() - joined
    {
        problems.push(
            warning(
                "plan.programme".into(),
                PlanMsg::ProgrammeDiffers {
                    plan: plan.programme.len(),
                    agenda: proper.len(),
                }
                .into(),
            )
            .hint(PlanMsg::ProgrammeDiffersHint),
        );
    }
    for (i, item) in plan.items.iter().enumerate() {
        let at = format!("plan.items[{i}].text");
        check_placeholders(&at, &item.text, &[TABLES, PRESENTATIONS], problems);
    }
    for (place, text) in plan_texts(plan) {
        check_placeholders(&place, text, &[], problems);
    }

    let mut ids: HashMap<&str, String> = HashMap::new();
    let mut deadlines = Vec::new();
    for (a, agency) in plan.tasks.iter().enumerate() {
        if agency.agency.is_empty() {
            problems.push(error(
                format!("plan.tasks[{a}].agency"),
                ModelMsg::Empty.into(),
            ));
        }
        if agency.items.is_empty() {
            problems.push(error(
                format!("plan.tasks[{a}].items"),
                ModelMsg::NoLines.into(),
            ));
        }
        let mut of_agency = Vec::new();
        for (t, task) in agency.items.iter().enumerate() {
            let at = |field: &str| format!("plan.tasks[{a}].items[{t}]{field}");
            check_placeholders(&at(".text"), &task.text, &[DEADLINE], problems);
            let deadline = task.deadline.as_deref().and_then(|d| {
                parse_date(d)
                    .map_err(|m| problems.push(error(at(".deadline"), m)))
                    .ok()
            });
            if task.deadline.is_none() && task.text.contains(DEADLINE) {
                problems.push(
                    error(at(".text"), PlanMsg::DeadlineWithoutDate.into())
                        .hint(PlanMsg::DeadlineWithoutDateHint),
                );
            }
            // A date written out in the text is one the checklist and the calendar never see.
            for written in dates_in(&task.text) {
                let message = match (task.deadline.is_some(), deadline) {
                    (false, _) => PlanMsg::TextDateWithoutDeadline {
                        written: vn::short_date(written),
                    },
                    (true, Some(d)) if d != written => PlanMsg::TextDateDiffers {
                        written: vn::short_date(written),
                        deadline: vn::short_date(d),
                    },
                    _ => continue,
                };
                problems
                    .push(warning(at(".text"), message.into()).hint(PlanMsg::WriteDeadlineHint));
            }
            if let (Some(deadline), Some(date)) = (deadline, date)
                && deadline > date
            {
                problems.push(
                    warning(
                        at(".deadline"),
                        PlanMsg::AfterConference {
                            deadline: vn::short_date(deadline),
                            date: vn::short_date(date),
                        }
                        .into(),
                    )
                    .hint(PlanMsg::AfterConferenceHint),
                );
            }
            if let Some(id) = task.id.as_deref() {
                if id.is_empty() {
                    problems.push(error(at(".id"), ModelMsg::EmptyId.into()));
                } else if let Some(first) = ids.get(id) {
                    let first = first.clone();
                    problems.push(error(
                        at(".id"),
                        Text::each(|l| {
                            ModelMsg::IdTaken {
                                value: quote(id),
                                first: model_place(&first, l),
                            }
                            .text(l)
                        }),
                    ));
                } else {
                    ids.insert(id, at(""));
                }
            }
            of_agency.push(deadline);
        }
        deadlines.push(of_agency);
    }
    deadlines
}

/// Whether the plan holds any of its own content (beyond what the annexes cite).
fn is_drafted(plan: &Plan) -> bool {
    !plan.preamble.is_empty()
        || !plan.purposes.is_empty()
        || !plan.requirements.is_empty()
        || !plan.composition.is_empty()
        || plan.content.is_some()
        || !plan.programme.is_empty()
        || !plan.items.is_empty()
        || !plan.funding.is_empty()
        || plan.closing.is_some()
}

/// The texts of the plan that take no placeholder, with their paths.
fn plan_texts(plan: &Plan) -> Vec<(String, &str)> {
    let mut texts = Vec::new();
    for (name, items) in [
        ("preamble", &plan.preamble),
        ("purposes", &plan.purposes),
        ("requirements", &plan.requirements),
        ("programme", &plan.programme),
        ("funding", &plan.funding),
    ] {
        for (i, text) in items.iter().enumerate() {
            texts.push((format!("plan.{name}[{i}]"), text.as_str()));
        }
    }
    for (name, text) in [
        ("summary", &plan.summary),
        ("duration", &plan.duration),
        ("content", &plan.content),
        ("closing", &plan.closing),
    ] {
        if let Some(text) = text {
            texts.push((format!("plan.{name}"), text.as_str()));
        }
    }
    for (i, item) in plan.items.iter().enumerate() {
        texts.push((format!("plan.items[{i}].title"), item.title.as_str()));
    }
    texts
}

/// How many invitations the list sends to a group.
pub fn group_count(model: &Model, group: &str) -> usize {
    model
        .invitees
        .iter()
        .filter(|i| i.group.as_deref() == Some(group))
        .count()
}

fn not_a_group(model: &Model, group: &str) -> Text {
    if model.groups.is_empty() {
        ModelMsg::NoGroups {
            value: quote(group),
        }
        .into()
    } else {
        ModelMsg::NotAGroup {
            value: quote(group),
            groups: model
                .groups
                .iter()
                .map(|g| quote(&g.name))
                .collect::<Vec<_>>()
                .join(", "),
        }
        .into()
    }
}

/// Reports each `{…}` in `text` that is not one of `allowed`: a misspelt placeholder would
/// otherwise be printed as it is in a signed document.
fn check_placeholders(place: &str, text: &str, allowed: &[&str], problems: &mut Vec<Problem>) {
    for found in placeholders(text) {
        if allowed.contains(&found) {
            continue;
        }
        let message = if allowed.is_empty() {
            PlanMsg::NoPlaceholderHere {
                value: found.to_string(),
            }
        } else {
            PlanMsg::UnknownPlaceholder {
                value: found.to_string(),
                allowed: allowed.join(", "),
            }
        };
        problems.push(Problem::error(Place::model(place), message).hint(PlanMsg::PlaceholderHint));
    }
}

/// Every `{…}` of a text, braces included.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        found.push(&rest[open..=open + close]);
        rest = &rest[open + close + 1..];
    }
    found
}

/// The dates written d/m/yyyy in a text: "trước ngày 30/9/2025".
fn dates_in(text: &str) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    for word in text.split(|c: char| !(c.is_ascii_digit() || c == '/')) {
        let parts: Vec<&str> = word.split('/').collect();
        if let [day, month, year] = parts[..]
            && (1..=2).contains(&day.len())
            && (1..=2).contains(&month.len())
            && year.len() == 4
            && let (Ok(d), Ok(m), Ok(y)) = (day.parse(), month.parse(), year.parse())
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            dates.push(date);
        }
    }
    dates
}

fn check_person(place: &str, person: &Person, report: &mut impl FnMut(String, Text)) {
    if let Some(h) = &person.honorific
        && !HONORIFICS.contains(&h.as_str())
    {
        report(
            format!("{place}.honorific"),
            ModelMsg::NotAnHonorific { value: quote(h) }.into(),
        );
    }
    if person.name.is_empty() {
        report(format!("{place}.name"), ModelMsg::Empty.into());
    }
}

/// A date written YYYY-MM-DD, on the calendar, in a year a conference can have.
pub fn parse_date(text: &str) -> Result<NaiveDate, Text> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(ModelMsg::NotADate { value: quote(text) }.into());
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Text::from(ModelMsg::NotOnTheCalendar { value: quote(text) }))?;
    if !YEARS.contains(&date.year()) {
        return Err(ModelMsg::YearOutOfRange { value: quote(text) }.into());
    }
    Ok(date)
}

/// A time written HH:MM.
pub fn parse_time(text: &str) -> Result<NaiveTime, Text> {
    let shape_ok = text.len() == 5
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 2 {
                b == b':'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(ModelMsg::NotATime { value: quote(text) }.into());
    }
    NaiveTime::parse_from_str(text, "%H:%M")
        .map_err(|_| ModelMsg::NotATimeOfDay { value: quote(text) }.into())
}

/// A signing date: YYYY-MM-DD, or YYYY-MM with the day left blank.
pub fn parse_signing_date(text: &str) -> Result<SigningDate, Text> {
    if text.len() == 7 {
        let date = parse_date(&format!("{text}-01")).map_err(|e| {
            if e.en.contains("the year") {
                ModelMsg::YearOutOfRange { value: quote(text) }.into()
            } else {
                Text::from(ModelMsg::NotAMonthOrDate { value: quote(text) })
            }
        })?;
        return Ok(SigningDate {
            year: Some(date.year()),
            month: Some(date.month()),
            day: None,
        });
    }
    let date = parse_date(text)?;
    Ok(SigningDate {
        year: Some(date.year()),
        month: Some(date.month()),
        day: Some(date.day()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_with_their_braces() {
        assert_eq!(
            placeholders("({số} chủ thể) trước ngày {hạn}, {"),
            ["{số}", "{hạn}"]
        );
        assert!(placeholders("không có chỗ thay").is_empty());
    }

    #[test]
    fn dates_written_in_a_text_are_read_as_the_decree_writes_them() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            dates_in("gửi trước ngày 30/9/2025; họp ngày 05/10/2025."),
            [d(2025, 9, 30), d(2025, 10, 5)]
        );
        // Not dates: a decision's number, a phone number, a day not on the calendar.
        assert!(dates_in("Quyết định số 682/QĐ-UBND, 0205.3812.468, 31/2/2025").is_empty());
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

    #[test]
    fn dates_outside_the_years_a_conference_can_have_are_refused() {
        assert!(
            parse_date("0000-01-01")
                .unwrap_err()
                .en
                .contains("1945 to 2200")
        );
        assert!(parse_date("2201-01-01").is_err());
        assert!(parse_date("2025-10-16").is_ok());
        assert!(
            parse_signing_date("0000-01")
                .unwrap_err()
                .en
                .contains("1945")
        );
    }
}
