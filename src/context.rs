//! What templates are given: the model as written, plus everything derived from it (wording
//! of dates, clock times of the programme, introduction order, award groups), computed here
//! once so that every document says the same thing.

use std::cmp::Ordering;

use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::collate::Collation;
use crate::model::check::{self as checks, COUNT, DEADLINE, PRESENTATIONS, TABLES};
use crate::model::schedule::{self, Slot};
use crate::model::{
    Awardee, Awards, Conference, Exhibit, GroupSort, Invitee, Issuer, ItemKind, Person, Plan,
    Signer, SigningDate,
};
use crate::vn;

/// The variables of every template.
#[derive(Serialize)]
struct Context<'a> {
    style: StyleText<'a>,
    /// True while the date is not fixed: every paper is a draft.
    draft: bool,
    issuer: &'a Issuer,
    event: EventText<'a>,
    invitation: InvitationText<'a>,
    signer: &'a Signer,
    /// The invitees this rendering is for (all of them, or some: see [`with_invitees`]).
    invitees: Vec<Pick<'a>>,
    plan: Option<PlanText<'a>>,
    /// The plan's tasks as judged on the day of the run: the only part of the context that
    /// depends on the day, read by the checklist alone.
    checklist: Checklist<'a>,
    session: Option<SessionText<'a>>,
    agenda: Vec<ItemText<'a>>,
    presentations: Vec<PresentationText<'a>>,
    exhibits: &'a [Exhibit],
    awards: Option<AwardsText<'a>>,
    script: Option<ScriptText<'a>>,
    /// Every invitee in protocol order, by group, numbered through: the delegate lists.
    delegates: Vec<Group<'a>>,
    /// Those seated at the head table, then those in the front rows: the name cards.
    cards: Vec<&'a Invitee>,
}

/// The font and size set every document is set in.
#[derive(Serialize)]
struct StyleText<'a> {
    font: &'a str,
    size: u32,
}

/// An invitee to render an invitation for.
#[derive(Serialize)]
struct Pick<'a> {
    /// 1-based position in the list.
    index: usize,
    /// Half points taken off the body so that a long invitation fits its page.
    shrink: u8,
    #[serde(flatten)]
    invitee: &'a Invitee,
}

/// One group of the delegate lists.
#[derive(Serialize)]
struct Group<'a> {
    /// The group's name, none for invitees in no group.
    name: Option<&'a str>,
    /// "I", "II" … for the group headings.
    roman: String,
    people: Vec<Numbered<&'a Invitee>>,
}

#[derive(Serialize)]
struct EventText<'a> {
    title: &'a str,
    venue: &'a str,
    chair: &'a str,
    /// "08 giờ 00 phút, thứ Năm, ngày 16/10/2025", or with the tentative wording.
    time: String,
    /// "thứ Năm, ngày 16/10/2025", or the tentative wording: "trong tháng 10/2025".
    day: String,
    /// "08h00".
    start: String,
}

#[derive(Serialize)]
struct InvitationText<'a> {
    /// The number with the decree's leading zero, or none to leave it blank.
    number: Option<String>,
    symbol: &'a str,
    signed: DateParts,
    notes: &'a [String],
    recipients: &'a [String],
}

/// A date's parts as printed; none where the clerk fills it in by hand.
#[derive(Serialize)]
struct DateParts {
    day: Option<String>,
    month: Option<String>,
    year: Option<String>,
}

impl From<SigningDate> for DateParts {
    fn from(d: SigningDate) -> Self {
        Self {
            day: d.day.map(vn::day),
            month: d.month.map(vn::month),
            year: d.year.map(|y| y.to_string()),
        }
    }
}

#[derive(Serialize)]
struct PlanText<'a> {
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
struct GroupCount<'a> {
    name: &'a str,
    /// "38", "04": the decree's leading zero below 10.
    count: String,
}

#[derive(Serialize)]
struct PlanItemText<'a> {
    title: &'a str,
    text: String,
}

#[derive(Serialize)]
struct AgencyText<'a> {
    agency: &'a str,
    items: Vec<TaskText>,
}

#[derive(Serialize)]
struct TaskText {
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
struct Late {
    days: u64,
}

#[derive(Serialize)]
struct Checklist<'a> {
    /// "05/10/2025": the day the tasks are judged on; none when the run has no day.
    today: Option<String>,
    agencies: Vec<AgencyText<'a>>,
    tasks: usize,
    done: usize,
    overdue: usize,
}

