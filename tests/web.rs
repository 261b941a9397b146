//! Browser tests of the page, in headless Chromium (wasm-bindgen-test-runner). They drive the
//! real DOM the way a person does (type, click) and read what is shown. The page's clock and
//! its work after paint are driven by hand (`Timing::Manual`): `scheduler::flush` waits for
//! Yew to finish rendering, `run_jobs` runs the root-cause search the page deferred, and
//! `tick` moves the clock. Never a sleep.
#![cfg(target_arch = "wasm32")]

use presign_core::UnixTime;
use presign_inspector_web::app::AppProps;
use presign_inspector_web::clock::{ManualTiming, Timing};
use presign_inspector_web::state::{EXAMPLE_SECRET, EXAMPLE_URL};
use presign_inspector_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, HtmlInputElement, HtmlTextAreaElement};
use yew::scheduler;

wasm_bindgen_test_configure!(run_in_browser);

/// 2026-11-20T10:00:00Z, when the boto3 fixtures were signed (valid for an hour).
const SIGNED_AT: i64 = 1_795_168_800;
/// boto3/put-content-type (tests/fixtures/sdk/boto3.jsonl): PUT with Content-Type: text/plain.
const PUT_URL: &str = "https://examplebucket.s3.amazonaws.com/upload/hello.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=46a6cabfab6dcd30a8c60da3b2d7932726bc929f428920dbc9efd3462dfc64aa";

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// The page mounted into a fresh element, with a clock the test moves.
struct Page {
    root: Element,
    timing: ManualTiming,
}

impl Page {
    /// Mounts the whole page at instant `now`.
    async fn at(now: i64) -> Page {
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let timing = ManualTiming::new(UnixTime(now));
        let props = AppProps {
            timing: Timing::Manual(timing.clone()),
        };
        yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
        scheduler::flush().await;
        Page { root, timing }
    }

    /// Mounted a minute after the fixtures were signed.
    async fn new() -> Page {
        Page::at(SIGNED_AT + 60).await
    }

    fn by_testid(&self, id: &str) -> Element {
        self.root
            .query_selector(&format!("[data-testid=\"{id}\"]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no element with data-testid={id}"))
    }

    fn has(&self, selector: &str) -> bool {
        self.root.query_selector(selector).unwrap().is_some()
    }

    fn text(&self, id: &str) -> String {
        self.by_testid(id).text_content().unwrap()
    }

    /// Lets the page finish: renders, then runs the work it left for after the paint (the
    /// root-cause search) and renders again.
    async fn settle(&self) {
        scheduler::flush().await;
        while self.timing.run_jobs() > 0 {
            scheduler::flush().await;
        }
    }

    /// Types into a text field as a person does: the value changes, then an `input` event.
    async fn type_into(&self, id: &str, text: &str) {
        self.input(id, text);
        self.settle().await;
    }

    /// The value changes and an `input` event fires, as a person's typing does; nothing more.
    fn input(&self, id: &str, text: &str) {
        let el = self.by_testid(id);
        if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
            area.set_value(text);
        } else {
            el.dyn_ref::<HtmlInputElement>().unwrap().set_value(text);
        }
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        init.set_input_type("insertText");
        let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
        el.dispatch_event(&event).unwrap();
    }

    /// Selects an option as a person does: the value changes, then a `change` event.
    async fn select(&self, id: &str, value: &str) {
        let el = self.by_testid(id);
        el.dyn_ref::<web_sys::HtmlSelectElement>()
            .unwrap()
            .set_value(value);
        let event = Event::new_with_event_init_dict("change", &bubbling()).unwrap();
        el.dispatch_event(&event).unwrap();
        self.settle().await;
    }

    async fn click(&self, id: &str) {
        self.by_testid(id)
            .dyn_ref::<web_sys::HtmlElement>()
            .unwrap()
            .click();
        self.settle().await;
    }

    fn verdict(&self) -> String {
        self.by_testid("verdict")
            .get_attribute("data-verdict")
            .unwrap()
    }

    /// `data-inspections` and `data-searches` of the results: how many reports and searches
    /// the page has made.
    fn counts(&self) -> (usize, usize) {
        let results = self.root.query_selector(".results").unwrap().unwrap();
        let n = |a: &str| {
            results
                .get_attribute(a)
                .and_then(|v| v.parse().ok())
                .unwrap()
        };
        (n("data-inspections"), n("data-searches"))
    }

    async fn tick(&self, now: i64) {
        self.timing.tick(UnixTime(now));
        self.settle().await;
    }
}

fn bubbling() -> web_sys::EventInit {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init
}

#[wasm_bindgen_test]
async fn a_first_visit_says_what_to_paste_without_an_error() {
    let page = Page::new().await;
    assert!(page
        .root
        .text_content()
        .unwrap()
        .contains("Presign Inspector"));
    let empty = page.by_testid("verdict");
    assert_eq!(empty.get_attribute("data-state").as_deref(), Some("empty"));
    assert_eq!(page.verdict(), "not-a-url");
    assert!(page.text("verdict").contains("Paste a presigned URL"));
    // Neutral: no error is shown, and the examples are offered.
    assert!(!page.has("[data-severity=\"error\"]"));
    assert!(page.has("[data-testid=\"empty-example-put-sent-as-get\"]"));
}

