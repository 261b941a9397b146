//! The main input: a presigned URL, a curl command, a presigned POST (the SDK's JSON, an HTML
//! form, a multipart body), or a signed request (a raw HTTP request, an SDK's debug log). Large
//! and paste-friendly; updates on every keystroke, and says
//! when a keystroke was a paste (the page then brings the verdict into view on a phone).

use crate::text_sync::use_text_area_value;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// A change this much longer than the text before it came all at once: a paste, a drop, or an
/// autofill, whatever the browser calls it.
const PASTED_BYTES: usize = 16;

#[derive(Properties, PartialEq)]
pub struct UrlInputProps {
    pub value: AttrValue,
    pub on_change: Callback<AttrValue>,
    /// Called after `on_change` when the change was a paste.
    pub on_paste: Callback<()>,
}

#[component]
pub fn UrlInput(props: &UrlInputProps) -> Html {
    let on_input = {
        let (on_change, on_paste, before) = (
            props.on_change.clone(),
            props.on_paste.clone(),
            props.value.len(),
        );
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            let pasted = e.input_type().starts_with("insertFrom")
                || value.len() >= before.saturating_add(PASTED_BYTES);
            on_change.emit(value.into());
            if pasted {
                on_paste.emit(());
            }
        })
    };
    let node = use_text_area_value(props.value.clone());
    html! {
        <div class="field">
            <label for="url-input">{ "Presigned URL, POST or signed request" }</label>
            <textarea id="url-input" data-testid="url-input" class="mono url-box" rows="4"
                spellcheck="false" autocomplete="off" autocapitalize="off" aria-describedby="url-hint"
                placeholder="https://bucket.s3.region.amazonaws.com/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&… or a raw HTTP request, a curl command, an SDK debug log with Authorization: AWS4-HMAC-SHA256 …"
                ref={node} oninput={on_input} />
            <p id="url-hint" class="hint">{ "Or the whole curl command that sends it, or an SDK\u{2019}s debug log." }</p>
        </div>
    }
}
