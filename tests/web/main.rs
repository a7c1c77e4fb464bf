//! The web page, tested from the outside: the real binary serving on the loopback address,
//! asked over HTTP as a browser would (and as an attacker would), and driven in a real
//! headless Chromium from creating a conference to downloading its papers.

#[path = "../support/mod.rs"]
mod support;

mod browser;
mod http;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `hoinghi serve` running on a free port, stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// Everything it printed on its standard output until it was ready.
    pub printed: String,
}

impl Server {
    /// Serves `target` (a model or a folder) with `--no-open` and waits for its address.
    pub fn start(target: &Path, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hoinghi"))
            .arg("serve")
            .arg(target)
            .args(["--no-open", "--port", "0"])
            .args(extra)
            .env_remove("HOINGHI_TEMPLATES")
            .env_remove("HOINGHI_FONT_PATHS")
            .env("LANG", "vi_VN.UTF-8")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("hoinghi starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let mut printed = String::new();
        let addr = loop {
            let line = lines
                .next()
                .expect("hoinghi prints its address before anything fails")
                .expect("its output is UTF-8");
            printed.push_str(&line);
            printed.push('\n');
            if let Some(at) = line.find("http://") {
                let url = line[at + 7..].trim_end_matches('/').to_string();
                break url;
            }
        };
        // Keep reading what it prints so that it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Self {
            child,
            addr,
            printed,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The page, with the run's secret and the model's version it carries.
    pub fn page(&self) -> Page {
        let r = self.get("/");
        assert_eq!(r.status, 200, "{}", r.text());
        let html = r.text();
        Page {
            token: meta(&html, "hoinghi-token"),
            version: meta(&html, "hoinghi-version"),
            html,
        }
    }

    pub fn get(&self, path: &str) -> Response {
        self.send("GET", path, &[], b"")
    }

    /// A JSON request from the page: with its secret and its origin.
    pub fn post(&self, path: &str, token: &str, body: &serde_json::Value) -> Response {
        let body = body.to_string();
        let origin = format!("http://{}", self.addr);
        self.send(
            "POST",
            path,
            &[
                ("x-hoinghi-token", token),
                ("content-type", "application/json"),
                ("origin", &origin),
            ],
            body.as_bytes(),
        )
    }

    /// A request with these headers (the Host header is the server's unless given).
    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        let mut request = format!("{method} {path} HTTP/1.1\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            request.push_str(&format!("host: {}\r\n", self.addr));
        }
        for (k, v) in headers {
            request.push_str(&format!("{k}: {v}\r\n"));
        }
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        {
            request.push_str(&format!("content-length: {}\r\n", body.len()));
        }
        request.push_str("connection: close\r\n\r\n");
        let mut stream = TcpStream::connect(&self.addr).expect("the server listens");
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .expect("a timeout can be set");
        stream.write_all(request.as_bytes()).expect("sent");
        // A body refused early is not read: the server may close before it is all sent.
        let _ = stream.write_all(body);
        read_response(&mut stream)
    }

    /// Waits until the page's build is done, and returns its status.
    pub fn wait_for_build(&self) -> serde_json::Value {
        let status = wait("the build to finish", Duration::from_secs(300), || {
            let s = self.get("/api/build").json();
            (s["running"] == false && !s["result"].is_null()).then_some(s)
        });
        assert_eq!(status["result"]["ok"], true, "{status:#}");
        status
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The page as loaded.
pub struct Page {
    pub html: String,
    pub token: String,
    pub version: String,
}

/// An HTTP answer.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The message of a refusal.
    pub fn message(&self) -> String {
        self.json()["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

pub fn read_response(stream: &mut TcpStream) -> Response {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("an answer");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16)
            .expect("a chunk size");
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

fn meta(html: &str, name: &str) -> String {
    let key = format!("<meta name=\"{name}\" content=\"");
    let at = html
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in the page"))
        + key.len();
    html[at..].split('"').next().unwrap_or_default().to_string()
}

/// Polls `check` until it gives a value; fails the test with `what` after `limit`. Tests wait
/// for conditions, never for a fixed time.
pub fn wait<T>(what: &str, limit: Duration, mut check: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(start.elapsed() < limit, "waited {limit:?} for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A fresh conference folder with a copy of a repository model in it.
pub fn folder_with(model: &str, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::copy(support::repo(model), &path).expect("the model is copied");
    (dir, path)
}

/// The models in a folder, as `hoinghi serve` finds them: its JSON files but schemas.
pub fn models_in(folder: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".json") && !name.ends_with(".schema.json")
        })
        .collect();
    found.sort();
    found
}
