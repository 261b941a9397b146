//! How the request is sent: the method and the headers (or a whole curl command).

use crate::text_sync::use_text_area_value;
use presign_core::HttpMethod;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RequestInputsProps {
    /// `None`: not told (the page finds the method the signature was made for).
    pub method: Option<HttpMethod>,
    pub headers: AttrValue,
    pub on_method: Callback<Option<HttpMethod>>,
    pub on_headers: Callback<String>,
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
            cb.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let headers_node = use_text_area_value(props.headers.clone());
    let options = HttpMethod::ALL.iter().map(|m| {
        html! { <option value={m.as_str()} selected={Some(*m) == props.method}>{ m.as_str() }</option> }
    });
    html! {
        <div class="row">
            <div class="field">
                <label for="method-select">{ "Method sent" }</label>
                <select id="method-select" data-testid="method-select" onchange={on_method}>
                    <option value="" selected={props.method.is_none()}>{ "Not told" }</option>
                    { for options }
                </select>
            </div>
            <div class="field">
                <label for="headers-input">{ "Headers sent" }</label>
                <textarea id="headers-input" data-testid="headers-input" class="mono" rows="3"
                    spellcheck="false" autocomplete="off" aria-describedby="headers-hint"
                    placeholder="Content-Type: image/png"
                    ref={headers_node} oninput={on_headers} />
                <p id="headers-hint" class="hint">{ "One Name: value per line, or paste the whole curl command." }</p>
            </div>
        </div>
    }
}
