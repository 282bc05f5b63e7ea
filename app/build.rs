//! Generates the i18n key enum from `i18n/it.toml` and `i18n/en.toml`.
//! The build fails, naming the key, when a key or a `{placeholder}` is in one
//! language and not in the other: no text can be missing at run time.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

const LANGS: [&str; 2] = ["it", "en"];

fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            toml::Value::Table(t) => flatten(&key, t, out),
            other => panic!("i18n: {key} must be a string, found {other}"),
        }
    }
}

fn placeholders(s: &str) -> Vec<&str> {
    let mut found: Vec<&str> = s
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    found.sort_unstable();
    found
}

fn variant(key: &str) -> String {
    key.split(['.', '_'])
        .map(|part| {
            let mut c = part.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn main() {
    let dir = Path::new("i18n");
    let mut tables = Vec::new();
    for lang in LANGS {
        let path = dir.join(format!("{lang}.toml"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("i18n: {}: {e}", path.display()));
        let table: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("i18n: {}: {e}", path.display()));
        let mut flat = BTreeMap::new();
        flatten("", &table, &mut flat);
        tables.push(flat);
    }
    let (it, en) = (&tables[0], &tables[1]);
    let mut problems = Vec::new();
    for key in it.keys().filter(|k| !en.contains_key(*k)) {
        problems.push(format!("{key} is in it.toml but missing from en.toml"));
    }
    for key in en.keys().filter(|k| !it.contains_key(*k)) {
        problems.push(format!("{key} is in en.toml but missing from it.toml"));
    }
    for (key, text) in it {
        if let Some(other) = en.get(key) {
            if placeholders(text) != placeholders(other) {
                problems.push(format!("{key}: placeholders differ between it and en"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "i18n files disagree:\n  {}",
        problems.join("\n  ")
    );

    let mut out = String::new();
    out.push_str("/// Every translatable text, generated from app/i18n/*.toml.\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]\npub enum T {\n");
    for key in it.keys() {
        let _ = writeln!(out, "    /// `{key}`\n    {},", variant(key));
    }
    out.push_str("}\n\nimpl T {\n    pub fn key(self) -> &'static str {\n        match self {\n");
    for key in it.keys() {
        let _ = writeln!(out, "            T::{} => {key:?},", variant(key));
    }
    out.push_str("        }\n    }\n\n    pub fn text(self, lang: Lang) -> &'static str {\n        match (self, lang) {\n");
    for (lang_variant, table) in [("It", it), ("En", en)] {
        for (key, text) in table {
            let _ = writeln!(
                out,
                "            (T::{}, Lang::{lang_variant}) => {text:?},",
                variant(key)
            );
        }
    }
    out.push_str("        }\n    }\n}\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("i18n.rs");
    std::fs::write(&dest, out)
        .unwrap_or_else(|e| panic!("i18n: cannot write {}: {e}", dest.display()));
}
