//! What templates are given: the model as written, plus everything derived from it (wording
//! of dates, clock times of the programme, introduction order, award groups), computed here
//! once so that every document says the same thing.

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};
use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::collate::Collation;
use crate::model::check::{self as checks, COUNT, DEADLINE, PRESENTATIONS, TABLES};
use crate::model::schedule::{self, Slot};
use crate::model::{
    Awardee, Awards, Collective, Conference, Exhibit, GroupSort, Invitee, Issuer, ItemKind, Note,
    Person, Plan, Signer, SigningDate,
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
    /// Which part of the delegate lists the source sets: all of them but in [`with_piece`].
    piece: Piece,
    /// Those seated at the head table, then those in the front rows: the name cards.
    cards: Vec<Card<'a>>,
    /// The head table and the front rows, each row as seen from the hall.
    seating: Seating<'a>,
    /// How many invitations, to whom, and how many people they bring.
    totals: Totals,
    /// Blank rows at the end of the sign-in sheet.
    spare_rows: u32,
}

/// A seat with a name card: an invitee, the chair or the signer.
#[derive(Serialize)]
struct Card<'a> {
    /// The seat's place in protocol order, 1 the most senior.
    rank: usize,
    /// A person's name, or the organisation for an invitation to one.
    name: &'a str,
    /// Whether `name` is an organisation's.
    organization: bool,
    /// The short title for cards, else the position.
    title: Option<&'a str>,
}

/// The seating plan: `head` and each of `front` left to right as seen from the hall.
#[derive(Serialize)]
struct Seating<'a> {
    head: Vec<Card<'a>>,
    front: Vec<Row<'a>>,
    /// Seats across the widest front row, the aisle's sides made even.
    across: usize,
}

/// A front row, split by the centre aisle, each side left to right as seen from the hall.
#[derive(Serialize)]
struct Row<'a> {
    left: Vec<Card<'a>>,
    right: Vec<Card<'a>>,
}

#[derive(Serialize)]
struct Totals {
    invitations: usize,
    persons: usize,
    organizations: usize,
    /// The people expected: one per invitation to a person, `sends` per organisation.
    people: u32,
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
    /// The notes for this invitee's group.
    notes: Vec<&'a str>,
    /// What the programme asks of this invitee.
    tasks: Tasks<'a>,
}

/// What the programme asks of one invitee, from the links of the model.
#[derive(Serialize, Default)]
struct Tasks<'a> {
    /// The presentations to prepare (Biểu số 01).
    presentations: Vec<PresentationTask<'a>>,
    /// The display tables to set up (Biểu số 02).
    exhibits: Vec<ExhibitTask<'a>>,
    /// The collectives whose award the invitee receives on stage.
    collectives: Vec<&'a str>,
    /// Whether the invitee is a person called on stage to receive an award.
    awarded: bool,
    /// Other persons awarded, whom the invitee (their unit) is to send.
    individuals: Vec<AwardeeText<'a>>,
}

#[derive(Serialize)]
struct PresentationTask<'a> {
    topic: &'a str,
    minutes: u32,
    speaker: Option<&'a Person>,
}

#[derive(Serialize)]
struct ExhibitTask<'a> {
    table: u32,
    products: Vec<&'a str>,
}

/// One group of the delegate lists.
#[derive(Serialize, Clone)]
struct Group<'a> {
    /// The group's name, none for invitees in no group.
    name: Option<&'a str>,
    /// "I", "II" … for the group headings.
    roman: String,
    /// Whether its heading row is printed: not in a piece of the list that starts after it.
    heading: bool,
    /// The heading's row in the list, counted from 0 with the people's (see [`Piece`]).
    row: usize,
    people: Vec<Delegate<'a>>,
}

/// An invitee on the delegate lists.
#[derive(Serialize, Clone)]
struct Delegate<'a> {
    /// The number of their invitation.
    index: usize,
    /// Their row in the list, counted from 0 with the group headings (see [`Piece`]).
    row: usize,
    #[serde(flatten)]
    item: &'a Invitee,
}

/// What a document's rows are, one per: a list set in pieces is cut between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// The delegate lists' rows: each group's heading and each invitee, in protocol order.
    Delegates,
    /// One per invitation, in the list's order (the envelopes).
    Invitees,
}

