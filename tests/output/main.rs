//! The output folder, whatever happens to it: a build interrupted at any point, a file or folder
//! in the way, a file open in another program, damaged or foreign files, links. After any of
//! them, the next build leaves a folder that matches a fresh build, and nothing the program did
//! not write is ever removed.

#[path = "../support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{Run, hoinghi_with, model_with, pdfs, repo, s};

const SAMPLE: &str = "data/hoi-nghi-ocop-2025.json";

/// Runs `hoinghi build MODEL --out OUT` with extra arguments and environment (the test hooks
/// that interrupt a build on purpose), in Vietnamese.
fn build_with(model: &Path, out: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut all = vec!["build", s(model), "--out", s(out)];
    all.extend_from_slice(args);
    hoinghi_with(&all, env)
}

fn build(model: &Path, out: &Path) -> Run {
    build_with(model, out, &[], &[])
}

/// The sample with its date fixed: every paper that shows the date changes.
fn dated(dir: &Path) -> PathBuf {
    model_with(dir, "dated.json", SAMPLE, |m| {
        m["event"]["date"] = "2025-10-16".into();
    })
}

/// The PDFs a fresh build of `model` makes, for comparison.
#[track_caller]
fn fresh(model: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    build(model, out.path()).ok();
    pdfs(out.path())
}

/// Asserts the folder holds exactly the PDFs of a fresh build of `model`.
#[track_caller]
fn assert_matches_fresh(out: &Path, model: &Path) {
    let got = pdfs(out);
    let want = fresh(model);
    let names = |v: &[(PathBuf, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&got), names(&want), "not the files of a fresh build");
    for ((path, a), (_, b)) in got.iter().zip(&want) {
        assert!(a == b, "{} differs from a fresh build", path.display());
    }
}

fn temp_leftovers(out: &Path) -> Vec<PathBuf> {
    support::snapshot(out)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".hoinghi-tmp-") || n.starts_with(".hoinghi-old-"))
        })
        .collect()
}

#[test]
fn a_folder_in_the_way_stops_the_build_before_any_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SAMPLE), &out).ok();
    let before = pdfs(&out);
    // A folder where one invitation's file is to be written again.
    let victim = std::fs::read_dir(out.join("giay-moi"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .max()
        .unwrap();
    std::fs::remove_file(&victim).unwrap();
    std::fs::create_dir(&victim).unwrap();
    let run = build(&dated(dir.path()), &out).failed();
    assert!(
        run.stderr
            .contains("là một thư mục nằm đúng chỗ tệp cần ghi"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&victim.file_name().unwrap().to_string_lossy().to_string())
    );
    // Not one file took the new date.
    let after = pdfs(&out);
    let unchanged: Vec<_> = before
        .iter()
        .filter(|(p, _)| out.join(p) != victim)
        .cloned()
        .collect();
    assert_eq!(after, unchanged);
    // Once the obstacle is gone, the old model's build repairs the folder.
    std::fs::remove_dir(&victim).unwrap();
    build(&repo(SAMPLE), &out).ok();
    assert_matches_fresh(&out, &repo(SAMPLE));
}

#[test]
fn a_move_that_fails_half_way_through_the_commit_is_rolled_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SAMPLE), &out).ok();
    let before = pdfs(&out);
    let run = build_with(
        &dated(dir.path()),
        &out,
        &[],
        &[("HOINGHI_FAIL_MOVE_AT", "50")],
    )
    .failed();
    assert!(
        run.stderr
            .contains("không tệp nào trong thư mục kết quả bị thay đổi"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("không ghi gì"), "{}", run.stderr);
    assert_eq!(pdfs(&out), before, "the folder must be as it was");
    assert!(temp_leftovers(&out).is_empty());
    // And the manifest was not left trusting the half-done commit.
    let run = build(&repo(SAMPLE), &out).ok();
    assert!(run.stderr.contains("đã ghi 0/"), "{}", run.stderr);
    build(&dated(dir.path()), &out).ok();
    assert_matches_fresh(&out, &dated(dir.path()));
}

