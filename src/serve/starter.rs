//! "Tạo hội nghị mới": a conference folder made from the built-in starter, then opened.

use super::state::App;
use crate::i18n::web::WebMsg;

/// Creates the starter conference in the folder and opens it; the message to show, or why
/// not.
pub fn create(app: &App) -> Result<String, String> {
    // The starter (`hoinghi init`) is written by another part of the program; until this
    // build has it, the page says so rather than pretending.
    Err(WebMsg::StarterMissing.text(app.lang))
}
