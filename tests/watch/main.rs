//! `watch` from the outside: the real binary on a temporary folder, its messages read as they
//! come. It follows the files the model names now, not those it named at the start: the list
//! file the model switches to and not the one it left, a save by rename, a templates folder
//! made after the start.
//!
//! Every build ends with one line "đang theo dõi: …" and every save that counts starts one
//! with "đã thay đổi: …". One rebuild is one more of each, and none after a quiet period much
//! longer than the watcher's settling time (0.3 s).

#[path = "../support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use support::{Pdf, assert_contains, hoinghi_command, repo};

const CHANGED: &str = "đã thay đổi: ";
const WATCHING: &str = "đang theo dõi: ";
/// Long enough for a late event to show, on a busy machine.
const QUIET: Duration = Duration::from_secs(3);
/// A build on a busy machine can take a while.
const PATIENCE: Duration = Duration::from_secs(180);

/// `hoinghi watch` running in a folder, its messages going to a file.
struct Watching {
    child: Child,
    log: PathBuf,
    /// Builds seen so far.
    builds: usize,
}

impl Watching {
    /// Watches `m.json` of `dir` building the delegate list into `out/` (one small document,
    /// for quick builds that show the invitees), with `args` added.
    fn start(dir: &Path, args: &[&str]) -> Self {
        let log = dir.join("watch.log");
        let child = hoinghi_command()
            .current_dir(dir)
            .args([
                "watch",
                "m.json",
                "--out",
                "out",
                "--only",
                "danh-sach-dai-bieu",
            ])
            .args(args)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        Self {
            child,
            log,
            builds: 0,
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap()
    }

    fn lines(&self, start: &str) -> Vec<String> {
        self.log()
            .lines()
            .filter(|l| l.starts_with(start))
            .map(String::from)
            .collect()
    }

    /// Waits for the next build to end, and gives its "đang theo dõi" line.
    #[track_caller]
    fn next_build(&mut self) -> String {
        let start = Instant::now();
        while self.lines(WATCHING).len() <= self.builds {
            assert!(
                start.elapsed() < PATIENCE,
                "no build {} came:\n{}",
                self.builds + 1,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        self.builds += 1;
        self.stays_quiet();
        self.lines(WATCHING)[self.builds - 1].clone()
    }

    /// Asserts nothing else starts: as many builds as seen, one change for each but the first.
    #[track_caller]
    fn stays_quiet(&self) {
        std::thread::sleep(QUIET);
        let log = self.log();
        assert_eq!(
            self.lines(WATCHING).len(),
            self.builds,
            "builds after the quiet period:\n{log}"
        );
        assert_eq!(
            self.lines(CHANGED).len(),
            self.builds - 1,
            "changes after the quiet period:\n{log}"
        );
    }

    /// The text of the delegate list last built.
    fn delegates(&self, dir: &Path) -> String {
        Pdf::open(&dir.join("out/danh-sach-dai-bieu.pdf")).text()
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A folder with the small model `m.json`, its invitees in the model.
fn conference() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo("tests/fixtures/small.json"), dir.path().join("m.json")).unwrap();
    dir
}

/// Makes `m.json` of `dir` read its invitees from `file`.
fn read_list_from(dir: &Path, file: &str) {
    let path = dir.join("m.json");
    let mut model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    model["invitees"] = json!({ "file": file });
    std::fs::write(&path, serde_json::to_string_pretty(&model).unwrap()).unwrap();
}

/// A list of one invitee, as a CSV file saved by Excel.
fn list_of(name: &str) -> String {
    format!("STT;Họ và tên;Chức vụ\n1;{name};Giám đốc Sở Công Thương\n")
}

#[test]
fn the_list_file_followed_is_the_one_the_model_names_now() {
    let dir = conference();
    let dir = dir.path();
    let mut watch = Watching::start(dir, &[]);
    assert_eq!(watch.next_build(), "đang theo dõi: m.json (Ctrl+C để dừng)");

    // A list written beside the model is nothing to it until the model names it.
    std::fs::write(dir.join("w1.csv"), list_of("Lê Văn An")).unwrap();
    watch.stays_quiet();
    read_list_from(dir, "w1.csv");
    assert_contains(&watch.next_build(), "m.json, w1.csv (");
    assert_contains(&watch.delegates(dir), "Lê Văn An");

    std::fs::write(dir.join("w1.csv"), list_of("Lê Văn Bình")).unwrap();
    watch.next_build();
    assert_eq!(watch.lines(CHANGED).last().unwrap(), "đã thay đổi: w1.csv");
    assert_contains(&watch.delegates(dir), "Lê Văn Bình");

    std::fs::write(dir.join("w2.csv"), list_of("Nông Thị Cúc")).unwrap();
    read_list_from(dir, "w2.csv");
    assert_eq!(
        watch.next_build(),
        "đang theo dõi: m.json, w2.csv (Ctrl+C để dừng)"
    );
    assert_contains(&watch.delegates(dir), "Nông Thị Cúc");

    // The list the model no longer names is no longer followed.
    std::fs::write(dir.join("w1.csv"), list_of("Lê Văn Chiến")).unwrap();
    watch.stays_quiet();

    std::fs::write(dir.join("w2.csv"), list_of("Nông Thị Duyên")).unwrap();
    watch.next_build();
    assert_contains(&watch.delegates(dir), "Nông Thị Duyên");

    // Saved as editors save: a new file renamed over the old one.
    let new = dir.join("w2.csv.tmp");
    std::fs::write(&new, list_of("Nông Thị Én")).unwrap();
    std::fs::rename(&new, dir.join("w2.csv")).unwrap();
    watch.next_build();
    assert_contains(watch.lines(CHANGED).last().unwrap(), "w2.csv");
    assert_contains(&watch.delegates(dir), "Nông Thị Én");
}

#[test]
fn a_templates_folder_made_after_the_start_is_followed() {
    let dir = conference();
    let dir = dir.path();
    let mut watch = Watching::start(dir, &["--templates", "mau"]);
    assert_eq!(
        watch.next_build(),
        "đang theo dõi: m.json, các mẫu trong mau (Ctrl+C để dừng)"
    );
    assert_contains(&watch.log(), "giữ nguyên kết quả tốt lần trước");
    assert!(!dir.join("out").exists());

    std::fs::create_dir(dir.join("mau")).unwrap();
    watch.next_build();
    assert_eq!(watch.lines(CHANGED).last().unwrap(), "đã thay đổi: mau");
    assert_contains(&watch.delegates(dir), "Hoàng Văn Đức");

    let built_in = std::fs::read_to_string(repo("templates/danh-sach-dai-bieu.typ.j2")).unwrap();
    std::fs::write(
        dir.join("mau/danh-sach-dai-bieu.typ.j2"),
        format!("{built_in}\n\nBản của văn phòng\n"),
    )
    .unwrap();
    watch.next_build();
    let template = Path::new("mau").join("danh-sach-dai-bieu.typ.j2");
    assert_eq!(
        *watch.lines(CHANGED).last().unwrap(),
        format!("đã thay đổi: {}", template.display())
    );
    assert_contains(&watch.delegates(dir), "Bản của văn phòng");

    // A file that replaces no template is not read.
    std::fs::write(dir.join("mau/ghi-chu.txt"), "sửa sau").unwrap();
    watch.stays_quiet();
}