/// The part of a delegate list a source sets. A list of thousands is set in pieces, each a
/// document of its own (one set whole takes hundreds of megabytes): the first has the heading,
/// the last the totals and spare rows, and each piece goes on from the page and the row at
/// which the one before ended. Templates mark each row with `#metadata(row) <row>`, by which
/// the page a row falls on is found.
#[derive(Serialize)]
struct Piece {
    first: bool,
    last: bool,
    /// The number of its first page.
    page: usize,
}

impl Piece {
    const WHOLE: Self = Self {
        first: true,
        last: true,
        page: 1,
    };
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
    /// When the programme opens, the reception included: "07h30".
    opens: String,
    /// The chair's name and position, for the cards and the seating plan.
    chair_name: &'a str,
    chair_position: Option<&'a str>,
    /// The month of the conference for the booklet's cover, "tháng 10 năm 2025", or the year
    /// alone, or none.
    month: Option<String>,
}

#[derive(Serialize)]
struct InvitationText<'a> {
    /// The number with the decree's leading zero, or none to leave it blank.
    number: Option<String>,
    symbol: &'a str,
    signed: DateParts,
    /// Every note's text, whoever it is for (each invitee's own are `invitees[k].notes`).
    notes: Vec<&'a str>,
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
    /// The decision's number ("1234/QĐ-UBND"), or none to leave it blank before `symbol`.
    decision_number: Option<&'a str>,
    decision_symbol: Option<&'a str>,
    /// The decision's date, its parts blank where not known (the year then is the signing's).
    decision_signed: DateParts,
    decision_signer: &'a str,
    decision_about: &'a str,
    individuals: &'a [Awardee],
    /// Who goes on stage together: collectives first, then individuals, never both in one
    /// batch, `group_size` at a time, numbered through.
    batches: Vec<Batch<'a>>,
}

/// One group called on stage together.
#[derive(Serialize)]
struct Batch<'a> {
    /// 1-based.
    index: usize,
    /// Collectives ("các tập thể") or persons ("các cá nhân").
    collective: bool,
    people: Vec<Numbered<AwardeeText<'a>>>,
}

#[derive(Serialize)]
struct AwardeeText<'a> {
    honorific: Option<&'a str>,
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
            opens: schedule::clock(
                conf.schedule
                    .items
                    .first()
                    .map_or(schedule::minutes(conf.start), |s| s.start),
            ),
            chair_name: m.event.chair_person().0,
            chair_position: m.event.chair_person().1,
            month: cover_month(conf),
        },
        invitation: InvitationText {
            number: m.invitation.number.map(|n| format!("{n:02}")),
            symbol: &m.invitation.symbol,
            signed: conf.signing.into(),
            notes: m.invitation.notes.iter().map(Note::text).collect(),
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
        delegates: numbered_as_invitations(conf, delegates(conf)),
        piece: Piece::WHOLE,
        cards: cards(conf),
        seating: seating(conf),
        totals: totals(conf),
        spare_rows: m.sign_in.as_ref().map_or(10, |s| s.spare_rows),
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

/// What a stand-in for invitee `i` keeps of its invitation.
#[derive(Debug, Clone, Copy)]
pub struct StandIn {
    /// The invitee's own name, position, unit and who attends.
    pub own: bool,
    /// The notes of the invitee's group.
    pub notes: bool,
    /// What the programme asks of the invitee.
    pub tasks: bool,
}

/// `base` with a stand-in for invitee `i` in place of the list, `shrink` half points smaller:
/// the invitation with or without the invitee's own name, position and unit, notes and tasks,
/// as `keep` says. What makes an invitation long is found by leaving things
/// out until it fits.
pub fn with_stand_in(
    base: &Value,
    conf: &Conference,
    i: usize,
    shrink: u8,
    keep: StandIn,
) -> Value {
    let invitee = &conf.model.invitees[i];
    let stand_in = Invitee {
        name: Some("A".into()),
        group: invitee.group.clone(),
        ..Invitee::default()
    };
    let mut pick = self::pick(conf, i, shrink);
    if !keep.own {
        pick.invitee = &stand_in;
    }
    if !keep.notes {
        pick.notes.clear();
    }
    if !keep.tasks {
        pick.tasks = Tasks::default();
    }
    let invitees = Value::from(Serde(vec![pick]));
    minijinja::value::merge_maps([base.clone(), minijinja::context! { invitees }])
}

/// `base` with the value at `path` (keys of nested maps: `["event", "title"]`) replaced.
pub fn with_value(base: &Value, path: &[&str], value: Value) -> Value {
    let Some((first, rest)) = path.split_first() else {
        return value;
    };
    let inner = base.get_attr(first).unwrap_or_default();
    let replaced = with_value(&inner, rest, value);
    let one = std::collections::BTreeMap::from([(first.to_string(), replaced)]);
    minijinja::value::merge_maps([base.clone(), Value::from(one)])
}

fn picks<'a>(conf: &'a Conference, picks: &[(usize, u8)]) -> Vec<Pick<'a>> {
    picks
        .iter()
        .map(|&(i, shrink)| pick(conf, i, shrink))
        .collect()
}

