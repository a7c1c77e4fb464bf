//! The model's shape, as the page needs it: which fields a part of the model has, in what
//! order, of what kind, with what help. It is read from the JSON Schema the model's types
//! derive (the same one `hoinghi schema` prints), so a field added to the model appears on the
//! page without touching the web layer.

use serde_json::Value;

use crate::i18n::places::field_rank;
use crate::model::Model;

/// One step of a path into the model: `invitees[3].name` is `invitees`, `3`, `name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// The steps of a path, or none when it is not one (`a..b`, `x[`, `[q]`).
pub fn steps(path: &str) -> Option<Vec<Step>> {
    let mut out = Vec::new();
    if path.is_empty() {
        return Some(out);
    }
    for part in path.split('.') {
        let (key, mut rest) = part
            .split_once('[')
            .map_or((part, None), |(k, r)| (k, Some(r)));
        if key.is_empty() && (out.is_empty() || rest.is_none()) {
            return None;
        }
        if !key.is_empty() {
            out.push(Step::Key(key.to_string()));
        }
        while let Some(r) = rest {
            let (index, after) = r.split_once(']')?;
            out.push(Step::Index(index.parse().ok()?));
            rest = match after {
                "" => None,
                a => Some(a.strip_prefix('[')?),
            };
        }
    }
    Some(out)
}

/// A path written back from its steps.
pub fn path_of(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A path without its indices (`invitees.name`), as the catalogue of labels keys fields.
pub fn bare(steps: &[Step]) -> String {
    steps
        .iter()
        .filter_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The model's JSON Schema.
#[derive(Debug)]
pub struct Schema {
    root: Value,
}

/// What a value of the model is, for the page's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Integer,
    Boolean,
    /// One of a few fixed words (`ItemKind`).
    Choice,
    Array,
    Object,
}

/// A part of the schema, its references followed.
#[derive(Debug, Clone, Copy)]
pub struct Node<'a> {
    schema: &'a Schema,
    value: &'a Value,
    /// Whether `null` is allowed (an optional field).
    pub nullable: bool,
    /// The variant to use when the value is an object (the invitees' list file).
    alternative: Option<&'a Value>,
}

impl Default for Schema {
    fn default() -> Self {
        Self::model()
    }
}

impl Schema {
    /// The schema of the conference model.
    pub fn model() -> Self {
        let schema = schemars::schema_for!(Model);
        Self {
            root: serde_json::to_value(schema).expect("a JSON Schema is JSON"),
        }
    }

    pub fn root(&self) -> Node<'_> {
        self.node(&self.root)
    }

    /// The schema of the part of the model at `steps`.
    pub fn at(&self, steps: &[Step]) -> Option<Node<'_>> {
        let mut node = self.root();
        for step in steps {
            node = match step {
                Step::Key(k) => node.property(k)?,
                Step::Index(_) => node.items()?,
            };
        }
        Some(node)
    }

    fn definition(&self, reference: &str) -> Option<&Value> {
        let name = reference.strip_prefix("#/$defs/")?;
        self.root.get("$defs")?.get(name)
    }

    /// `value` with its `$ref`, `allOf` of one and nullable `anyOf` taken apart.
    fn node<'a>(&'a self, value: &'a Value) -> Node<'a> {
        let mut node = Node {
            schema: self,
            value,
            nullable: false,
            alternative: None,
        };
        for _ in 0..8 {
            let v = node.value;
            if let Some(target) = v
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| self.definition(r))
            {
                node.value = target;
                continue;
            }
            if let Some([one]) = v.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
                node.value = one;
                continue;
            }
            let options = v
                .get("anyOf")
                .or_else(|| v.get("oneOf").filter(|_| !is_choice(v)))
                .and_then(Value::as_array);
            if let Some(options) = options {
                let (nulls, others): (Vec<&Value>, Vec<&Value>) = options
                    .iter()
                    .partition(|o| o.get("type").and_then(Value::as_str) == Some("null"));
                node.nullable |= !nulls.is_empty();
                match others.as_slice() {
                    [one] => {
                        node.value = one;
                        continue;
                    }
                    // The invitees: a list, or the file it is read from.
                    [first, second, ..] => {
                        node.value = first;
                        node.alternative = Some(self.node(second).value);
                        continue;
                    }
                    [] => {}
                }
            }
            break;
        }
        if let Some(Value::Array(types)) = node.value.get("type") {
            node.nullable |= types.iter().any(|t| t == "null");
        }
        node
    }
}

fn is_choice(v: &Value) -> bool {
    v.get("oneOf")
        .and_then(Value::as_array)
        .is_some_and(|o| o.iter().all(|o| o.get("const").is_some()))
}

