//! The core's modules depend on each other in one direction only: a test reads the
//! sources and refuses any cycle, naming it. A cycle ties modules into one knot that can
//! be neither understood nor tested apart (before this test, domain, rules, schedule,
//! store and sync were one).
//!
//! Nodes are the top-level modules (`store`, `rules`, …) and, inside a folder module,
//! each file (`sync/import`, `sync/activity`). An edge is a `crate::…` or, inside a
//! folder, a `super::…` path in non-test code; a folder's `mod.rs` declaring its files is
//! not an edge. Comments and `#[cfg(test)]` code are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the core's sources are readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without comments and without what follows the first `#[cfg(test)]` (tests
/// sit at the end of a file here, and may reach across layers).
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// `crate::sync::import::x` → ["sync", "import"]; the names a path starts with.
fn paths_after<'t>(code: &'t str, prefix: &str) -> Vec<Vec<&'t str>> {
    code.match_indices(prefix)
        .map(|(i, _)| {
            let rest = &code[i + prefix.len()..];
            rest.split("::")
                .take(2)
                .map(|part| part.split(|c: char| !(c.is_ascii_lowercase() || c == '_')).next().unwrap_or(""))
                .take_while(|p| !p.is_empty())
                .collect()
        })
        .collect()
}

fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let folders: BTreeSet<String> = std::fs::read_dir(src)
        .expect("the core's sources are readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let node = |top: &str, sub: Option<&str>| -> String {
        match sub {
            Some(s) if folders.contains(top) && src.join(top).join(format!("{s}.rs")).is_file() => format!("{top}/{s}"),
            _ => top.to_string(),
        }
    };
    let mut g = Graph::new();
    for file in files {
        let rel = file.strip_prefix(src).expect("under src").with_extension("");
        let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        let top = parts[0].clone();
        let this = node(&top, parts.get(1).map(String::as_str).filter(|s| *s != "mod"));
        let code = code_of(&std::fs::read_to_string(&file).expect("a readable source"));
        let mut deps = BTreeSet::new();
        for p in paths_after(&code, "crate::") {
            if let Some(first) = p.first() {
                deps.insert(node(first, p.get(1).copied()));
            }
        }
        if this.contains('/') {
            for p in paths_after(&code, "super::") {
                if let Some(first) = p.first() {
                    deps.insert(node(&top, Some(first)));
                }
            }
        }
        deps.remove(&this);
        g.entry(this).or_default().extend(deps);
    }
    let known: BTreeSet<String> = g.keys().cloned().collect();
    for deps in g.values_mut() {
        deps.retain(|d| known.contains(d));
    }
    g
}

/// One cycle of the graph, as the path that closes it, if there is any.
fn a_cycle(g: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(n: &str, g: &Graph, marks: &mut BTreeMap<String, Mark>, path: &mut Vec<String>) -> Option<Vec<String>> {
        match marks.get(n) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = path.iter().position(|p| p == n).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(n.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(n.to_string(), Mark::Open);
        path.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, g, marks, path) {
                return Some(c);
            }
        }
        path.pop();
        marks.insert(n.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    g.keys().find_map(|n| visit(n, g, &mut marks, &mut Vec::new()))
}

#[test]
fn no_module_of_the_core_depends_on_itself_through_others() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&src);
    assert!(g.contains_key("store") && g.contains_key("sync/import"), "the graph reads the sources: {:?}", g.keys());
    if let Some(cycle) = a_cycle(&g) {
        panic!("a dependency cycle between core modules: {}. Move what both need below both.", cycle.join(" → "));
    }
}

#[test]
fn a_cycle_is_found_and_named() {
    let mut g = Graph::new();
    g.entry("store".into()).or_default().insert("sync/keys".into());
    g.entry("sync/keys".into()).or_default().insert("store".into());
    g.entry("domain".into()).or_default();
    assert_eq!(a_cycle(&g), Some(vec!["store".into(), "sync/keys".into(), "store".into()]));
    g.get_mut("sync/keys").unwrap().clear();
    assert_eq!(a_cycle(&g), None);
}

#[test]
fn paths_are_read_as_code_is_written() {
    let code = code_of("use crate::sync::import::Summary; // crate::rules\nlet x = super::held::f();");
    assert_eq!(paths_after(&code, "crate::"), vec![vec!["sync", "import"]]);
    assert_eq!(paths_after(&code, "super::"), vec![vec!["held", "f"]]);
}

/// The core is the library both front ends use: no terminal, Tauri or web view, and its
/// errors are its own (`thiserror`), never `anyhow`'s.
#[test]
fn the_core_depends_on_no_front_end_crate() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).expect("the manifest");
    let deps: Vec<&str> = manifest
        .lines()
        .skip_while(|l| !l.starts_with("[dependencies]"))
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split('=').next().map(str::trim))
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .collect();
    assert!(deps.contains(&"rusqlite"), "the dependencies are read: {deps:?}");
    for front_end in ["clap", "tauri", "anyhow", "rpassword", "wry", "webkit2gtk"] {
        assert!(
            !deps.iter().any(|d| *d == front_end || d.starts_with(&format!("{front_end}-"))),
            "the core depends on {front_end}"
        );
    }
}
