//! The shape of the code: no circle of imports between the top-level modules of `src/`, nor
//! between the files of one folder. A circle means two stages that cannot be read (or
//! changed) one without the other; the pipeline should read in one direction.
//!
//! The sources are read as text: every `crate::…` and `super::…` path outside comments and
//! unit tests is an edge from the file to the module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::*;

/// One Rust file of `src/`, by its module path: `["engine", "plan"]` for
/// `src/engine/plan.rs`, `["engine"]` for `src/engine/mod.rs`, `[]` for `src/lib.rs`.
struct SourceFile {
    /// Its path from the repository's root: `src/engine/plan.rs`.
    path: String,
    module: Vec<String>,
    /// Its code without comments and without its unit tests, line by line.
    lines: Vec<String>,
}

#[track_caller]
fn source_files() -> Vec<SourceFile> {
    let root = repo("src");
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        // The binary uses the library from outside, by its name.
        .filter(|p| p != &root.join("main.rs"))
        .map(|path| SourceFile {
            path: format!("src/{}", path.strip_prefix(&root).unwrap().display()),
            module: module_of(path.strip_prefix(&root).unwrap()),
            lines: code_lines(&std::fs::read_to_string(&path).unwrap()),
        })
        .collect()
}

fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let file = parts.pop().unwrap();
    let stem = file.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// The lines of code of a file, comments blanked and the unit tests (`#[cfg(test)] mod tests`,
/// which rustfmt closes with a `}` alone at the start of a line) left out, so that neither a
/// doc link nor a test's use of another module counts as an import.
fn code_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_tests = false;
    let mut in_block_comment = false;
    let mut previous = "";
    for line in text.lines() {
        if in_tests {
            lines.push(String::new());
            if line == "}" {
                in_tests = false;
            }
            continue;
        }
        if previous.trim() == "#[cfg(test)]" && line.starts_with("mod ") && line.ends_with('{') {
            in_tests = true;
            lines.push(String::new());
            previous = line;
            continue;
        }
        previous = line;
        let mut code = String::new();
        let mut rest = line;
        loop {
            if in_block_comment {
                match rest.find("*/") {
                    Some(end) => {
                        rest = &rest[end + 2..];
                        in_block_comment = false;
                    }
                    None => break,
                }
            } else {
                let line_comment = rest.find("//");
                let block_comment = rest.find("/*");
                match (line_comment, block_comment) {
                    (Some(l), b) if b.is_none_or(|b| l < b) => {
                        code.push_str(&rest[..l]);
                        break;
                    }
                    (_, Some(b)) => {
                        code.push_str(&rest[..b]);
                        rest = &rest[b + 2..];
                        in_block_comment = true;
                    }
                    _ => {
                        code.push_str(rest);
                        break;
                    }
                }
            }
        }
        lines.push(code);
    }
    lines
}

/// Every path `from::…` written in `code`, as its segments after `from`, with the groups of a
/// `use` expanded: `crate::{model::{self, Source}, problem}` gives `model`, `model::self`,
/// `model::Source` and `problem`.
fn paths_after(code: &str, from: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut at = 0;
    let prefix = format!("{from}::");
    while let Some(i) = code[at..].find(&prefix) {
        let start = at + i;
        at = start + prefix.len();
        // A whole word: `crate::`, not `$crate::` or `my_crate::`.
        let before = code[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == ':') {
            continue;
        }
        let tail = &code[at..];
        expand(tail, &[], &mut found);
    }
    found
}

