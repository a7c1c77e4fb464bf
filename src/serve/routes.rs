//! The server's addresses and what each does. Work on files and the engine runs on blocking
//! threads; every answer the page reads is JSON, every refusal a message in words.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, Query, State};
use axum::http::{StatusCode, header};
use axum::middleware;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use super::edit::{Edit, iso_date};
use super::security::{self, MAX_BODY, MAX_UPLOAD, UPLOAD_PATH, refuse};
use super::state::{App, Doc, SaveError, save_error_text};
use super::{assets, build, page, upload};
use crate::documents::{DOCUMENTS, Shape};
use crate::engine::PreviewRequest;
use crate::i18n::Text;
use crate::i18n::web::WebMsg;

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/assets/app.js", get(script))
        .route("/assets/app.css", get(style))
        .route("/api/state", get(state))
        .route("/api/edit", post(edit))
        .route("/api/create", post(create))
        .route("/api/open", post(open))
        .route(
            UPLOAD_PATH,
            post(upload_list).layer(DefaultBodyLimit::max(MAX_UPLOAD as usize)),
        )
        .route("/api/list/use", post(use_list))
        .route("/api/list/cancel", post(cancel_upload))
        .route("/api/preview", get(preview))
        .route("/api/build", get(build_status).post(build_start))
        .route("/api/build/stop", post(build_stop))
        .route("/api/fix-date", post(fix_date))
        .route("/files/{*path}", get(download))
        .route("/download.zip", get(download_zip))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY as usize))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&app),
            security::guard,
        ))
        .with_state(app)
}

/// Runs blocking work (files, the engine) off the server's threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            WebMsg::Internal {
                detail: e.to_string(),
            }
            .text(crate::i18n::Lang::Vi),
        )
    })
}

fn message(app: &App, status: StatusCode, text: &Text) -> Response {
    refuse(status, text.get(app.lang).to_string())
}

fn bad_request(app: &App, detail: &str) -> Response {
    refuse(
        StatusCode::BAD_REQUEST,
        WebMsg::BadRequest {
            detail: detail.to_string(),
        }
        .text(app.lang),
    )
}

async fn not_found(State(app): State<Arc<App>>) -> Response {
    refuse(StatusCode::NOT_FOUND, WebMsg::NotFound.text(app.lang))
}

async fn index(State(app): State<Arc<App>>) -> Response {
    let result = blocking(move || {
        let mut doc = app.doc();
        match doc.as_mut() {
            Some(doc) => {
                doc.refresh(&app);
                page::main(&app, doc)
            }
            None => page::start(&app, &super::models_in(&app.folder)),
        }
    })
    .await;
    match result {
        Ok(html) => Html(html).into_response(),
        Err(e) => e,
    }
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        assets::SCRIPT,
    )
        .into_response()
}

async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        assets::STYLE,
    )
        .into_response()
}

async fn state(State(app): State<Arc<App>>) -> Response {
    let result = blocking(move || {
        let mut doc = app.doc();
        match doc.as_mut() {
            Some(doc) => {
                doc.refresh(&app);
                Ok(doc.state())
            }
            None => Err(WebMsg::NoModel.text(app.lang)),
        }
    })
    .await;
    match result {
        Ok(Ok(state)) => json_response(state),
        Ok(Err(text)) => refuse(StatusCode::CONFLICT, text),
        Err(e) => e,
    }
}

#[derive(Deserialize)]
struct EditRequest {
    version: String,
    edits: Vec<Edit>,
}

/// The edits of the page, saved at once; the answer is the model's new state.
async fn edit(State(app): State<Arc<App>>, body: Result<Bytes, BytesRejection>) -> Response {
    let request: EditRequest = match read_json(&app, body) {
        Ok(r) => r,
        Err(response) => return response,
    };
    let result = blocking(move || {
        let mut guard = app.doc();
        let Some(doc) = guard.as_mut() else {
            return Err((StatusCode::CONFLICT, WebMsg::NoModel.text(app.lang)));
        };
        let structural = request.edits.iter().any(|e| !matches!(e, Edit::Set { .. }));
        match doc.change(&app, &request.version, &request.edits) {
            Ok(notice) => {
                let mut state = doc.state();
                state["reload"] = json!(structural || notice.is_some());
                state["notice"] = json!(notice);
                Ok(state)
            }
            Err(e) => Err((save_status(&e), save_error_text(&e, app.lang))),
        }
    })
    .await;
    match result {
        Ok(Ok(state)) => json_response(state),
        Ok(Err((status, text))) => refuse(status, text),
        Err(e) => e,
    }
}

