//! The clerk's whole workflow in a real browser: Debian's headless Chromium driven through
//! chromedriver (WebDriver), from an empty folder to the papers in a ZIP. The screenshots it
//! takes are the README's (`HOINGHI_UPDATE_SCREENSHOTS=1` copies them into `docs/anh/`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::support::{Pdf, hoinghi, s};
use crate::{Server, wait};

/// How long a condition may take on a busy two-core machine.
const PATIENCE: Duration = Duration::from_secs(120);

/// The first of these programs on the PATH, or at its Debian path.
fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in names {
        for dir in std::env::split_paths(&path).chain([PathBuf::from("/usr/bin")]) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// chromedriver on a free port, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start(program: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let addr = format!("127.0.0.1:{port}");
        wait("chromedriver to listen", PATIENCE, || {
            std::net::TcpStream::connect(&addr).ok()
        });
        Self {
            child,
            url: format!("http://{addr}"),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The screenshots: taken always (the page must draw), kept for the README when asked.
struct Shots {
    dir: tempfile::TempDir,
}

impl Shots {
    async fn take(&self, client: &Client, name: &str) {
        let png = client.screenshot().await.expect("a screenshot");
        assert!(png.starts_with(b"\x89PNG"), "{name} is not a picture");
        std::fs::write(self.dir.path().join(name), &png).expect("saved");
        if std::env::var_os("HOINGHI_UPDATE_SCREENSHOTS").is_some() {
            let docs = crate::support::repo("docs/anh");
            std::fs::create_dir_all(&docs).expect("docs/anh");
            std::fs::write(docs.join(name), &png).expect("saved into docs");
        }
    }
}

/// Marks the page shown, before an action that makes it again: a wait that must see the new
/// page checks that the mark is gone, or it could see the old one before it goes.
async fn mark_page(client: &Client) {
    client
        .execute("window.hoinghiBefore = true", vec![])
        .await
        .expect("the page marked");
}

/// Runs `script` in the page until it returns something other than null or false.
async fn until(client: &Client, what: &str, script: &str) -> Value {
    let start = std::time::Instant::now();
    loop {
        let value = client.execute(script, vec![]).await.unwrap_or(Value::Null);
        if !value.is_null() && value != Value::Bool(false) {
            return value;
        }
        if start.elapsed() > PATIENCE {
            // What the page says is the best clue to why.
            let shown = client
                .execute("return document.body.innerText.slice(0, 4000)", vec![])
                .await
                .unwrap_or(Value::Null);
            panic!(
                "waited {PATIENCE:?} for {what}; the page shows:\n{}",
                shown.as_str().unwrap_or("")
            );
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

async fn click(client: &Client, css: &str) {
    client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
}

async fn type_into(client: &Client, css: &str, text: &str) {
    let field = client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"));
    // Select what is there and type over it, as a person does: clearing the field first
    // would be a change of its own, saved at once.
    field
        .send_keys(&format!("\u{E009}a\u{E000}{text}"))
        .await
        .expect("typed");
}

#[test]
fn a_clerk_creates_a_conference_uploads_the_list_fixes_it_fixes_the_date_and_downloads_the_papers()
{
    let (Some(chromium), Some(chromedriver)) = (
        find(&["chromium", "chromium-browser", "google-chrome"]),
        find(&["chromedriver"]),
    ) else {
        // CI installs them and says so: there the test must run, not pass by being skipped.
        assert!(
            std::env::var_os("HOINGHI_REQUIRE_BROWSER").is_none(),
            "HOINGHI_REQUIRE_BROWSER is set but chromium or chromedriver is missing"
        );
        eprintln!(
            "skipped: the browser test needs Debian's chromium and chromium-driver (.ci/run installs them)"
        );
        return;
    };
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(workflow(&chromium, &chromedriver));
}

async fn workflow(chromium: &Path, chromedriver: &Path) {
    let folder = tempfile::tempdir().expect("a conference folder");
    let profile = tempfile::tempdir().expect("a browser profile");
    let server = Server::start(folder.path(), &[]);
    let driver = Driver::start(chromedriver);
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=vi",
                format!("--user-data-dir={}", profile.path().display()),
            ],
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .expect("a browser session");
    let shots = Shots {
        dir: tempfile::tempdir().expect("a folder for screenshots"),
    };
    steps(&client, &server, folder.path(), &shots).await;
    let _ = client.close().await;
}

async fn steps(client: &Client, server: &Server, folder: &Path, shots: &Shots) {
    // An empty folder: the page offers to create a conference from the starter.
    client.goto(&server.url("/")).await.expect("the page opens");
    shots.take(client, "1-tao-hoi-nghi.png").await;
    click(client, "#create").await;
    until(
        client,
        "the new conference's page",
        "return !!document.getElementById('tab-info')",
    )
    .await;
    let model = crate::wait("the model file", PATIENCE, || {
        crate::models_in(folder).into_iter().next()
    });
    shots.take(client, "2-thong-tin-hoi-nghi.png").await;

    // The office's list, uploaded: its problem shown on its cell before it is used.
    let lists = tempfile::tempdir().expect("a folder");
    let list = lists.path().join("danh-sach-dai-bieu.xlsx");
    super::http::office_list(&list, "Ngài");
    click(client, "#tab-list").await;
    client
        .find(Locator::Id("upload-file"))
        .await
        .expect("the file input")
        .send_keys(s(&list))
        .await
        .expect("the file chosen");
    click(client, "#upload-form button[type=submit]").await;
    until(
        client,
        "the list as it will be used",
        "return document.querySelector('#upload-result .upload-preview') !== null && document.querySelectorAll('#upload-result input.invite:checked').length === 2",
    )
    .await;
    let preview = client
        .find(Locator::Css("#upload-result"))
        .await
        .expect("the preview")
        .text()
        .await
        .expect("its text");
    assert!(preview.contains("Lê Thị Cúc"), "{preview}");
    assert!(
        preview.contains("Ngài"),
        "the problem is not shown: {preview}"
    );
    shots.take(client, "3-tai-danh-sach.png").await;
    mark_page(client).await;
    click(client, "#use-list").await;
    let cell = r#"invitees[1].honorific"#;
    let problem = until(
        client,
        "the problem beside its cell, on the page made again",
        &format!(
            "const b = document.querySelector('[data-problems=\"{cell}\"]'); return !window.hoinghiBefore && b && b.textContent.includes('Ngài') ? b.textContent : null"
        ),
    )
    .await;
    assert!(
        problem.as_str().is_some_and(|p| p.contains("B3")),
        "{problem}"
    );
    shots.take(client, "4-loi-tren-o.png").await;

    // Fixed on the page, and saved as it is typed. A cell of a list read from a file, once
    // changed, makes the list the model's own: the page is made again to show it so.
    mark_page(client).await;
    type_into(client, &format!("[data-path=\"{cell}\"]"), "Bà").await;
    until(
        client,
        "the fix saved and the problem gone, on the page made again",
        &format!(
            "const b = document.querySelector('[data-problems=\"{cell}\"]'); const i = document.querySelector('[data-path=\"{cell}\"]'); return !window.hoinghiBefore && b && i && i.value === 'Bà' && b.textContent === '' && !document.getElementById('save-status').classList.contains('failed')"
        ),
    )
    .await;
    let focused = client
        .execute(
            "return document.activeElement && document.activeElement.dataset.path",
            vec![],
        )
        .await
        .expect("the field with the keyboard");
    assert_eq!(
        focused,
        json!(cell),
        "the keyboard left the cell being typed in"
    );
    crate::wait("the fix in the model file", PATIENCE, || {
        std::fs::read_to_string(&model)
            .ok()
            .filter(|t| t.contains("\"Bà\""))
    });

    // The date fixed: every paper made again, without DỰ THẢO.
    click(client, "#open-fix").await;
    type_into(client, "#fix-date", "16/10/2025").await;
    mark_page(client).await;
    click(client, "#fix-confirm").await;
    until(
        client,
        "the papers built",
        "const s = document.getElementById('build-status'); return !window.hoinghiBefore && s && s.textContent.startsWith('Đã tạo xong') && document.querySelector('a[href=\"/download.zip\"]') !== null",
    )
    .await;
    let badge = client
        .find(Locator::Id("badge"))
        .await
        .expect("the badge")
        .text()
        .await
        .expect("its words");
    assert_eq!(badge, "Đã chốt ngày 16/10/2025");
    until(
        client,
        "the invitation's preview",
        "const i = document.getElementById('preview-img'); return i && i.complete && i.naturalWidth > 0",
    )
    .await;
    // The whole screen from its top: the tabs, the papers and the preview.
    client
        .execute("window.scrollTo(0, 0)", vec![])
        .await
        .expect("scrolled");
    shots.take(client, "5-xem-truoc-va-in.png").await;

    // The ZIP, downloaded by the page's own link.
    let bytes = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const link = document.querySelector('a[href=\"/download.zip\"]');
             fetch(link.href).then(r => r.arrayBuffer()).then(b => done(Array.from(new Uint8Array(b))));",
            vec![],
        )
        .await
        .expect("the ZIP downloaded");
    let bytes: Vec<u8> = serde_json::from_value(bytes).expect("bytes");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP file");
    let cli = tempfile::tempdir().expect("a folder");
    hoinghi(&["build", s(&model), "--out", s(cli.path()), "--quiet"]).ok();
    let mut pdfs = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        let name = entry.name().expect("a name").to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut data).expect("read");
        let made = std::fs::read(cli.path().join(&name)).expect("the command line makes it too");
        assert!(data == made, "{name} is not what hoinghi build makes");
        if name.ends_with(".pdf") {
            pdfs += 1;
        }
    }
    assert!(pdfs >= 3, "{pdfs} PDFs");
    let merged = Pdf::open(&cli.path().join("giay-moi.pdf"));
    let text = merged.text();
    assert!(
        text.contains("Lê Thị Cúc") && text.contains("Nguyễn Văn Bình"),
        "{text}"
    );
    assert!(!text.contains("DỰ THẢO"), "still a draft: {text}");
    assert!(!text.contains("Ngài"), "{text}");
}
