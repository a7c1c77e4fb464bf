//! What the office PC needs that can be tested without Windows: font folders listed as the
//! system lists paths, a family asked for by name found among the fonts installed for the
//! user, `hoinghi fonts` saying where each face came from, and the guide of the release zips.
//! The Windows binary itself is tested under Wine by `scripts/test-windows`.

#[path = "../support/mod.rs"]
mod support;

mod guide;

use std::path::{Path, PathBuf};

use support::{Pdf, Run, hoinghi_with, repo, s};

/// Runs `hoinghi` from the project's root, in Vietnamese, with `env` set and `HOME` pointing at
/// `home` (where the user's own fonts are looked for).
fn hoinghi_at_home(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut env = env.to_vec();
    env.push(("HOME", s(home)));
    hoinghi_with(args, &env)
}

/// A copy of a Tinos face at `target` whose family is `family` (five letters, the length of
/// "Tinos", so that nothing else in the file moves): a font the program does not carry.
fn renamed_font(face: &str, target: &Path, family: &str) -> PathBuf {
    assert_eq!(
        family.len(),
        5,
        "the new family keeps the old name's length"
    );
    let mut data = std::fs::read(repo(&format!("fonts/Tinos-{face}.ttf"))).unwrap();
    let tables = u16::from_be_bytes([data[4], data[5]]) as usize;
    let name = (0..tables)
        .map(|i| &data[12 + 16 * i..28 + 16 * i])
        .find(|record| &record[..4] == b"name")
        .map(|record| {
            let at = |k: usize| u32::from_be_bytes(record[k..k + 4].try_into().unwrap()) as usize;
            at(8)..at(8) + at(12)
        })
        .expect("a font has a name table");
    // The names are in UTF-16 (Windows) and in single bytes (Mac).
    let utf16 = |t: &str| {
        t.encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect::<Vec<u8>>()
    };
    for (old, new) in [
        (utf16("Tinos"), utf16(family)),
        (b"Tinos".to_vec(), family.as_bytes().to_vec()),
    ] {
        let table = &mut data[name.clone()];
        let mut i = 0;
        while i + old.len() <= table.len() {
            if table[i..i + old.len()] == old[..] {
                table[i..i + old.len()].copy_from_slice(&new);
                i += old.len();
            } else {
                i += 1;
            }
        }
    }
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(target, data).unwrap();
    target.to_path_buf()
}

/// The user's font folder under `home`, as fontconfig knows it.
fn user_fonts(home: &Path) -> PathBuf {
    home.join(".local/share/fonts")
}

#[test]
fn font_folders_in_the_environment_are_split_as_the_system_splits_paths() {
    let dir = tempfile::tempdir().unwrap();
    let a = renamed_font("Regular", &dir.path().join("phông a/sen-a.ttf"), "Sen A");
    let b = renamed_font("Bold", &dir.path().join("phông b/sen-b.ttf"), "Sen B");
    // `:` here, `;` on Windows: what the system's own PATH uses.
    let list = std::env::join_paths([a.parent().unwrap(), b.parent().unwrap()]).unwrap();
    let run = hoinghi_at_home(
        dir.path(),
        &["fonts"],
        &[("HOINGHI_FONT_PATHS", list.to_str().unwrap())],
    )
    .ok();
    assert!(
        run.stdout
            .contains(&format!("Sen A: thường (thêm từ {})", a.display())),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(&format!("Sen B: đậm (thêm từ {})", b.display())),
        "{}",
        run.stdout
    );
    // An empty entry (a list ending in the separator) is no folder, and no error.
    let trailing = format!(
        "{}{}",
        list.to_str().unwrap(),
        if cfg!(windows) { ";" } else { ":" }
    );
    let run = hoinghi_at_home(dir.path(), &["fonts"], &[("HOINGHI_FONT_PATHS", &trailing)]).ok();
    assert!(run.stdout.contains("Sen B"), "{}", run.stdout);
}

