//! The programme, the MC's script and the annexes: clock times, introductions, awards, the
//! booklet, and a second conference that leaves no trace of the first.

use serde_json::json;

use super::*;

/// The clock times the model implies, computed here independently: "14h00 - 14h10" per item.
#[track_caller]
fn expected_times(model: &serde_json::Value) -> (Vec<String>, Vec<String>) {
    let start = model["event"]["start"].as_str().unwrap();
    // The reception at the head of the programme ends when the programme starts.
    let reception: u64 = model["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .take_while(|item| item["kind"] == "reception")
        .map(|item| item["minutes"].as_u64().unwrap())
        .sum();
    let mut now: u64 =
        start[..2].parse::<u64>().unwrap() * 60 + start[3..].parse::<u64>().unwrap() - reception;
    let clock = |m: u64| format!("{:02}h{:02}", m / 60, m % 60);
    let presentations: Vec<u64> = model["presentations"].as_array().map_or(vec![], |p| {
        p.iter().map(|p| p["minutes"].as_u64().unwrap()).collect()
    });
    let (mut items, mut talks) = (vec![], vec![]);
    for item in model["agenda"].as_array().unwrap() {
        let minutes = match item["minutes"].as_u64() {
            Some(m) => m,
            None => presentations.iter().sum(),
        };
        if item["kind"] == "presentations" {
            let mut at = now;
            for m in &presentations {
                talks.push(format!("{} - {}", clock(at), clock(at + m)));
                at += m;
            }
        }
        items.push(format!("{} - {}", clock(now), clock(now + minutes)));
        now += minutes;
    }
    (items, talks)
}

#[test]
fn the_programme_and_the_script_agree_with_the_computed_clock_times() {
    for model in [SAMPLE, OTHER] {
        let out = tempfile::tempdir().unwrap();
        build(
            &repo(model),
            out.path(),
            &["--only", "chuong-trinh,kich-ban"],
        )
        .ok();
        let (items, talks) = expected_times(&model_json(model));
        let programme = Pdf::open(&out.path().join("chuong-trinh.pdf")).text();
        in_order(&programme, &items);
        in_order(&programme, &talks);
        let script = Pdf::open(&out.path().join("kich-ban.pdf")).text();
        let starts: Vec<String> = items.iter().map(|t| t[..5].to_string()).collect();
        in_order(&script, &starts);
        let talk_starts: Vec<String> = talks.iter().map(|t| t[..5].to_string()).collect();
        in_order(&script, &talk_starts);
        // The script ends where the programme ends.
        let end = items.last().unwrap()[8..].to_string();
        assert!(
            script.contains(&format!("Kết thúc Hội nghị: {end}")),
            "{model}: {script}"
        );
    }
}

#[test]
fn the_script_introduces_delegates_by_rank_with_honorific_name_and_position() {
    let model = model_json(OTHER);
    let out = tempfile::tempdir().unwrap();
    build(&repo(OTHER), out.path(), &["--only", "kich-ban"]).ok();
    let script = Pdf::open(&out.path().join("kich-ban.pdf")).text();
    let mut intros: Vec<&serde_json::Value> = model["script"]["introductions"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    let in_array_order: Vec<u64> = intros.iter().map(|i| i["rank"].as_u64().unwrap()).collect();
    intros.sort_by_key(|i| i["rank"].as_u64().unwrap());
    assert_ne!(
        in_array_order,
        intros
            .iter()
            .map(|i| i["rank"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        "the fixture must list ranks out of order"
    );
    let invitees = model["invitees"].as_array().unwrap();
    let names: Vec<String> = intros
        .iter()
        .map(|i| {
            let person = match i["invitee"].as_str() {
                Some(id) => invitees.iter().find(|inv| inv["id"] == id).unwrap(),
                None => &i["person"],
            };
            let honorific = person["honorific"].as_str().unwrap().to_lowercase();
            format!(
                "{honorific} {}, {}",
                person["name"].as_str().unwrap(),
                person["position"].as_str().unwrap()
            )
        })
        .collect();
    in_order(&script, &names);
    assert!(
        script.contains("Kính thưa các đồng chí lãnh đạo"),
        "{script}"
    );
    assert!(
        script.contains(model["script"]["reason"].as_str().unwrap()),
        "{script}"
    );
}

#[test]
fn awards_are_called_to_the_stage_in_groups_of_the_configured_size() {
    let model = model_json(OTHER);
    let awards = &model["awards"];
    let size = awards["group_size"].as_u64().unwrap() as usize;
    // A collective is a name, or a name and its invitee.
    let mut everyone: Vec<String> = awards["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().or(o["name"].as_str()).unwrap().to_string())
        .collect();
    let collectives = everyone.len();
    // Persons are read with their form of address.
    everyone.extend(awards["individuals"].as_array().unwrap().iter().map(|i| {
        format!(
            "{} {}",
            i["honorific"].as_str().unwrap(),
            i["name"].as_str().unwrap()
        )
    }));
    // Collectives and persons go on stage in batches of their own.
    let groups = collectives.div_ceil(size) + (everyone.len() - collectives).div_ceil(size);
    assert!(groups >= 2, "the fixture must need several groups");

    let out = tempfile::tempdir().unwrap();
    build(&repo(OTHER), out.path(), &["--only", "kich-ban"]).ok();
    let script = Pdf::open(&out.path().join("kich-ban.pdf")).text();
    let form = awards["form"].as_str().unwrap();
    for g in 1..=groups {
        assert!(
            script.contains(&format!("lên nhận {form} (đợt {g}):")),
            "group {g} missing:\n{script}"
        );
    }
    assert!(!script.contains(&format!("(đợt {})", groups + 1)));
    // Numbered through, collectives first, in the decision's order.
    let numbered: Vec<String> = everyone
        .iter()
        .enumerate()
        .map(|(i, name)| format!("{}. {name}", i + 1))
        .collect();
    in_order(&script, &numbered);
}

#[test]
fn the_booklet_is_a5_and_its_print_copy_is_imposed_for_saddle_stitching() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &["--only", "chuong-trinh"]).ok();
    let booklet = Pdf::open(&out.path().join("chuong-trinh.pdf"));
    assert!(
        booklet.page_sizes_mm().iter().all(|&s| s == (148.0, 210.0)),
        "{:?}",
        booklet.page_sizes_mm()
    );
    let pages = booklet.page_count();
    assert!(pages >= 3);
    let padded = pages.div_ceil(4) * 4;

    let imposed = Pdf::open(&out.path().join("chuong-trinh-in.pdf"));
    assert_eq!(imposed.page_count(), padded / 2);
    assert!(
        imposed.page_sizes_mm().iter().all(|&s| s == (297.0, 210.0)),
        "{:?}",
        imposed.page_sizes_mm()
    );
    let text_of = |p: usize| {
        if p <= pages {
            booklet.page_text(p as u32)
        } else {
            String::new()
        }
    };
    for side in 0..padded / 2 {
        // Sheet s: front (last - 2s, 1 + 2s), back (2 + 2s, last - 1 - 2s).
        let s = side / 2;
        let (left, right) = if side % 2 == 0 {
            (padded - 2 * s, 2 * s + 1)
        } else {
            (2 * s + 2, padded - 2 * s - 1)
        };
        let expected = format!("{} {}", text_of(left), text_of(right))
            .trim()
            .to_string();
        assert_eq!(
            imposed.page_text(side as u32 + 1),
            expected,
            "printed side {}",
            side + 1
        );
    }
}

#[test]
fn the_programme_lists_agenda_presentations_and_display_tables() {
    let model = model_json(OTHER);
    let out = tempfile::tempdir().unwrap();
    build(&repo(OTHER), out.path(), &["--only", "chuong-trinh"]).ok();
    let programme = Pdf::open(&out.path().join("chuong-trinh.pdf"));
    let cover = programme.page_text(1);
    assert!(cover.contains("CHƯƠNG TRÌNH"), "{cover}");
    assert!(
        cover.contains(model["event"]["title"].as_str().unwrap()),
        "{cover}"
    );
    assert!(cover.contains("thứ Năm, ngày 15/01/2026"), "{cover}");
    let text = programme.text();
    let contents: Vec<String> = model["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["content"].as_str().unwrap().to_string())
        .collect();
    in_order(&text, &contents);
    for exhibit in model["exhibits"].as_array().unwrap() {
        for product in exhibit["products"].as_array().unwrap() {
            let line = format!(
                "{} {} {} sao",
                product["name"].as_str().unwrap(),
                product["producer"].as_str().unwrap(),
                product["stars"]
            );
            assert!(text.contains(&line), "{line:?} missing:\n{text}");
        }
    }
}

#[test]
fn the_annexes_are_landscape_with_the_decree_heading() {
    let model = model_json(OTHER);
    let out = tempfile::tempdir().unwrap();
    build(
        &repo(OTHER),
        out.path(),
        &["--only", "bieu-01-tham-luan,bieu-02-trung-bay"],
    )
    .ok();
    let issuer = model["issuer"]["name"].as_str().unwrap();
    for (file, label, title) in [
        (
            "bieu-01-tham-luan.pdf",
            "Biểu số 01",
            "PHÂN CÔNG THAM LUẬN TẠI HỘI NGHỊ",
        ),
        (
            "bieu-02-trung-bay.pdf",
            "Biểu số 02",
            "PHÂN CÔNG TRƯNG BÀY SẢN PHẨM",
        ),
    ] {
        let pdf = Pdf::open(&out.path().join(file));
        assert!(
            pdf.page_sizes_mm().iter().all(|&s| s == (297.0, 210.0)),
            "{file}"
        );
        assert_fonts_embedded(&pdf);
        let text = pdf.text();
        let heading = format!(
            "{label} {title} (Kèm theo Kế hoạch số 05/KH-UBND ngày 20 tháng 12 năm 2025 của {issuer})"
        );
        assert!(text.starts_with(&heading), "{file}:\n{text}");
    }
    let annex = Pdf::open(&out.path().join("bieu-01-tham-luan.pdf")).text();
    for (i, p) in model["presentations"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let row = format!("{} {}", i + 1, p["unit"].as_str().unwrap());
        assert!(annex.contains(&row), "{row:?}:\n{annex}");
        assert!(
            annex.contains(&format!(
                "{} {} phút",
                p["topic"].as_str().unwrap(),
                p["minutes"]
            )),
            "{annex}"
        );
    }
}

#[test]
fn a_programme_longer_than_its_session_is_reported_with_the_overrun() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", OTHER, |m| {
        let (items, _) = expected_times(m);
        let end = &items.last().unwrap()[8..];
        let end_minutes: i64 =
            end[..2].parse::<i64>().unwrap() * 60 + end[3..].parse::<i64>().unwrap();
        // Lengthen the first item after the reception so the programme ends 25 minutes after
        // 17:00.
        let first = m["agenda"][1]["minutes"].as_i64().unwrap();
        m["agenda"][1]["minutes"] = json!(first + (17 * 60 + 25 - end_minutes));
    });
    let out = dir.path().join("out");
    let overrun = "Chương trình (agenda): chương trình kết thúc lúc 17h25, quá 25 phút so với \
                   buổi chiều (kết thúc 17h00)\n  \
                   gợi ý: rút ngắn thời lượng một vài mục, hoặc sửa giờ kết thúc của buổi (session.end)\n";
    build(&model, &out, &[])
        .exit(0)
        .says(&format!("Cảnh báo: {overrun}"));
    assert!(out.join("kich-ban.pdf").is_file());
    build(&model, &dir.path().join("strict"), &["--strict"])
        .exit(1)
        .says(&format!("Lỗi: {overrun}có 1 lỗi; không ghi gì\n"));
    assert!(!dir.path().join("strict").join("kich-ban.pdf").exists());
    hoinghi(&["check", s(&model), "--strict"])
        .exit(1)
        .says(&format!("Lỗi: {overrun}"));
}

#[test]
fn a_programme_past_midnight_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_with(dir.path(), "m.json", OTHER, |m| {
        m["event"]["start"] = json!("23:30");
        m["session"]["end"] = json!("23:59");
    });
    hoinghi(&["check", s(&model)]).exit(1).says(
        "Lỗi: Mục chương trình thứ 4 (agenda[3]), trường \"Thời lượng (phút)\": chương trình sẽ kéo \
         dài qua nửa đêm: \"Báo cáo tổng kết công tác chuyển đổi số năm 2025, phương hướng, nhiệm vụ \
         năm 2026\" kết thúc lúc 00h10 ngày hôm sau\n",
    );
}

