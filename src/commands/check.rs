//! `hoinghi check`: everything a build does but writing, then a summary.

use super::{Printer, load};
use crate::cli::CheckCommand;
use crate::engine::Cancel;
use crate::i18n::cli::CliMsg;
use crate::model::schedule;
use crate::problem::Problems;
use crate::vn;

pub fn run(cmd: &CheckCommand, out: &Printer) -> Result<(), Problems> {
    let (engine, conf) = load(&cmd.input, false, &cmd.today, out)?;
    let listen = |event| out.event(event);
    let report = engine.check(&conf, cmd.strict, &listen, &Cancel::default())?;
    out.problems(&report.warnings);
    let m = &conf.model;
    let lang = out.lang;
    let persons = m.invitees.iter().filter(|i| i.name.is_some()).count();
    println!("{}", m.event.title);
    println!(
        "{}",
        CliMsg::CheckInvitations {
            count: m.invitees.len(),
            persons,
            organizations: m.invitees.len() - persons,
        }
        .text(lang)
    );
    if let Some(list) = &conf.list {
        for line in list.summary(lang) {
            println!("{line}");
        }
    }
    match conf.date {
        Some(date) => println!(
            "{}",
            CliMsg::CheckDateFixed {
                date: vn::short_date(date),
                start: m.event.start.clone(),
            }
            .text(lang)
        ),
        None => println!(
            "{}",
            CliMsg::CheckDateOpen {
                tentative: m.event.tentative.clone().unwrap_or_default(),
            }
            .text(lang)
        ),
    }
    println!(
        "{}",
        CliMsg::CheckVenue {
            venue: m.event.venue.clone()
        }
        .text(lang)
    );
    if let (Some(plan), Some(today)) = (&m.plan, engine.settings().today)
        && !plan.tasks.is_empty()
    {
        let tasks = || plan.tasks.iter().flat_map(|a| &a.items);
        println!(
            "{}",
            CliMsg::CheckTasks {
                tasks: tasks().count(),
                dated: tasks().filter(|t| t.deadline.is_some()).count(),
                done: tasks().filter(|t| t.done).count(),
                overdue: engine.check_tasks(&conf).len(),
                today: vn::short_date(today),
            }
            .text(lang)
        );
    }
    if let (Some(session), Some(start), Some(end)) =
        (&m.session, conf.schedule.start(), conf.schedule.end())
    {
        println!(
            "{}",
            CliMsg::CheckProgramme {
                items: m.agenda.len(),
                start: schedule::clock(start),
                end: schedule::clock(end),
                session: session.name.clone(),
            }
            .text(lang)
        );
    }
    println!(
        "{}",
        CliMsg::CheckDocuments {
            documents: report.documents.join(", ")
        }
        .text(lang)
    );
    println!(
        "{}",
        CliMsg::CheckFont {
            font: engine.family(&conf).to_string(),
            size: m.style.size,
        }
        .text(lang)
    );
    println!("{}", CliMsg::CheckOk.text(lang));
    Ok(())
}
