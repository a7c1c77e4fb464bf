//! hoinghi: one JSON model of a conference in, its printed papers out.
//!
//! The stages, in the order a conference goes through them: [`model`] (load and validate),
//! [`context`] (what templates are given), [`render`] (minijinja to Typst source),
//! [`typeset`] (Typst to pages and PDF), [`output`] (atomic files). [`commands`] runs them.

pub mod cli;
pub mod collate;
pub mod commands;
pub mod concat;
pub mod context;
pub mod documents;
pub mod fonts;
pub mod import;
pub mod legacy;
pub mod manifest;
pub mod model;
pub mod output;
pub mod parallel;
pub mod render;
pub mod schedule;
pub mod typeset;
pub mod vn;
