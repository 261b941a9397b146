//! How the request is sent: the method and the headers (or a whole curl command). When a curl
//! command is pasted, what it contributed is shown as chips, and the method follows it.

use super::chips::chip_row;
use crate::text_sync::use_text_area_value;
use presign_core::HttpMethod;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What a pasted curl command sends, as the report read it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FromCurl {
    /// The method curl sends (`-X`, `-T`, `-I`, …), if it is one a presigned URL is used with.
    pub method: Option<HttpMethod>,
    /// The method as curl would send it, even one that is not (`PATCH`).
    pub method_text: String,
    /// `Name: value` of each header it sends.
    pub headers: Vec<String>,
    /// Whether the command was pasted in the headers box (else in the URL box).
    pub in_headers: bool,
}

#[derive(Properties, PartialEq)]
pub struct RequestInputsProps {
    /// `None`: not told (the page finds the method the signature was made for).
    pub method: Option<HttpMethod>,
    pub headers: AttrValue,
    /// What a pasted curl command sends, when one was pasted.
    #[prop_or_default]
    pub curl: Option<FromCurl>,
    pub on_method: Callback<Option<HttpMethod>>,
    pub on_headers: Callback<AttrValue>,
}

/// The chips for what curl sends.
pub fn curl_chips(curl: &FromCurl) -> Html {
    let mut chips = vec![curl.method_text.clone()];
    chips.extend(curl.headers.iter().cloned());
    chip_row("From the curl command:", chips, "curl-chips")
}

#[component]
pub fn RequestInputs(props: &RequestInputsProps) -> Html {
    let on_method = {
        let cb = props.on_method.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            cb.emit(HttpMethod::parse(&value));
        })
    };
    let on_headers = {
        let cb = props.on_headers.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(
                e.target_unchecked_into::<HtmlTextAreaElement>()
                    .value()
                    .into(),
            );
        })
    };
    let headers_node = use_text_area_value(props.headers.clone());
    // The method a pasted curl command sends wins: the field shows it and cannot be changed.
    let curl_method = props.curl.as_ref().and_then(|c| c.method);
    let shown = curl_method.or(props.method);
    let mut options = Vec::new();
    for m in HttpMethod::ALL {
        options.push(html! { <option value={m.as_str()} selected={Some(m) == shown}>{ m.as_str() }</option> });
    }
    let chips = props.curl.as_ref().filter(|c| c.in_headers).map(curl_chips);
    html! {
        <div class="row">
            <div class="field">
                <label for="method-select">{ "Method sent" }</label>
                <select id="method-select" data-testid="method-select" onchange={on_method}
                    disabled={curl_method.is_some()} aria-describedby="method-hint">
                    <option value="" selected={shown.is_none()}>{ "Not told" }</option>
                    { for options }
                </select>
                <p id="method-hint" class="hint">{ if curl_method.is_some() { "Set by the curl command." } else { "What the client sends." } }</p>
            </div>
            <div class="field">
                <label for="headers-input">{ "Headers sent" }</label>
                <textarea id="headers-input" data-testid="headers-input" class="mono" rows="3"
                    spellcheck="false" autocomplete="off" aria-describedby="headers-hint"
                    placeholder="Content-Type: image/png"
                    ref={headers_node} oninput={on_headers} />
                <p id="headers-hint" class="hint">{ "One Name: value per line, or paste the whole curl command." }</p>
                { for chips }
            </div>
        </div>
    }
}
