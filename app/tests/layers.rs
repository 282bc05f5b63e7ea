//! The house is one-way. This test reads the `crate::…` and `super::…` paths of every
//! file of `app/src` (and `server/src`) and fails on:
//! - an import cycle between files (a file that reaches itself through its imports);
//! - an import cycle between top-level modules (`forum` → `community` → `forum`);
//! - an import that goes up a layer (an engine importing a domain, a domain `routes`);
//! - a top-level module that is in no layer (a new module must be given its place).
//!
//! The layers are written down in `docs/ARCHITECTURE.md`; keep the two in step.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers of `app/src`, lowest first. A module may import modules of its own
/// layer (as long as no cycle forms) and of the layers below, never above.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundation",
        &[
            "i18n", "ids", "text", "paging", "error", "db", "lease", "live", "memo", "state",
            "tiles",
        ],
    ),
    ("authorization", &["auth"]),
    ("interface", &["components"]),
    ("tenancy", &["ente"]),
    (
        "engines",
        &[
            "markdown",
            "upload",
            "table_import",
            "questionnaire",
            "search",
            "mail",
            "notify",
            "audit",
        ],
    ),
    (
        "domains",
        &[
            "account",
            "invite",
            "content",
            "administration",
            "catalogue",
            "editor",
            "press",
            "newsletter",
            "feedback",
            "site",
            "community",
            "forum",
            "files",
            "blog",
            "consultation",
            "social",
            "dashboard",
            "privacy",
        ],
    ),
    ("routes", &["routes"]),
];

/// Files of a crate by module path (`forum::repo`, `error`; the crate root is "").
type Files = BTreeMap<String, String>;
/// Which files each file imports.
type Graph = BTreeMap<String, BTreeSet<String>>;

fn read_crate(src: &Path) -> Files {
    let mut files = Files::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            panic!("cannot read {}", dir.display());
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let Ok(rel) = path.strip_prefix(src) else {
                    continue;
                };
                let mut parts: Vec<String> = rel
                    .with_extension("")
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                if parts.last().is_some_and(|p| p == "mod") {
                    parts.pop();
                }
                if parts == ["lib"] || parts == ["main"] {
                    parts.clear();
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                files.insert(parts.join("::"), text);
            }
        }
    }
    files
}