fn save_status(e: &SaveError) -> StatusCode {
    match e {
        SaveError::Stale => StatusCode::CONFLICT,
        SaveError::Bad(_) => StatusCode::BAD_REQUEST,
        SaveError::Unusable(_) => StatusCode::CONFLICT,
        SaveError::Failed(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The JSON a request carries, or the answer to a body too large or not what the page sends.
fn read_json<T: serde::de::DeserializeOwned>(
    app: &App,
    body: Result<Bytes, BytesRejection>,
) -> Result<T, Response> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            security::too_large(app, MAX_BODY + 1, MAX_BODY)
        } else {
            bad_request(app, &e.body_text())
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| bad_request(app, &e.to_string()))
}

/// A JSON answer.
fn json_response(value: Value) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// Creates a conference from the built-in starter in the folder, when it has none.
async fn create(State(app): State<Arc<App>>) -> Response {
    let result = blocking(move || {
        if app.doc().is_some() {
            return Err(WebMsg::ConferenceExists.text(app.lang));
        }
        super::starter::create(&app)
    })
    .await;
    match result {
        Ok(Ok(text)) => json_response(json!({ "message": text })),
        Ok(Err(text)) => refuse(StatusCode::CONFLICT, text),
        Err(e) => e,
    }
}

#[derive(Deserialize)]
struct OpenRequest {
    name: String,
}

/// Opens one of the models of the folder, when it has several.
async fn open(State(app): State<Arc<App>>, body: Result<Bytes, BytesRejection>) -> Response {
    let request: OpenRequest = match read_json(&app, body) {
        Ok(r) => r,
        Err(response) => return response,
    };
    let result = blocking(move || {
        let models = super::models_in(&app.folder);
        if !models.contains(&request.name) {
            return Err(WebMsg::NotFound.text(app.lang));
        }
        let doc = Doc::open(&app, &app.folder.join(&request.name))
            .map_err(|p| p.0.first().map(|p| p.text(app.lang)).unwrap_or_default())?;
        *app.doc() = Some(doc);
        Ok(())
    })
    .await;
    match result {
        Ok(Ok(())) => json_response(json!({})),
        Ok(Err(text)) => refuse(StatusCode::CONFLICT, text),
        Err(e) => e,
    }
}

/// Takes an uploaded list, reads it and answers with how it will be used.
async fn upload_list(
    State(app): State<Arc<App>>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let mut multipart = match multipart {
        Ok(m) => m,
        Err(e) => return bad_request(&app, &e.body_text()),
    };
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("").to_string();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes)),
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        return security::too_large(&app, MAX_UPLOAD + 1, MAX_UPLOAD);
                    }
                    Err(e) => return bad_request(&app, &e.body_text()),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return security::too_large(&app, MAX_UPLOAD + 1, MAX_UPLOAD);
            }
            Err(e) => return bad_request(&app, &e.body_text()),
        }
    }
    let Some((name, bytes)) = file.filter(|(n, _)| !n.is_empty()) else {
        return message(&app, StatusCode::BAD_REQUEST, &WebMsg::NoFileSent.into());
    };
    let name = match upload::check_name(&name) {
        Ok(name) => name,
        Err(text) => return message(&app, StatusCode::BAD_REQUEST, &text),
    };
    let result = blocking(move || {
        let doc = app.doc();
        let Some(doc) = doc.as_ref() else {
            return Err(WebMsg::NoModel.text(app.lang));
        };
        let read = upload::receive(&app, doc, &name, &bytes)
            .map_err(|p| p.0.first().map(|p| p.text(app.lang)).unwrap_or_default())?;
        let html = page::upload_preview(&app, &read.list, &read.problems);
        let answer = json!({
            "html": html,
            "count": read.upload.count,
            "problems": read.problems,
        });
        *app.upload
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(read.upload);
        Ok(answer)
    })
    .await;
    match result {
        Ok(Ok(answer)) => json_response(answer),
        Ok(Err(text)) => refuse(StatusCode::UNPROCESSABLE_ENTITY, text),
        Err(e) => e,
    }
}

