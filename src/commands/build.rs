//! `hoinghi build`: the documents of the model, or some of them (`--only`), or one invitation
//! (`--invitee`), into the output folder.

use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::{Printer, load};
use crate::cli::{BuildCommand, Verbosity};
use crate::engine::{BuildReport, Cancel, Event, Stage};
use crate::i18n::cli::CliMsg;
use crate::problem::Problems;

pub fn run(cmd: &BuildCommand, out: &Printer) -> Result<(), Problems> {
    let started = Instant::now();
    let (engine, conf) = load(&cmd.input, cmd.pdf_a, &cmd.today, out)?;
    out.detail(&format!(
        "{}: {:.1} ms",
        out.words(CliMsg::StageLoad),
        started.elapsed().as_secs_f64() * 1000.0
    ));
    let bar = Bar::new(out);
    let listen = |event: Event| {
        bar.event(&event);
        bar.0.suspend(|| out.event(event));
    };
    let report = engine.build(&conf, &cmd.job(), &listen, &Cancel::default());
    bar.finish();
    let report = report?;
    summarize(&report, cmd, out, started);
    Ok(())
}

/// The build's warnings, then one line of what it did (and, when verbose, every file and the
/// time of each stage).
pub fn summarize(report: &BuildReport, cmd: &BuildCommand, out: &Printer, started: Instant) {
    out.problems(&report.warnings);
    if out.verbosity == Verbosity::Verbose {
        for (stage, took) in &report.stages {
            let name = match stage {
                Stage::Render => CliMsg::StageRender,
                Stage::Others => CliMsg::StageOthers,
                Stage::Invitations => CliMsg::StageInvitations,
                Stage::Commit => CliMsg::StageCommit,
            };
            out.detail(&format!(
                "{}: {:.1} ms",
                out.words(name),
                took.as_secs_f64() * 1000.0
            ));
        }
        let costs = &report.costs;
        for (name, cost) in [
            (CliMsg::CostSet, &costs.set),
            (CliMsg::CostFiles, &costs.files),
            (CliMsg::CostStore, &costs.store),
            (CliMsg::CostChunks, &costs.chunks),
            (CliMsg::CostJoin, &costs.join),
        ] {
            let (count, ms) = cost.total();
            if count > 0 {
                out.detail(
                    &CliMsg::CostLine {
                        stage: out.words(name),
                        count,
                        each: format!("{:.2}", ms / count as f64),
                        total: format!("{ms:.1}"),
                    }
                    .text(out.lang),
                );
            }
        }
        for path in &report.written {
            out.detail(
                &CliMsg::Wrote {
                    path: cmd.out.join(path).display().to_string(),
                }
                .text(out.lang),
            );
        }
        for path in &report.removed {
            out.detail(
                &CliMsg::Removed {
                    path: cmd.out.join(path).display().to_string(),
                }
                .text(out.lang),
            );
        }
    }
    let draft = if report.draft {
        out.words(CliMsg::DraftNote)
    } else {
        String::new()
    };
    let line = CliMsg::Built {
        written: report.written.len(),
        planned: report.planned,
        unchanged: report.unchanged,
        removed: report.removed.len(),
        documents: report.documents.join(", "),
        out: cmd.out.display().to_string(),
        seconds: format!("{:.2}", started.elapsed().as_secs_f64()),
    }
    .text(out.lang);
    out.say(&format!("{line}{draft}"));
}

/// A progress bar for the files of a long build, on a terminal only.
struct Bar(ProgressBar);

impl Bar {
    fn new(out: &Printer) -> Self {
        use std::io::IsTerminal;
        if out.verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
            return Self(ProgressBar::hidden());
        }
        let bar = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template(&format!(
            "{{bar:40}} {{pos}}/{{len}} {}",
            out.words(CliMsg::ProgressFiles)
        )) {
            bar.set_style(style);
        }
        Self(bar)
    }

    fn event(&self, event: &Event) {
        if let Event::Progress { done, total } = *event
            && total >= 50
        {
            self.0.set_length(total as u64);
            self.0.set_position(done as u64);
        }
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
