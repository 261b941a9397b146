//! Browser tests of the page's components, in headless Chromium (wasm-bindgen-test-runner).
//! They drive the real DOM the way a person does (type, click) and read what is shown;
//! `scheduler::flush` waits for Yew to finish rendering, never a sleep.
#![cfg(target_arch = "wasm32")]

use presign_inspector_web::state::{EXAMPLE_SECRET, EXAMPLE_URL};
use presign_inspector_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, HtmlInputElement, HtmlTextAreaElement};
use yew::scheduler;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the whole page into a fresh element and returns it.
async fn mount_app() -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    scheduler::flush().await;
    root
}

fn by_testid(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
}

/// Types into a text field as a person does: the value changes, then an `input` event fires.
async fn type_into(root: &Element, id: &str, text: &str) {
    let el = by_testid(root, id);
    if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(text);
    } else {
        el.dyn_ref::<HtmlInputElement>().unwrap().set_value(text);
    }
    let event = Event::new_with_event_init_dict("input", &bubbling()).unwrap();
    el.dispatch_event(&event).unwrap();
    scheduler::flush().await;
}

fn bubbling() -> web_sys::EventInit {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init
}

fn verdict(root: &Element) -> String {
    by_testid(root, "verdict")
        .get_attribute("data-verdict")
        .unwrap()
}

#[wasm_bindgen_test]
async fn empty_page_asks_for_a_url() {
    let root = mount_app().await;
    assert!(root.text_content().unwrap().contains("Presign Inspector"));
    assert_eq!(verdict(&root), "not-a-url");
}

#[wasm_bindgen_test]
async fn pasting_the_s3_example_decodes_its_parameters() {
    let root = mount_app().await;
    type_into(&root, "url-input", EXAMPLE_URL).await;
    let text = root.text_content().unwrap();
    assert!(text.contains("X-Amz-Credential"), "{text}");
    assert!(
        text.contains("AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"),
        "{text}"
    );
    // Signed in 2013 for a day, read against the browser clock.
    assert_eq!(verdict(&root), "expired");
    assert!(by_testid(&root, "countdown")
        .text_content()
        .unwrap()
        .starts_with("expired "));
}

#[wasm_bindgen_test]
async fn the_example_secret_verifies_the_example_url() {
    let root = mount_app().await;
    type_into(&root, "url-input", EXAMPLE_URL).await;
    type_into(&root, "secret-input", EXAMPLE_SECRET).await;
    // Expired long ago, so the verdict may be about time; the signature itself must match.
    let valid = root
        .query_selector("[data-finding=\"signature-valid\"]")
        .unwrap();
    assert_eq!(
        valid.unwrap().get_attribute("data-severity").as_deref(),
        Some("ok")
    );
    assert!(root
        .query_selector("[data-finding=\"signature-mismatch\"]")
        .unwrap()
        .is_none());
}

/// Selects an option as a person does: the value changes, then a `change` event fires.
async fn select(root: &Element, id: &str, value: &str) {
    let el = by_testid(root, id);
    el.dyn_ref::<web_sys::HtmlSelectElement>()
        .unwrap()
        .set_value(value);
    let event = Event::new_with_event_init_dict("change", &bubbling()).unwrap();
    el.dispatch_event(&event).unwrap();
    scheduler::flush().await;
}