#[derive(Deserialize)]
struct UseRequest {
    version: String,
    /// The rows of the upload not to invite, counted from 0 in the order shown.
    #[serde(default)]
    skip: Vec<usize>,
}

/// Uses the list waiting from the last upload.
async fn use_list(State(app): State<Arc<App>>, body: Result<Bytes, BytesRejection>) -> Response {
    let request: UseRequest = match read_json(&app, body) {
        Ok(r) => r,
        Err(response) => return response,
    };
    let result = blocking(move || {
        let Some(waiting) = app
            .upload
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
        else {
            return Err(WebMsg::UploadGone.text(app.lang));
        };
        let mut doc = app.doc();
        let Some(doc) = doc.as_mut() else {
            return Err(WebMsg::NoModel.text(app.lang));
        };
        upload::use_it(&app, doc, waiting, &request.version, &request.skip)
            .map(|message| json!({ "message": message, "state": doc.state() }))
            .map_err(|t| t.get(app.lang).to_string())
    })
    .await;
    match result {
        Ok(Ok(answer)) => json_response(answer),
        Ok(Err(text)) => refuse(StatusCode::CONFLICT, text),
        Err(e) => e,
    }
}

async fn cancel_upload(State(app): State<Arc<App>>) -> Response {
    let waiting = app
        .upload
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take();
    // The waiting room is removed off the server's threads.
    let _ = blocking(move || drop(waiting)).await;
    json_response(json!({}))
}

#[derive(Deserialize)]
struct PreviewQuery {
    document: String,
    #[serde(default = "first")]
    page: usize,
    #[serde(default = "screen_dpi")]
    dpi: u32,
}

fn first() -> usize {
    1
}

fn screen_dpi() -> u32 {
    96
}

/// One page of one paper as a PNG picture; its number of pages in the `x-pages` header.
/// For the invitations, page N is the invitation of the N-th invitee.
async fn preview(
    State(app): State<Arc<App>>,
    query: Result<Query<PreviewQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(query)) = query else {
        return bad_request(&app, "query");
    };
    let result = blocking(move || {
        let conf = {
            let doc = app.doc();
            let Some(doc) = doc.as_ref() else {
                return Err(json!({ "message": WebMsg::NoModel.text(app.lang) }));
            };
            match &doc.conf {
                Some(conf) => std::sync::Arc::clone(conf),
                None => {
                    let count = doc.problems.iter().filter(|p| p.error).count();
                    return Err(
                        json!({ "message": WebMsg::ModelHasErrors { count }.text(app.lang) }),
                    );
                }
            }
        };
        let invitations = DOCUMENTS
            .iter()
            .any(|d| d.name == query.document && matches!(d.shape, Shape::Invitations));
        // Page N of the invitations is the N-th invitee's, named by its id when it has one
        // (an id may itself be a number).
        let invitee = invitations.then(|| {
            conf.model
                .invitees
                .get(query.page.saturating_sub(1))
                .and_then(|i| i.id.clone())
                .unwrap_or_else(|| query.page.to_string())
        });
        let request = PreviewRequest {
            document: query.document,
            invitee,
            page: if invitations { 1 } else { query.page },
            dpi: query.dpi,
        };
        let engine = app.engine();
        match engine.preview(&conf, &request) {
            Ok(preview) => {
                let pages = if invitations {
                    conf.model.invitees.len()
                } else {
                    preview.pages
                };
                Ok((preview.png, pages))
            }
            Err(problems) => {
                let doc = app.doc();
                let shown: Vec<_> = problems
                    .0
                    .iter()
                    .map(|p| match doc.as_ref() {
                        Some(d) => d.shown(p, app.lang),
                        None => super::state::Shown::plain(p, app.lang),
                    })
                    .collect();
                Err(json!({ "problems": shown }))
            }
        }
    })
    .await;
    match result {
        Ok(Ok((png, pages))) => (
            [
                (header::CONTENT_TYPE, "image/png".to_string()),
                (
                    header::HeaderName::from_static("x-pages"),
                    pages.to_string(),
                ),
            ],
            png,
        )
            .into_response(),
        Ok(Err(problems)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, json_response(problems)).into_response()
        }
        Err(e) => e,
    }
}

async fn build_status(State(app): State<Arc<App>>) -> Response {
    match blocking(move || build::status(&app)).await {
        Ok(status) => json_response(status),
        Err(e) => e,
    }
}

