//! "Tạo hội nghị mới": a conference folder made from the built-in starter (what `hoinghi
//! init` makes), then opened.

use super::state::{App, Doc};
use crate::i18n::web::WebMsg;
use crate::problem::Problems;
use crate::starter;

/// Creates the starter conference in the folder and opens it; the message to show, or why
/// not. The starter never overwrites a file: a folder that has one of its files is refused
/// with the names of those files.
pub fn create(app: &App) -> Result<String, String> {
    let first = |problems: Problems| {
        problems
            .0
            .first()
            .map(|p| p.text(app.lang))
            .unwrap_or_default()
    };
    let written = starter::create(&app.folder).map_err(first)?;
    let doc = Doc::open(app, &app.folder.join(starter::MODEL)).map_err(first)?;
    *app.doc() = Some(doc);
    Ok(WebMsg::Created {
        count: written.len(),
    }
    .text(app.lang))
}