#[derive(Serialize)]
struct SessionText<'a> {
    name: &'a str,
    /// "11h30".
    end: String,
    /// Minutes the programme runs past the session's end, if it does.
    overrun: Option<u32>,
}

/// An item with its 1-based position.
#[derive(Serialize)]
struct Numbered<T> {
    index: usize,
    #[serde(flatten)]
    item: T,
}

#[derive(Serialize)]
struct Clock {
    /// "08h00", "08h10", "08h00 - 08h10".
    start: String,
    end: String,
    time: String,
}

impl From<Slot> for Clock {
    fn from(slot: Slot) -> Self {
        Self {
            start: schedule::clock(slot.start),
            end: schedule::clock(slot.end),
            time: slot.text(),
        }
    }
}

#[derive(Serialize)]
struct ItemText<'a> {
    index: usize,
    kind: ItemKind,
    content: &'a str,
    by: Option<&'a str>,
    speaker: Option<&'a Person>,
    minutes: u32,
    direction: Option<&'a str>,
    #[serde(flatten)]
    clock: Clock,
}

#[derive(Serialize)]
struct PresentationText<'a> {
    index: usize,
    unit: &'a str,
    speaker: Option<&'a Person>,
    topic: &'a str,
    minutes: u32,
    #[serde(flatten)]
    clock: Clock,
}

#[derive(Serialize)]
struct AwardsText<'a> {
    form: &'a str,
    announcer: &'a str,
    presenter: &'a Person,
    decision_number: Option<&'a str>,
    /// "ngày 10/10/2025", or none.
    decision_date: Option<String>,
    decision_signer: &'a str,
    decision_about: &'a str,
    organizations: &'a [String],
    individuals: &'a [Awardee],
    /// Who goes on stage together: collectives first, then individuals, `group_size` at a
    /// time, numbered through.
    groups: Vec<Vec<Numbered<AwardeeText<'a>>>>,
}

#[derive(Serialize)]
struct AwardeeText<'a> {
    name: &'a str,
    position: Option<&'a str>,
    organization: Option<&'a str>,
    collective: bool,
}

#[derive(Serialize)]
struct ScriptText<'a> {
    mc: Option<&'a str>,
    reason: &'a str,
    /// The introduced delegates by rank, consecutive ones of a bloc together.
    blocs: Vec<Bloc<'a>>,
}

#[derive(Serialize)]
struct Bloc<'a> {
    bloc: &'a str,
    people: Vec<PersonText<'a>>,
}

#[derive(Serialize)]
struct PersonText<'a> {
    honorific: Option<&'a str>,
    name: &'a str,
    position: Option<&'a str>,
}

/// The template variables for a conference set in `font`; `invitees` are the 0-based
/// positions of the invitees to render invitations for. No task is judged overdue.
pub fn build(conf: &Conference, font: &str, invitees: &[usize]) -> Value {
    build_on(conf, font, invitees, None)
}

