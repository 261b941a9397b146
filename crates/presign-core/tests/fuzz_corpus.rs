//! Replays the fuzz seed corpus (fuzz/corpus/<target>/seed-*) through the fuzz targets'
//! checks, natively and without nightly: every input a fuzzer ever crashed on is kept there
//! as a seed, so this is the regression test for each crash found.

#[path = "../../../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("fuzz/corpus")
        .join(target);
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("seed-"))
        })
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 5, "{target}: the seed corpus is missing");
    for seed in seeds {
        let data = std::fs::read(&seed).expect("a readable seed");
        // A panic names the seed through this context line in the output.
        eprintln!("replaying {}", seed.display());
        check(&data);
    }
}

#[test]
fn url_seeds() {
    replay("url", checks::url);
}

#[test]
fn curl_seeds() {
    replay("curl", checks::curl);
}

#[test]
fn error_xml_seeds() {
    replay("error_xml", checks::error_xml);
}

#[test]
fn share_seeds() {
    replay("share", checks::share);
}

#[test]
fn azure_sas_seeds() {
    replay("azure_sas", checks::azure_sas);
}

#[test]
fn sigv4a_seeds() {
    replay("sigv4a", checks::sigv4a);
}

#[test]
fn sigv4_header_seeds() {
    replay("sigv4_header", checks::sigv4_header);
}

#[test]
fn post_seeds() {
    replay("post", checks::post);
}

#[test]
fn signed_url_seeds() {
    replay("signed_url", checks::signed_url);
}

#[test]
fn public_key_seeds() {
    replay("public_key", checks::public_key);
}