#[wasm_bindgen_test]
async fn pasting_the_s3_example_decodes_its_parameters() {
    let page = Page::new().await;
    page.type_into("url-input", EXAMPLE_URL).await;
    page.click("tab-parameters").await;
    let text = page.root.text_content().unwrap();
    assert!(text.contains("X-Amz-Credential"), "{text}");
    assert!(
        text.contains("AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"),
        "{text}"
    );
    // Signed in 2013 for a day, read against the page's clock (2026).
    assert_eq!(page.verdict(), "expired");
    assert!(page.text("countdown").starts_with("expired "));
}

#[wasm_bindgen_test]
async fn the_example_secret_verifies_the_example_url() {
    let page = Page::new().await;
    page.type_into("url-input", EXAMPLE_URL).await;
    page.type_into("secret-input", EXAMPLE_SECRET).await;
    // Expired long ago, so the verdict is about time; the signature itself must match.
    let valid = page
        .root
        .query_selector("[data-finding=\"signature-valid\"]")
        .unwrap()
        .unwrap();
    assert_eq!(valid.get_attribute("data-severity").as_deref(), Some("ok"));
    assert!(!page.has("[data-finding=\"signature-mismatch\"]"));
}

#[wasm_bindgen_test]
async fn an_example_is_evaluated_at_its_own_instant_until_another_url_is_pasted() {
    let page = Page::new().await;
    page.click("empty-example-s3-documentation").await;
    let url = page
        .by_testid("url-input")
        .dyn_into::<HtmlTextAreaElement>()
        .unwrap()
        .value();
    assert_eq!(url, EXAMPLE_URL);
    // Signed in 2013 for a day, shown at its stated instant: it works.
    assert_eq!(page.verdict(), "signature-valid");
    assert!(page
        .text("example-clock")
        .contains("2013-05-24 01:00:00 UTC"));
    page.click("tab-signature").await;
    assert_eq!(
        page.text("computed-signature"),
        "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
    );
    // The canonical request is shown byte for byte, in a monospaced block.
    let creq = page.text("canonical-request");
    assert!(
        creq.starts_with("GET\n/test.txt\nX-Amz-Algorithm=AWS4-HMAC-SHA256&"),
        "{creq}"
    );
    assert!(creq.ends_with("\nhost\nUNSIGNED-PAYLOAD"), "{creq}");
    // Against this computer's clock, the same URL expired long ago.
    page.click("use-browser-clock").await;
    assert_eq!(page.verdict(), "expired");
    assert!(!page.has("[data-testid=\"example-clock\"]"));
}

#[wasm_bindgen_test]
async fn every_failing_example_shows_its_verdict() {
    let page = Page::new().await;
    for e in presign_core::examples::EXAMPLES {
        page.click(&format!("example-{}", e.id)).await;
        assert_eq!(page.verdict(), e.verdict.as_str(), "{}", e.id);
    }
}

#[wasm_bindgen_test]
async fn changing_the_method_changes_the_diagnosis() {
    let page = Page::new().await;
    page.click("empty-example-s3-documentation").await;
    assert!(page.has("[data-finding=\"signature-valid\"]"));
    page.select("method-select", "PUT").await;
    assert!(!page.has("[data-finding=\"signature-valid\"]"));
    assert_eq!(page.verdict(), "method-mismatch");
    page.click("tab-signature").await;
    assert!(page.text("canonical-request").starts_with("PUT\n"));
}

#[wasm_bindgen_test]
async fn the_search_runs_once_typing_pauses_and_names_the_cause() {
    let page = Page::new().await;
    page.type_into("url-input", PUT_URL).await;
    page.select("method-select", "GET").await;
    page.type_into("headers-input", "Content-Type: text/plain")
        .await;
    page.input("secret-input", EXAMPLE_SECRET);
    scheduler::flush().await;
    // Drawn first without the search: the mismatch, and that the search is coming.
    assert_eq!(page.verdict(), "signature-mismatch");
    assert!(page.has("[data-testid=\"searching\"]"));
    let (_, searches) = page.counts();
    page.settle().await;
    assert_eq!(page.counts().1, searches + 1);
    assert_eq!(page.verdict(), "method-mismatch");
    assert!(!page.has("[data-testid=\"searching\"]"));
    // The evidence side by side: what is sent and what was signed.
    let compare = page.text("compare");
    assert!(
        compare.contains("GET") && compare.contains("PUT"),
        "{compare}"
    );
    // One cause, one coloured card: the mismatch it explains is folded away below.
    let symptom = page
        .root
        .query_selector("details [data-finding=\"signature-mismatch\"]")
        .unwrap();
    assert!(symptom.is_some());
}

