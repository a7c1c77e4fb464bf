//! The program's two languages: Vietnamese, which it speaks by default, and English.
//!
//! Every message the program prints lives in one catalogue, this folder: one file per area
//! (`model`, `lists`, `plan`, `build`, `cli`), each a [`catalogue!`] of messages that must be given
//! in both languages (the macro does not accept one without the other). A message is a value with
//! its arguments; it is put into words only when printed, in the language of the run.
//! [`places`] puts the places of problems into words the same way.

pub mod build;
pub mod cli;
pub mod lists;
pub mod model;
pub mod papers;
pub mod places;
pub mod plan;
pub mod web;

use std::fmt;

/// A language the program speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The language of a run: `--lang` when given, else English when `LC_ALL` (or, if that is
    /// unset, `LANG`) starts with `en`, else Vietnamese.
    pub fn detect(flag: Option<&str>) -> Self {
        if let Some(flag) = flag {
            return Self::parse(flag).unwrap_or_default();
        }
        let env = std::env::var("LC_ALL")
            .ok()
            .filter(|v| !v.is_empty())
            .or_else(|| std::env::var("LANG").ok())
            .unwrap_or_default();
        if env.to_ascii_lowercase().starts_with("en") {
            Self::En
        } else {
            Self::Vi
        }
    }

    /// `vi` or `en` (any case, with or without a region: `en_US.UTF-8`).
    pub fn parse(text: &str) -> Option<Self> {
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("vi") {
            Some(Self::Vi)
        } else if lower.starts_with("en") {
            Some(Self::En)
        } else {
            None
        }
    }

    /// Picks the text of this language.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Self::Vi => vi,
            Self::En => en,
        }
    }
}

/// A text in both languages; the printer picks one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The same text in both languages: a value quoted as it was typed, a file name.
    pub fn verbatim(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            vi: text.clone(),
            en: text,
        }
    }

    /// A text made in each language by `make`: for messages whose arguments are words
    /// themselves (a place, the name of a type), put into the same language.
    pub fn each(make: impl Fn(Lang) -> String) -> Self {
        Self {
            vi: make(Lang::Vi),
            en: make(Lang::En),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

impl fmt::Display for Text {
    /// Vietnamese, the program's language, where no language was chosen (tests, logs).
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.vi)
    }
}

/// Declares the messages of one area: an enum whose variants carry the message's arguments,
/// each with its Vietnamese and its English wording (`format!` strings that name the
/// arguments). Both are required, so no message can exist in one language only.
macro_rules! catalogue {
    (
        $(#[$meta:meta])*
        pub enum $enum:ident {
            $(
                $(#[$vmeta:meta])*
                $name:ident $({ $($field:ident : $ty:ty),* $(,)? })?
                    => $vi:literal, $en:literal;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub enum $enum {
            $( $(#[$vmeta])* $name $({ $($field: $ty),* })?, )*
        }

        impl $enum {
            /// The message in `lang`.
            #[allow(unused_variables)]
            pub fn text(&self, lang: $crate::i18n::Lang) -> String {
                match self {
                    $( Self::$name $({ $($field),* })? => match lang {
                        $crate::i18n::Lang::Vi => format!($vi),
                        $crate::i18n::Lang::En => format!($en),
                    }, )*
                }
            }

            /// One message of each kind, with default arguments: what the catalogue's tests
            /// read.
            #[cfg(test)]
            pub fn samples() -> Vec<Self> {
                vec![ $( Self::$name $({ $($field: $crate::i18n::Sample::sample()),* })?, )* ]
            }
        }

        impl From<$enum> for $crate::i18n::Text {
            fn from(message: $enum) -> Self {
                $crate::i18n::Text::new(
                    message.text($crate::i18n::Lang::Vi),
                    message.text($crate::i18n::Lang::En),
                )
            }
        }
    };
}
pub(crate) use catalogue;

/// A value to fill a message's argument with in the catalogue's tests.
#[cfg(test)]
pub trait Sample {
    fn sample() -> Self;
}

#[cfg(test)]
impl Sample for String {
    fn sample() -> Self {
        "x".into()
    }
}

#[cfg(test)]
macro_rules! sample_numbers {
    ($($t:ty),*) => {$(
        impl Sample for $t {
            fn sample() -> Self {
                1
            }
        }
    )*};
}
#[cfg(test)]
sample_numbers!(u8, u32, u64, usize);

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message of the catalogue, in both languages.
    fn everything() -> Vec<(String, Text)> {
        let mut all: Vec<(String, Text)> = Vec::new();
        macro_rules! add {
            ($($enum:ty),*) => {$(
                for m in <$enum>::samples() {
                    all.push((format!("{m:?}"), m.into()));
                }
            )*};
        }
        add!(
            model::ModelMsg,
            lists::ListMsg,
            build::BuildMsg,
            cli::CliMsg,
            papers::PaperMsg,
            places::PlaceMsg,
            plan::PlanMsg,
            web::WebMsg
        );
        all
    }

    /// Vietnamese sentences are written with letters English has not: a message of some
    /// length whose Vietnamese is plain ASCII was not translated. (A few short ones, such as
    /// "trang", have no diacritic; that they differ from the English is checked for all.)
    fn looks_vietnamese(text: &str) -> bool {
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        letters < 12 || text.chars().any(|c| !c.is_ascii() && c.is_alphabetic())
    }

    #[test]
    fn every_message_exists_in_both_languages_and_each_is_written_for_its_reader() {
        for (key, text) in everything() {
            assert!(!text.vi.trim().is_empty(), "{key}: no Vietnamese");
            assert!(!text.en.trim().is_empty(), "{key}: no English");
            assert_ne!(text.vi, text.en, "{key}: the same text in both languages");
            assert!(
                looks_vietnamese(&text.vi),
                "{key}: the Vietnamese text {:?} has no Vietnamese letter",
                text.vi
            );
        }
    }

    #[test]
    fn the_language_comes_from_the_flag_then_the_environment() {
        assert_eq!(Lang::detect(Some("en")), Lang::En);
        assert_eq!(Lang::detect(Some("vi")), Lang::Vi);
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("vi_VN"), Some(Lang::Vi));
        assert_eq!(Lang::parse("fr"), None);
    }
}
