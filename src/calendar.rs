//! The plan's deadlines, and the conference itself once its date is fixed, as an iCalendar file
//! (RFC 5545) that Outlook and phone calendars import.
//!
//! Two promises, both for importing the file again after the model changed: every entry keeps
//! its UID whatever else changes (a deadline moved, a text reworded, a task done), so that the
//! calendar updates the entry instead of adding a second one; and nothing comes from the clock
//! (the crate would stamp the time of writing and a random UID where none is given), so that
//! the same model gives the same bytes.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

use crate::context;
use crate::model::{Conference, Task};
use crate::output::manifest;
use crate::problem::{Problems, shorten};
use crate::vn;

/// The conference's clock times are Vietnam's, UTC+7 all year; the file gives them in UTC so
/// that no time-zone definition is needed.
const UTC_OFFSET: TimeDelta = TimeDelta::hours(7);

/// The words of the entries. The calendar is a paper like the others, in Vietnamese only.
const DEADLINE: &str = "Hạn";
const DONE: &str = "Đã xong";
const AGENCY: &str = "Cơ quan thực hiện";
const CHAIR: &str = "Chủ trì";
const TASKS: &str = "Nhiệm vụ";

/// The calendar file of a conference: what [`crate::documents`] writes as `nhiem-vu.ics`.
pub fn make(conf: &Conference, _context: &minijinja::Value) -> Result<Vec<u8>, Problems> {
    Ok(write(conf).into_bytes())
}

/// The calendar as text: one all-day entry on each task's deadline, and the conference at its
/// hours once its date is fixed.
pub fn write(conf: &Conference) -> String {
    let m = &conf.model;
    let key = conference_key(conf);
    let stamp = stamp(conf);
    let mut calendar = Calendar::new();
    let title = m
        .plan
        .as_ref()
        .and_then(|p| p.summary.as_deref())
        .unwrap_or(&m.event.title);
    // The name calendars show for an imported or subscribed file. (The crate's `name` also
    // writes RFC 7986 NAME, without escaping its text: a ";" in a title would be invalid.)
    calendar.append_property(Property::new("X-WR-CALNAME", format!("{TASKS}: {title}")));
    if let Some(plan) = &m.plan {
        for (agency, deadlines) in plan.tasks.iter().zip(&conf.deadlines) {
            for (t, (task, &deadline)) in agency.items.iter().zip(deadlines).enumerate() {
                let Some(deadline) = deadline else { continue };
                let text = context::task_text(&task.text, Some(deadline));
                let summary = format!(
                    "{}{DEADLINE}: {} – {}",
                    if task.done {
                        format!("[{DONE}] ")
                    } else {
                        String::new()
                    },
                    agency.agency,
                    shorten(&text, 80)
                );
                calendar.push(
                    Event::new()
                        .uid(&format!(
                            "{}.{key}@hoinghi",
                            task_key(&agency.agency, t, task)
                        ))
                        .timestamp(stamp)
                        .starts(deadline)
                        .ends(deadline + Days::new(1))
                        .summary(&summary)
                        .description(&format!("{text}\n{AGENCY}: {}", agency.agency))
                        // A deadline is a day to remember, not a day taken up.
                        .add_property("TRANSP", "TRANSPARENT")
                        .done(),
                );
            }
        }
    }
    if let Some(date) = conf.date {
        let start = utc(date, conf.start);
        let mut event = Event::new();
        event
            .uid(&format!("hoi-nghi.{key}@hoinghi"))
            .timestamp(stamp)
            .starts(start)
            .summary(&m.event.title)
            .location(&m.event.venue)
            .description(&format!("{CHAIR}: {}", m.event.chair))
            .status(EventStatus::Confirmed);
        let end = conf
            .schedule
            .end()
            .and_then(|minutes| NaiveTime::from_num_seconds_from_midnight_opt(minutes * 60, 0))
            .or(conf.session_end)
            .filter(|&end| end > conf.start);
        if let Some(end) = end {
            event.ends(utc(date, end));
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

/// What names the conference in every UID: its issuer and title, hashed. Changing the title
/// makes new entries (the old ones stay in calendars that imported them).
fn conference_key(conf: &Conference) -> String {
    let m = &conf.model;
    let hash = manifest::fingerprint([
        "hoinghi calendar".as_bytes(),
        m.issuer.name.as_bytes(),
        m.event.title.as_bytes(),
    ]);
    hash[..16].to_string()
}

/// A task's own part of its UID: its id, else its agency and its place among the agency's
/// tasks (so a task inserted before others of its agency renames them: hence the id).
fn task_key(agency: &str, position: usize, task: &Task) -> String {
    match &task.id {
        Some(id) => format!("nv-{}", vn::slug(id, 60)),
        None => format!("{}-{}", vn::slug(agency, 60), position + 1),
    }
}

/// DTSTAMP, when the entries were made: the plan's signing date (the first of the month when
/// its day is left blank), else the invitation's, else the conference's, else a fixed day.
fn stamp(conf: &Conference) -> DateTime<Utc> {
    let signed = |d: crate::model::SigningDate| {
        NaiveDate::from_ymd_opt(d.year?, d.month?, d.day.unwrap_or(1))
    };
    let day = signed(conf.plan_date)
        .or_else(|| signed(conf.signing))
        .or(conf.date)
        .unwrap_or_default();
    day.and_time(NaiveTime::MIN).and_utc()
}

/// A local date and time of the conference in UTC.
fn utc(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    (NaiveDateTime::new(date, time) - UTC_OFFSET).and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_conference_hours_are_given_in_utc() {
        let date = NaiveDate::from_ymd_opt(2025, 10, 16).unwrap();
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(
            utc(date, at(8, 0)).to_rfc3339(),
            "2025-10-16T01:00:00+00:00"
        );
        // Early in the morning in Vietnam is still the day before in UTC.
        assert_eq!(
            utc(date, at(6, 30)).to_rfc3339(),
            "2025-10-15T23:30:00+00:00"
        );
    }

    #[test]
    fn a_task_is_named_by_its_id_else_by_its_agency_and_place() {
        let task = |id: Option<&str>| Task {
            id: id.map(String::from),
            text: "x".into(),
            deadline: None,
            done: false,
        };
        assert_eq!(
            task_key("UBND các xã, phường", 2, &task(None)),
            "ubnd-cac-xa-phuong-3"
        );
        assert_eq!(
            task_key("UBND các xã, phường", 2, &task(Some("Báo cáo"))),
            "nv-bao-cao"
        );
    }
}
