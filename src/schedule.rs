//! The programme's clock: every agenda item's start and end, computed from the start time and
//! the lengths, never typed by hand, so the programme and the script agree to the minute.

use chrono::{NaiveTime, Timelike};

use crate::model::{AgendaItem, ItemKind, Presentation, Problem};

/// From when to when, in minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start: u32,
    pub end: u32,
}

impl Slot {
    /// "08h00 - 08h10", as programmes write it.
    pub fn text(self) -> String {
        format!("{} - {}", clock(self.start), clock(self.end))
    }
}

/// The clock times of a whole programme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    /// One slot per agenda item.
    pub items: Vec<Slot>,
    /// One slot per presentation, inside the presentations item.
    pub presentations: Vec<Slot>,
}

impl Schedule {
    /// Lays the items end to end from `start`. The presentations item lasts as long as its
    /// presentations unless it says otherwise. A programme past midnight is an error.
    pub fn compute(
        start: NaiveTime,
        agenda: &[AgendaItem],
        presentations: &[Presentation],
    ) -> Result<Self, Problem> {
        let mut schedule = Schedule::default();
        let mut now = minutes(start);
        for (i, item) in agenda.iter().enumerate() {
            let length = match (item.kind, item.minutes) {
                (_, Some(minutes)) => minutes,
                (ItemKind::Presentations, None) => presentations.iter().map(|p| p.minutes).sum(),
                (_, None) => 0,
            };
            if item.kind == ItemKind::Presentations {
                let mut at = now;
                for p in presentations {
                    schedule.presentations.push(Slot {
                        start: at,
                        end: at + p.minutes,
                    });
                    at += p.minutes;
                }
            }
            let slot = Slot {
                start: now,
                end: now + length,
            };
            if slot.end > 24 * 60 {
                return Err(Problem::new(
                    format!("agenda[{i}].minutes"),
                    format!(
                        "the programme would run past midnight: {} ends at {} the next day",
                        crate::model::quote(&item.content),
                        clock(slot.end - 24 * 60)
                    ),
                ));
            }
            schedule.items.push(slot);
            now = slot.end;
        }
        Ok(schedule)
    }

    /// When the last item ends.
    pub fn end(&self) -> Option<u32> {
        self.items.last().map(|s| s.end)
    }

    /// By how many minutes the programme runs past `session_end`, if it does.
    pub fn overrun(&self, session_end: NaiveTime) -> Option<u32> {
        let limit = minutes(session_end);
        self.end().filter(|&end| end > limit).map(|end| end - limit)
    }
}

/// A time of day as minutes after midnight.
pub fn minutes(time: NaiveTime) -> u32 {
    time.hour() * 60 + time.minute()
}

/// Minutes after midnight as "08h05".
pub fn clock(minutes: u32) -> String {
    format!("{:02}h{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: ItemKind, minutes: Option<u32>) -> AgendaItem {
        AgendaItem {
            kind,
            content: "x".into(),
            by: None,
            speaker: None,
            minutes,
            direction: None,
        }
    }

    fn presentation(minutes: u32) -> Presentation {
        Presentation {
            unit: "u".into(),
            speaker: None,
            topic: "t".into(),
            minutes,
        }
    }

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn items_follow_each_other_from_the_start() {
        let agenda = [
            item(ItemKind::Opening, Some(10)),
            item(ItemKind::Speech, Some(15)),
            item(ItemKind::Closing, Some(20)),
        ];
        let s = Schedule::compute(at(8, 0), &agenda, &[]).unwrap();
        let texts: Vec<String> = s.items.iter().map(|s| s.text()).collect();
        assert_eq!(texts, ["08h00 - 08h10", "08h10 - 08h25", "08h25 - 08h45"]);
        assert_eq!(s.overrun(at(8, 30)), Some(15));
        assert_eq!(s.overrun(at(11, 30)), None);
    }

    #[test]
    fn the_presentations_block_lasts_as_long_as_its_presentations() {
        let agenda = [
            item(ItemKind::Opening, Some(10)),
            item(ItemKind::Presentations, None),
            item(ItemKind::Closing, Some(5)),
        ];
        let s = Schedule::compute(at(14, 0), &agenda, &[presentation(7), presentation(8)]).unwrap();
        assert_eq!(
            s.items[1],
            Slot {
                start: 14 * 60 + 10,
                end: 14 * 60 + 25
            }
        );
        assert_eq!(
            s.presentations,
            [
                Slot {
                    start: 850,
                    end: 857
                },
                Slot {
                    start: 857,
                    end: 865
                }
            ]
        );
        assert_eq!(s.items[2].text(), "14h25 - 14h30");
    }

    #[test]
    fn a_programme_past_midnight_is_an_error() {
        let agenda = [
            item(ItemKind::Opening, Some(30)),
            item(ItemKind::Other, Some(40)),
        ];
        let e = Schedule::compute(at(23, 0), &agenda, &[]).unwrap_err();
        assert_eq!(e.place, "agenda[1].minutes");
        assert!(
            e.message.contains("ends at 00h10 the next day"),
            "{}",
            e.message
        );
    }
}