#[test]
fn a_second_conference_leaves_no_trace_of_the_first() {
    let model = model_json(OTHER);
    let out = tempfile::tempdir().unwrap();
    build(&repo(OTHER), out.path(), &[]).ok();
    let files = pdfs(out.path());
    assert!(files.len() > 6);
    for (path, _) in &files {
        let text = Pdf::open(&out.path().join(path)).text();
        for trace in [
            "Lạng Sơn",
            "LẠNG SƠN",
            "OCOP",
            "Lương Trọng Quỳnh",
            "mỗi xã một sản phẩm",
            "DỰ THẢO",
        ] {
            assert!(
                !text.contains(trace),
                "{}: {trace:?} in\n{text}",
                path.display()
            );
        }
        // A name card carries a name and a title, nothing else.
        if path.ends_with("bien-ten.pdf") {
            continue;
        }
        assert!(
            text.contains(model["issuer"]["header"][1].as_str().unwrap())
                || text.contains(model["issuer"]["name"].as_str().unwrap()),
            "{}",
            path.display()
        );
    }
    let invitation = Pdf::open(&out.path().join("giay-moi.pdf")).page_text(1);
    let place = model["issuer"]["place"].as_str().unwrap();
    assert!(
        invitation.contains(&format!("{place}, ngày 08 tháng 01 năm 2026")),
        "{invitation}"
    );
    assert!(
        invitation.contains("thứ Năm, ngày 15/01/2026"),
        "{invitation}"
    );
}

