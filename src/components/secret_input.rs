//! The key material (the secret access key, or an Azure account key): a password field with a
//! show toggle. It stays in this tab's memory: never stored, never put in a link, never logged.

use crate::state::SecretVisibility;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Which key the pasted request is checked with, for the field's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyKind {
    /// AWS (SigV4, SigV2, SigV4A): the secret access key.
    #[default]
    AwsSecretAccessKey,
    /// An Azure SAS: the account key, or a user delegation key's value.
    AzureKey,
}

#[derive(Properties, PartialEq)]
pub struct SecretInputProps {
    pub value: AttrValue,
    pub kind: KeyKind,
    pub visibility: SecretVisibility,
    pub on_change: Callback<String>,
    pub on_toggle: Callback<()>,
}

#[component]
pub fn SecretInput(props: &SecretInputProps) -> Html {
    let on_input = {
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_toggle = {
        let cb = props.on_toggle.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let shown = props.visibility == SecretVisibility::Shown;
    let (label, which) = match props.kind {
        KeyKind::AwsSecretAccessKey => ("Secret access key (optional)", ""),
        KeyKind::AzureKey => (
            "Account key (optional)",
            " For an Azure SAS: key1 or key2 of the storage account (base64, or the whole connection string), or the user delegation key\u{2019}s value.",
        ),
    };
    html! {
        <div class="field">
            <label for="secret-input">{ label }</label>
            <div class="secret-row">
                <input id="secret-input" data-testid="secret-input" type={if shown { "text" } else { "password" }}
                    autocomplete="off" spellcheck="false" autocapitalize="off" aria-describedby="secret-hint"
                    value={props.value.clone()} oninput={on_input} />
                <button type="button" class="secondary" data-testid="secret-toggle" aria-pressed={if shown { "true" } else { "false" }}
                    aria-controls="secret-input" onclick={on_toggle}>{ if shown { "Hide" } else { "Show" } }</button>
            </div>
            <p id="secret-hint" class="hint">
                { "Never leaves this tab: it is used here to re-sign the request and is not stored, sent or put in share links." }{ which }
            </p>
        </div>
    }
}
