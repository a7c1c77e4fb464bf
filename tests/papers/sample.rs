//! The sample conference: one page per invitee, laid out as the decree lays out an invitation.

use super::*;

#[test]
fn the_sample_conference_builds_one_page_per_invitee_and_a_merged_file() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &[]).ok();
    let n = sample_invitee_count();
    assert!((120..=200).contains(&n), "{n} invitees");

    let merged = Pdf::open(&out.path().join("giay-moi.pdf"));
    assert_eq!(merged.page_count(), n);
    assert!(
        merged.page_sizes_mm().iter().all(|&size| size == A4),
        "{:?}",
        merged.page_sizes_mm()
    );
    assert_fonts_embedded(&merged);

    let mut files: Vec<_> = std::fs::read_dir(out.path().join("giay-moi"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), n);
    for (i, file) in files.iter().enumerate() {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with(&format!("{:03}-", i + 1)), "{name}");
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'),
            "{name}"
        );
    }
    for file in [&files[0], &files[n / 2], &files[n - 1]] {
        let pdf = Pdf::open(file);
        assert_eq!(pdf.page_count(), 1);
        assert_eq!(pdf.page_sizes_mm(), [A4]);
        assert_fonts_embedded(&pdf);
        // The file holds the same invitation as its page of the merged file.
        let i: usize = file.file_name().unwrap().to_str().unwrap()[..3]
            .parse()
            .unwrap();
        assert_eq!(pdf.page_text(1), merged.page_text(i as u32));
    }
}

#[test]
fn sample_invitations_read_as_the_decree_lays_them_out() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &[]).ok();
    let merged = Pdf::open(&out.path().join("giay-moi.pdf"));
    let text = merged.page_text(1);
    for expected in [
        "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /GM-UBND",
        "Lạng Sơn, ngày tháng 10 năm 2025",
        "GIẤY MỜI",
        "Ủy ban nhân dân tỉnh Lạng Sơn trân trọng kính mời:",
        "Tới dự Hội nghị sơ kết Chương trình mỗi xã một sản phẩm tỉnh Lạng Sơn",
        "Thời gian: 08 giờ 00 phút, trong tháng 10/2025.",
        "Địa điểm: Nhà khách A1, số 35 Đường Đinh Tiên Hoàng, phường Lương Văn Tri.",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lương Trọng Quỳnh",
        "./.",
        "DỰ THẢO",
    ] {
        assert!(
            text.contains(expected),
            "page 1 lacks {expected:?}:\n{text}"
        );
    }
    // Header order: issuer, then number; the number line before the title.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s:?} missing"));
    assert!(at("ỦY BAN NHÂN DÂN") < at("GIẤY MỜI"));
    assert!(at("GIẤY MỜI") < at("trân trọng kính mời"));
    assert!(at("trân trọng kính mời") < at("Thời gian"));
    assert!(at("Nơi nhận") < text.rfind("Lương Trọng Quỳnh").unwrap());
}

#[test]
fn every_sample_invitee_appears_on_its_own_page_in_list_order() {
    let out = tempfile::tempdir().unwrap();
    build(&repo(SAMPLE), out.path(), &[]).ok();
    let merged = Pdf::open(&out.path().join("giay-moi.pdf"));
    let text = std::fs::read_to_string(repo(SAMPLE)).unwrap();
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    for (i, invitee) in model["invitees"].as_array().unwrap().iter().enumerate() {
        let page = merged.page_text(i as u32 + 1);
        let who = invitee["name"]
            .as_str()
            .or(invitee["organization"].as_str())
            .unwrap();
        assert!(page.contains(who), "page {} lacks {who:?}", i + 1);
        if let (Some(h), Some(n)) = (invitee["honorific"].as_str(), invitee["name"].as_str()) {
            assert!(
                page.contains(&format!("{h} {n}")),
                "page {} lacks {h} {n}",
                i + 1
            );
        }
    }
}