/// [`build`], with the plan's tasks judged on `today` for the checklist.
pub fn build_on(
    conf: &Conference,
    font: &str,
    invitees: &[usize],
    today: Option<NaiveDate>,
) -> Value {
    let m = &conf.model;
    let context = Context {
        style: StyleText {
            font,
            size: m.style.size,
        },
        draft: conf.is_draft(),
        issuer: &m.issuer,
        event: EventText {
            title: &m.event.title,
            venue: &m.event.venue,
            chair: &m.event.chair,
            time: vn::event_time(conf.start, conf.date, tentative(conf)),
            day: match conf.date {
                Some(date) => format!("{}, ngày {}", vn::weekday(date), vn::short_date(date)),
                None => tentative(conf).to_string(),
            },
            start: schedule::clock(schedule::minutes(conf.start)),
        },
        invitation: InvitationText {
            number: m.invitation.number.map(|n| format!("{n:02}")),
            symbol: &m.invitation.symbol,
            signed: conf.signing.into(),
            notes: &m.invitation.notes,
            recipients: &m.invitation.recipients,
        },
        signer: &m.signer,
        invitees: picks(conf, &invitees.iter().map(|&i| (i, 0)).collect::<Vec<_>>()),
        plan: m.plan.as_ref().map(|p| plan(p, conf)),
        checklist: checklist(conf, today),
        session: m.session.as_ref().map(|s| SessionText {
            name: &s.name,
            end: conf
                .session_end
                .map(|t| schedule::clock(schedule::minutes(t)))
                .unwrap_or_default(),
            overrun: conf.session_end.and_then(|end| conf.schedule.overrun(end)),
        }),
        agenda: m
            .agenda
            .iter()
            .zip(&conf.schedule.items)
            .enumerate()
            .map(|(i, (item, &slot))| ItemText {
                index: i + 1,
                kind: item.kind,
                content: &item.content,
                by: item.by.as_deref(),
                speaker: item.speaker.as_ref(),
                minutes: slot.end - slot.start,
                direction: item.direction.as_deref(),
                clock: slot.into(),
            })
            .collect(),
        presentations: m
            .presentations
            .iter()
            .zip(&conf.schedule.presentations)
            .enumerate()
            .map(|(i, (p, &slot))| PresentationText {
                index: i + 1,
                unit: &p.unit,
                speaker: p.speaker.as_ref(),
                topic: &p.topic,
                minutes: p.minutes,
                clock: slot.into(),
            })
            .collect(),
        exhibits: &m.exhibits,
        awards: m.awards.as_ref().map(|a| awards(a, conf)),
        script: m.script.as_ref().map(|s| ScriptText {
            mc: s.mc.as_deref(),
            reason: &s.reason,
            blocs: introductions(conf),
        }),
        delegates: delegates(conf),
        cards: cards(conf),
    };
    Value::from(Serde(&context))
}

/// `base` (a context of [`build`]) for other invitees: `picks` are their 0-based positions with
/// the half points to take off each one's body. Cheaper than building the context again.
pub fn with_invitees(base: &Value, conf: &Conference, picks: &[(usize, u8)]) -> Value {
    let invitees = Value::from(Serde(self::picks(conf, picks)));
    // The last map wins where both have a key.
    minijinja::value::merge_maps([base.clone(), minijinja::context! { invitees }])
}

/// `base` with one plain invitee in place of the list, `shrink` half points smaller: what an
/// invitation looks like when only what every invitation shares could make it long.
pub fn with_stand_in(base: &Value, shrink: u8) -> Value {
    let stand_in = Invitee {
        name: Some("A".into()),
        ..Invitee::default()
    };
    let invitees = Value::from(Serde(vec![Pick {
        index: 1,
        shrink,
        invitee: &stand_in,
    }]));
    minijinja::value::merge_maps([base.clone(), minijinja::context! { invitees }])
}

fn picks<'a>(conf: &'a Conference, picks: &[(usize, u8)]) -> Vec<Pick<'a>> {
    picks
        .iter()
        .map(|&(i, shrink)| Pick {
            index: i + 1,
            shrink,
            invitee: &conf.model.invitees[i],
        })
        .collect()
}

fn plan<'a>(p: &'a Plan, conf: &'a Conference) -> PlanText<'a> {
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
fn count_words(n: usize) -> String {
    format!("{n:02}")
}

/// The plan's tasks, agency by agency, each with its deadline written into its text; with
/// `today`, those past their deadline and not done are marked late.
fn tasks(conf: &Conference, today: Option<NaiveDate>) -> Vec<AgencyText<'_>> {
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

fn checklist(conf: &Conference, today: Option<NaiveDate>) -> Checklist<'_> {
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

fn tentative(conf: &Conference) -> &str {
    conf.model.event.tentative.as_deref().unwrap_or_default()
}

fn awards<'a>(a: &'a Awards, conf: &Conference) -> AwardsText<'a> {
    let everyone: Vec<AwardeeText> = a
        .organizations
        .iter()
        .map(|name| AwardeeText {
            name,
            position: None,
            organization: None,
            collective: true,
        })
        .chain(a.individuals.iter().map(|p| AwardeeText {
            name: &p.name,
            position: p.position.as_deref(),
            organization: p.organization.as_deref(),
            collective: false,
        }))
        .collect();
    let size = a.group_size.max(1);
    let mut groups: Vec<Vec<Numbered<AwardeeText>>> = Vec::new();
    for (i, awardee) in everyone.into_iter().enumerate() {
        if i % size == 0 {
            groups.push(Vec::new());
        }
        groups
            .last_mut()
            .expect("a group was just pushed")
            .push(Numbered {
                index: i + 1,
                item: awardee,
            });
    }
    AwardsText {
        form: &a.form,
        announcer: &a.announcer,
        presenter: &a.presenter,
        decision_number: a.decision.number.as_deref(),
        decision_date: conf
            .decision_date
            .map(|d| format!("ngày {}", vn::short_date(d))),
        decision_signer: &a.decision.signer,
        decision_about: &a.decision.about,
        organizations: &a.organizations,
        individuals: &a.individuals,
        groups,
    }
}

