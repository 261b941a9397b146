//! The panic hook's banner, in headless Chromium: what a person sees when the page hits a bug,
//! and that the report they are asked to send holds none of their input.
//!
//! The hook itself cannot be triggered here without aborting the test (wasm panics abort), so
//! these tests call what it calls: `report_text` and `show_banner`.
#![cfg(target_arch = "wasm32")]

use presign_inspector_web::panic::{mailto_link, report_text, scrub, show_banner};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn by_testid(id: &str) -> web_sys::Element {
    document()
        .query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
}

/// A real panic message of a bad string slice: it quotes the string, which could be anything
/// the user typed.
const SLICE_PANIC: &str =
    "byte index 5 is not a char boundary; it is inside 'é' (bytes 4..6) of `wJalrXUtnFEMI/K7MDENG`";

#[wasm_bindgen_test]
fn the_banner_says_what_happened_and_how_to_report_it() {
    let report = report_text(SLICE_PANIC, Some("src/presign/url.rs:10:5"));
    assert!(show_banner(&report).is_some());

    let banner = by_testid("panic-banner");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    // First in the page, above the dead app.
    assert_eq!(
        document().body().unwrap().first_element_child().unwrap(),
        banner
    );
    let text = banner.text_content().unwrap();
    assert!(
        text.contains("Something went wrong inside Presign Inspector"),
        "{text}"
    );
    assert!(text.contains("reload it to start again"), "{text}");

    let shown = by_testid("panic-report").text_content().unwrap();
    assert!(shown.contains("at: src/presign/url.rs:10:5"), "{shown}");
    assert!(
        shown.contains(
            "error: byte index 5 is not a char boundary; it is inside '…' (bytes 4..6) of `…`"
        ),
        "{shown}"
    );
    assert!(
        !shown.contains("wJalr") && !shown.contains('é'),
        "the report quotes user input: {shown}"
    );

    let link = by_testid("panic-report-link");
    let href = link.get_attribute("href").unwrap();
    assert!(href.starts_with("mailto:?subject=Presign%20Inspector%3A%20internal%20error&body=Presign%20Inspector%20stopped"), "{href}");
    assert_eq!(href, mailto_link(&shown));

    // A second panic does not stack a second banner.
    assert!(show_banner("again").is_some());
    assert_eq!(
        document()
            .query_selector_all("[data-testid=panic-banner]")
            .unwrap()
            .length(),
        1
    );
}

#[wasm_bindgen_test]
fn markup_in_a_panic_message_is_shown_as_text() {
    // Quotes are blanked, and whatever is left is set as text, never parsed as HTML.
    let report = report_text("<img src=x onerror=alert(1)> failed", None);
    assert!(report.contains("error: <img src=x onerror=alert(1)> failed"));
    assert_eq!(scrub("a \"secret\" b"), "a \"…\" b");
    let root = document().create_element("div").unwrap();
    root.set_text_content(Some(&report));
    assert!(root.query_selector("img").unwrap().is_none());
}
