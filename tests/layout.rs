//! The pipeline as the layout shows it: `src/`'s top-level modules import one
//! another in one direction only (no module imports one that imports it back).
//! Test code (from a file's first `#[cfg(test)]` on) and comments are not
//! counted: a test may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Top-level module -> the top-level modules its code names as `crate::x`.
type Graph = BTreeMap<String, BTreeSet<String>>;

fn code_of(source: &str) -> String {
    let end = source.find("#[cfg(test)]").unwrap_or(source.len());
    source[..end]
        .lines()
        .map(|l| l.find("//").map_or(l, |i| &l[..i]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a piece of code names as `crate::x` (besides `own`).
fn imports(code: &str, own: &str) -> BTreeSet<String> {
    code.match_indices("crate::")
        .filter(|(i, _)| !code[..*i].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .map(|(i, m)| {
            code[i + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|m| !m.is_empty() && m != own)
        .collect()
}

fn add_dir(graph: &mut Graph, dir: &Path, module: &str) {
    for entry in fs::read_dir(dir).expect("read src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            add_dir(graph, &path, module);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let code = code_of(&fs::read_to_string(&path).expect("read source"));
            graph
                .entry(module.to_string())
                .or_default()
                .extend(imports(&code, module));
        }
    }
}

fn src_graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = Graph::new();
    for entry in fs::read_dir(&src).expect("read src") {
        let path = entry.expect("dir entry").path();
        let name = path.file_stem().and_then(|s| s.to_str()).expect("name").to_string();
        if path.is_dir() {
            add_dir(&mut graph, &path, &name);
        } else if path.extension().is_some_and(|e| e == "rs") && name != "lib" && name != "main" {
            let code = code_of(&fs::read_to_string(&path).expect("read source"));
            graph.entry(name.clone()).or_default().extend(imports(&code, &name));
        }
    }
    graph
}

/// A cycle of the graph, if it has one (depth-first search).
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(node: &str, graph: &Graph, done: &mut BTreeSet<String>, path: &mut Vec<String>) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, done, path) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|n| visit(n, graph, &mut done, &mut Vec::new()))
}

#[test]
fn src_modules_import_without_a_cycle() {
    let graph = src_graph();
    // The reader sees what it should: the leaf and a known import.
    assert!(graph["text"].is_empty(), "text/ is a leaf: {:?}", graph["text"]);
    assert!(graph["engine"].contains("document"), "{:?}", graph["engine"]);
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle among src/ modules: {}", cycle.join(" -> "));
    }
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut g = Graph::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        g.entry(a.into()).or_default().insert(b.into());
    }
    let cycle = find_cycle(&g).expect("a -> b -> c -> a");
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(cycle.len(), 4);
    g.get_mut("c").unwrap().remove("a");
    assert_eq!(find_cycle(&g), None);
    // Test code and comments are not imports.
    let code = code_of("use crate::x;\n// crate::y\nfn f() {}\n#[cfg(test)]\nmod t { use crate::z; }");
    assert_eq!(imports(&code, "own"), BTreeSet::from(["x".to_string()]));
}
