//! Every address of the server, and each refusal, over plain HTTP.

use std::io::Write;
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use serde_json::json;

use crate::support::{Pdf, hoinghi, s};
use crate::{Server, folder_with, read_response};

const SAMPLE: &str = "data/hoi-nghi-ocop-2025.json";
const SMALL: &str = "tests/fixtures/small.json";

fn edit(server: &Server, token: &str, version: &str, edits: serde_json::Value) -> crate::Response {
    server.post(
        "/api/edit",
        token,
        &json!({ "version": version, "edits": edits }),
    )
}

fn set(path: &str, value: &str) -> serde_json::Value {
    json!([{ "op": "set", "path": path, "value": value }])
}

#[test]
fn the_page_is_vietnamese_served_on_loopback_with_everything_built_in() {
    let (_dir, model) = folder_with(SAMPLE, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);
    assert!(
        server.printed.contains("Trang làm việc của hội nghị"),
        "{}",
        server.printed
    );
    let page = server.page();
    for words in [
        "lang=\"vi\"",
        "Thông tin hội nghị",
        "Danh sách đại biểu",
        "Chương trình",
        "Xem trước &amp; in",
        "Chốt ngày",
        "Tạo tất cả",
        "Tải lên danh sách từ Excel",
        "Tên hội nghị",
    ] {
        assert!(page.html.contains(words), "the page lacks {words}");
    }
    assert_eq!(page.token.len(), 64);
    // Nothing comes from the network: no address outside the page itself.
    let script = server.get("/assets/app.js");
    let style = server.get("/assets/app.css");
    assert_eq!(script.status, 200);
    assert_eq!(style.status, 200);
    assert!(
        script
            .header("content-type")
            .is_some_and(|t| t.contains("javascript"))
    );
    for text in [page.html.as_str(), &script.text(), &style.text()] {
        assert!(
            !text.contains("https://") && !text.contains("http://"),
            "an outside address"
        );
        assert!(!text.contains("src=\"//"), "an outside address");
    }
    // No JSON path on screen: they are in the "technical details" fold only, which the
    // script fills in; the form's labels are words.
    assert!(!page.html.contains(">invitees["), "a JSON path on screen");
    let csp = server
        .get("/")
        .header("content-security-policy")
        .map(String::from);
    assert!(csp.is_some_and(|c| c.contains("default-src 'self'")));
    let missing = server.get("/khong-co");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.message(), "không có trang này");
}

