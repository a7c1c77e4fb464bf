//! The plan (kế hoạch): its text with the list's counts written in, and its tasks agency by
//! agency, with their deadlines, as the plan prints them and as the checklist judges them.

use chrono::NaiveDate;
use serde::Serialize;

use super::DateParts;
use crate::model::check::{self as checks, COUNT, DEADLINE, PRESENTATIONS, TABLES};
use crate::model::{Conference, Plan, Signer};
use crate::vn;

#[derive(Serialize)]
pub(super) struct PlanText<'a> {
    number: Option<String>,
    symbol: &'a str,
    signed: DateParts,
    /// The trích yếu; none when the model holds only what the annexes cite.
    summary: Option<&'a str>,
    preamble: &'a [String],
    purposes: &'a [String],
    requirements: &'a [String],
    duration: Option<&'a str>,
    /// The composition's lines with each group's count written in.
    composition: Vec<String>,
    /// Every group of the list with its count of invitations, for a composition left empty.
    groups: Vec<GroupCount<'a>>,
    /// How many invitations go to invitees in no group, "00" when none.
    others: String,
    content: Option<&'a str>,
    /// The plan's own programme lines, else the agenda's items.
    programme: Vec<&'a str>,
    items: Vec<PlanItemText<'a>>,
    funding: &'a [String],
    tasks: Vec<AgencyText<'a>>,
    closing: Option<&'a str>,
    recipients: &'a [String],
    signer: &'a Signer,
}

#[derive(Serialize)]
pub(super) struct GroupCount<'a> {
    name: &'a str,
    /// "38", "04": the decree's leading zero below 10.
    count: String,
}

#[derive(Serialize)]
pub(super) struct PlanItemText<'a> {
    title: &'a str,
    text: String,
}

#[derive(Serialize)]
pub(super) struct AgencyText<'a> {
    agency: &'a str,
    items: Vec<TaskText>,
}

#[derive(Serialize)]
pub(super) struct TaskText {
    /// The text with its deadline written in.
    text: String,
    /// "30/09/2025", or none.
    due: Option<String>,
    done: bool,
    /// Set by the checklist only: past its deadline and not done.
    late: Option<Late>,
}

/// How late an overdue task is.
#[derive(Serialize)]
pub(super) struct Late {
    days: u64,
}

#[derive(Serialize)]
pub(super) struct Checklist<'a> {
    /// "05/10/2025": the day the tasks are judged on; none when the run has no day.
    today: Option<String>,
    agencies: Vec<AgencyText<'a>>,
    tasks: usize,
    done: usize,
    overdue: usize,
}

pub(super) fn plan<'a>(p: &'a Plan, conf: &'a Conference) -> PlanText<'a> {
    let m = &conf.model;
    let count = |group: &str| count_words(checks::group_count(m, group));
    PlanText {
        number: p.number.map(|n| format!("{n:02}")),
        symbol: &p.symbol,
        signed: conf.plan_date.into(),
        summary: p.summary.as_deref(),
        preamble: &p.preamble,
        purposes: &p.purposes,
        requirements: &p.requirements,
        duration: p.duration.as_deref(),
        composition: p
            .composition
            .iter()
            .map(|line| match &line.group {
                Some(group) => line.text.replace(COUNT, &count(group)),
                None => line.text.clone(),
            })
            .collect(),
        groups: m
            .groups
            .iter()
            .map(|group| GroupCount {
                name: &group.name,
                count: count(&group.name),
            })
            .filter(|g| g.count != count_words(0))
            .collect(),
        others: count_words(m.invitees.iter().filter(|i| i.group.is_none()).count()),
        content: p.content.as_deref(),
        programme: if p.programme.is_empty() {
            m.agenda.iter().map(|item| item.content.as_str()).collect()
        } else {
            p.programme.iter().map(String::as_str).collect()
        },
        items: p
            .items
            .iter()
            .map(|item| PlanItemText {
                title: &item.title,
                text: item
                    .text
                    .replace(TABLES, &count_words(m.exhibits.len()))
                    .replace(PRESENTATIONS, &count_words(m.presentations.len())),
            })
            .collect(),
        funding: &p.funding,
        tasks: tasks(conf, None),
        closing: p.closing.as_deref(),
        recipients: &p.recipients,
        signer: p.signer.as_ref().unwrap_or(&m.signer),
    }
}

/// A count as administrative documents write it: "38", with a leading zero below 10: "04".
pub(super) fn count_words(n: usize) -> String {
    format!("{n:02}")
}

/// The plan's tasks, agency by agency, each with its deadline written into its text; with
/// `today`, those past their deadline and not done are marked late.
pub(super) fn tasks(conf: &Conference, today: Option<NaiveDate>) -> Vec<AgencyText<'_>> {
    let Some(plan) = &conf.model.plan else {
        return Vec::new();
    };
    plan.tasks
        .iter()
        .zip(&conf.deadlines)
        .map(|(agency, deadlines)| AgencyText {
            agency: &agency.agency,
            items: agency
                .items
                .iter()
                .zip(deadlines)
                .map(|(task, &deadline)| TaskText {
                    text: task_text(&task.text, deadline),
                    due: deadline.map(|d| d.format("%d/%m/%Y").to_string()),
                    done: task.done,
                    late: today
                        .and_then(|today| task.days_late(deadline, today))
                        .map(|days| Late { days }),
                })
                .collect(),
        })
        .collect()
}

/// A task's text with its deadline written in where it says {hạn}: "trước ngày 30/9/2025".
pub fn task_text(text: &str, deadline: Option<NaiveDate>) -> String {
    match deadline {
        Some(d) => text.replace(DEADLINE, &vn::short_date(d)),
        None => text.to_string(),
    }
}

pub(super) fn checklist(conf: &Conference, today: Option<NaiveDate>) -> Checklist<'_> {
    let agencies = tasks(conf, today);
    let all = || agencies.iter().flat_map(|a| &a.items);
    Checklist {
        today: today.map(|d| d.format("%d/%m/%Y").to_string()),
        tasks: all().count(),
        done: all().filter(|t| t.done).count(),
        overdue: all().filter(|t| t.late.is_some()).count(),
        agencies,
    }
}
