//! What templates are given: the model as written, plus everything derived from it (wording
//! of dates, clock times of the programme, introduction order, award groups), computed here
//! once so that every document says the same thing.

mod lists;
mod plan;
mod seating;

use chrono::{Datelike, NaiveDate};
use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::model::schedule::{self, Slot};
use crate::model::{
    Awardee, Awards, Collective, Conference, Exhibit, Invitee, Issuer, ItemKind, Note, Person,
    Signer, SigningDate,
};
use crate::vn;
use lists::{Group, Piece, Totals};
pub use lists::{Rows, protocol_order, row_count, with_piece};
pub use plan::task_text;
use plan::{Checklist, PlanText};
use seating::{Card, Seating};

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
        plan: m.plan.as_ref().map(|p| plan::plan(p, conf)),
        checklist: plan::checklist(conf, today),
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
        delegates: lists::numbered_as_invitations(conf, lists::delegates(conf)),
        piece: Piece::WHOLE,
        cards: seating::cards(conf),
        seating: seating::seating(conf),
        totals: lists::totals(conf),
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