impl<'a> Node<'a> {
    fn type_name(&self) -> Option<&'a str> {
        match self.value.get("type")? {
            Value::String(t) => Some(t),
            Value::Array(types) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null"),
            _ => None,
        }
    }

    pub fn kind(&self) -> Kind {
        if is_choice(self.value) || self.value.get("enum").is_some() {
            return Kind::Choice;
        }
        match self.type_name() {
            Some("integer") | Some("number") => Kind::Integer,
            Some("boolean") => Kind::Boolean,
            Some("array") => Kind::Array,
            Some("object") => Kind::Object,
            _ if self.value.get("properties").is_some() => Kind::Object,
            _ => Kind::Text,
        }
    }

    /// The help the model's documentation gives (Vietnamese: it is the users' schema).
    pub fn description(&self) -> Option<&'a str> {
        self.value.get("description").and_then(Value::as_str)
    }

    /// The element of an array.
    pub fn items(&self) -> Option<Node<'a>> {
        Some(self.schema.node(self.value.get("items")?))
    }

    /// The property `key` of an object (or of the object alternative of a list file).
    pub fn property(&self, key: &str) -> Option<Node<'a>> {
        let found = self
            .value
            .get("properties")
            .and_then(|p| p.get(key))
            .or_else(|| self.alternative?.get("properties")?.get(key))?;
        let mut node = self.schema.node(found);
        let required = self
            .value
            .get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|k| k == key));
        // A field serde fills in when left out may be left out.
        node.nullable |= !required;
        Some(node)
    }

    /// The properties of an object in the order the page shows them: as the catalogue of
    /// labels lists the model's fields (the order an invitation reads), others after.
    pub fn properties(&self, bare_path: &str) -> Vec<(&'a str, Node<'a>)> {
        let Some(Value::Object(props)) = self.value.get("properties") else {
            return Vec::new();
        };
        let mut out: Vec<(&'a str, Node<'a>)> = props
            .keys()
            .filter_map(|k| Some((k.as_str(), self.property(k)?)))
            .collect();
        out.sort_by_key(|(k, _)| {
            let full = if bare_path.is_empty() {
                k.to_string()
            } else {
                format!("{bare_path}.{k}")
            };
            field_rank(&full).unwrap_or(usize::MAX)
        });
        out
    }

    pub fn is_required(&self, key: &str) -> bool {
        self.value
            .get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|k| k == key))
    }

    /// The words of a choice, each with its help.
    pub fn choices(&self) -> Vec<(String, String)> {
        if let Some(Value::Array(options)) = self.value.get("oneOf") {
            return options
                .iter()
                .filter_map(|o| {
                    let value = o.get("const")?.as_str()?.to_string();
                    let help = o
                        .get("description")
                        .and_then(Value::as_str)
                        .unwrap_or(&value)
                        .trim_end_matches('.')
                        .to_string();
                    Some((value, help))
                })
                .collect();
        }
        self.value
            .get("enum")
            .and_then(Value::as_array)
            .map(|e| {
                e.iter()
                    .filter_map(Value::as_str)
                    .map(|s| (s.to_string(), s.to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The default the types give a left-out field, if any.
    pub fn default_value(&self) -> Option<&'a Value> {
        self.value.get("default")
    }

    /// An empty value of this shape, for a row added on the page: every required field
    /// present and blank, so that the checks say what to fill in.
    pub fn blank(&self) -> Value {
        match self.kind() {
            Kind::Object => {
                let mut map = serde_json::Map::new();
                for (key, node) in self.properties("") {
                    if self.is_required(key) {
                        map.insert(key.to_string(), node.blank());
                    }
                }
                Value::Object(map)
            }
            Kind::Array => Value::Array(Vec::new()),
            Kind::Integer => Value::from(0),
            Kind::Boolean => Value::Bool(false),
            Kind::Choice => self
                .choices()
                .first()
                .map_or(Value::Null, |(v, _)| Value::String(v.clone())),
            Kind::Text if self.nullable => Value::Null,
            Kind::Text => Value::String(String::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_and_write_back() {
        let s = steps("agenda[2].speaker.name").expect("a path");
        assert_eq!(
            s,
            vec![
                Step::Key("agenda".into()),
                Step::Index(2),
                Step::Key("speaker".into()),
                Step::Key("name".into())
            ]
        );
        assert_eq!(path_of(&s), "agenda[2].speaker.name");
        assert_eq!(bare(&s), "agenda.speaker.name");
        for bad in ["a..b", "x[", "[1]", "x[a]", "x[1]y", "."] {
            assert_eq!(steps(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_schema_knows_the_kind_of_every_field_the_page_edits() {
        let schema = Schema::model();
        let at = |p: &str| schema.at(&steps(p).expect("a path")).expect(p);
        assert_eq!(at("event.title").kind(), Kind::Text);
        assert!(!at("event.title").nullable);
        assert!(at("event.tentative").nullable);
        assert_eq!(at("invitation.number").kind(), Kind::Integer);
        assert_eq!(at("invitation.recipients").kind(), Kind::Array);
        assert_eq!(at("agenda[0].kind").kind(), Kind::Choice);
        assert!(at("agenda[0].kind").choices().len() >= 5);
        assert_eq!(at("agenda[0].speaker").kind(), Kind::Object);
        assert_eq!(at("invitees[3].name").kind(), Kind::Text);
        assert_eq!(at("invitees.file").kind(), Kind::Text);
        let order: Vec<&str> = schema
            .root()
            .property("event")
            .expect("event")
            .properties("event")
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(&order[..2], &["title", "date"]);
    }
}
