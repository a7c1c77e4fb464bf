//! Model loading and validation never panic, whatever the bytes: they give a conference or
//! problems, each with a place.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match hoinghi::model::parse(text, "fuzz.json", std::path::Path::new("/nonexistent")) {
        Ok(conf) => {
            // A valid model also gives a template context.
            let all: Vec<usize> = (0..conf.model.invitees.len()).collect();
            let _ = hoinghi::context::build(&conf, &conf.model.style.font, &all);
        }
        Err(problems) => assert!(problems.0.iter().all(|p| {
            let lang = hoinghi::i18n::Lang::Vi;
            !p.place.text(lang).is_empty() && !p.message.get(lang).is_empty()
        })),
    }
});