#[test]
fn a_build_killed_at_any_point_is_repaired_by_the_next_build_of_either_model() {
    let dir = tempfile::tempdir().unwrap();
    let old_model = repo(SAMPLE);
    let new_model = dated(dir.path());
    // Killed while writing files, and while moving them into place, early and late.
    let kills = [
        ("HOINGHI_ABORT_AFTER", "1"),
        ("HOINGHI_ABORT_AFTER", "80"),
        ("HOINGHI_ABORT_IN_COMMIT", "0"),
        ("HOINGHI_ABORT_IN_COMMIT", "3"),
        ("HOINGHI_ABORT_IN_COMMIT", "120"),
    ];
    for (i, kill) in kills.iter().enumerate() {
        for next in [&old_model, &new_model] {
            let out = dir.path().join(format!("out-{i}-{}", next == &old_model));
            build(&old_model, &out).ok();
            let run = build_with(&new_model, &out, &[], &[*kill]);
            assert_ne!(run.status, 0, "{kill:?} should have killed the build");
            build(next, &out).ok();
            assert_matches_fresh(&out, next);
            assert!(temp_leftovers(&out).is_empty(), "{kill:?}: leftovers");
        }
    }
}

#[test]
fn a_manifest_that_is_a_folder_is_reported_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SAMPLE), &out).ok();
    let before = pdfs(&out);
    let manifest = out.join(".hoinghi-manifest.json");
    std::fs::remove_file(&manifest).unwrap();
    std::fs::create_dir(&manifest).unwrap();
    let run = build(&dated(dir.path()), &out).failed();
    assert!(
        run.stderr.contains(".hoinghi-manifest.json"),
        "{}",
        run.stderr
    );
    assert_eq!(pdfs(&out), before);
}

#[test]
fn output_damaged_on_disk_is_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SAMPLE), &out).ok();
    let invitation = std::fs::read_dir(out.join("giay-moi"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    // Truncated to nothing, and overwritten by hand with as many bytes.
    std::fs::write(&invitation, b"").unwrap();
    let programme = out.join("chuong-trinh.pdf");
    let size = std::fs::metadata(&programme).unwrap().len() as usize;
    std::fs::write(&programme, vec![b'x'; size]).unwrap();
    let run = build(&repo(SAMPLE), &out).ok();
    assert!(run.stderr.starts_with("đã ghi 2/"), "{}", run.stderr);
    assert_matches_fresh(&out, &repo(SAMPLE));
}

#[test]
fn a_broken_cache_chunk_is_dropped_and_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SAMPLE), &out).ok();
    // Every cached chunk damaged in place, keeping its size and even its time, so that only
    // reading it can tell; a few bytes in the middle, which a PDF reader may well tolerate.
    for entry in std::fs::read_dir(out.join(".hoinghi-cache")).unwrap() {
        let path = entry.unwrap().path();
        let meta = std::fs::metadata(&path).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle..middle + 16].copy_from_slice(b"################");
        std::fs::write(&path, &bytes).unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(meta.modified().unwrap()).unwrap();
    }
    // One invitee changed: the merged file is joined again from the cache.
    let edited = model_with(dir.path(), "edited.json", SAMPLE, |m| {
        m["invitees"][0]["position"] = "Chức vụ mới".into();
    });
    let run = build(&edited, &out).ok();
    assert!(run.stderr.contains("Cảnh báo:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("đã được bỏ và tạo lại"),
        "{}",
        run.stderr
    );
    assert_matches_fresh(&out, &edited);
}

#[test]
fn a_no_change_build_removes_what_a_killed_build_left() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SAMPLE), &out).ok();
    for place in [
        ".hoinghi-tmp-a",
        "giay-moi/.hoinghi-tmp-b",
        ".hoinghi-cache/.hoinghi-tmp-c",
        "giay-moi/.hoinghi-old-001-x.pdf",
    ] {
        std::fs::write(out.join(place), b"half").unwrap();
    }
    let run = build(&repo(SAMPLE), &out).ok();
    assert!(run.stderr.starts_with("đã ghi 0/"), "{}", run.stderr);
    assert!(
        temp_leftovers(&out).is_empty(),
        "{:?}",
        temp_leftovers(&out)
    );
}

