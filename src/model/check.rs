//! The checks serde cannot make: dates, times, forms of address, lengths, unique ids, the
//! links between the programme and the list. Each finding is reported with its place; the
//! checks go on after one, so that everything is reported at once.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::lenient::Broken;
use super::schedule::Schedule;
use super::types::{ItemKind, Model, Person};
use crate::i18n::Text;
use crate::i18n::model::ModelMsg;
use crate::i18n::places::model_place;
use crate::problem::{Place, Problem, quote, shorten};
use crate::vn::HONORIFICS;

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
    pub decision_date: Option<NaiveDate>,
    pub schedule: Schedule,
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
            && !model.groups.contains(group)
        {
            let message = if model.groups.is_empty() {
                ModelMsg::NoGroups {
                    value: quote(group),
                }
            } else {
                ModelMsg::NotAGroup {
                    value: quote(group),
                    groups: model
                        .groups
                        .iter()
                        .map(|g| quote(g))
                        .collect::<Vec<_>>()
                        .join(", "),
                }
            };
            report(&at("group"), message.into());
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
    parsed.date = date;
    parsed.start = start;
    parsed.signing = signing;
    if event_ok {
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
                    .find(|inv| inv.id.as_deref() == Some(id))
                {
                    None if !broken.is_broken("invitees") => report(
                        format!("{place}.invitee"),
                        ModelMsg::NoSuchInvitee { value: quote(id) }.into(),
                    ),
                    Some(inv) if inv.name.is_none() => report(
                        format!("{place}.invitee"),
                        ModelMsg::InviteeWithoutName { value: quote(id) }.into(),
                    ),
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
