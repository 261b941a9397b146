//! The examples: a menu beside the URL box, and the empty state a first visit opens on, which
//! says what to paste and offers the same examples. Each example is evaluated at an instant of
//! its own (`presign_core::examples`), stated on the page while it is looked at.

use super::chips::code_chip;
use crate::format::time;
use presign_core::examples::{Example, EXAMPLES};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// One button per example.
fn example_buttons(
    on_load: &Callback<(MouseEvent, &'static Example)>,
    testid_prefix: &str,
) -> Html {
    let mut items = Vec::new();
    for e in EXAMPLES {
        let onclick = on_load.reform(move |m: MouseEvent| (m, e));
        items.push(html! {
            <li>
                <button type="button" class="link-button" data-example={e.id}
                    data-testid={format!("{testid_prefix}{}", e.id)} {onclick}>{ e.title }</button>
                { " " }{ code_chip(e.verdict.as_str()) }
            </li>
        });
    }
    html! { <ul class="example-list">{ for items }</ul> }
}

/// Closes the menu a button is in and puts the focus back on "Examples": the button pressed
/// is hidden now.
fn close_menu(e: &MouseEvent) {
    let details = e
        .target_dyn_into::<web_sys::Element>()
        .and_then(|el| el.closest("details").ok().flatten());
    if let Some(details) = details.and_then(|d| d.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
        details.set_open(false);
        if let Some(summary) = details
            .first_element_child()
            .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = summary.focus();
        }
    }
}

/// "Examples" beside the URL box: a disclosure with one button per example, closed again once
/// one is chosen.
pub fn examples_menu(on_load: &Callback<&'static Example>) -> Html {
    let on_load = {
        let cb = on_load.clone();
        Callback::from(move |(e, example): (MouseEvent, &'static Example)| {
            close_menu(&e);
            cb.emit(example);
        })
    };
    html! {
        <details class="menu">
            <summary data-testid="example-button">{ "Examples" }</summary>
            <div class="menu-body">
                <p class="hint">{ "Failing requests, each shown at the instant it is stated for:" }</p>
                { example_buttons(&on_load, "example-") }
            </div>
        </details>
    }
}

/// What the page says while it is looked at an example: at which instant it is evaluated, and
/// how to evaluate it against this computer's clock instead.
pub fn example_clock(example: &Example, on_browser_clock: Callback<MouseEvent>) -> Html {
    html! {
        <div class="notice sev-info" data-testid="example-clock" role="note">
            <strong>{ format!("Example: {}. ", example.title) }</strong>
            { "Evaluated at " }{ time(example.at) }{ ", the instant it is stated for, not this computer\u{2019}s clock. " }
            <button type="button" class="link-button" data-testid="use-browser-clock" onclick={on_browser_clock}>{ "Use this computer\u{2019}s clock" }</button>
        </div>
    }
}

/// A first visit: what to paste, what else helps, and the examples. Neutral: nothing failed.
/// `verdict` is the one the domain gives for no input, for the page's contract
/// (`data-verdict`).
pub fn empty_state(on_load: &Callback<&'static Example>, verdict: &'static str) -> Html {
    html! {
        <section class="card empty-state" aria-labelledby="empty-heading"
            data-testid="verdict" data-verdict={verdict} data-state="empty">
            <h2 id="empty-heading">{ "Paste a presigned URL to see why it fails" }</h2>
            <p>{ "An S3 presigned URL (with X-Amz-Signature or Signature in it), or the whole curl command that sends it. It is read at once: what it grants, until when, and what the URL alone shows is wrong." }</p>
            <ul class="steps">
                <li><strong>{ "Method and headers you send" }</strong>{ ": which signed headers are missing or differ." }</li>
                <li><strong>{ "The secret access key" }</strong>{ ": the request is re-signed here, and if the signature differs, hundreds of variants are tried to find what changed." }</li>
                <li><strong>{ "S3\u{2019}s error response" }</strong>{ ": its canonical request is compared with this page\u{2019}s, line by line, without the secret." }</li>
            </ul>
            <p class="hint">{ "Nothing leaves this tab: the page makes no request, and the secret is never stored or put in a link." }</p>
            <h3 class="small-heading">{ "Or open an example" }</h3>
            { example_buttons(&on_load.reform(|(_, e)| e), "empty-example-") }
        </section>
    }
}