#[test]
fn files_the_program_did_not_write_are_never_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // The user's own files, named like outputs, in a folder no build wrote before.
    std::fs::create_dir_all(out.join("giay-moi")).unwrap();
    std::fs::write(out.join("giay-moi/001-ten-cu.pdf"), b"mine").unwrap();
    std::fs::write(out.join("ghi-chu.pdf"), b"mine too").unwrap();
    let small = "tests/fixtures/small.json";
    build(&repo(small), &out).ok();
    let fewer = model_with(dir.path(), "fewer.json", small, |m| {
        m["invitees"].as_array_mut().unwrap().truncate(2);
    });
    build(&fewer, &out).ok();
    assert_eq!(
        std::fs::read(out.join("giay-moi/001-ten-cu.pdf")).unwrap(),
        b"mine"
    );
    assert_eq!(std::fs::read(out.join("ghi-chu.pdf")).unwrap(), b"mine too");
    // What the program wrote and no longer makes is gone.
    let invitations = std::fs::read_dir(out.join("giay-moi")).unwrap().count();
    assert_eq!(invitations, 2 + 1);
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_output_folder_is_refused_and_nothing_is_written_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("001-hoang-van-duc.pdf"), b"a user's file").unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("giay-moi")).unwrap();
    let run = build(&repo(SAMPLE), &out).failed();
    assert!(run.stderr.contains("liên kết"), "{}", run.stderr);
    let inside: Vec<_> = std::fs::read_dir(&elsewhere).unwrap().collect();
    assert_eq!(inside.len(), 1);
    assert_eq!(
        std::fs::read(elsewhere.join("001-hoang-van-duc.pdf")).unwrap(),
        b"a user's file"
    );
}

#[test]
fn one_invitee_into_an_empty_folder_writes_every_invitation_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = build_with(&repo(SAMPLE), &out, &["--invitee", "3"], &[]).ok();
    assert!(run.stderr.contains(" 0 tệp không đổi"), "{}", run.stderr);
    let n = std::fs::read_dir(out.join("giay-moi")).unwrap().count();
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo(SAMPLE)).unwrap()).unwrap();
    assert_eq!(n, model["invitees"].as_array().unwrap().len());
}

#[test]
fn one_invitee_after_the_list_shifted_leaves_no_person_twice() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SAMPLE), &out).ok();
    let shifted = model_with(dir.path(), "shifted.json", SAMPLE, |m| {
        let list = m["invitees"].as_array_mut().unwrap();
        list.insert(
            1,
            serde_json::json!({"id": "moi", "name": "Người Mới Thêm"}),
        );
    });
    build_with(&shifted, &out, &["--invitee", "moi"], &[]).ok();
    let mut stems: Vec<String> = std::fs::read_dir(out.join("giay-moi"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy()[4..].to_string())
        .collect();
    let count = stems.len();
    stems.sort();
    stems.dedup();
    assert_eq!(stems.len(), count, "a person's invitation is there twice");
    // The invitations are those of a fresh build; the other papers were not asked for.
    let invitations = |all: Vec<(PathBuf, Vec<u8>)>| -> Vec<(PathBuf, Vec<u8>)> {
        all.into_iter()
            .filter(|(p, _)| p.starts_with("giay-moi") || p == Path::new("giay-moi.pdf"))
            .collect()
    };
    assert!(invitations(pdfs(&out)) == invitations(fresh(&shifted)));
}

#[test]
fn a_file_open_in_another_program_stops_the_build_before_anything_changes() {
    // Windows refuses to replace a file a viewer holds open; the test hook makes the program
    // see the merged invitations that way on any system.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&repo(SAMPLE), &out).ok();
    let before = pdfs(&out);
    let run = build_with(
        &dated(dir.path()),
        &out,
        &[],
        &[("HOINGHI_TEST_BUSY", "giay-moi.pdf")],
    )
    .failed();
    assert!(
        run.stderr.contains(
            "giay-moi.pdf: đang được mở trong chương trình khác — hãy đóng nó rồi chạy lại"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(pdfs(&out), before);
}

#[test]
fn a_template_that_runs_long_is_named_while_it_runs_and_can_be_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let slow = std::fs::read_to_string(repo("templates/giay-moi.typ.j2"))
        .unwrap()
        .replace(
            "#let s = size-set",
            "#for i in range(1000000000) {}\n#let s = size-set",
        );
    std::fs::write(templates.join("giay-moi.typ.j2"), slow).unwrap();
    let out = dir.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hoinghi"))
        .args([
            "build",
            s(&repo("tests/fixtures/small.json")),
            "--out",
            s(&out),
        ])
        .args(["--templates", s(&templates), "--only", "giay-moi"])
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The warning comes after ten seconds; the build is then stopped as a user would.
    let mut stderr = child.stderr.take().unwrap();
    let mut seen = String::new();
    let mut buffer = [0u8; 512];
    use std::io::Read;
    let started = std::time::Instant::now();
    while !seen.contains("giay-moi.typ.j2 đã chạy") && started.elapsed().as_secs() < 120 {
        let n = stderr.read(&mut buffer).unwrap();
        if n == 0 {
            break;
        }
        seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        seen.contains("Cảnh báo: mẫu giay-moi.typ.j2 đã chạy"),
        "{seen}"
    );
    assert!(!out.join("giay-moi.pdf").exists());
}
