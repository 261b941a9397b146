//! Browser tests of the page's components, in headless Chromium (wasm-bindgen-test-runner).
//! They drive the real DOM the way a person does (type, click) and read what is shown;
//! `scheduler::flush` waits for Yew to finish rendering, never a sleep.
#![cfg(target_arch = "wasm32")]

use presign_inspector::ui::state::{EXAMPLE_SECRET, EXAMPLE_URL};
use presign_inspector::ui::App;
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
    let event =
        Event::new_with_event_init_dict("input", web_sys::EventInit::new().bubbles(true)).unwrap();
    el.dispatch_event(&event).unwrap();
    scheduler::flush().await;
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
    assert_eq!(verdict(&root), "unverified");
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
