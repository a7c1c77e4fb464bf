//! hoinghi from the outside, feature by feature: the binary run on models, its PDFs read back
//! as a reader sees them, its messages read as a chuyên viên reads them (in Vietnamese unless
//! asked otherwise).

#[path = "../support/mod.rs"]
mod support;

mod architecture;
mod archive;
mod bad_input;
mod commands;
mod dates;
mod escaping;
mod fit;
mod fonts;
mod interface;
mod invitees;
mod lists;
mod literal;
mod programme;
mod rebuild;
mod sample;
mod snapshots;
mod templates;
mod watch;

use std::path::Path;

use support::*;

/// The sample conference, the program's default model.
const SAMPLE: &str = "data/hoi-nghi-ocop-2025.json";
/// Three invitees, no programme: quick to build.
const SMALL: &str = "tests/fixtures/small.json";
/// A second conference of another issuer, with every part of a programme.
const OTHER: &str = "tests/fixtures/other-conference.json";

/// Runs `hoinghi build MODEL --out OUT` with `extra` arguments.
#[track_caller]
fn build(model: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["build", s(model), "--out", s(out)];
    args.extend_from_slice(extra);
    hoinghi(&args)
}

/// A model of the repository as JSON.
#[track_caller]
fn model_json(path: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(repo(path)).unwrap()).unwrap()
}

#[track_caller]
fn sample_invitee_count() -> usize {
    model_json(SAMPLE)["invitees"].as_array().unwrap().len()
}

/// Asserts each of `needles` is in `text`, in this order.
#[track_caller]
fn in_order(text: &str, needles: &[String]) {
    let mut from = 0;
    for needle in needles {
        let at = text[from..]
            .find(needle.as_str())
            .unwrap_or_else(|| panic!("{needle:?} missing or out of order in:\n{text}"));
        from += at + needle.len();
    }
}
