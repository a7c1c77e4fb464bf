//! The programme's clock: every agenda item's start and end, computed from the start time and
//! the lengths, never typed by hand, so the programme and the script agree to the minute.

use chrono::{NaiveTime, Timelike};

use super::types::{AgendaItem, ItemKind, Presentation};
use crate::i18n::model::ModelMsg;
use crate::i18n::papers::PaperMsg;
use crate::problem::{Place, Problem, quote};

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
    /// Lays the items end to end from `start`. The reception items at the head of the programme
    /// come before `start`, so that the programme proper starts at the invitation's time. The
    /// presentations item lasts as long as its presentations unless it says otherwise. A
    /// programme past midnight is an error.
    pub fn compute(
        start: NaiveTime,
        agenda: &[AgendaItem],
        presentations: &[Presentation],
    ) -> Result<Self, Problem> {
        // Minutes are summed in 64 bits and compared with a day, so that no length typed,
        // however large, can wrap around.
        const DAY: u64 = 24 * 60;
        let mut schedule = Schedule::default();
        let reception: u64 = agenda
            .iter()
            .take_while(|item| item.kind == ItemKind::Reception)
            .map(|item| u64::from(item.minutes.unwrap_or_default()))
            .sum();
        let Some(mut now) = u64::from(minutes(start)).checked_sub(reception) else {
            return Err(Problem::error(
                Place::model("agenda[0].minutes"),
                PaperMsg::ReceptionBeforeMidnight {
                    start: clock(minutes(start)),
                },
            ));
        };
        for (i, item) in agenda.iter().enumerate() {
            let length: u64 = match (item.kind, item.minutes) {
                (_, Some(minutes)) => minutes.into(),
                (ItemKind::Presentations, None) => {
                    presentations.iter().map(|p| u64::from(p.minutes)).sum()
                }
                (_, None) => 0,
            };
            let end = now + length;
            if end > DAY {
                let next_day = if end - DAY < DAY {
                    clock((end - DAY) as u32)
                } else {
                    "…".to_string()
                };
                return Err(Problem::error(
                    Place::model(format!("agenda[{i}].minutes")),
                    ModelMsg::PastMidnight {
                        item: quote(&item.content),
                        end: next_day,
                    },
                ));
            }
            if item.kind == ItemKind::Presentations {
                let mut at = now;
                for p in presentations {
                    let until = at + u64::from(p.minutes);
                    schedule.presentations.push(Slot {
                        start: at.min(u32::MAX.into()) as u32,
                        end: until.min(u32::MAX.into()) as u32,
                    });
                    at = until;
                }
            }
            let slot = Slot {
                start: now as u32,
                end: end as u32,
            };
            schedule.items.push(slot);
            now = end;
        }
        Ok(schedule)
    }

    /// When the first item starts: before the invitation's time when the programme opens with
    /// the reception of the delegates.
    pub fn start(&self) -> Option<u32> {
        self.items.first().map(|s| s.start)
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
            invitee: None,
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
    fn the_reception_ends_when_the_programme_starts() {
        let agenda = [
            item(ItemKind::Reception, Some(30)),
            item(ItemKind::Opening, Some(10)),
        ];
        let s = Schedule::compute(at(8, 0), &agenda, &[]).unwrap();
        let texts: Vec<String> = s.items.iter().map(|s| s.text()).collect();
        assert_eq!(texts, ["07h30 - 08h00", "08h00 - 08h10"]);
        assert!(Schedule::compute(at(0, 10), &agenda, &[]).is_err());
    }

    #[test]
    fn a_programme_past_midnight_is_an_error() {
        let agenda = [
            item(ItemKind::Opening, Some(30)),
            item(ItemKind::Other, Some(40)),
        ];
        let e = Schedule::compute(at(23, 0), &agenda, &[]).unwrap_err();
        assert_eq!(e.place, Place::model("agenda[1].minutes"));
        assert!(
            e.message.en.contains("ends at 00h10 the next day"),
            "{}",
            e.message.en
        );
    }

    #[test]
    fn lengths_too_large_for_the_clock_cannot_wrap_around() {
        let agenda = [
            item(ItemKind::Opening, Some(u32::MAX)),
            item(ItemKind::Other, Some(u32::MAX)),
        ];
        assert!(Schedule::compute(at(8, 0), &agenda, &[]).is_err());
        let agenda = [item(ItemKind::Presentations, None)];
        let many = [presentation(u32::MAX), presentation(u32::MAX)];
        assert!(Schedule::compute(at(8, 0), &agenda, &many).is_err());
    }
}
