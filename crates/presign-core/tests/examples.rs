//! The page's examples menu (`presign_core::examples`): each example, at its own instant, shows
//! the verdict it is named for, whatever the real clock says.

#[path = "../../../tests/support/normalizer.rs"]
mod support_normalizer;
use presign_core::examples::{example, EXAMPLES};
use presign_core::{inspect, Code, Inputs, Secret};
use support_normalizer::normalizer;

fn inputs(e: &presign_core::examples::Example) -> Inputs {
    Inputs {
        url: e.url.to_owned(),
        method: e.method,
        headers: e.headers.to_owned(),
        secret: (!e.secret.is_empty()).then(|| Secret::new(e.secret)),
        error_xml: e.error_xml.to_owned(),
        normalizer: Some(normalizer()),
        ..Inputs::default()
    }
}

#[test]
fn every_example_shows_its_verdict_at_its_instant() {
    for e in EXAMPLES {
        let r = inspect(&inputs(e), e.at);
        assert_eq!(r.verdict.code, e.verdict, "{}: {:#?}", e.id, r.findings);
    }
}

#[test]
fn at_least_five_examples_fail_and_one_works() {
    let failing = EXAMPLES
        .iter()
        .filter(|e| e.verdict != Code::SignatureValid)
        .count();
    assert!(failing >= 5);
    assert_eq!(
        example("s3-documentation").map(|e| e.verdict),
        Some(Code::SignatureValid)
    );
    let mut ids: Vec<&str> = EXAMPLES.iter().map(|e| e.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), EXAMPLES.len());
}

#[test]
fn the_error_body_example_marks_the_charset_the_browser_added() {
    let e = example("s3-error-body").unwrap();
    let r = inspect(&inputs(e), e.at);
    let server = r.server.expect("the body is read");
    assert_eq!(server.canonical_request_matches, Some(false));
    let changed = server
        .canonical_request_diff
        .iter()
        .find(|l| l.part == "header content-type")
        .expect("the content-type line differs");
    assert_eq!(
        changed.theirs.as_deref(),
        Some("content-type:text/plain;charset=UTF-8")
    );
}
