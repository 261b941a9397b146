//! The main input: a presigned URL, a curl command, a presigned POST (the SDK's JSON, an HTML
//! form, a multipart body), or a signed request (a raw HTTP request, an SDK's debug log). Large
//! and paste-friendly; updates on every keystroke.

use crate::text_sync::use_text_area_value;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UrlInputProps {
    pub value: AttrValue,
    pub on_change: Callback<String>,
}

#[component]
pub fn UrlInput(props: &UrlInputProps) -> Html {
    let on_input = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            on_change.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let node = use_text_area_value(props.value.clone());
    html! {
        <div class="field">
            <label for="url-input">{ "Presigned URL, POST or signed request" }</label>
            <textarea id="url-input" data-testid="url-input" class="mono url-box" rows="4"
                spellcheck="false" autocomplete="off" autocapitalize="off"
                placeholder="https://bucket.s3.region.amazonaws.com/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&… or a raw HTTP request, a curl command, an SDK debug log with Authorization: AWS4-HMAC-SHA256 …"
                ref={node} oninput={on_input} />
        </div>
    }
}
