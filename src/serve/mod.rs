//! The conference's page, served by the program itself: the clerk's whole workflow in the
//! browser, in Vietnamese, with nothing from the network.
//!
//! The server (axum on tokio) listens on 127.0.0.1 only. The page is HTML made here from the
//! model's schema ([`page`]), with one small script of its own ([`assets`]) that sends each
//! change as it is typed ([`edit`]); the server writes it to the model file at once
//! ([`state`]), checks it with the same code as `hoinghi check`, and answers with what the
//! checks found, which the page shows beside the fields. Previews, builds and lists call the
//! same [`Engine`] as the command line. [`security`] says who may ask.

mod build;
pub mod edit;
mod page;
mod routes;
pub mod schema;
pub mod security;
mod starter;
pub mod state;
mod upload;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use crate::engine::{Engine, Settings};
use crate::i18n::Lang;
use crate::i18n::Text;
use crate::i18n::web::WebMsg;
use crate::problem::{Place, Problem, Problems};
use schema::Schema;
use state::{App, Doc};

/// How to serve.
pub struct Options {
    /// The model, or the folder to look for one in; the current folder when none.
    pub model: Option<PathBuf>,
    pub out: Option<PathBuf>,
    /// 0 for any free port.
    pub port: u16,
    /// Whether to open the browser.
    pub open: bool,
    pub settings: Settings,
    pub lang: Lang,
}

/// The page's script and style, built into the program.
pub mod assets {
    pub const SCRIPT: &str = include_str!("assets/app.js");
    pub const STYLE: &str = include_str!("assets/app.css");
}

/// Serves the page until the process is stopped. `warn` is told what loading noticed;
/// `say` is given the lines to print (the address).
pub fn run(
    options: Options,
    warn: &dyn Fn(&[Problem]),
    say: &dyn Fn(&str),
) -> Result<(), Problems> {
    let (folder, model) = locate(options.model.as_deref())?;
    let engine = Engine::new(options.settings)?;
    warn(&engine.warnings());
    let lang = options.lang;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| cannot_listen(&e, lang))?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, options.port)))
                .await
                .map_err(|e| cannot_listen(&e, lang))?;
        let port = listener
            .local_addr()
            .map_err(|e| cannot_listen(&e, lang))?
            .port();
        let app = Arc::new(App {
            lang,
            secret: security::secret(),
            hosts: vec![format!("127.0.0.1:{port}"), format!("localhost:{port}")],
            folder: folder.clone(),
            out: options.out,
            schema: Schema::model(),
            engine: RwLock::new(engine),
            doc: Mutex::new(None),
            build: Mutex::new(state::BuildState::default()),
            upload: Mutex::new(None),
        });
        let model = model.or_else(|| match models_in(&folder).as_slice() {
            [one] => Some(folder.join(one)),
            _ => None,
        });
        match model {
            Some(path) => {
                let doc = Doc::open(&app, &path)?;
                *app.doc() = Some(doc);
            }
            None => say(&WebMsg::NoModelYet.text(lang)),
        }
        say(&WebMsg::Folder {
            path: folder.display().to_string(),
        }
        .text(lang));
        let url = format!("http://127.0.0.1:{port}/");
        say(&WebMsg::Serving { url: url.clone() }.text(lang));
        if options.open && !open_browser(&url) {
            warn(&[Problem::warning(Place::Nowhere, WebMsg::CannotOpenBrowser)]);
        }
        axum::serve(listener, routes::router(app))
            .await
            .map_err(|e| cannot_listen(&e, lang))
    })
}

fn cannot_listen(e: &std::io::Error, _lang: Lang) -> Problems {
    Problems::one(
        Problem::error(
            Place::Nowhere,
            Text::each(|l| {
                WebMsg::CannotListen {
                    error: crate::i18n::build::io_error(e, l),
                }
                .text(l)
            }),
        )
        .hint(WebMsg::CannotListenHint),
    )
}

/// The conference folder and the model named on the command line: a model file, or a folder
/// to look in, or the current folder.
fn locate(given: Option<&Path>) -> Result<(PathBuf, Option<PathBuf>), Problems> {
    let given = given.unwrap_or(Path::new("."));
    let absolute = std::path::absolute(given).unwrap_or_else(|_| given.to_path_buf());
    if absolute.is_dir() {
        return Ok((absolute, None));
    }
    let is_json = absolute
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !is_json {
        return Err(Problem::error(Place::file(given), WebMsg::NotAModelFile).into());
    }
    // A model must be readable now; its problems are the page's to show.
    crate::model::json::read_file(&absolute)?;
    let folder = absolute
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    Ok((folder, Some(absolute)))
}

/// The models in a folder: its JSON files that name invitees (not schemas, not backups).
pub fn models_in(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            let lower = n.to_lowercase();
            lower.ends_with(".json") && !lower.ends_with(".schema.json") && !n.starts_with('.')
        })
        .filter(|n| {
            std::fs::read_to_string(folder.join(n)).is_ok_and(|t| t.contains("\"invitees\""))
        })
        .collect();
    names.sort();
    names
}

/// Opens the default browser at `url`; false when it could not be started.
fn open_browser(url: &str) -> bool {
    use std::process::{Command, Stdio};
    let mut command = if cfg!(windows) {
        // `start` is a command of cmd.exe; its first quoted argument is a window title.
        let mut c = Command::new("cmd");
        c.args(["/C", "start", "", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .is_ok()
}
