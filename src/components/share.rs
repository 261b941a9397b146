//! The share button: a link to this page with the inputs in the fragment (never the secret),
//! a warning while the presigned URL still works, and the option to redact its signature. A
//! link made for other inputs than the ones on the page is taken away, with a word why.

use crate::clipboard;
use presign_core::post_policy::UploadFile;
use presign_core::report::Family;
use presign_core::share::{self, Redaction, Shared};
use presign_core::HttpMethod;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub report: super::SharedReport,
    pub url: AttrValue,
    pub method: Option<HttpMethod>,
    pub headers: AttrValue,
    pub error_xml: AttrValue,
    pub upload: Option<UploadFile>,
    pub public_key: AttrValue,
}

/// Where share links point, and what the page says about it: this page's address, or, when this
/// copy is a file on disk, the hosted page named when it was built (`<meta
/// name="presign-inspector-hosted-url">`, written by scripts/csp-loader.mjs), else the file.
fn link_base() -> (String, Option<String>) {
    let window = web_sys::window();
    let href = window
        .as_ref()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let here = href.split('#').next().unwrap_or_default().to_owned();
    if !here.starts_with("file:") {
        return (here, None);
    }
    let hosted = window
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(r#"meta[name="presign-inspector-hosted-url"]"#)
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|url| !url.is_empty());
    if let Some(url) = hosted {
        let note = format!("The link opens the hosted page, {url}: this copy is a file on your disk, whose address works only on this computer.");
        (url, Some(note))
    } else {
        let note = "The link opens this file, so it works only on this computer (no hosted page was named when this copy was built).";
        (here, Some(note.to_owned()))
    }
}

#[derive(Clone, Copy, PartialEq)]
enum CopyStatus {
    NotYet,
    Copied,
    Failed,
}

/// The inputs a link was made from, to tell when the page no longer shows them.
#[derive(Clone, PartialEq)]
struct MadeFor {
    url: AttrValue,
    method: Option<HttpMethod>,
    headers: AttrValue,
    error_xml: AttrValue,
    upload: Option<UploadFile>,
    public_key: AttrValue,
}

impl MadeFor {
    fn of(props: &ShareProps) -> Self {
        MadeFor {
            url: props.url.clone(),
            method: props.method,
            headers: props.headers.clone(),
            error_xml: props.error_xml.clone(),
            upload: props.upload.clone(),
            public_key: props.public_key.clone(),
        }
    }
}

#[component]
pub fn Share(props: &ShareProps) -> Html {
    let link = use_state(|| None::<(String, Option<String>, MadeFor)>);
    let redaction = use_state(Redaction::default);
    let status = use_state(|| CopyStatus::NotYet);
    let live = share::is_live_credential(&props.report);

    let on_share = {
        let (link, status, redaction) = (link.clone(), status.clone(), redaction.clone());
        let made_for = MadeFor::of(props);
        let (url, method, headers, error_xml, upload, public_key) = (
            props.url.to_string(),
            props.method,
            props.headers.to_string(),
            props.error_xml.to_string(),
            props.upload.clone(),
            props.public_key.to_string(),
        );
        Callback::from(move |_: MouseEvent| {
            // Redaction is offered only while the URL is live; an expired URL is shared as is.
            let redaction = if live { *redaction } else { Redaction::Kept };
            let url = match redaction {
                Redaction::SignatureRedacted => share::redact_signature(&url),
                Redaction::Kept => url.clone(),
            };
            let shared = Shared {
                url,
                method,
                headers: headers.clone(),
                error_xml: error_xml.clone(),
                public_key: public_key.clone(),
                redaction,
                upload: upload.clone(),
            };
            let (base, note) = link_base();
            let text = format!("{base}#{}", share::encode(&shared));
            link.set(Some((text.clone(), note, made_for.clone())));
            let status = status.clone();
            clipboard::copy(
                &text,
                Callback::from(move |ok| {
                    status.set(if ok {
                        CopyStatus::Copied
                    } else {
                        CopyStatus::Failed
                    });
                }),
            );
        })
    };
    let on_redact = {
        let redaction = redaction.clone();
        let link = link.clone();
        Callback::from(move |e: Event| {
            let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
            redaction.set(if checked {
                Redaction::SignatureRedacted
            } else {
                Redaction::Kept
            });
            // The link shown no longer matches the choice: make a new one.
            link.set(None);
        })
    };

    // A header-signed request can be sent again, as it is, until its clock window closes.
    let what = match props.report.family {
        Some(Family::Sigv4Header) => "signed request",
        Some(Family::PostPolicy) => "presigned POST",
        _ => "presigned URL",
    };
    let warning = live.then(|| {
        html! {
            <div class="notice sev-warning" data-testid="share-warning" role="note">
                <p><strong>{ format!("\u{26a0} Warning: this {what} still works.") }</strong>{ " It is itself a credential: anyone with the link can use it until it expires." }</p>
                <label>
                    <input type="checkbox" data-testid="redact-signature" checked={*redaction == Redaction::SignatureRedacted} onchange={on_redact} />
                    { " Redact the signature in the link (the teammate then cannot verify it)" }
                </label>
            </div>
        }
    });
    let stale = (*link)
        .as_ref()
        .is_some_and(|(_, _, made_for)| *made_for != MadeFor::of(props));
    let shown = (*link).clone().filter(|_| !stale).map(|(l, note, _)| {
        html! {
            <div class="field">
                <label for="share-link">{ "Link to this diagnosis" }</label>
                <input id="share-link" type="text" class="share-link" data-testid="share-link" readonly=true value={l} />
                { for note.map(|note| html! { <p class="hint" data-testid="share-target">{ note }</p> }) }
                <p class="hint" role="status">{ match *status {
                    CopyStatus::Copied => "Copied to the clipboard. The secret access key is not in it.",
                    CopyStatus::Failed => "Copy the link above (the browser did not allow copying). The secret access key is not in it.",
                    CopyStatus::NotYet => "The secret access key is not in the link.",
                } }</p>
            </div>
        }
    });
    let stale_note = stale.then(|| {
        html! {
            <p class="hint" role="status" data-testid="share-stale">
                { "The inputs changed after the link was made, so it was taken away: copy a new link for what the page shows now." }
            </p>
        }
    });
    let button_words = match (&*link, *status) {
        (Some(_), CopyStatus::Copied) if !stale => "\u{2714} Link copied",
        _ => "Copy share link",
    };
    html! {
        <section class="card" aria-labelledby="share-heading">
            <h2 id="share-heading">{ "Share" }</h2>
            <p class="hint">{ "The link carries the URL, method, headers, error body and public key in its #fragment, which browsers never send to a server. It never carries the secret." }</p>
            { for warning }
            <div class="toolbar">
                <button type="button" data-testid="share-button" class={classes!((button_words != "Copy share link").then_some("copied"))} onclick={on_share}>{ button_words }</button>
            </div>
            { for shown }
            { for stale_note }
        </section>
    }
}
