//! What the findings tests look up in a report and in tests/fixtures, in one place (each test
//! file includes this with `#[path]`; a file uses what it needs).
#![allow(dead_code, reason = "each test file uses a part")]

use presign_core::finding::Finding;
use presign_core::{Code, Report};
use serde_json::Value;

/// A file under tests/fixtures, as text.
pub fn fixture_text(path: &str) -> String {
    let full = format!(
        "{}/tests/fixtures/{path}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The record whose `id` is `id` in a JSON-lines fixture under tests/fixtures.
pub fn jsonl_record(path: &str, id: &str) -> Value {
    fixture_text(path)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no fixture {id} in {path}"))
}

/// A string field of a fixture record.
pub fn field(record: &Value, name: &str) -> String {
    record[name]
        .as_str()
        .unwrap_or_else(|| panic!("no {name} in {record}"))
        .to_owned()
}

/// The codes of the report's findings, in order.
pub fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

/// The finding with that code; fails listing the codes and titles that were found.
pub fn finding(report: &Report, code: Code) -> &Finding {
    report
        .findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| {
            let found: Vec<_> = report
                .findings
                .iter()
                .map(|f| (f.code.as_str(), f.title.as_str()))
                .collect();
            panic!("no {} in {found:?}", code.as_str())
        })
}

/// The value of a finding's evidence with that label; fails showing the finding.
pub fn evidence<'a>(f: &'a Finding, label: &str) -> &'a str {
    f.evidence.iter().find(|e| e.label == label).map_or_else(
        || panic!("no evidence {label} in {f:?}"),
        |e| e.value.as_str(),
    )
}
