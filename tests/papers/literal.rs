//! Hostile strings, thrown at random: any text prints exactly as given, or is refused with its
//! place. The pipeline is called as a library (model, context, templates, Typst, PDF), which
//! is what lets proptest try hundreds of texts in the time of a few builds.

use std::path::Path;
use std::sync::OnceLock;

use hoinghi::fonts::FontSet;
use hoinghi::i18n::Lang;
use hoinghi::model;
use hoinghi::problem::Place;
use hoinghi::render::Templates;
use hoinghi::typeset::{Part, PdfSettings, Typesetter};
use hoinghi::{context, documents};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

struct Pipeline {
    templates: Templates,
    typesetter: Typesetter,
    fonts: FontSet,
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let templates = Templates::load(None).unwrap();
        let fonts = FontSet::load(&[], None).unwrap();
        let typesetter = Typesetter::new(&fonts, templates.typst_files());
        Pipeline {
            templates,
            typesetter,
            fonts,
        }
    })
}

/// Text a reader compares: without whitespace, which line breaks and extraction move.
fn letters(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// One piece of text: an ASCII character Typst markup or code gives a meaning to, a
/// Vietnamese letter composed or decomposed (as Windows often sends it), or Latin-1.
fn printable_piece() -> impl Strategy<Value = String> {
    let markup: Vec<char> = "#*_`$<>@\\[]{}()/=-+.:;~'\"!?&|^%,0123456789 \t\n"
        .chars()
        .collect();
    let vietnamese: Vec<char> =
        "aàảãáạăằẳẵắặâầẩẫấậđeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵĐƯƠ"
            .chars()
            .collect();
    prop_oneof![
        4 => proptest::sample::select(markup).prop_map(String::from),
        3 => proptest::sample::select(vietnamese.clone()).prop_map(String::from),
        1 => proptest::sample::select(vietnamese).prop_map(|c| c.to_string().nfd().collect()),
        // Latin-1 without the soft hyphen, which is refused as invisible.
        2 => proptest::char::range('\u{A1}', '\u{FF}').prop_filter("visible", |c| *c != '\u{AD}').prop_map(String::from),
    ]
}

fn text_of(pieces: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    proptest::collection::vec(pieces, 1..60)
        .prop_map(|pieces| pieces.concat())
        .prop_filter("some text", |text| !text.trim().is_empty())
}

fn hostile_text() -> impl Strategy<Value = String> {
    text_of(printable_piece())
}

/// Now and then any character at all: control, invisible, a stray diacritic, unassigned,
/// or one no font has.
fn arbitrary_text() -> impl Strategy<Value = String> {
    text_of(prop_oneof![9 => printable_piece(), 1 => any::<char>().prop_map(String::from)])
}

/// Puts the four texts into a one-invitee model and checks they print exactly; `refusable`
/// says whether refusing the model (with the place of each problem) is an acceptable outcome.
fn check_literal(
    name: &str,
    position: &str,
    organization: &str,
    venue: &str,
    refusable: bool,
) -> Result<(), TestCaseError> {
    let mut model: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/small.json")).unwrap();
    model["invitees"] =
        serde_json::json!([{"name": name, "position": position, "organization": organization}]);
    model["event"]["venue"] = serde_json::json!(venue);
    let conf = match model::parse(&model.to_string(), "m.json", Path::new(".")) {
        Ok(conf) => conf,
        Err(problems) => {
            prop_assert!(refusable, "{problems}");
            for p in &problems.0 {
                let path = p.place.model_path().unwrap_or_default();
                prop_assert!(
                    path.starts_with("invitees[0].") || path == "event.venue",
                    "{p}"
                );
            }
            return Ok(());
        }
    };
    let texts = conf.model.printed_texts();
    let p = pipeline();
    let undrawable = p.fonts.check_coverage(
        "Tinos",
        Place::model("style.font"),
        texts.iter().map(|(k, v)| (Place::model(k), v.as_str())),
    );
    if !undrawable.is_empty() {
        prop_assert!(refusable, "{undrawable:?}");
        prop_assert!(
            undrawable
                .iter()
                .all(|u| u.message.get(Lang::En).contains("cannot be drawn"))
        );
        return Ok(());
    }
    let giay_moi = &documents::DOCUMENTS[0];
    let source = p
        .templates
        .render(giay_moi.template, context::build(&conf, "Tinos", &[0]))
        .unwrap();
    let (doc, warnings) = p
        .typesetter
        .compile(&source)
        .map_err(|e| TestCaseError::fail(format!("{e:?}\n{source}")))?;
    prop_assert!(warnings.is_empty(), "{warnings:?}");
    prop_assert_eq!(doc.pages().len(), 1);
    let pdf = p
        .typesetter
        .pdf(&doc, "test", Part::Whole, &PdfSettings::default())
        .unwrap();
    let read = lopdf::Document::load_mem(&pdf)
        .unwrap()
        .extract_text(&[1])
        .unwrap();
    let read = letters(&read);
    for given in [name, position, organization, venue] {
        let expected = letters(&given.nfc().collect::<String>());
        prop_assert!(read.contains(&expected), "{expected:?} not in {read:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn markup_characters_and_vietnamese_print_exactly_as_given(
        name in hostile_text(), position in hostile_text(), organization in hostile_text(), venue in hostile_text(),
    ) {
        check_literal(&name, &position, &organization, &venue, false)?;
    }

    #[test]
    fn any_text_prints_exactly_or_is_refused_with_its_place(
        name in arbitrary_text(), position in arbitrary_text(), organization in arbitrary_text(), venue in arbitrary_text(),
    ) {
        check_literal(&name, &position, &organization, &venue, true)?;
    }
}