#[test]
fn only_builds_the_named_documents_and_list_shows_them_all() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(OTHER), out.path(), &["--only", "kich-ban"]).ok();
    let names: Vec<String> = pdfs(out.path())
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert_eq!(names, ["kich-ban.pdf"]);
    build(&repo(OTHER), out.path(), &["--only", "thiep-moi"])
        .exit(1)
        .says(
            "Lỗi: tùy chọn --only: \"thiep-moi\" không phải tên một văn bản; các văn bản là: \
             giay-moi, chuong-trinh, kich-ban, ",
        );

    let run = hoinghi(&["list", OTHER, "--out", "ra"]).ok();
    for expected in [
        "giay-moi",
        "ra/giay-moi.pdf",
        "ra/giay-moi/001-",
        "chuong-trinh",
        "ra/chuong-trinh.pdf",
        "ra/chuong-trinh-in.pdf",
        "ra/kich-ban.pdf",
        "ra/bieu-01-tham-luan.pdf",
        "ra/bieu-02-trung-bay.pdf",
    ] {
        assert!(
            run.stdout.contains(expected),
            "{expected} missing:\n{}",
            run.stdout
        );
    }
    // A model without a programme produces invitations only.
    let run = hoinghi(&["list", SMALL]).ok();
    assert!(!run.stdout.contains("kich-ban"), "{}", run.stdout);
}