async fn click(root: &Element, id: &str) {
    by_testid(root, id)
        .dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_example_button_fills_url_and_secret() {
    let root = mount_app().await;
    click(&root, "example-button").await;
    let url = by_testid(&root, "url-input")
        .dyn_into::<HtmlTextAreaElement>()
        .unwrap()
        .value();
    assert_eq!(url, EXAMPLE_URL);
    assert_eq!(
        by_testid(&root, "computed-signature")
            .text_content()
            .unwrap(),
        "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
    );
    // The canonical request is shown byte for byte, in a monospaced block.
    let creq = by_testid(&root, "canonical-request")
        .text_content()
        .unwrap();
    assert!(
        creq.starts_with("GET\n/test.txt\nX-Amz-Algorithm=AWS4-HMAC-SHA256&"),
        "{creq}"
    );
    assert!(creq.ends_with("\nhost\nUNSIGNED-PAYLOAD"), "{creq}");
}

#[wasm_bindgen_test]
async fn changing_the_method_changes_the_diagnosis() {
    let root = mount_app().await;
    click(&root, "example-button").await;
    assert!(root
        .query_selector("[data-finding=\"signature-valid\"]")
        .unwrap()
        .is_some());
    select(&root, "method-select", "PUT").await;
    assert!(root
        .query_selector("[data-finding=\"signature-valid\"]")
        .unwrap()
        .is_none());
    let creq = by_testid(&root, "canonical-request")
        .text_content()
        .unwrap();
    assert!(creq.starts_with("PUT\n"), "{creq}");
}

#[wasm_bindgen_test]
async fn every_finding_carries_its_code_and_severity() {
    let root = mount_app().await;
    type_into(
        &root,
        "url-input",
        "https://examplebucket.s3.amazonaws.com/test.txt",
    )
    .await;
    assert_eq!(verdict(&root), "not-presigned");
    let finding = root
        .query_selector("[data-finding=\"not-presigned\"]")
        .unwrap()
        .unwrap();
    assert_eq!(
        finding.get_attribute("data-severity").as_deref(),
        Some("error")
    );
    // Colour is never the only signal: the severity is also written out.
    assert!(finding.text_content().unwrap().contains("Error"));
}

#[wasm_bindgen_test]
async fn the_share_link_never_holds_the_secret() {
    let root = mount_app().await;
    click(&root, "example-button").await;
    click(&root, "share-button").await;
    let link = by_testid(&root, "share-link")
        .dyn_into::<HtmlInputElement>()
        .unwrap()
        .value();
    assert!(link.contains("#v1"), "{link}");
    assert!(
        !link.contains(EXAMPLE_SECRET) && !link.contains("wJalrXUtnFEMI"),
        "{link}"
    );
    let fragment = link.split_once('#').unwrap().1;
    let shared = presign_core::share::decode(fragment).unwrap().unwrap();
    assert_eq!(shared.url, EXAMPLE_URL);
}

#[wasm_bindgen_test]
async fn a_malformed_share_link_shows_a_message_and_the_page() {
    let location = web_sys::window().unwrap().location();
    location.set_hash("v1z.not-deflate").unwrap();
    let root = mount_app().await;
    location.set_hash("").unwrap();
    let error = by_testid(&root, "share-error").text_content().unwrap();
    assert!(error.contains("damaged"), "{error}");
    assert_eq!(verdict(&root), "not-a-url");
}

#[wasm_bindgen_test]
async fn a_share_link_restores_the_inputs_but_not_a_secret() {
    use presign_core::share::{encode, Redaction, Shared};
    use presign_core::HttpMethod;
    let shared = Shared {
        url: EXAMPLE_URL.to_owned(),
        method: Some(HttpMethod::Put),
        headers: "Content-Type: text/plain".to_owned(),
        error_xml: String::new(),
        public_key: String::new(),
        redaction: Redaction::Kept,
        upload: None,
    };
    let location = web_sys::window().unwrap().location();
    location.set_hash(&encode(&shared)).unwrap();
    let root = mount_app().await;
    location.set_hash("").unwrap();
    assert!(by_testid(&root, "restored-notice")
        .text_content()
        .unwrap()
        .contains("share link"));
    let url = by_testid(&root, "url-input")
        .dyn_into::<HtmlTextAreaElement>()
        .unwrap()
        .value();
    assert_eq!(url, EXAMPLE_URL);
    let method = by_testid(&root, "method-select")
        .dyn_into::<web_sys::HtmlSelectElement>()
        .unwrap()
        .value();
    assert_eq!(method, "PUT");
    let secret = by_testid(&root, "secret-input")
        .dyn_into::<HtmlInputElement>()
        .unwrap()
        .value();
    assert_eq!(secret, "");
}

#[wasm_bindgen_test]
fn the_browser_unicode_data_agrees_with_std() {
    // The page takes case mapping and letters-or-digits from JavaScript instead of shipping
    // Unicode's tables: on these characters it must answer as std does natively.
    let u = presign_inspector_web::unicode::browser();
    for text in [
        "Stra\u{df}e.JPG",
        "\u{3a3}\u{391}\u{3a3} \u{3a3}",
        "Caf\u{e9}/\u{130}stanbul",
        "\u{1f600}x",
    ] {
        assert_eq!((u.lower)(text), text.to_lowercase(), "{text}");
        assert_eq!((u.upper)(text), text.to_uppercase(), "{text}");
    }
    for c in [
        '\u{e9}',
        '\u{436}',
        '\u{5d0}',
        '\u{65e5}',
        '\u{663}',
        '\u{2167}',
        '\u{ff46}',
        '\u{1d41a}',
        '\u{200b}',
        '\u{202e}',
        '\u{2014}',
        '\u{a0}',
        '\u{1f600}',
        '\u{301}',
    ] {
        assert_eq!(
            (u.is_alphanumeric)(c),
            c.is_alphanumeric(),
            "U+{:04X}",
            u32::from(c)
        );
    }
}

#[wasm_bindgen_test]
async fn a_look_alike_letter_in_the_key_is_found_in_the_browser() {
    // A Cyrillic е inside a Latin word: the word split needs the browser's letters-or-digits.
    let root = mount_app().await;
    let url = EXAMPLE_URL.replace("/test.txt", "/r%D0%B5port.txt");
    type_into(&root, "url-input", &url).await;
    assert!(
        root.query_selector("[data-finding=\"suspicious-characters\"]")
            .unwrap()
            .is_some(),
        "{}",
        root.inner_html()
    );
}
