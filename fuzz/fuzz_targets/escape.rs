//! Escaped text is Typst markup that compiles and prints exactly the text it came from.
#![no_main]

use std::sync::OnceLock;

use hoinghi::fonts::FontSet;
use hoinghi::render::escape_markup;
use hoinghi::typeset::Typesetter;
use libfuzzer_sys::fuzz_target;

fn typesetter() -> &'static Typesetter {
    static TYPESETTER: OnceLock<Typesetter> = OnceLock::new();
    TYPESETTER.get_or_init(|| Typesetter::new(&FontSet::load(&[], None).unwrap(), &[]))
}

fuzz_target!(|text: &str| {
    // The model refuses control characters; the escaping is only ever given text without them.
    if text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return;
    }
    let source = format!("#set text(font: \"Tinos\")\n*{}* [{}]", escape_markup(text), escape_markup(text));
    if let Err(errors) = typesetter().compile(&source) {
        panic!("escaped text did not compile: {errors:?}\n{source}");
    }
});
