//! S3's XML error body, in a collapsible section: pasting it lets the page diff S3's canonical
//! request and string to sign against its own, without the secret.

use crate::text_sync::use_text_area_value;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorXmlInputProps {
    pub value: AttrValue,
    pub on_change: Callback<AttrValue>,
}

#[component]
pub fn ErrorXmlInput(props: &ErrorXmlInputProps) -> Html {
    let on_input = {
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(
                e.target_unchecked_into::<HtmlTextAreaElement>()
                    .value()
                    .into(),
            );
        })
    };
    let node = use_text_area_value(props.value.clone());
    html! {
        <details class="field" open={!props.value.is_empty()}>
            <summary>{ "The service\u{2019}s error response (optional)" }</summary>
            <label for="error-xml-input" class="visually-hidden">{ "Error body (S3 or Azure Storage)" }</label>
            <textarea id="error-xml-input" data-testid="error-xml-input" class="mono" rows="6"
                spellcheck="false" autocomplete="off" aria-describedby="error-xml-hint"
                placeholder="<Error><Code>SignatureDoesNotMatch</Code>…</Error>"
                ref={node} oninput={on_input} />
            <p id="error-xml-hint" class="hint">{ "Paste the body S3 or Azure Storage answered with: its canonical request and string to sign are compared with this page\u{2019}s, line by line." }</p>
        </details>
    }
}