fn pick(conf: &Conference, i: usize, shrink: u8) -> Pick<'_> {
    let invitee = &conf.model.invitees[i];
    Pick {
        index: i + 1,
        shrink,
        invitee,
        notes: conf
            .model
            .invitation
            .notes
            .iter()
            .filter(|n| n.is_for(invitee.group.as_deref()))
            .map(Note::text)
            .collect(),
        tasks: invitee_tasks(conf, invitee),
    }
}

/// What the programme asks of `invitee`: the presentations, display tables and awards that
/// name it.
fn invitee_tasks<'a>(conf: &'a Conference, invitee: &Invitee) -> Tasks<'a> {
    let Some(id) = invitee.id.as_deref() else {
        return Tasks::default();
    };
    let m = &conf.model;
    let mut tasks = Tasks {
        presentations: m
            .presentations
            .iter()
            .filter(|p| p.invitee.as_deref() == Some(id))
            .map(|p| PresentationTask {
                topic: &p.topic,
                minutes: p.minutes,
                speaker: p.speaker.as_ref(),
            })
            .collect(),
        exhibits: m
            .exhibits
            .iter()
            .filter(|e| e.invitee.as_deref() == Some(id))
            .map(|e| ExhibitTask {
                table: e.table,
                products: e.products.iter().map(|p| p.name.as_str()).collect(),
            })
            .collect(),
        ..Tasks::default()
    };
    if let Some(awards) = &m.awards {
        tasks.collectives = awards
            .organizations
            .iter()
            .filter(|c| c.invitee() == Some(id))
            .map(Collective::name)
            .collect();
        for a in awards
            .individuals
            .iter()
            .filter(|a| a.invitee.as_deref() == Some(id))
        {
            if invitee.name.as_deref() == Some(a.name.as_str()) {
                tasks.awarded = true;
            } else {
                tasks.individuals.push(awardee(a));
            }
        }
    }
    tasks
}

fn awardee(a: &Awardee) -> AwardeeText<'_> {
    AwardeeText {
        honorific: a.honorific.as_deref(),
        name: &a.name,
        position: a.position.as_deref(),
        organization: a.organization.as_deref(),
        collective: false,
    }
}