/// The delegates to introduce, by rank (ties keep the model's order), resolved to their
/// names, with consecutive delegates of one bloc together.
fn introductions(conf: &Conference) -> Vec<Bloc<'_>> {
    let Some(script) = &conf.model.script else {
        return vec![];
    };
    let mut intros: Vec<_> = script.introductions.iter().collect();
    intros.sort_by_key(|i| i.rank);
    let mut blocs: Vec<Bloc> = Vec::new();
    for intro in intros {
        let person = match (&intro.invitee, &intro.person) {
            (_, Some(p)) => PersonText {
                honorific: p.honorific.as_deref(),
                name: &p.name,
                position: p.position.as_deref(),
            },
            (Some(id), None) => {
                let inv = &conf.model.invitees[conf.invitee_index(id).expect("ids were validated")];
                PersonText {
                    honorific: inv.honorific.as_deref(),
                    name: inv.name.as_deref().unwrap_or_default(),
                    position: inv.position.as_deref(),
                }
            }
            (None, None) => continue,
        };
        match blocs.last_mut() {
            Some(last) if last.bloc == intro.bloc => last.people.push(person),
            _ => blocs.push(Bloc {
                bloc: &intro.bloc,
                people: vec![person],
            }),
        }
    }
    blocs
}

/// The invitees in protocol order: groups in the model's order (those in no group last);
/// inside a group first those the model pins (`order`, 1 first), then the others in the order
/// they are typed, or, in a group that asks for it (`"sort": "name"`), persons by Vietnamese
/// name order (given name, middle names, family name), then organisations by name.
fn sorted_invitees(conf: &Conference) -> Vec<&Invitee> {
    protocol_order(conf)
        .into_iter()
        .map(|i| &conf.model.invitees[i])
        .collect()
}

/// The 0-based positions of the invitees in protocol order (see [`sorted_invitees`]): the
/// order of every list, whatever file it is written to.
pub fn protocol_order(conf: &Conference) -> Vec<usize> {
    let collation = Collation::new();
    let m = &conf.model;
    let group_of = |inv: &Invitee| {
        inv.group
            .as_ref()
            .and_then(|g| m.groups.iter().position(|x| &x.name == g))
    };
    let by_name =
        |inv: &Invitee| group_of(inv).is_some_and(|g| m.groups[g].sort == GroupSort::Name);
    let mut sorted: Vec<usize> = (0..m.invitees.len()).collect();
    // A stable sort: equal keys keep the typed order.
    sorted.sort_by(|&i, &j| {
        let (a, b) = (&m.invitees[i], &m.invitees[j]);
        let rank = |inv| group_of(inv).unwrap_or(m.groups.len());
        rank(a)
            .cmp(&rank(b))
            .then_with(|| match (a.order, b.order) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) if by_name(a) => match (&a.name, &b.name) {
                    (Some(x), Some(y)) => collation.compare_names(x, y),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => collation.compare(a.label(), b.label()),
                },
                (None, None) => Ordering::Equal,
            })
    });
    sorted
}

fn delegates(conf: &Conference) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, invitee) in sorted_invitees(conf).into_iter().enumerate() {
        let name = invitee.group.as_deref();
        if groups.last().is_none_or(|g| g.name != name) {
            groups.push(Group {
                name,
                roman: vn::roman(groups.len() + 1),
                people: Vec::new(),
            });
        }
        groups
            .last_mut()
            .expect("a group was just pushed")
            .people
            .push(Numbered {
                index: i + 1,
                item: invitee,
            });
    }
    groups
}

fn cards(conf: &Conference) -> Vec<&Invitee> {
    let sorted = sorted_invitees(conf);
    ["head", "front"]
        .iter()
        .flat_map(|seat| {
            sorted
                .iter()
                .copied()
                .filter(move |inv| inv.seat.as_deref() == Some(*seat))
        })
        .collect()
}
