//! The name cards and the seating plan: the head table and the front rows, in protocol order
//! laid out from the middle.

use serde::Serialize;

use super::lists::sorted_invitees;
use crate::model::{Conference, Invitee};

/// A seat with a name card: an invitee, the chair or the signer.
#[derive(Serialize)]
pub(super) struct Card<'a> {
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
pub(super) struct Seating<'a> {
    head: Vec<Card<'a>>,
    front: Vec<Row<'a>>,
    /// Seats across the widest front row, the aisle's sides made even.
    across: usize,
}

/// A front row, split by the centre aisle, each side left to right as seen from the hall.
#[derive(Serialize)]
pub(super) struct Row<'a> {
    left: Vec<Card<'a>>,
    right: Vec<Card<'a>>,
}

/// How many seats a front row has: the width of a hall's front row in most meeting rooms.
pub(super) const FRONT_ROW: usize = 10;

/// An invitee's name card: the name and short title (else position) of a person, the name
/// of an organisation.
pub(super) fn card(inv: &Invitee) -> Card<'_> {
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
pub(super) fn seated(conf: &Conference) -> (Vec<Card<'_>>, Vec<Card<'_>>) {
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

pub(super) fn cards(conf: &Conference) -> Vec<Card<'_>> {
    let (head, front) = seated(conf);
    head.into_iter().chain(front).collect()
}

/// The seating plan: the most senior in the middle, the next on their right (as they sit, so on
/// the left as the hall sees them), the next on their left, and so on outward; each front row
/// the same from its middle.
pub(super) fn seating(conf: &Conference) -> Seating<'_> {
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
pub(super) fn from_the_middle<T>(seats: Vec<T>) -> (Vec<T>, Vec<T>) {
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