/// Reads one path (or a `{…}` group of paths) at the start of `text`, after `prefix`.
fn expand(text: &str, prefix: &[String], found: &mut Vec<Vec<String>>) -> usize {
    let mut pos = 0;
    let bytes = text.as_bytes();
    let mut segments = prefix.to_vec();
    loop {
        if text[pos..].starts_with('{') {
            pos += 1;
            loop {
                while text[pos..].starts_with([' ', ',', '\n']) {
                    pos += 1;
                }
                if pos >= text.len() || text[pos..].starts_with('}') {
                    return pos + 1;
                }
                let used = expand(&text[pos..], &segments, found);
                if used == 0 {
                    return pos;
                }
                pos += used;
            }
        }
        let word: String = text[pos..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if word.is_empty() {
            if !segments.is_empty() && segments.len() > prefix.len() {
                found.push(segments);
            }
            return pos;
        }
        pos += word.len();
        segments.push(word);
        if bytes.get(pos) == Some(&b':') && bytes.get(pos + 1) == Some(&b':') {
            pos += 2;
        } else {
            found.push(segments);
            return pos;
        }
    }
}

/// An import: from a file's module to another, and where it is written.
type Edges = BTreeMap<String, BTreeMap<String, String>>;

fn add_edge(edges: &mut Edges, from: &str, to: &str, place: String) {
    if from != to {
        edges
            .entry(from.to_string())
            .or_default()
            .entry(to.to_string())
            .or_insert(place);
    }
    edges.entry(to.to_string()).or_default();
}

/// A circle of the graph, if there is one: its modules in order, the first again at the end.
fn find_cycle(edges: &Edges) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        edges: &Edges,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flat_map(|e| e.keys()) {
            match marks.get(next).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = stack.iter().position(|n| n == next).unwrap();
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(cycle) = visit(next, edges, marks, stack) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in edges.keys() {
        if marks.get(node).copied().unwrap_or(Mark::New) == Mark::New
            && let Some(cycle) = visit(node, edges, &mut marks, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

/// The circle in words, each step with the line that makes it.
fn describe(cycle: &[String], edges: &Edges) -> String {
    let mut text = cycle.join(" → ");
    for pair in cycle.windows(2) {
        text.push_str(&format!(
            "\n  {} → {}: {}",
            pair[0], pair[1], edges[&pair[0]][&pair[1]]
        ));
    }
    text
}

/// The names each folder's files define (`pub struct Name`, `pub fn name`, …): where a path
/// `super::Name` leads when `mod.rs` only re-exports it.
fn definitions(files: &[SourceFile]) -> BTreeMap<(Vec<String>, String), String> {
    let mut defined = BTreeMap::new();
    for file in files {
        let Some((folder, own)) = split_folder(file) else {
            continue;
        };
        for line in &file.lines {
            let words: Vec<&str> = line
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .collect();
            for pair in words.windows(2) {
                if matches!(
                    pair[0],
                    "struct" | "enum" | "fn" | "type" | "const" | "static" | "trait"
                ) && line.trim_start().starts_with("pub")
                {
                    defined
                        .entry((folder.clone(), pair[1].to_string()))
                        .or_insert_with(|| own.clone());
                }
            }
        }
    }
    defined
}

/// The folder of a file in a folder, and the file's own name there (`mod` for `mod.rs`).
fn split_folder(file: &SourceFile) -> Option<(Vec<String>, String)> {
    let is_mod_rs = |module: &[String]| {
        // `src/engine/mod.rs` and `src/engine.rs` both give ["engine"]; a folder has files.
        repo("src").join(module.join("/")).is_dir()
    };
    if file.module.is_empty() {
        return None;
    }
    if is_mod_rs(&file.module) {
        return Some((file.module.clone(), "mod".to_string()));
    }
    let (own, folder) = file.module.split_last()?;
    if folder.is_empty() {
        return None;
    }
    Some((folder.to_vec(), own.clone()))
}

/// The top-level modules of `src/` and who imports whom.
fn top_level_graph(files: &[SourceFile]) -> Edges {
    let mut edges = Edges::new();
    for file in files {
        let Some(own) = file.module.first() else {
            continue;
        };
        for (n, line) in file.lines.iter().enumerate() {
            for path in paths_after(line, "crate") {
                let place = format!("{}:{}", file.path, n + 1);
                add_edge(&mut edges, own, &path[0], place);
            }
        }
        edges.entry(own.clone()).or_default();
    }
    edges
}

/// For each folder of `src/`, who imports whom among its files (`mod.rs` included, as the
/// file `mod`, for what it defines itself rather than re-exports).
fn folder_graphs(files: &[SourceFile]) -> BTreeMap<Vec<String>, Edges> {
    let defined = definitions(files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    let mut graphs: BTreeMap<Vec<String>, Edges> = BTreeMap::new();
    for file in files {
        let Some((folder, own)) = split_folder(file) else {
            continue;
        };
        let graph = graphs.entry(folder.clone()).or_default();
        graph.entry(own.clone()).or_default();
        // What a path starting at the folder leads to: a file of the folder, or a name one
        // of them defines.
        let target = |rest: &[String]| -> Option<String> {
            let first = rest.first()?;
            let mut module = folder.clone();
            module.push(first.clone());
            if modules.contains(&module) {
                return Some(first.clone());
            }
            defined.get(&(folder.clone(), first.clone())).cloned()
        };
        for (n, line) in file.lines.iter().enumerate() {
            let place = format!("{}:{}", file.path, n + 1);
            let mut targets = Vec::new();
            for path in paths_after(line, "crate") {
                if path.starts_with(&folder) {
                    targets.extend(target(&path[folder.len()..]));
                }
            }
            if own != "mod" {
                // In a file of the folder, `super` is the folder.
                for path in paths_after(line, "super") {
                    targets.extend(target(&path));
                }
            }
            for to in targets {
                // A file's use of the folder's own (`mod.rs`) items is how a folder works:
                // only edges between files, and from `mod.rs` down, can close a circle.
                if to != "mod" {
                    add_edge(graph, &own, &to, place.clone());
                }
            }
        }
    }
    graphs
}

#[test]
fn the_top_level_modules_import_each_other_in_one_direction() {
    let files = source_files();
    let graph = top_level_graph(&files);
    // The tool sees the pipeline: the engine uses the model, nothing the model uses needs
    // the engine.
    assert!(graph["engine"].contains_key("model"), "{graph:?}");
    assert!(graph.len() >= 10, "{:?}", graph.keys());
    if let Some(cycle) = find_cycle(&graph) {
        panic!("a circle of imports: {}", describe(&cycle, &graph));
    }
}

#[test]
fn the_files_of_each_folder_import_each_other_in_one_direction() {
    let files = source_files();
    let graphs = folder_graphs(&files);
    assert!(
        graphs.contains_key(&vec!["model".to_string()]),
        "{graphs:?}"
    );
    let mut circles = Vec::new();
    for (folder, graph) in &graphs {
        if let Some(cycle) = find_cycle(graph) {
            circles.push(format!(
                "in src/{}/: {}",
                folder.join("/"),
                describe(&cycle, graph)
            ));
        }
    }
    assert!(
        circles.is_empty(),
        "circles of imports:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_circle_finder_finds_a_circle_and_reads_grouped_imports() {
    // The tool tested on a made-up graph, so that a green run means "no circle", not "blind".
    let mut graph = Edges::new();
    add_edge(&mut graph, "model", "import", "src/model.rs:3".into());
    add_edge(&mut graph, "import", "problem", "src/import.rs:5".into());
    add_edge(&mut graph, "problem", "model", "src/problem.rs:8".into());
    let cycle = find_cycle(&graph).expect("the circle is found");
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(cycle.len(), 4, "{cycle:?}");
    assert!(describe(&cycle, &graph).contains("problem → model: src/problem.rs:8"));

    let lines = code_lines(
        "use crate::{model::{self, Source}, problem};\n\
         // use crate::engine;\n\
         /// [`crate::concat`]\n\
         let x = $crate::i18n::Lang::Vi; fn f() { crate::output::write(); }\n\
         #[cfg(test)]\nmod tests {\n    use crate::render;\n}\n",
    );
    let paths: Vec<String> = lines
        .iter()
        .flat_map(|l| paths_after(l, "crate"))
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(
        paths,
        ["model::self", "model::Source", "problem", "output::write"]
    );
}
