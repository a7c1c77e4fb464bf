//! The lists: the invitees in protocol order, the delegate lists by group (whole, or the piece
//! of a long list a source sets), and the totals of invitations and people.

use std::cmp::Ordering;

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::collate::Collation;
use crate::model::{Conference, GroupSort, Invitee};
use crate::vn;

/// How many invitations, to whom, and how many people they bring.
#[derive(Serialize)]
pub(super) struct Totals {
    invitations: usize,
    persons: usize,
    organizations: usize,
    /// The people expected: one per invitation to a person, `sends` per organisation.
    people: u32,
}

/// One group of the delegate lists.
#[derive(Serialize, Clone)]
pub(super) struct Group<'a> {
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
pub(super) struct Delegate<'a> {
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
pub(super) struct Piece {
    first: bool,
    last: bool,
    /// The number of its first page.
    page: usize,
}

impl Piece {
    pub(super) const WHOLE: Self = Self {
        first: true,
        last: true,
        page: 1,
    };
}

/// The invitees in protocol order: groups in the model's order (those in no group last);
/// inside a group first those the model pins (`order`, 1 first), then the others in the order
/// they are typed, or, in a group that asks for it (`"sort": "name"`), persons by Vietnamese
/// name order (given name, middle names, family name), then organisations by name.
pub(super) fn sorted_invitees(conf: &Conference) -> Vec<&Invitee> {
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

pub(super) fn delegates(conf: &Conference) -> Vec<Group<'_>> {
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
            let invitees = Value::from(Serde(super::picks(conf, &picks)));
            minijinja::context! { invitees, piece }
        }
    };
    minijinja::value::merge_maps([base.clone(), part])
}

/// The delegate groups with each invitee numbered as their invitation is (the position in the
/// list), so that "GM 010" is number 10 on every list.
pub(super) fn numbered_as_invitations<'a>(
    conf: &'a Conference,
    mut groups: Vec<Group<'a>>,
) -> Vec<Group<'a>> {
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

pub(super) fn totals(conf: &Conference) -> Totals {
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