#[wasm_bindgen_test]
async fn a_tick_moves_the_countdown_and_makes_no_new_report() {
    let page = Page::new().await;
    page.type_into("url-input", PUT_URL).await;
    page.type_into("secret-input", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ")
        .await;
    page.select("method-select", "PUT").await;
    page.type_into("headers-input", "Content-Type: text/plain")
        .await;
    assert_eq!(page.verdict(), "signature-mismatch");
    let before = page.counts();
    let countdown = page.text("countdown");
    for s in 1..=5 {
        page.tick(SIGNED_AT + 60 + s).await;
    }
    // The countdown moved; no report was made and no search ran again.
    assert_ne!(page.text("countdown"), countdown);
    assert_eq!(page.text("countdown"), "expires in 58 min 55 s");
    assert_eq!(page.counts(), before);
    // Crossing the instant the report holds until (ten minutes before expiry) makes a new
    // report, which reuses the search.
    page.tick(SIGNED_AT + 3000).await;
    assert_eq!(page.counts().0, before.0 + 1);
    assert_eq!(page.counts().1, before.1);
    assert!(page.has("[data-finding=\"expires-soon\"]"));
    // And at expiry, the verdict follows the clock.
    page.tick(SIGNED_AT + 3600).await;
    assert_eq!(page.verdict(), "expired");
    assert_eq!(page.counts().1, before.1);
}

#[wasm_bindgen_test]
async fn the_verdict_finding_is_marked_in_the_url() {
    let page = Page::new().await;
    let url = PUT_URL.replace("upload/hello.txt", "Upload/Hello.txt");
    page.type_into("url-input", &url).await;
    page.select("method-select", "PUT").await;
    page.type_into("headers-input", "Content-Type: text/plain")
        .await;
    page.type_into("secret-input", EXAMPLE_SECRET).await;
    assert_eq!(page.verdict(), "key-case");
    let marked: Vec<String> = {
        let list = page.root.query_selector_all(".url-anatomy mark").unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i).and_then(|n| n.text_content()))
            .collect()
    };
    assert_eq!(marked.join("|"), "Upload|Hello.txt");
}

#[wasm_bindgen_test]
async fn every_finding_carries_its_code_and_severity() {
    let page = Page::new().await;
    page.type_into(
        "url-input",
        "https://examplebucket.s3.amazonaws.com/test.txt",
    )
    .await;
    assert_eq!(page.verdict(), "not-presigned");
    let finding = page
        .root
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
async fn the_share_link_never_holds_the_secret_and_goes_when_the_inputs_change() {
    let page = Page::new().await;
    page.click("empty-example-s3-documentation").await;
    page.click("share-button").await;
    let link = page
        .by_testid("share-link")
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
    page.select("method-select", "PUT").await;
    assert!(!page.has("[data-testid=\"share-link\"]"));
    assert!(page.text("share-stale").contains("inputs changed"));
}

#[wasm_bindgen_test]
async fn a_malformed_share_link_shows_a_message_and_the_page() {
    let location = web_sys::window().unwrap().location();
    location.set_hash("v1z.not-deflate").unwrap();
    let page = Page::new().await;
    location.set_hash("").unwrap();
    assert!(page.text("share-error").contains("damaged"));
    assert_eq!(page.verdict(), "not-a-url");
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
    let page = Page::new().await;
    location.set_hash("").unwrap();
    assert!(page.text("restored-notice").contains("share link"));
    let url = page
        .by_testid("url-input")
        .dyn_into::<HtmlTextAreaElement>()
        .unwrap()
        .value();
    assert_eq!(url, EXAMPLE_URL);
    let method = page
        .by_testid("method-select")
        .dyn_into::<web_sys::HtmlSelectElement>()
        .unwrap()
        .value();
    assert_eq!(method, "PUT");
    let secret = page
        .by_testid("secret-input")
        .dyn_into::<HtmlInputElement>()
        .unwrap()
        .value();
    assert_eq!(secret, "");
}

#[wasm_bindgen_test]
async fn a_curl_command_fills_the_method_and_shows_what_it_sends() {
    let page = Page::new().await;
    page.type_into("url-input", PUT_URL).await;
    let curl = format!("curl -X PUT -H 'Content-Type: text/plain' -T file.txt '{PUT_URL}'");
    page.type_into("headers-input", &curl).await;
    let chips = page.text("curl-chips");
    assert!(
        chips.contains("PUT") && chips.contains("Content-Type: text/plain"),
        "{chips}"
    );
    let select = page
        .by_testid("method-select")
        .dyn_into::<web_sys::HtmlSelectElement>()
        .unwrap();
    assert_eq!(select.value(), "PUT");
    assert!(select.disabled());
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
    let page = Page::new().await;
    let url = EXAMPLE_URL.replace("/test.txt", "/r%D0%B5port.txt");
    page.type_into("url-input", &url).await;
    assert!(
        page.has("[data-finding=\"suspicious-characters\"]"),
        "{}",
        page.root.inner_html()
    );
}
