//! hoinghi: one model of a conference in, its printed papers out.
//!
//! The pipeline, in the order a conference goes through it: [`model`] (read, clean, check),
//! [`context`] (what templates are given), [`render`] (minijinja to Typst source),
//! [`typeset`] (Typst to pages and PDF), [`output`] (files moved into place, all or nothing).
//! [`engine`] runs the stages; [`commands`] and the web page call the engine. At the bottom,
//! [`problem`] and [`i18n`] are the vocabulary every stage reports in.

pub mod calendar;
pub mod cli;
pub mod collate;
pub mod commands;
pub mod context;
pub mod documents;
pub mod engine;
pub mod fonts;
pub mod i18n;
pub mod import;
pub mod model;
pub mod office;
pub mod output;
pub mod parallel;
pub mod problem;
pub mod render;
pub mod serve;
pub mod starter;
pub mod typeset;
pub mod vn;
