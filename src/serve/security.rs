//! What keeps the page to its user on a shared office PC: the server listens on the loopback
//! address only (see [`super::run`]); here, every request must be addressed to it by its own
//! name (a page of another site that renamed itself to 127.0.0.1 — DNS rebinding — is
//! refused), must come from the page itself (not from another site open in the same browser),
//! must carry the run's secret when it changes anything, and may not send more than its
//! route allows: the size is checked before the body is read.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::state::App;
use crate::i18n::web::WebMsg;

/// The header a state-changing request carries the run's secret in.
pub const TOKEN_HEADER: &str = "x-hoinghi-token";

/// The largest request body but an upload: edits are small.
pub const MAX_BODY: u64 = 4 * 1024 * 1024;

/// The largest list file taken: far above a list of 10,000 invitees in Excel (about 1 MB).
pub const MAX_UPLOAD: u64 = 20 * 1024 * 1024;

/// The routes that take an upload.
pub const UPLOAD_PATH: &str = "/api/list/upload";

/// Refuses what did not come from the page, then adds the headers that keep the page's
/// answers to itself.
pub async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    if let Err(refusal) = check(
        &app,
        request.headers(),
        request.method(),
        request.uri().path(),
    ) {
        return refusal;
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

fn check(app: &App, headers: &HeaderMap, method: &Method, path: &str) -> Result<(), Response> {
    let lang = app.lang;
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !app.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            WebMsg::WrongHost { host: shown(host) }.text(lang),
        ));
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        let ours = app
            .hosts
            .iter()
            .any(|h| origin.eq_ignore_ascii_case(&format!("http://{h}")));
        if !ours {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                WebMsg::WrongOrigin {
                    origin: shown(origin),
                }
                .text(lang),
            ));
        }
    }
    // Browsers say where a request comes from even when they send no Origin (an image or a
    // link of another site): only the page itself, or the user typing the address, may ask.
    if let Some(site) = headers.get("sec-fetch-site").and_then(|s| s.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            WebMsg::WrongOrigin {
                origin: shown(site),
            }
            .text(lang),
        ));
    }
    let changes = !matches!(*method, Method::GET | Method::HEAD);
    if changes {
        let token = headers
            .get(TOKEN_HEADER)
            .and_then(|t| t.to_str().ok())
            .unwrap_or("");
        if !same(token.as_bytes(), app.secret.as_bytes()) {
            return Err(refuse(StatusCode::FORBIDDEN, WebMsg::NoToken.text(lang)));
        }
    }
    let limit = if path == UPLOAD_PATH {
        MAX_UPLOAD
    } else {
        MAX_BODY
    };
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|l| l.to_str().ok())
        .and_then(|l| l.parse::<u64>().ok());
    if let Some(length) = length
        && length > limit
    {
        return Err(too_large(app, length, limit));
    }
    Ok(())
}

/// The answer to a body larger than its route allows.
pub fn too_large(app: &App, size: u64, limit: u64) -> Response {
    refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        WebMsg::TooLarge {
            size: megabytes(size),
            max: megabytes(limit),
        }
        .text(app.lang),
    )
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// A header's value as a message may quote it: short, and visible.
fn shown(text: &str) -> String {
    crate::problem::quote(&crate::problem::shorten(text, 80))
}

/// Compares the secret in time that does not depend on where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A refusal: the message as JSON, which the page shows as it is.
pub fn refuse(status: StatusCode, message: String) -> Response {
    let body = serde_json::json!({ "message": message }).to_string();
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        Body::from(body),
    )
        .into_response()
}

/// A fresh secret for the run: 32 random bytes, in hexadecimal.
pub fn secret() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the system gives random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_differ_and_compare_whole() {
        let a = secret();
        assert_eq!(a.len(), 64);
        assert_ne!(a, secret());
        assert!(same(a.as_bytes(), a.as_bytes()));
        assert!(!same(a.as_bytes(), &a.as_bytes()[..63]));
        assert!(!same(b"abc", b"abd"));
    }
}
