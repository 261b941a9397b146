//! The catalogue of codes is a public interface: docs/findings.md documents exactly the codes
//! the program has (each with its severity, what to change and an example), and every code has
//! a test of its name in crates/presign-core/tests/findings.rs (or findings_<family>.rs).

use presign_core::Code;
use std::collections::BTreeSet;

/// A file of the repository, by its path from the top.
fn read(path: &str) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    std::fs::read_to_string(format!("{root}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// ``### `code` `` headings, in order, with the text of their section.
fn documented() -> Vec<(String, String)> {
    let doc = read("docs/findings.md");
    let mut out: Vec<(String, String)> = Vec::new();
    for line in doc.lines() {
        if let Some(code) = line.strip_prefix("### `").and_then(|l| l.strip_suffix('`')) {
            out.push((code.to_owned(), String::new()));
        } else if line.starts_with("## ") {
            out.push(("(section)".to_owned(), String::new()));
        } else if let Some((_, text)) = out.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    out.retain(|(c, _)| c != "(section)");
    out
}

#[test]
fn every_code_is_documented_and_every_documented_code_exists() {
    let docs: BTreeSet<String> = documented().into_iter().map(|(c, _)| c).collect();
    let codes: BTreeSet<String> = Code::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    let undocumented: Vec<&String> = codes.difference(&docs).collect();
    let unknown: Vec<&String> = docs.difference(&codes).collect();
    assert!(
        undocumented.is_empty(),
        "codes missing from docs/findings.md: {undocumented:?}"
    );
    assert!(
        unknown.is_empty(),
        "docs/findings.md documents codes that do not exist: {unknown:?}"
    );
    assert_eq!(documented().len(), docs.len(), "a code is documented twice");
}

#[test]
fn every_entry_has_a_severity_and_an_example() {
    for (code, text) in documented() {
        assert!(text.contains("- Severity: "), "{code}: no severity");
        assert!(text.contains("- Example: "), "{code}: no example");
        assert!(
            text.contains("- Means: ") || text.contains("- Change: "),
            "{code}: no meaning"
        );
    }
}

/// The tests of findings: findings.rs, and a findings_<family>.rs per family.
fn findings_tests() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            n == "findings.rs"
                || (n.starts_with("findings_")
                    && std::path::Path::new(n).extension() == Some("rs".as_ref()))
        })
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| read(&format!("crates/presign-core/tests/{n}")))
        .collect()
}

#[test]
fn every_code_has_a_test_of_its_name() {
    let tests = findings_tests();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !tests.contains(&format!("fn {}", c.replace('-', "_"))))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a test in crates/presign-core/tests/findings*.rs: {missing:?}"
    );
}

/// Every finding is built under diagnose/ (DESIGN.md: "diagnose/ — every finding is built
/// here"), so that one folder holds everything the page and the command line can say.
#[test]
fn findings_are_built_only_under_diagnose() {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.components().any(|c| c.as_os_str() == "diagnose")
                && std::fs::read_to_string(&path)
                    .unwrap()
                    .contains("Finding::new(")
            {
                out.push(path.display().to_string());
            }
        }
    }
    let mut outside = Vec::new();
    walk(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut outside,
    );
    outside.retain(|p| !p.ends_with("finding.rs"));
    assert!(
        outside.is_empty(),
        "Finding::new outside diagnose/: {outside:?}"
    );
}
