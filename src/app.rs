//! The one screen: inputs on one side, the report on the other. Holds the state, the clock
//! tick and the share link the page was opened with.

use super::clock::browser_now;
use super::components::{
    body_file::BodyFile,
    decoded::decoded,
    error_diff::error_diff,
    error_xml_input::ErrorXmlInput,
    file_input::FileInput,
    findings::findings,
    parameters::parameters,
    public_key_input::PublicKeyInput,
    request_inputs::RequestInputs,
    secret_input::{KeyKind, SecretInput},
    share::Share,
    signing::signing,
    snippets::Snippets,
    url_input::UrlInput,
    verdict::verdict_banner,
    SharedReport,
};
use super::state::{Action, Restored, SecretText, State};
use gloo_timers::callback::Interval;
use presign_core::report::Family;
use presign_core::share::{self, Redaction};
use presign_core::sigv4::signature::SigningKeyCache;
use presign_core::{inspect_with, HttpMethod, ReportDetail, Secret};
use std::rc::Rc;
use yew::prelude::*;

/// A callback that turns a value into an action.
fn dispatch<T: 'static>(state: &UseReducerHandle<State>, make: fn(T) -> Action) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |value: T| dispatcher.dispatch(make(value)))
}

/// Reads the share link in the page's fragment, if any.
fn restore_from_fragment(dispatcher: &UseReducerDispatcher<State>) {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    match share::decode(&hash) {
        Ok(Some(shared)) => dispatcher.dispatch(Action::Restore(shared)),
        Ok(None) => {}
        Err(e) => dispatcher.dispatch(Action::RestoreFailed(e.to_string())),
    }
}

fn restored_notice(restored: &Restored) -> Html {
    match restored {
        Restored::Nothing => html! {},
        Restored::FromLink(redaction) => html! {
            <div class="notice sev-info" role="status" data-testid="restored-notice">
                { "\u{2139} Opened from a share link: the URL, method, headers, error body and public key are the sender\u{2019}s. Type the secret access key yourself to re-sign." }
                { for (*redaction == Redaction::SignatureRedacted).then(|| html! {
                    <> { " The sender redacted the signature, so it cannot be verified from this link." } </>
                }) }
            </div>
        },
        Restored::Failed(message) => html! {
            <div class="notice sev-error" role="alert" data-testid="share-error">
                <strong>{ "\u{2716} Share link not restored. " }</strong>{ message.clone() }
            </div>
        },
    }
}

/// Whether the URL is verified with the signer's public key (GCS RSA, CloudFront).
fn wants_public_key(report: &presign_core::Report) -> bool {
    use presign_core::gcs::params::GcsAlgorithm;
    use presign_core::report::Family;
    match report.family {
        Some(Family::Cloudfront) => true,
        Some(Family::GcsV4) => report
            .gcs
            .as_ref()
            .is_some_and(|g| g.algorithm == Some(GcsAlgorithm::Rsa)),
        _ => false,
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(browser_now()));

    // Once, on mount: restore the inputs of a share link; then tick every second so the
    // countdown and the expiry verdict follow the browser clock.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            restore_from_fragment(&dispatcher);
            let interval = Interval::new(1000, move || {
                dispatcher.dispatch(Action::Tick(browser_now()))
            });
            move || drop(interval)
        });
    }

    // Signing keys derived from the typed secret, kept across renders so that a keystroke in
    // the URL does not derive them again (the cache forgets them when the secret is cleared).
    let signing_keys = use_mut_ref(SigningKeyCache::default);

    // Every decision is the domain's: the page renders this report.
    let report = SharedReport(Rc::new(inspect_with(
        &state.inputs(),
        state.now,
        ReportDetail::Full,
        &mut signing_keys.borrow_mut(),
    )));

    let key_kind = if report.family == Some(Family::AzureSas) {
        KeyKind::AzureKey
    } else {
        KeyKind::AwsSecretAccessKey
    };

    let on_example = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::LoadExample))
    };

    html! {
        <>
            <header class="site-header">
                <h1>{ "Presign Inspector" }</h1>
                <p class="tagline">{ "Why does my S3 presigned URL fail? Paste it: everything runs in this tab." }</p>
            </header>
            <main class="layout">
                <section class="inputs card" aria-label="Inputs">
                    { restored_notice(&state.restored) }
                    <UrlInput value={state.url.clone()} on_change={dispatch(&state, Action::SetUrl)} />
                    // A presigned POST uploads a file: its size and name are checked against the policy.
                    { for (report.family == Some(Family::PostPolicy) || state.upload.is_some()).then(|| html! {
                        <FileInput upload={state.upload.clone()} on_change={dispatch(&state, Action::SetUpload)} />
                    }) }
                    // A body file matters only to a header-signed request's payload hash.
                    { for (report.family == Some(Family::Sigv4Header) || state.body.is_some()).then(|| html! {
                        <BodyFile body={state.body.clone()} on_body={dispatch(&state, Action::SetBody)} />
                    }) }
                    <div class="toolbar">
                        <button type="button" class="secondary" data-testid="example-button" onclick={on_example}>
                            { "Load the S3 documentation example" }
                        </button>
                    </div>
                    <RequestInputs method={state.method} headers={state.headers.clone()}
                        on_method={dispatch(&state, Action::SetMethod as fn(Option<HttpMethod>) -> Action)}
                        on_headers={dispatch(&state, Action::SetHeaders)} />
                    <SecretInput value={state.secret.0.expose().to_owned()} visibility={state.secret_visibility} kind={key_kind}
                        on_change={dispatch(&state, |s: String| Action::SetSecret(SecretText(Secret::new(&s))))}
                        on_toggle={dispatch(&state, |()| Action::ToggleSecretVisibility)} />
                    <PublicKeyInput value={state.public_key.clone()} wanted={wants_public_key(&report)}
                        on_change={dispatch(&state, Action::SetPublicKey)} />
                    <ErrorXmlInput value={state.error_xml.clone()} on_change={dispatch(&state, Action::SetErrorXml)} />
                </section>
                <section class="results" aria-label="Results">
                    { verdict_banner(&report.verdict) }
                    { findings(&report.findings) }
                    { decoded(&report) }
                    { parameters(&report) }
                    { error_diff(&report) }
                    { signing(&report) }
                    <Snippets report={report.clone()} />
                    <Share report={report.clone()} url={state.url.clone()} method={state.method}
                        headers={state.headers.clone()} error_xml={state.error_xml.clone()} upload={state.upload.clone()}
                        public_key={state.public_key.clone()} />
                </section>
            </main>
        </>
    }
}
