//! Escaping: whatever the model says prints literally, never as Typst markup or code.

use serde_json::json;

use super::*;

#[test]
fn hostile_strings_print_exactly_as_typed() {
    let hostile = [
        r#"#read("/etc/passwd")"#,
        r#"*A* _b_ $c$ <d> @e \ [f] // g /* h"#,
        r#"a -- b --- c ... d ~ e "f" 'g' `h`"#,
        r#"= Heading - item + enum 1. x / term: y"#,
        r#"#let x = 1; #x }{)( "; #panic("pwn"); ""#,
        r#"http://example.com \u{41} {{ x }} {% y %}"#,
    ];
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", SMALL, |m| {
        let invitees = m["invitees"].as_array_mut().unwrap();
        invitees.clear();
        for (i, h) in hostile.iter().enumerate() {
            invitees.push(json!({"name": h, "position": h, "organization": h}));
            invitees.push(json!({"organization": h, "attendees": h, "id": format!("o{i}")}));
        }
        m["event"]["venue"] = json!(hostile[1]);
    });
    let out = dir.path().join("out");
    build(&model, &out, &[]).ok();
    let merged = Pdf::open(&out.join("giay-moi.pdf"));
    assert_eq!(merged.page_count(), hostile.len() * 2);
    for (i, h) in hostile.iter().enumerate() {
        let person = merged.page_text(2 * i as u32 + 1);
        assert!(
            person.contains(&format!("kính mời: {h} {h}, {h} Tới dự")),
            "page {}:\n{person}\nexpected {h}",
            2 * i + 1
        );
        assert!(
            person.contains(&format!("Địa điểm: {}.", hostile[1])),
            "{person}"
        );
        let organisation = merged.page_text(2 * i as u32 + 2);
        assert!(
            organisation.contains(&format!("kính mời: {h} Thành phần: {h} Tới dự")),
            "{organisation}"
        );
    }
}
