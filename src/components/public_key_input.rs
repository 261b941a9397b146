//! The signer's public key or certificate (PEM), pasted or dropped as a file: GCS
//! `GOOG4-RSA-SHA256` and CloudFront signatures are verified with it, no secret needed. It is
//! public, so share links may carry it; a private key pasted here is not used and never shared.

use crate::text_sync::use_text_area_value;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{DragEvent, HtmlTextAreaElement};
use yew::prelude::*;

/// A dropped file larger than this is not read: a certificate is 1 to 2 KB.
const MAX_DROPPED_BYTES: f64 = 256.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct PublicKeyInputProps {
    pub value: AttrValue,
    pub on_change: Callback<String>,
    /// Open when the pasted URL is verified with a public key.
    pub wanted: bool,
}

#[component]
pub fn PublicKeyInput(props: &PublicKeyInputProps) -> Html {
    let status = use_state(String::new);
    let on_input = {
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let (cb, status) = (props.on_change.clone(), status.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            if file.size() > MAX_DROPPED_BYTES {
                status.set(format!(
                    "{} is too large for a key or certificate; not read.",
                    file.name()
                ));
                return;
            }
            let (cb, status) = (cb.clone(), status.clone());
            let name = file.name();
            spawn_local(async move {
                match JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                {
                    Some(text) => {
                        status.set(format!("Read {name}."));
                        cb.emit(text);
                    }
                    None => status.set(format!("{name} could not be read as text.")),
                }
            });
        })
    };
    let node = use_text_area_value(props.value.clone());
    html! {
        <details class="field" open={props.wanted || !props.value.is_empty()}>
            <summary>{ "Public key or certificate (GCS, CloudFront)" }</summary>
            <label for="public-key-input" class="visually-hidden">{ "Signer's public key or certificate, PEM" }</label>
            <textarea id="public-key-input" data-testid="public-key-input" class="mono" rows="5"
                spellcheck="false" autocomplete="off" aria-describedby="public-key-hint"
                placeholder="-----BEGIN CERTIFICATE-----  (paste, or drop a .pem file here)"
                ref={node} oninput={on_input} ondragover={on_dragover} ondrop={on_drop} />
            <p id="public-key-hint" class="hint">
                { "The signer\u{2019}s PEM public key, X.509 certificate, or Google\u{2019}s JSON of a service account\u{2019}s certificates: it verifies the signature with no secret. It is public, so share links carry it; a private key is neither used nor shared." }
            </p>
            <p class="hint" role="status">{ (*status).clone() }</p>
        </details>
    }
}