/// "tháng 10 năm 2025" from the conference's date, else the signing date, else the plan's.
fn cover_month(conf: &Conference) -> Option<String> {
    let (year, month) = match conf.date {
        Some(date) => (Some(date.year()), Some(date.month())),
        None => [conf.signing, conf.plan_date]
            .into_iter()
            .find(|d| d.year.is_some())
            .map_or((None, None), |d| (d.year, d.month)),
    };
    match (year, month) {
        (Some(y), Some(m)) => Some(format!("tháng {} năm {y}", vn::month(m))),
        (Some(y), None) => Some(format!("năm {y}")),
        _ => None,
    }
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
    let collectives = a.organizations.iter().map(|c| AwardeeText {
        honorific: None,
        name: c.name(),
        position: None,
        organization: None,
        collective: true,
    });
    let persons = a.individuals.iter().map(awardee);
    let size = a.group_size.max(1);
    let mut batches: Vec<Batch> = Vec::new();
    for (i, awardee) in collectives.chain(persons).enumerate() {
        // A new batch when the last is full or holds the other kind.
        let full = batches
            .last()
            .is_none_or(|b| b.people.len() == size || b.collective != awardee.collective);
        if full {
            batches.push(Batch {
                index: batches.len() + 1,
                collective: awardee.collective,
                people: Vec::new(),
            });
        }
        batches
            .last_mut()
            .expect("a batch was just pushed")
            .people
            .push(Numbered {
                index: i + 1,
                item: awardee,
            });
    }
    // The decision's year, when its date is not known, is the one it is signed in: the
    // invitations' (or the conference's).
    let mut signed = conf.decision_date;
    if signed.year.is_none() {
        signed.year = conf.signing.year.or(conf.date.map(|d| d.year()));
    }
    AwardsText {
        form: &a.form,
        announcer: &a.announcer,
        presenter: &a.presenter,
        decision_number: a.decision.number.as_deref(),
        decision_symbol: a.decision.symbol.as_deref(),
        decision_signed: signed.into(),
        decision_signer: &a.decision.signer,
        decision_about: &a.decision.about,
        individuals: &a.individuals,
        batches,
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
    let mut row = 0;
    for (i, invitee) in sorted_invitees(conf).into_iter().enumerate() {
        let name = invitee.group.as_deref();
        if groups.last().is_none_or(|g| g.name != name) {
            groups.push(Group {
                name,
                roman: vn::roman(groups.len() + 1),
                heading: name.is_some(),
                row,
                people: Vec::new(),
            });
            // A group without a name has no heading row.
            row += usize::from(name.is_some());
        }
        groups
            .last_mut()
            .expect("a group was just pushed")
            .people
            .push(Delegate {
                index: i + 1,
                row,
                item: invitee,
            });
        row += 1;
    }
    groups
}

/// How many rows of `kind` a conference's lists have.
pub fn row_count(conf: &Conference, kind: Rows) -> usize {
    match kind {
        Rows::Delegates => delegates(conf)
            .iter()
            .map(|g| usize::from(g.heading) + g.people.len())
            .sum(),
        Rows::Invitees => conf.model.invitees.len(),
    }
}

/// `base` for the piece of a list of `rows` of `kind`, its first page numbered `page`.
pub fn with_piece(
    base: &Value,
    conf: &Conference,
    kind: Rows,
    rows: std::ops::Range<usize>,
    page: usize,
) -> Value {
    let piece = Piece {
        first: rows.start == 0,
        last: rows.end >= row_count(conf, kind),
        page,
    };
    let piece = Value::from(Serde(piece));
    let part = match kind {
        Rows::Delegates => {
            let delegates: Vec<Group> = numbered_as_invitations(conf, delegates(conf))
                .into_iter()
                .filter_map(|mut group| {
                    group.heading &= rows.contains(&group.row);
                    group.people.retain(|d| rows.contains(&d.row));
                    (group.heading || !group.people.is_empty()).then_some(group)
                })
                .collect();
            let delegates = Value::from(Serde(delegates));
            minijinja::context! { delegates, piece }
        }
        Rows::Invitees => {
            let picks: Vec<(usize, u8)> = rows.map(|i| (i, 0)).collect();
            let invitees = Value::from(Serde(self::picks(conf, &picks)));
            minijinja::context! { invitees, piece }
        }
    };
    minijinja::value::merge_maps([base.clone(), part])
}

/// The delegate groups with each invitee numbered as their invitation is (the position in the
/// list), so that "GM 010" is number 10 on every list.
fn numbered_as_invitations<'a>(conf: &'a Conference, mut groups: Vec<Group<'a>>) -> Vec<Group<'a>> {
    let positions: std::collections::HashMap<*const Invitee, usize> = conf
        .model
        .invitees
        .iter()
        .enumerate()
        .map(|(i, inv)| (inv as *const Invitee, i + 1))
        .collect();
    for person in groups.iter_mut().flat_map(|g| g.people.iter_mut()) {
        person.index = positions[&(person.item as *const Invitee)];
    }
    groups
}

fn totals(conf: &Conference) -> Totals {
    let invitees = &conf.model.invitees;
    let persons = invitees.iter().filter(|i| i.name.is_some()).count();
    Totals {
        invitations: invitees.len(),
        persons,
        organizations: invitees.len() - persons,
        people: invitees
            .iter()
            .map(|i| {
                if i.name.is_some() {
                    1
                } else {
                    i.sends.unwrap_or(1)
                }
            })
            .sum(),
    }
}

/// How many seats a front row has: the width of a hall's front row in most meeting rooms.
const FRONT_ROW: usize = 10;

/// An invitee's name card: the name and short title (else position) of a person, the name
/// of an organisation.
fn card(inv: &Invitee) -> Card<'_> {
    let (name, organization) = match &inv.name {
        Some(name) => (name.as_str(), false),
        None => (inv.label(), true),
    };
    Card {
        rank: 0,
        name,
        organization,
        title: inv.short.as_deref().or(if organization {
            None
        } else {
            inv.position.as_deref()
        }),
    }
}