async fn build_start(State(app): State<Arc<App>>) -> Response {
    let started = blocking({
        let app = Arc::clone(&app);
        move || build::start(&app)
    })
    .await;
    match started {
        Ok(Ok(())) => json_response(json!({ "started": true })),
        Ok(Err(text)) => message(&app, StatusCode::CONFLICT, &text),
        Err(e) => e,
    }
}

async fn build_stop(State(app): State<Arc<App>>) -> Response {
    build::stop(&app);
    json_response(json!({}))
}

#[derive(Deserialize)]
struct FixRequest {
    version: String,
    date: String,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    signing: Option<String>,
}

/// Fixes the date (and, when given, the invitation's number and signing date), saves, and
/// makes every paper again.
async fn fix_date(State(app): State<Arc<App>>, body: Result<Bytes, BytesRejection>) -> Response {
    let request: FixRequest = match read_json(&app, body) {
        Ok(r) => r,
        Err(response) => return response,
    };
    let lang = app.lang;
    let Some(date) = iso_date(&request.date).filter(|d| d.len() == 10) else {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            WebMsg::BadDate {
                value: crate::problem::quote(request.date.trim()),
            }
            .text(lang),
        );
    };
    let saved = blocking({
        let app = Arc::clone(&app);
        move || {
            let mut edits = vec![Edit::Set {
                path: "event.date".into(),
                value: Value::String(date),
            }];
            if let Some(number) = request.number.filter(|n| !n.trim().is_empty()) {
                edits.push(Edit::Set {
                    path: "invitation.number".into(),
                    value: Value::String(number),
                });
            }
            if let Some(signing) = request.signing.filter(|s| !s.trim().is_empty()) {
                edits.push(Edit::Set {
                    path: "invitation.date".into(),
                    value: Value::String(signing),
                });
            }
            let mut guard = app.doc();
            let Some(doc) = guard.as_mut() else {
                return Err((StatusCode::CONFLICT, WebMsg::NoModel.text(app.lang)));
            };
            doc.change(&app, &request.version, &edits)
                .map_err(|e| (save_status(&e), save_error_text(&e, app.lang)))?;
            Ok(doc.state())
        }
    })
    .await;
    let state = match saved {
        Ok(Ok(state)) => state,
        Ok(Err((status, text))) => return refuse(status, text),
        Err(e) => return e,
    };
    let started = blocking({
        let app = Arc::clone(&app);
        move || build::start(&app)
    })
    .await;
    let build_message = match started {
        Ok(Ok(())) => None,
        Ok(Err(text)) => Some(text.get(lang).to_string()),
        Err(e) => return e,
    };
    json_response(json!({ "state": state, "build": build_message }))
}

/// One file of the last build.
async fn download(State(app): State<Arc<App>>, UrlPath(path): UrlPath<String>) -> Response {
    let lang = app.lang;
    let result = blocking(move || {
        let out = build::output_dir(&app)?;
        build::read_file(&out, &path).map(|bytes| (path, bytes))
    })
    .await;
    match result {
        Ok(Some((path, bytes))) => {
            let name = path.rsplit('/').next().unwrap_or(&path).to_string();
            attachment(build::content_type(&path), &name, bytes)
        }
        Ok(None) => refuse(
            StatusCode::NOT_FOUND,
            WebMsg::NoSuchFile {
                path: String::new(),
            }
            .text(lang),
        ),
        Err(e) => e,
    }
}

/// Every file of the last build as one ZIP.
async fn download_zip(State(app): State<Arc<App>>) -> Response {
    let lang = app.lang;
    let result = blocking(move || {
        let model = app.doc().as_ref().map(|d| d.path.clone());
        let (Some(out), Some(model)) = (build::output_dir(&app), model) else {
            return Err(WebMsg::NoModel.text(app.lang));
        };
        build::zip(&out)
            .map(|bytes| (build::zip_name(&model), bytes))
            .map_err(|p| p.message.get(app.lang).to_string())
    })
    .await;
    match result {
        Ok(Ok((name, bytes))) => attachment("application/zip", &name, bytes),
        Ok(Err(text)) => refuse(StatusCode::NOT_FOUND, text),
        Err(e) => {
            let _ = lang;
            e
        }
    }
}

/// A file to save, with its name (ASCII, as the papers' files are named).
fn attachment(kind: &str, name: &str, bytes: Vec<u8>) -> Response {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
        ],
        Body::from(bytes),
    )
        .into_response()
}