#[test]
fn font_path_options_replace_the_environment_list() {
    let dir = tempfile::tempdir().unwrap();
    let a = renamed_font("Regular", &dir.path().join("a/sen-a.ttf"), "Sen A");
    let b = renamed_font("Regular", &dir.path().join("b/sen-b.ttf"), "Sen B");
    let run = hoinghi_at_home(
        dir.path(),
        &["fonts", "--font-path", s(&a)],
        &[("HOINGHI_FONT_PATHS", s(b.parent().unwrap()))],
    )
    .ok();
    assert!(run.stdout.contains("Sen A"), "{}", run.stdout);
    assert!(!run.stdout.contains("Sen B"), "{}", run.stdout);
}

#[test]
fn a_family_asked_for_by_name_is_found_among_the_users_installed_fonts() {
    let home = tempfile::tempdir().unwrap();
    let regular = renamed_font(
        "Regular",
        &user_fonts(home.path()).join("lotus.ttf"),
        "Lotus",
    );
    renamed_font(
        "Bold",
        &user_fonts(home.path()).join("sub/lotus-bold.ttf"),
        "Lotus",
    );
    let out = home.path().join("out");
    let run = hoinghi_at_home(
        home.path(),
        &[
            "build",
            "tests/fixtures/other-conference.json",
            "--font",
            "lotus",
            "--only",
            "danh-sach-dai-bieu",
            "--out",
            s(&out),
        ],
        &[],
    )
    .ok();
    let pdf = Pdf::open(&out.join("danh-sach-dai-bieu.pdf"));
    let fonts: Vec<String> = pdf.fonts().into_iter().map(|(name, _)| name).collect();
    assert!(
        !fonts.is_empty() && fonts.iter().all(|f| f.contains("+Lotus")),
        "{fonts:?}\n{}",
        run.stderr
    );
    assert!(
        pdf.text().contains("DANH SÁCH"),
        "the list reads as before: {}",
        pdf.text()
    );
    let run = hoinghi_at_home(home.path(), &["fonts", "--font", "Lotus"], &[]).ok();
    assert!(
        run.stdout
            .contains(&format!("thường (của máy: {})", regular.display())),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Lotus: đậm (của máy: "),
        "{}",
        run.stdout
    );
}

#[test]
fn the_default_font_does_not_depend_on_the_fonts_of_the_machine() {
    let home = tempfile::tempdir().unwrap();
    renamed_font(
        "Regular",
        &user_fonts(home.path()).join("lotus.ttf"),
        "Lotus",
    );
    // A family the model does not ask for is not loaded, even when installed.
    let run = hoinghi_at_home(home.path(), &["fonts"], &[]).ok();
    assert!(!run.stdout.contains("Lotus"), "{}", run.stdout);
    assert!(run.stdout.contains("Tinos: "), "{}", run.stdout);
    // A family nobody has is named, with what there is.
    let run = hoinghi_at_home(home.path(), &["fonts", "--font", "Khong Co"], &[]).failed();
    assert!(
        run.stderr.contains("--font") && run.stderr.contains("Khong Co"),
        "{}",
        run.stderr
    );
}

#[test]
fn fonts_says_where_each_face_came_from_in_both_languages() {
    let home = tempfile::tempdir().unwrap();
    let system = renamed_font(
        "Regular",
        &user_fonts(home.path()).join("lotus.ttf"),
        "Lotus",
    );
    let added = renamed_font("Italic", &home.path().join("them/sen-i.ttf"), "Sen I");
    let args = ["fonts", "--font", "Lotus", "--font-path", s(&added)];
    let run = hoinghi_at_home(home.path(), &args, &[]).ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines.contains(
            &"Tinos: đậm (có sẵn), đậm nghiêng (có sẵn), nghiêng (có sẵn), thường (có sẵn)"
        ),
        "{}",
        run.stdout
    );
    assert!(
        lines.contains(&format!("Sen I: nghiêng (thêm từ {})", added.display()).as_str()),
        "{}",
        run.stdout
    );
    assert!(
        lines.contains(&format!("Lotus: thường (của máy: {})", system.display()).as_str()),
        "{}",
        run.stdout
    );
    let mut english = args.to_vec();
    english.extend(["--lang", "en"]);
    let run = hoinghi_at_home(home.path(), &english, &[]).ok();
    assert!(
        run.stdout.contains("Tinos: bold (embedded)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(&format!("Sen I: italic (added from {})", added.display())),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(&format!("Lotus: regular (system: {})", system.display())),
        "{}",
        run.stdout
    );
}