/// Everyone with a name card, in protocol order: the head table (the chair first, as the one
/// who presides; then the invitees seated there; then the signer, a host, if not the chair),
/// then the front rows.
fn seated(conf: &Conference) -> (Vec<Card<'_>>, Vec<Card<'_>>) {
    let m = &conf.model;
    let sorted = sorted_invitees(conf);
    let (chair, chair_position) = m.event.chair_person();
    let is_signer = |name: &str| name.to_lowercase() == m.signer.name.to_lowercase();
    let mut head = vec![Card {
        rank: 0,
        name: chair,
        organization: false,
        title: m
            .event
            .chair_short
            .as_deref()
            .or(if is_signer(chair) {
                m.signer.short.as_deref()
            } else {
                None
            })
            .or(chair_position),
    }];
    head.extend(
        sorted
            .iter()
            .filter(|inv| inv.seat.as_deref() == Some("head"))
            .map(|inv| card(inv)),
    );
    if !is_signer(chair) && !m.signer.name.is_empty() {
        head.push(Card {
            rank: 0,
            name: &m.signer.name,
            organization: false,
            title: m.signer.short.as_deref(),
        });
    }
    let mut front: Vec<Card> = sorted
        .iter()
        .filter(|inv| inv.seat.as_deref() == Some("front"))
        .map(|inv| card(inv))
        .collect();
    for (i, c) in head.iter_mut().chain(front.iter_mut()).enumerate() {
        c.rank = i + 1;
    }
    (head, front)
}

fn cards(conf: &Conference) -> Vec<Card<'_>> {
    let (head, front) = seated(conf);
    head.into_iter().chain(front).collect()
}

/// The seating plan: the most senior in the middle, the next on their right (as they sit, so on
/// the left as the hall sees them), the next on their left, and so on outward; each front row
/// the same from its middle.
fn seating(conf: &Conference) -> Seating<'_> {
    let (head, front) = seated(conf);
    let mut rows = Vec::new();
    let mut front = front.into_iter().peekable();
    while front.peek().is_some() {
        let (left, right) = from_the_middle(front.by_ref().take(FRONT_ROW).collect());
        rows.push(Row { left, right });
    }
    let (mut head_row, right) = from_the_middle(head);
    head_row.extend(right);
    let across = 2 * rows.iter().map(|r| r.right.len()).max().unwrap_or_default();
    Seating {
        head: head_row,
        front: rows,
        across,
    }
}

/// Seats in protocol order (most senior first) laid out from the middle, each side left to
/// right as the hall sees them: the odd places on the right going outward (1 3 5 …), the even
/// ones on the left (… 4 2), so that the whole reads … 4 2 1 3 5 ….
fn from_the_middle<T>(seats: Vec<T>) -> (Vec<T>, Vec<T>) {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (i, seat) in seats.into_iter().enumerate() {
        if i % 2 == 0 {
            right.push(seat);
        } else {
            left.push(seat);
        }
    }
    left.reverse();
    (left, right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_alternate_from_the_middle_the_second_on_the_first_ones_right() {
        assert_eq!(
            from_the_middle(vec![1, 2, 3, 4, 5]),
            (vec![4, 2], vec![1, 3, 5])
        );
        assert_eq!(from_the_middle(vec![1, 2, 3, 4]), (vec![4, 2], vec![1, 3]));
        assert_eq!(from_the_middle(vec![1]), (vec![], vec![1]));
    }
}