#[test]
fn a_request_addressed_to_another_name_is_refused() {
    let (_dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    // A site that made its own name point to 127.0.0.1 (DNS rebinding) sends its own name.
    let port = server.addr.split(':').nth(1).expect("a port");
    let evil = format!("evil.example:{port}");
    let r = server.send("GET", "/", &[("host", &evil)], b"");
    assert_eq!(r.status, 403);
    assert!(
        r.message().contains("không phải của trang này"),
        "{}",
        r.message()
    );
    assert!(
        !r.text().contains("hoinghi-token"),
        "the secret was given away"
    );
    let localhost = format!("localhost:{port}");
    assert_eq!(
        server.send("GET", "/", &[("host", &localhost)], b"").status,
        200
    );
}

#[test]
fn a_request_from_another_site_is_refused() {
    let (_dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    let page = server.page();
    let body = json!({"version": page.version, "edits": set("event.title", "Bị sửa")}).to_string();
    let r = server.send(
        "POST",
        "/api/edit",
        &[
            ("origin", "http://evil.example"),
            ("x-hoinghi-token", &page.token),
            ("content-type", "application/json"),
        ],
        body.as_bytes(),
    );
    assert_eq!(r.status, 403);
    assert!(r.message().contains("từ một trang khác"), "{}", r.message());
    let image = server.send(
        "GET",
        "/api/preview?document=giay-moi",
        &[("sec-fetch-site", "cross-site")],
        b"",
    );
    assert_eq!(image.status, 403);
    assert!(
        !std::fs::read_to_string(&model)
            .expect("the model")
            .contains("Bị sửa")
    );
}

#[test]
fn a_change_without_the_runs_secret_is_refused() {
    let (_dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let before = std::fs::read(&model).expect("the model");
    let server = Server::start(&model, &[]);
    let page = server.page();
    for token in ["", "0000", &"a".repeat(64)] {
        let r = edit(&server, token, &page.version, set("event.title", "Bị sửa"));
        assert_eq!(r.status, 403, "{token}");
        assert!(r.message().contains("thiếu mã phiên"), "{}", r.message());
    }
    for path in [
        "/api/build",
        "/api/fix-date",
        "/api/list/use",
        "/api/list/cancel",
        "/api/build/stop",
        "/api/open",
        "/api/create",
    ] {
        assert_eq!(server.post(path, "", &json!({})).status, 403, "{path}");
    }
    assert_eq!(std::fs::read(&model).expect("the model"), before);
}

#[test]
fn a_body_too_large_is_refused_before_it_is_read() {
    let (_dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    let page = server.page();
    // Announce 5 GB and send none of it: the answer comes at once.
    let mut stream = TcpStream::connect(&server.addr).expect("the server listens");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a timeout");
    write!(
        stream,
        "POST /api/list/upload HTTP/1.1\r\nhost: {}\r\nx-hoinghi-token: {}\r\ncontent-type: multipart/form-data; boundary=x\r\ncontent-length: 5000000000\r\nconnection: close\r\n\r\n",
        server.addr, page.token
    )
    .expect("sent");
    let r = read_response(&mut stream);
    assert_eq!(r.status, 413);
    assert!(r.message().contains("quá lớn"), "{}", r.message());
    // An edit far larger than any edit.
    let big = "x".repeat(5 * 1024 * 1024);
    let r = edit(
        &server,
        &page.token,
        &page.version,
        set("event.title", &big),
    );
    assert_eq!(r.status, 413);
}

#[test]
fn an_edit_is_saved_at_once_keeping_comments_and_the_version_before() {
    let dir = tempfile::tempdir().expect("a folder");
    let model = dir.path().join("hoi-nghi.json");
    let original = std::fs::read_to_string(crate::support::repo(SMALL)).expect("the model");
    let commented = original.replacen(
        "\"event\": {",
        "// Thông tin hội nghị: sửa trước khi gửi\n  \"event\": {",
        1,
    );
    std::fs::write(&model, &commented).expect("written");
    let server = Server::start(&model, &[]);
    let page = server.page();
    let r = edit(
        &server,
        &page.token,
        &page.version,
        set("event.venue", "Hội trường UBND tỉnh"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let state = r.json();
    assert_ne!(state["version"], page.version.as_str());
    assert!(state["saved"].as_str().is_some_and(|t| t.contains(':')));
    let saved = std::fs::read_to_string(&model).expect("the model");
    assert!(
        saved.contains("\"venue\": \"Hội trường UBND tỉnh\""),
        "{saved}"
    );
    assert!(
        saved.contains("// Thông tin hội nghị: sửa trước khi gửi"),
        "{saved}"
    );
    let backup = std::fs::read_to_string(dir.path().join("hoi-nghi.json.bak")).expect("a backup");
    assert_eq!(backup, commented);
    // The command line reads the same file, as it is.
    hoinghi(&["check", s(&model)]).ok();
    // Dates are typed the Vietnamese way.
    let r = edit(
        &server,
        &page.token,
        state["version"].as_str().expect("a version"),
        set("invitation.date", "20/10/2025"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let saved = std::fs::read_to_string(&model).expect("the model");
    assert!(saved.contains("\"date\": \"2025-10-20\""), "{saved}");
}

#[test]
fn what_the_checks_find_comes_back_beside_its_field() {
    let (_dir, model) = folder_with(SAMPLE, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    let page = server.page();
    let r = edit(
        &server,
        &page.token,
        &page.version,
        set("invitees[0].honorific", "Ngài"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let state = r.json();
    let problem = state["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .find(|p| p["path"] == "invitees[0].honorific")
        .unwrap_or_else(|| panic!("no problem on the field: {state:#}"))
        .clone();
    assert_eq!(problem["error"], true);
    assert_eq!(problem["tab"], "list");
    assert!(problem["message"].as_str().expect("words").contains("Ngài"));
    assert!(
        !problem["place"]
            .as_str()
            .expect("words")
            .contains("invitees[")
    );
    assert_eq!(problem["tech"], "invitees[0].honorific");
    assert_eq!(state["tabs"]["list"]["errors"], 1);
    assert_eq!(state["ready"], false);
    // The programme's clock follows the lengths as they are typed.
    let clock = state["clock"]["agenda[2]"]
        .as_str()
        .expect("a time")
        .to_string();
    let version = state["version"].as_str().expect("a version");
    let r = edit(
        &server,
        &page.token,
        version,
        set("agenda[1].minutes", "45"),
    );
    let later = r.json()["clock"]["agenda[2]"]
        .as_str()
        .expect("a time")
        .to_string();
    assert_ne!(clock, later);
}

#[test]
fn a_save_made_from_an_older_version_is_refused_not_written_over() {
    let (_dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    let first_tab = server.page();
    let second_tab = server.page();
    let r = edit(
        &server,
        &first_tab.token,
        &first_tab.version,
        set("event.venue", "Phòng họp số 1"),
    );
    assert_eq!(r.status, 200);
    let r = edit(
        &server,
        &second_tab.token,
        &second_tab.version,
        set("event.venue", "Phòng họp số 2"),
    );
    assert_eq!(r.status, 409);
    assert!(r.message().contains("tải lại trang"), "{}", r.message());
    let saved = std::fs::read_to_string(&model).expect("the model");
    assert!(saved.contains("Phòng họp số 1") && !saved.contains("Phòng họp số 2"));
    // A change made in an editor meanwhile is not written over either.
    let fresh = server.page();
    std::fs::write(&model, saved.replace("Phòng họp số 1", "Phòng họp số 3")).expect("edited");
    let r = edit(
        &server,
        &fresh.token,
        &fresh.version,
        set("event.chair", "Ai đó"),
    );
    assert_eq!(r.status, 409);
    assert!(
        std::fs::read_to_string(&model)
            .expect("the model")
            .contains("Phòng họp số 3")
    );
}

#[test]
fn a_save_that_fails_says_so_and_changes_nothing() {
    let (dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let before = std::fs::read(&model).expect("the model");
    // The backup cannot be written: a folder is where it goes.
    std::fs::create_dir(dir.path().join("hoi-nghi.json.bak")).expect("a folder");
    let server = Server::start(&model, &[]);
    let page = server.page();
    let r = edit(
        &server,
        &page.token,
        &page.version,
        set("event.venue", "Nơi khác"),
    );
    assert_eq!(r.status, 500);
    assert!(r.message().contains("chưa lưu được"), "{}", r.message());
    assert!(
        r.message().contains("vẫn còn trên trang"),
        "{}",
        r.message()
    );
    assert_eq!(std::fs::read(&model).expect("the model"), before);
}

#[test]
fn an_edit_naming_no_part_of_the_model_is_refused() {
    let (_dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    let page = server.page();
    for bad in [
        set("khong.co", "x"),
        set("invitees[99].name", "x"),
        json!([{"op": "remove", "path": "agenda[3]"}]),
        json!([{"op": "drop", "path": "event"}]),
    ] {
        let r = edit(&server, &page.token, &page.version, bad.clone());
        assert!(matches!(r.status, 400 | 422), "{bad}: {}", r.status);
        assert!(!r.message().is_empty(), "{bad}");
    }
    let r = server.post(
        "/api/edit",
        &page.token,
        &json!("không phải JSON của trang"),
    );
    assert_eq!(r.status, 400);
}

#[test]
fn model_values_are_escaped_for_html() {
    let (_dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    let page = server.page();
    let attack = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    let r = edit(
        &server,
        &page.token,
        &page.version,
        set("event.venue", attack),
    );
    assert_eq!(r.status, 200);
    let html = server.page().html;
    assert!(
        !html.contains("<script>alert(1)"),
        "a script got into the page"
    );
    assert!(!html.contains("<img src=x"), "markup got into the page");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;"),
        "the value is not shown escaped"
    );
}

/// A multipart body with one file.
fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----hoinghi-test-boundary";
    let mut body = format!(
        "--{boundary}\r\ncontent-disposition: form-data; name=\"file\"; filename=\"{name}\"\r\ncontent-type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn upload(server: &Server, token: &str, name: &str, bytes: &[u8]) -> crate::Response {
    let (kind, body) = multipart(name, bytes);
    server.send(
        "POST",
        "/api/list/upload",
        &[("x-hoinghi-token", token), ("content-type", &kind)],
        &body,
    )
}

/// An office's list: the header, two invitees, one with a form of address the papers cannot
/// print (cell B3).
pub fn office_list(path: &Path, honorific: &str) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [[&str; 5]; 3] = [
        ["STT", "Danh xưng", "Họ và tên", "Chức vụ", "Đơn vị"],
        ["1", "Ông", "Nguyễn Văn Bình", "Giám đốc", "Sở Công Thương"],
        ["2", honorific, "Lê Thị Cúc", "Phó Giám đốc", "Sở Tài chính"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet
                .write_string(r as u32, c as u16, *text)
                .expect("a cell");
        }
    }
    book.save(path).expect("the workbook is saved");
}

#[test]
fn an_uploaded_list_is_shown_with_its_problems_then_used_beside_the_model() {
    let (dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let xlsx = tempfile::tempdir().expect("a folder");
    let list = xlsx.path().join("dai-bieu.xlsx");
    office_list(&list, "Ngài");
    let bytes = std::fs::read(&list).expect("the list");
    let server = Server::start(&model, &[]);
    let page = server.page();
    let r = upload(&server, &page.token, "dai-bieu.xlsx", &bytes);
    assert_eq!(r.status, 200, "{}", r.text());
    let answer = r.json();
    assert_eq!(answer["count"], 2);
    let html = answer["html"].as_str().expect("the rows");
    assert!(html.contains("Lê Thị Cúc") && html.contains("Dùng danh sách này"));
    let problem = answer["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .find(|p| p["path"] == "invitees[1].honorific")
        .unwrap_or_else(|| panic!("no problem on the cell: {answer:#}"))
        .clone();
    assert!(
        problem["tech"].as_str().expect("a place").contains("B3"),
        "{problem}"
    );
    // Nothing changed until it is used.
    assert!(!dir.path().join("dai-bieu.xlsx").exists());
    let r = server.post(
        "/api/list/use",
        &page.token,
        &json!({"version": page.version}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.message().contains("2 đại biểu"), "{}", r.message());
    assert_eq!(
        std::fs::read(dir.path().join("dai-bieu.xlsx")).expect("saved"),
        bytes
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&model).expect("the model")).expect("JSON");
    assert_eq!(saved["invitees"], json!({"file": "dai-bieu.xlsx"}));
    // Its problem is now the model's, on the list's cell.
    let state = server.get("/api/state").json();
    assert_eq!(state["invitees"], 2);
    assert!(
        state["problems"]
            .as_array()
            .expect("problems")
            .iter()
            .any(|p| p["path"] == "invitees[1].honorific"),
        "{state:#}"
    );
    // Editing a cell of the list moves it into the model, the file left as it was.
    let version = state["version"].as_str().expect("a version");
    let r = edit(
        &server,
        &page.token,
        version,
        set("invitees[1].honorific", "Bà"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let answer = r.json();
    assert_eq!(answer["reload"], true);
    assert!(
        answer["notice"]
            .as_str()
            .is_some_and(|n| n.contains("dai-bieu.xlsx"))
    );
    assert_eq!(answer["ready"], true, "{answer:#}");
    hoinghi(&["check", s(&model)]).ok();
}

/// A list's section rows are its groups: copied into the model (a row left out, or a cell
/// edited), its rows keep their groups and the model's `groups` gains them, so that the copy
/// checks and builds as the file did.
#[test]
fn a_list_copied_into_the_model_brings_the_groups_of_its_section_rows() {
    let list = "STT;Họ và tên;Chức vụ;Đơn vị\n\
                I;LÃNH ĐẠO TỈNH;;\n\
                1;Vũ Thị Ưng;Chủ tịch;UBND tỉnh\n\
                II;KHÁCH MỜI;;\n\
                2;Nguyễn Văn Bình;Giám đốc;Sở A\n\
                3;Đỗ Thị Ánh;Giám đốc;Sở B\n";
    for copy in ["skip", "edit"] {
        let (_dir, model) = folder_with(SMALL, "hoi-nghi.json");
        let server = Server::start(&model, &[]);
        let page = server.page();
        let r = upload(&server, &page.token, "ds.csv", list.as_bytes());
        assert_eq!(r.status, 200, "{}", r.text());
        let skip: &[usize] = if copy == "skip" { &[2] } else { &[] };
        let r = server.post(
            "/api/list/use",
            &page.token,
            &json!({"version": page.version, "skip": skip}),
        );
        assert_eq!(r.status, 200, "{}", r.text());
        if copy == "edit" {
            let version = server.get("/api/state").json()["version"]
                .as_str()
                .expect("a version")
                .to_string();
            let r = edit(
                &server,
                &page.token,
                &version,
                set("invitees[1].position", "Phó Giám đốc"),
            );
            assert_eq!(r.status, 200, "{}", r.text());
        }
        let saved: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&model).expect("the model"))
                .expect("JSON");
        let invitees = saved["invitees"]
            .as_array()
            .expect("the rows, in the model");
        assert_eq!(invitees[1]["group"], "KHÁCH MỜI", "{copy}: {invitees:?}");
        let groups = saved["groups"].as_array().expect("groups");
        for group in ["LÃNH ĐẠO TỈNH", "KHÁCH MỜI"] {
            assert!(groups.iter().any(|g| g == group), "{copy}: {groups:?}");
        }
        hoinghi(&["check", s(&model)]).ok();
    }
}

#[test]
fn rows_left_out_of_an_upload_are_not_invited_and_the_file_is_kept_as_it_is() {
    let (dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let xlsx = tempfile::tempdir().expect("a folder");
    let list = xlsx.path().join("dai-bieu.xlsx");
    office_list(&list, "Bà");
    let bytes = std::fs::read(&list).expect("the list");
    let server = Server::start(&model, &[]);
    let page = server.page();
    let r = upload(&server, &page.token, "dai-bieu.xlsx", &bytes);
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.json()["html"].as_str().expect("the rows").to_string();
    assert!(
        html.contains("class=\"invite\""),
        "no column to untick: {html}"
    );
    // The first row (Nguyễn Văn Bình) is not invited this time.
    let r = server.post(
        "/api/list/use",
        &page.token,
        &json!({"version": page.version, "skip": [0]}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.message().contains("mời 1 đại biểu, bỏ 1 dòng"),
        "{}",
        r.message()
    );
    assert_eq!(
        std::fs::read(dir.path().join("dai-bieu.xlsx")).expect("saved"),
        bytes
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&model).expect("the model")).expect("JSON");
    let invitees = saved["invitees"]
        .as_array()
        .expect("the list, in the model");
    assert_eq!(invitees.len(), 1, "{invitees:?}");
    assert_eq!(invitees[0]["name"], "Lê Thị Cúc");
    let out = tempfile::tempdir().expect("a folder");
    hoinghi(&["build", s(&model), "--out", s(out.path()), "--quiet"]).ok();
    let text = Pdf::open(&out.path().join("giay-moi.pdf")).text();
    assert!(
        text.contains("Lê Thị Cúc") && !text.contains("Nguyễn Văn Bình"),
        "{text}"
    );
}

#[test]
fn cells_typed_in_an_old_encoding_are_shown_converted() {
    let (_dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let xlsx = tempfile::tempdir().expect("a folder");
    let list = xlsx.path().join("dai-bieu.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    // "Nguyễn Văn An", "Sở Y tế" typed in the .VnTime font (TCVN3), as Excel keeps them.
    let rows: [[&str; 3]; 2] = [
        ["Danh xưng", "Họ và tên", "Đơn vị"],
        ["Ông", "Nguy\u{d4}n V\u{a8}n An", "S\u{eb} Y t\u{d5}"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet
                .write_string(r as u32, c as u16, *text)
                .expect("a cell");
        }
    }
    book.save(&list).expect("the workbook is saved");
    let server = Server::start(&model, &[]);
    let page = server.page();
    let r = upload(
        &server,
        &page.token,
        "dai-bieu.xlsx",
        &std::fs::read(&list).expect("the list"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.json()["html"].as_str().expect("the rows").to_string();
    assert!(
        html.contains("Nguyễn Văn An") && html.contains("Sở Y tế"),
        "{html}"
    );
    for cell in ["B2", "C2"] {
        assert!(
            html.contains(&format!("{cell} (đã chuyển từ bảng mã cũ)")),
            "{cell} is not shown converted: {html}"
        );
    }
}

#[test]
fn an_upload_set_aside_is_never_used() {
    let (dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let before = std::fs::read(&model).expect("the model");
    let xlsx = tempfile::tempdir().expect("a folder");
    let list = xlsx.path().join("dai-bieu.xlsx");
    office_list(&list, "Bà");
    let server = Server::start(&model, &[]);
    let page = server.page();
    let r = upload(
        &server,
        &page.token,
        "dai-bieu.xlsx",
        &std::fs::read(&list).expect("the list"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let r = server.post("/api/list/cancel", &page.token, &json!({}));
    assert_eq!(r.status, 200, "{}", r.text());
    let r = server.post(
        "/api/list/use",
        &page.token,
        &json!({"version": page.version}),
    );
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(r.message().contains("tải lên lại"), "{}", r.message());
    assert!(!dir.path().join("dai-bieu.xlsx").exists());
    assert_eq!(std::fs::read(&model).expect("the model"), before);
    // The waiting room inside the conference folder is gone with it.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "hoi-nghi.json")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_build_can_be_stopped_leaving_the_output_folder_as_it_was() {
    let (dir, model) = folder_with(SAMPLE, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    let page = server.page();
    let r = server.post("/api/build", &page.token, &json!({}));
    assert_eq!(r.status, 200, "{}", r.text());
    // A second build while one runs is refused.
    let again = server.post("/api/build", &page.token, &json!({}));
    assert_eq!(again.status, 409, "{}", again.text());
    let r = server.post("/api/build/stop", &page.token, &json!({}));
    assert_eq!(r.status, 200, "{}", r.text());
    let status = crate::wait("the build to stop", Duration::from_secs(300), || {
        let s = server.get("/api/build").json();
        (s["running"] == false && !s["result"].is_null()).then_some(s)
    });
    assert_eq!(status["result"]["ok"], false, "{status:#}");
    let said = status["result"]["problems"].to_string();
    assert!(said.contains("đã hủy theo yêu cầu"), "{said}");
    assert_eq!(status["files"], json!([]));
    assert!(!dir.path().join("out/giay-moi.pdf").exists());
}

#[test]
fn an_upload_naming_a_folder_or_not_a_list_is_refused() {
    let (dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    let page = server.page();
    for name in [
        "../../thoat.csv",
        "..\\thoat.csv",
        "/tmp/thoat.csv",
        "thu-muc/x.csv",
    ] {
        let r = upload(&server, &page.token, name, b"STT,Ho va ten\n1,A\n");
        assert_eq!(r.status, 400, "{name}");
        assert!(
            r.message().contains("không dùng được"),
            "{name}: {}",
            r.message()
        );
    }
    let r = upload(&server, &page.token, "chay.exe", b"MZ");
    assert_eq!(r.status, 400);
    assert!(
        r.message().contains("không phải tệp danh sách"),
        "{}",
        r.message()
    );
    let parent = dir.path().parent().expect("a parent");
    assert!(!parent.join("thoat.csv").exists());
    assert!(!Path::new("/tmp/thoat.csv").exists());
    let r = server.post(
        "/api/list/use",
        &page.token,
        &json!({"version": page.version}),
    );
    assert_eq!(r.status, 409, "nothing was waiting to be used");
}

#[test]
fn any_page_of_any_paper_can_be_previewed() {
    let (_dir, model) = folder_with(SAMPLE, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    let invitation = server.get("/api/preview?document=giay-moi&page=3");
    assert_eq!(invitation.status, 200, "{}", invitation.text());
    assert_eq!(invitation.header("content-type"), Some("image/png"));
    assert!(invitation.body.starts_with(b"\x89PNG"));
    let pages: usize = invitation
        .header("x-pages")
        .expect("pages")
        .parse()
        .expect("a number");
    assert!(pages > 10, "one page per invitee: {pages}");
    let script = server.get("/api/preview?document=kich-ban&page=2");
    assert_eq!(script.status, 200);
    assert!(script.body.starts_with(b"\x89PNG"));
    let none = server.get("/api/preview?document=kich-ban&page=999");
    assert_eq!(none.status, 422);
    assert!(
        none.text().contains("không có trang 999"),
        "{}",
        none.text()
    );
    let unknown = server.get("/api/preview?document=khong-co");
    assert_eq!(unknown.status, 422);
}

#[test]
fn the_papers_built_from_the_page_are_those_of_the_command_line_byte_for_byte() {
    let (dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    let page = server.page();
    assert_eq!(server.get("/download.zip").status, 404, "nothing built yet");
    let r = server.post("/api/build", &page.token, &json!({}));
    assert_eq!(r.status, 200, "{}", r.text());
    let status = server.wait_for_build();
    let files: Vec<String> = status["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().expect("a path").to_string())
        .collect();
    assert!(files.contains(&"giay-moi.pdf".to_string()), "{files:?}");
    assert!(
        files.iter().all(|f| !f.starts_with(".hoinghi")),
        "{files:?}"
    );
    let cli = tempfile::tempdir().expect("a folder");
    hoinghi(&["build", s(&model), "--out", s(cli.path()), "--quiet"]).ok();
    for file in &files {
        let r = server.get(&format!("/files/{file}"));
        assert_eq!(r.status, 200, "{file}");
        let made = std::fs::read(cli.path().join(file)).expect("the command line made it");
        assert!(
            r.body == made,
            "{file} differs from what hoinghi build makes"
        );
        assert!(
            r.header("content-disposition")
                .is_some_and(|d| d.contains("attachment")),
            "{file}"
        );
    }
    let zip = server.get("/download.zip");
    assert_eq!(zip.status, 200);
    assert_eq!(zip.header("content-type"), Some("application/zip"));
    assert!(
        zip.body == server.get("/download.zip").body,
        "the ZIP is not the same twice"
    );
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(zip.body.clone())).expect("a ZIP file");
    assert_eq!(archive.len(), files.len());
    for file in &files {
        let mut entry = archive.by_name(file).expect("in the ZIP");
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).expect("read");
        assert!(
            bytes == std::fs::read(cli.path().join(file)).expect("made"),
            "{file}"
        );
    }
    let merged = dir.path().join("out/giay-moi.pdf");
    assert!(Pdf::open(&merged).text().contains("Đàm Thị Ưng"));
    // Only the build's own files can be asked for.
    for path in [
        "/files/../hoi-nghi.json",
        "/files/%2e%2e/hoi-nghi.json",
        "/files/.hoinghi-manifest.json",
        "/files//etc/passwd",
    ] {
        assert_eq!(server.get(path).status, 404, "{path}");
    }
}

#[test]
fn fixing_the_date_saves_it_and_rebuilds_every_paper() {
    let (_dir, model) = folder_with(SMALL, "hoi-nghi.json");
    let server = Server::start(&model, &[]);
    let page = server.page();
    let r = server.post(
        "/api/fix-date",
        &page.token,
        &json!({"version": page.version, "date": "ngày mai"}),
    );
    assert_eq!(r.status, 422);
    assert!(r.message().contains("không phải ngày"), "{}", r.message());
    server.post("/api/build", &page.token, &json!({}));
    server.wait_for_build();
    let r = server.post(
        "/api/fix-date",
        &page.token,
        &json!({"version": page.version, "date": "16/10/2025", "number": "123", "signing": "10/10/2025"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["state"]["date"], "16/10/2025");
    let status = server.wait_for_build();
    let written = status["result"]["written"].as_array().expect("files");
    assert!(written.iter().any(|f| f == "giay-moi.pdf"), "{status:#}");
    let saved = std::fs::read_to_string(&model).expect("the model");
    assert!(saved.contains("\"date\": \"2025-10-16\""), "{saved}");
    assert!(saved.contains("\"number\": 123"), "{saved}");
    let text = Pdf::open(&model.parent().expect("a folder").join("out/giay-moi.pdf")).text();
    assert!(!text.contains("DỰ THẢO"), "still a draft");
    assert!(text.contains("123/GM-UBND"), "{text}");
}

#[test]
fn a_folder_without_a_conference_offers_to_create_one() {
    let dir = tempfile::tempdir().expect("a folder");
    let server = Server::start(dir.path(), &[]);
    assert!(
        server.printed.contains("chưa có tệp hội nghị"),
        "{}",
        server.printed
    );
    let page = server.get("/");
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("Tạo hội nghị mới"), "{html}");
    let token = crate::meta(&html, "hoinghi-token");
    let r = server.post("/api/create", &token, &json!({}));
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.message().contains("đã tạo hội nghị mới"),
        "{}",
        r.message()
    );
    // What `hoinghi init` makes, opened at once.
    for file in ["hoi-nghi.json", "dai-bieu.xlsx", "HUONG-DAN.md"] {
        assert!(dir.path().join(file).is_file(), "{file} was not made");
    }
    let page = server.page();
    assert!(page.html.contains("Thông tin hội nghị"));
    assert!(page.html.contains("hoi-nghi.json"));
    assert_eq!(server.get("/api/state").status, 200);
    // Never a second conference over the first, and nothing overwritten.
    let before = std::fs::read(dir.path().join("hoi-nghi.json")).expect("the model");
    let again = server.post("/api/create", &token, &json!({}));
    assert_eq!(again.status, 409, "a second conference over the first");
    assert_eq!(
        std::fs::read(dir.path().join("hoi-nghi.json")).expect("the model"),
        before
    );
}

#[test]
fn the_starter_never_overwrites_a_file_of_the_folder() {
    // A folder holding only the guide (no model): the starter refuses, naming the file.
    let dir = tempfile::tempdir().expect("a folder");
    std::fs::write(dir.path().join("HUONG-DAN.md"), "ghi chú của tôi").expect("written");
    let server = Server::start(dir.path(), &[]);
    let token = crate::meta(&server.get("/").text(), "hoinghi-token");
    let r = server.post("/api/create", &token, &json!({}));
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(r.message().contains("HUONG-DAN.md"), "{}", r.message());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("HUONG-DAN.md")).expect("the guide"),
        "ghi chú của tôi"
    );
    assert!(!dir.path().join("hoi-nghi.json").exists());
}

#[test]
fn a_folder_with_several_conferences_asks_which() {
    let (dir, _) = folder_with(SMALL, "mot.json");
    std::fs::copy(crate::support::repo(SMALL), dir.path().join("hai.json")).expect("copied");
    let server = Server::start(dir.path(), &[]);
    let page = server.get("/").text();
    assert!(page.contains("Chọn tệp hội nghị để mở"), "{page}");
    assert!(page.contains("mot.json") && page.contains("hai.json"));
    let token = crate::meta(&page, "hoinghi-token");
    assert_eq!(
        server
            .post("/api/open", &token, &json!({"name": "../ba.json"}))
            .status,
        409
    );
    assert_eq!(
        server
            .post("/api/open", &token, &json!({"name": "hai.json"}))
            .status,
        200
    );
    assert!(server.page().html.contains("hai.json"));
}
