//! What a build reads from disk besides the program itself: the model, the list file it names,
//! the templates that replace built-in ones, the added fonts. `watch` follows exactly these,
//! asking again after every build, since a save of the model can name another list file.
//!
//! A family the model names that only the system has is read from the system's fonts; those
//! are not followed (they change when software is installed, not when a paper is edited).

use std::path::PathBuf;

use super::Settings;
use crate::model::{self, Source};
use crate::render::Templates;

/// What a file is to a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Model,
    /// The invitee list the model names (`"invitees": {"file": …}`).
    List,
    /// A file that replaces a built-in template when it exists.
    Template,
    /// A font file, or a folder of fonts read with all it holds.
    Fonts,
}

/// A file or folder a build reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// As the user named it (relative paths stay relative).
    pub path: PathBuf,
    pub role: Role,
}

/// The files a build of `source` with `settings` reads, as they stand now: the list file is
/// the one the model names at this moment (even when the model has mistakes), and a template
/// or font path that does not exist yet is there all the same, to be read once it does.
pub fn of(settings: &Settings, source: &Source) -> Vec<Input> {
    let mut inputs = Vec::new();
    let mut add = |path: PathBuf, role| inputs.push(Input { path, role });
    if let Source::File(path) = source {
        add(path.clone(), Role::Model);
    }
    if let Some(list) = model::list_file(source) {
        add(list, Role::List);
    }
    if let Some(dir) = &settings.templates {
        for file in Templates::files(dir) {
            add(file, Role::Template);
        }
    }
    for path in &settings.font_paths {
        add(path.clone(), Role::Fonts);
    }
    inputs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_role(inputs: &[Input], role: Role) -> Vec<PathBuf> {
        inputs
            .iter()
            .filter(|i| i.role == role)
            .map(|i| i.path.clone())
            .collect()
    }

    #[test]
    fn the_list_file_is_the_one_the_model_names_even_with_mistakes_elsewhere() {
        let source = Source::Text {
            // A comment, a trailing comma and an issuer of the wrong type: still named.
            text: r#"{ // draft
                "issuer": 3, "invitees": {"file": "lists/w2.csv", "sheet": "A"}, }"#
                .to_string(),
            origin: "m.json".to_string(),
            dir: PathBuf::from("hn"),
        };
        let inputs = of(&Settings::default(), &source);
        assert_eq!(
            with_role(&inputs, Role::List),
            [PathBuf::from("hn/lists/w2.csv")]
        );
        assert!(with_role(&inputs, Role::Model).is_empty());
    }

    #[test]
    fn an_inline_list_or_an_unreadable_model_names_no_list_file() {
        for text in [r#"{"invitees": []}"#, r#"{"invitees": {"file": "#] {
            let source = Source::Text {
                text: text.to_string(),
                origin: "m.json".to_string(),
                dir: PathBuf::from("."),
            };
            assert!(with_role(&of(&Settings::default(), &source), Role::List).is_empty());
        }
    }

    #[test]
    fn the_model_every_template_override_and_every_font_path_are_read() {
        let settings = Settings {
            templates: Some(PathBuf::from("mau")),
            font_paths: vec![PathBuf::from("fonts"), PathBuf::from("times.ttf")],
            ..Settings::default()
        };
        let inputs = of(&settings, &Source::File(PathBuf::from("hn/m.json")));
        assert_eq!(
            with_role(&inputs, Role::Model),
            [PathBuf::from("hn/m.json")]
        );
        let templates = with_role(&inputs, Role::Template);
        assert!(templates.contains(&PathBuf::from("mau/giay-moi.typ.j2")));
        assert!(templates.contains(&PathBuf::from("mau/nd30.typ")));
        assert!(templates.iter().all(|t| t.starts_with("mau")));
        assert_eq!(
            with_role(&inputs, Role::Fonts),
            [PathBuf::from("fonts"), PathBuf::from("times.ttf")]
        );
    }
}