/// The text without comments and without the contents of string literals.
fn strip(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match (b[i], b.get(i + 1).copied()) {
            ('/', Some('/')) => {
                while i < b.len() && b[i] != '\n' {
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            ('r', Some('#' | '"')) if i == 0 || !ident_char(b[i - 1]) => {
                // A raw string: r"…", r#"…"#.
                let mut hashes = 0;
                i += 1;
                while b.get(i) == Some(&'#') {
                    hashes += 1;
                    i += 1;
                }
                if b.get(i) != Some(&'"') {
                    out.push('r');
                    continue;
                }
                i += 1;
                while i < b.len()
                    && !(b[i] == '"' && (1..=hashes).all(|k| b.get(i + k) == Some(&'#')))
                {
                    i += 1;
                }
                i += 1 + hashes;
                out.push_str("\"\"");
            }
            ('"', _) => {
                i += 1;
                while i < b.len() && b[i] != '"' {
                    i += if b[i] == '\\' { 2 } else { 1 };
                }
                i += 1;
                out.push_str("\"\"");
            }
            ('\'', Some('\\')) => {
                // A char literal with an escape ('\n', '\u{e0}').
                i += 2;
                while i < b.len() && b[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            ('\'', Some(_)) if b.get(i + 2) == Some(&'\'') => i += 3,
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The paths of a use tree starting at `s` (after `crate::`): `a::b`, `a::{b, c::d}`.
fn tree(s: &[char], i: &mut usize, prefix: &str, out: &mut Vec<String>) {
    let skip_ws = |i: &mut usize| {
        while *i < s.len() && s[*i].is_whitespace() {
            *i += 1;
        }
    };
    skip_ws(i);
    if s.get(*i) == Some(&'{') {
        *i += 1;
        loop {
            skip_ws(i);
            match s.get(*i) {
                Some('}') => {
                    *i += 1;
                    return;
                }
                Some(',') => *i += 1,
                None => return,
                _ => {
                    let before = *i;
                    tree(s, i, prefix, out);
                    if *i == before {
                        *i += 1;
                    }
                }
            }
        }
    }
    let mut path = prefix.to_string();
    loop {
        let start = *i;
        while *i < s.len() && ident_char(s[*i]) {
            *i += 1;
        }
        let word: String = s[start..*i].iter().collect();
        if word.is_empty() {
            break;
        }
        if !path.is_empty() {
            path.push_str("::");
        }
        path.push_str(&word);
        if s.get(*i) == Some(&':') && s.get(*i + 1) == Some(&':') {
            *i += 2;
            if s.get(*i) == Some(&'{') {
                tree(s, i, &path, out);
                return;
            }
        } else {
            break;
        }
    }
    out.push(path);
}

/// The child modules a file declares in files of their own (`mod x;`, `pub mod x;`).
fn children(s: &[char]) -> BTreeSet<String> {
    let text: String = s.iter().collect();
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("mod ") {
        if i > 0 && ident_char(text[..i].chars().next_back().unwrap_or(' ')) {
            continue;
        }
        let rest = &text[i + 4..];
        let name: String = rest.chars().take_while(|c| ident_char(*c)).collect();
        if !name.is_empty() && rest[name.len()..].trim_start().starts_with(';') {
            out.insert(name);
        }
    }
    out
}

/// Every path of a file that names a module of the crate, made absolute: `crate::…`,
/// `super::…` (from inline modules such as `mod tests` too), `self::…`, and paths
/// that start with a child module the file declares (`use exec::Tx` in a `mod.rs`).
fn paths_of(module: &str, text: &str) -> Vec<String> {
    let s: Vec<char> = strip(text).chars().collect();
    let own: Vec<&str> = module.split("::").filter(|p| !p.is_empty()).collect();
    let kids = children(&s);
    let mut out = Vec::new();
    // Brace depth, and the depths at which inline modules (`mod tests {`) opened.
    let (mut depth, mut inline, mut opening) = (0usize, Vec::<usize>::new(), false);
    let mut i = 0;
    while i < s.len() {
        let preceded = i > 0 && (ident_char(s[i - 1]) || s[i - 1] == ':');
        let rest = |word: &str| s[i..].iter().take(word.len()).copied().eq(word.chars());
        if s[i] == '{' {
            depth += 1;
            if opening {
                inline.push(depth);
                opening = false;
            }
            i += 1;
        } else if s[i] == '}' {
            if inline.last() == Some(&depth) {
                inline.pop();
            }
            depth = depth.saturating_sub(1);
            i += 1;
        } else if !preceded && rest("mod ") {
            let name_end = (i + 4..s.len())
                .find(|&j| !ident_char(s[j]))
                .unwrap_or(s.len());
            let after = (name_end..s.len()).find(|&j| !s[j].is_whitespace());
            opening = after.is_some_and(|j| s[j] == '{');
            i = name_end;
        } else if !preceded && rest("crate::") {
            i += "crate::".len();
            tree(&s, &mut i, "", &mut out);
        } else if !preceded && (rest("super::") || rest("self::")) {
            // `super` from an inline module is the file itself; each further one
            // goes up a module.
            let mut ups = 0usize;
            while rest_at(&s, i, "super::") {
                ups += 1;
                i += "super::".len();
            }
            if ups == 0 {
                i += "self::".len();
            }
            let up = ups.saturating_sub(inline.len());
            let base = own[..own.len().saturating_sub(up)].join("::");
            tree(&s, &mut i, &base, &mut out);
        } else if !preceded && kids.iter().any(|k| rest(&format!("{k}::"))) {
            tree(&s, &mut i, &own.join("::"), &mut out);
        } else {
            i += 1;
        }
    }
    out
}

fn rest_at(s: &[char], i: usize, word: &str) -> bool {
    s[i..].iter().take(word.len()).copied().eq(word.chars())
}

/// The file that defines a path: its longest prefix that is a file of the crate.
fn file_of<'a>(files: &'a Files, path: &str) -> Option<&'a str> {
    let parts: Vec<&str> = path.split("::").filter(|p| *p != "self").collect();
    (1..=parts.len())
        .rev()
        .map(|k| parts[..k].join("::"))
        .find_map(|m| files.get_key_value(&m).map(|(k, _)| k.as_str()))
}

/// What the crate root re-exports (`pub use routes::{shell, App};`): name → module.
fn root_exports(files: &Files) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(text) = files.get("") {
        for path in paths_of("", text) {
            if let Some((module, name)) = path.split_once("::") {
                let name = name.rsplit("::").next().unwrap_or(name);
                out.insert(name.to_string(), module.to_string());
            }
        }
    }
    out
}

fn graph(files: &Files) -> Graph {
    let exports = root_exports(files);
    let mut g = Graph::new();
    for (module, text) in files {
        let targets = g.entry(module.clone()).or_default();
        for path in paths_of(module, text) {
            // `crate::App` is the module the root takes it from.
            let path = match exports.get(path.as_str()) {
                Some(m) if !module.is_empty() => format!("{m}::{path}"),
                _ => path,
            };
            if let Some(t) = file_of(files, &path) {
                if t != module && !t.is_empty() {
                    targets.insert(t.to_string());
                }
            }
        }
    }
    g
}

/// Strongly connected components of more than one node (Tarjan), each sorted.
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    struct Walk<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, v: &'a str) {
        let n = w.index.len();
        w.index.insert(v, n);
        w.low.insert(v, n);
        w.stack.push(v);
        w.on.insert(v);
        let g = w.g;
        for t in g.get(v).into_iter().flatten() {
            let t = t.as_str();
            if !w.index.contains_key(t) {
                visit(w, t);
                let lt = w.low[t];
                let lv = w.low[v];
                w.low.insert(v, lv.min(lt));
            } else if w.on.contains(t) {
                let it = w.index[t];
                let lv = w.low[v];
                w.low.insert(v, lv.min(it));
            }
        }
        if w.low[v] == w.index[v] {
            let mut comp = Vec::new();
            while let Some(x) = w.stack.pop() {
                w.on.remove(x);
                comp.push(x.to_string());
                if x == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                w.found.push(comp);
            }
        }
    }
    let mut w = Walk {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in g.keys() {
        if !w.index.contains_key(v.as_str()) {
            visit(&mut w, v);
        }
    }
    w.found
}

/// A module path cut to its first `depth` segments.
fn cut(module: &str, depth: usize) -> String {
    module
        .split("::")
        .take(depth)
        .collect::<Vec<_>>()
        .join("::")
}

/// The graph between modules `depth` segments deep (1: the top-level modules), with
/// a file edge behind each arrow.
fn module_graph(g: &Graph, depth: usize) -> (Graph, BTreeMap<(String, String), String>) {
    let mut mg = Graph::new();
    let mut why = BTreeMap::new();
    for (from, targets) in g {
        let a = cut(from, depth);
        mg.entry(a.clone()).or_default();
        for to in targets {
            let b = cut(to, depth);
            if a != b && !from.starts_with(&format!("{b}::")) && !to.starts_with(&format!("{a}::"))
            {
                mg.entry(a.clone()).or_default().insert(b.clone());
                why.entry((a.clone(), b))
                    .or_insert_with(|| format!("{from} → {to}"));
            }
        }
    }
    (mg, why)
}

/// Everything wrong with a crate's imports, as lines to print.
fn problems(files: &Files, layers: &[(&str, &[&str])]) -> Vec<String> {
    let layer_of = |m: &str| layers.iter().position(|(_, ms)| ms.contains(&m));
    let g = graph(files);
    let mut out = Vec::new();
    for c in cycles(&g) {
        out.push(format!(
            "files import each other in a cycle: {}",
            c.join(", ")
        ));
    }
    let deepest = files
        .keys()
        .map(|m| m.split("::").count())
        .max()
        .unwrap_or(1);
    for depth in 1..deepest {
        let (mg, why) = module_graph(&g, depth);
        let why_of = &why;
        for c in cycles(&mg) {
            let edges: Vec<&String> = c
                .iter()
                .flat_map(|a| {
                    c.iter()
                        .filter_map(move |b| why_of.get(&(a.clone(), b.clone())))
                })
                .collect();
            out.push(format!(
                "modules import each other in a cycle: {} ({})",
                c.join(", "),
                edges
                    .iter()
                    .map(|e| e.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    }
    if layers.is_empty() {
        return out;
    }
    let (mg, why) = module_graph(&g, 1);
    for m in mg.keys().filter(|m| !m.is_empty()) {
        if layer_of(m).is_none() {
            out.push(format!(
                "module `{m}` is in no layer: add it to LAYERS and to docs/ARCHITECTURE.md"
            ));
        }
    }
    for ((from, to), edge) in &why {
        if let (Some(a), Some(b)) = (layer_of(from), layer_of(to)) {
            if b > a {
                out.push(format!(
                    "`{from}` ({}) imports `{to}` ({}), a layer above: {edge}",
                    layers[a].0, layers[b].0
                ));
            }
        }
    }
    out
}

fn crate_dir(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(name)
        .join("src")
}

#[test]
fn app_is_one_way() {
    let found = problems(&read_crate(&crate_dir("app")), LAYERS);
    assert!(found.is_empty(), "app/src:\n{}", found.join("\n"));
}

#[test]
fn server_has_no_import_cycles() {
    let found = problems(&read_crate(&crate_dir("server")), &[]);
    assert!(found.is_empty(), "server/src:\n{}", found.join("\n"));
}

#[cfg(test)]
mod checks {
    use super::*;

    fn crate_of(files: &[(&str, &str)]) -> Files {
        files
            .iter()
            .map(|(m, t)| (m.to_string(), t.to_string()))
            .collect()
    }

    const LOW_HIGH: &[(&str, &[&str])] =
        &[("low", &["db", "error"]), ("high", &["forum", "community"])];

    #[test]
    fn reads_grouped_nested_and_inline_paths() {
        let text = "use crate::{db::{Db, Tx}, error::AppError};\n\
                    // use crate::commented::Out;\n\
                    let s = \"crate::in_a_string\";\n\
                    fn f() { crate::forum::repo::x(); super::sibling::y(); }";
        let mut got = paths_of("community::service", text);
        got.sort();
        assert_eq!(
            got,
            [
                "community::sibling::y",
                "db::Db",
                "db::Tx",
                "error::AppError",
                "forum::repo::x"
            ]
        );
    }

    #[test]
    fn reads_inline_modules_children_and_root_exports() {
        // `super` in `mod tests` of a file is the file itself, and one more goes up.
        let text = "fn a() {}\nmod tests { use super::a; use super::super::model::X; }";
        assert_eq!(
            paths_of("auth::server", text),
            ["auth::server::a", "auth::model::X"]
        );
        // A mod.rs re-exporting its child, and `self::`.
        let text = "mod exec;\npub use exec::{Record, Tx};\nuse self::exec::Db;";
        assert_eq!(
            paths_of("db", text),
            ["db::exec::Record", "db::exec::Tx", "db::exec::Db"]
        );
        // `crate::App`, re-exported by the root from `routes`, is an import of `routes`.
        let files = crate_of(&[
            ("", "pub mod routes;\npub mod forum;\npub use routes::App;"),
            ("routes", "use crate::forum::X;"),
            ("forum", "fn f() { crate::App(); }"),
        ]);
        assert!(problems(&files, &[])[0]
            .starts_with("files import each other in a cycle: forum, routes"));
    }

    #[test]
    fn finds_a_cycle_between_folders() {
        let files = crate_of(&[
            (
                "social::kpi::report",
                "use crate::social::strategy::model::X;",
            ),
            (
                "social::strategy::model",
                "use crate::social::kpi::model::Y;",
            ),
            ("social::kpi::model", ""),
        ]);
        let found = problems(&files, &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .starts_with("modules import each other in a cycle: social::kpi, social::strategy"));
    }

    #[test]
    fn finds_a_file_cycle_and_a_module_cycle() {
        let files = crate_of(&[
            ("forum::a", "use crate::community::b::X;"),
            ("community::b", "use crate::forum::c::Y;"),
            ("forum::c", ""),
        ]);
        let found = problems(&files, LOW_HIGH);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("modules import each other in a cycle: community, forum"));
        let files = crate_of(&[
            ("forum::a", "use crate::forum::c::Y;"),
            ("forum::c", "use super::a::Z;"),
        ]);
        assert!(problems(&files, LOW_HIGH)[0].starts_with("files import each other"));
    }

    #[test]
    fn refuses_an_import_up_a_layer_and_an_unplaced_module() {
        let files = crate_of(&[
            ("db", "use crate::forum::X;"),
            ("forum", ""),
            ("routes", ""),
        ]);
        let found = problems(&files, LOW_HIGH);
        assert!(
            found
                .iter()
                .any(|p| p.contains("`db` (low) imports `forum` (high)")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("module `routes` is in no layer")),
            "{found:?}"
        );
        let fine = crate_of(&[("forum", "use crate::db::X;"), ("db", "")]);
        assert!(problems(&fine, LOW_HIGH).is_empty());
    }
}
