//! The one screen: the inputs, then the verdict first and the rest of the report below it.
//! Holds the state, the clock tick and the share link the page was opened with; the report
//! itself comes from `inspector::use_inspection`.
//!
//! To add an input (a family's key file, a body to hash), add a component in `components/`, a
//! field and an action in `state.rs`, and one line in the inputs section below.

use super::clock::Timing;
use super::components::{
    body_file::BodyFile,
    details::Details,
    error_xml_input::ErrorXmlInput,
    examples::{empty_state, example_clock, examples_menu},
    file_input::FileInput,
    findings::Findings,
    public_key_input::PublicKeyInput,
    request_inputs::{curl_chips, FromCurl, RequestInputs},
    secret_input::{KeyKind, SecretInput},
    share::Share,
    snippets::Snippets,
    url_input::UrlInput,
    url_view::url_view,
    verdict::{verdict_card, verdict_index},
};
use super::inspector::use_inspection;
use super::state::{Action, Restored, SecretText, State};
use gloo_timers::callback::Timeout;
use presign_core::examples::Example;
use presign_core::gcs::params::GcsAlgorithm;
use presign_core::input::curl::looks_like_curl;
use presign_core::report::Family;
use presign_core::share::{self, Redaction};
use presign_core::{HttpMethod, Report, Secret};
use yew::prelude::*;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The browser's clock and timers; tests drive them by hand.
    #[prop_or_default]
    pub timing: Timing,
}

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
                { "\u{2139} Opened from a share link: the URL, method, headers and error body are the sender\u{2019}s. Type the secret access key yourself to re-sign." }
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

/// What a pasted curl command contributed, as the report read it.
fn from_curl(report: &Report, headers: &str) -> Option<FromCurl> {
    report.curl.as_ref().map(|c| FromCurl {
        method: c.method,
        method_text: c.method_text.clone(),
        headers: c
            .headers
            .iter()
            .map(|h| format!("{}: {}", h.name, h.value))
            .collect(),
        in_headers: looks_like_curl(headers),
    })
}

/// Whether the URL is verified with the signer's public key (GCS RSA, CloudFront).
fn wants_public_key(report: &Report) -> bool {
    match report.family {
        Some(Family::Cloudfront) => true,
        Some(Family::GcsV4) => report
            .gcs
            .as_ref()
            .is_some_and(|g| g.algorithm == Some(GcsAlgorithm::Rsa)),
        _ => false,
    }
}

/// Brings the verdict into view on a narrow screen, where it sits below the inputs: the page
/// scrolls as little as it takes to show the whole verdict card, or, when the card is taller
/// than two thirds of the screen, its top a third of the way down; the focus stays where the
/// person is typing.
fn reveal_verdict() {
    let Some(window) = web_sys::window() else {
        return;
    };
    // The layout puts the results beside the inputs from 1000 px on (style.css).
    let narrow = window
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < 1000.0);
    let verdict = window
        .document()
        .and_then(|d| d.query_selector("[data-testid=verdict]").ok().flatten());
    let (true, Some(verdict)) = (narrow, verdict) else {
        return;
    };
    let screen = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let rect = verdict.get_bounding_client_rect();
    let target = (screen - rect.height()).max(screen / 3.0);
    if rect.top() < 0.0 || rect.top() > target {
        window.scroll_by_with_x_and_y(0.0, rect.top() - target);
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let timing = props.timing.clone();
    let state = use_reducer({
        let timing = timing.clone();
        move || State::new(timing.now())
    });

    // Once, on mount: restore the inputs of a share link; then tick every second so the
    // countdown and the expiry verdict follow the clock.
    {
        let (dispatcher, timing) = (state.dispatcher(), timing.clone());
        use_effect_with((), move |()| {
            restore_from_fragment(&dispatcher);
            let ticks = timing.every_second(Callback::from(move |now| {
                dispatcher.dispatch(Action::Tick(now));
            }));
            move || drop(ticks)
        });
    }

    let key = state.key();
    let inspection = use_inspection(&key, state.evaluated_at(), &timing);
    let report = inspection.report.clone();

    // The finding whose place in the URL is marked: the one pointed at, else the verdict's.
    let marked = state.pointed.or_else(|| verdict_index(&report));
    // The dispatcher as a callback is the same from one render to the next, so the findings
    // (drawn again only when their props change) are not drawn again at each tick.
    let on_point: Callback<Action> = state.dispatcher().into();

    let key_kind = if report.family == Some(Family::AzureSas) {
        KeyKind::AzureKey
    } else {
        KeyKind::AwsSecretAccessKey
    };

    // After a paste (or an example), once the new report is drawn (Yew draws before the next
    // task): the verdict in view on a phone.
    let on_paste = Callback::from(|()| {
        Timeout::new(0, reveal_verdict).forget();
    });
    let on_example = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: &'static Example| {
            dispatcher.dispatch(Action::LoadExample(e));
            Timeout::new(0, reveal_verdict).forget();
        })
    };
    let on_browser_clock = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::UseBrowserClock))
    };
    let curl = from_curl(&report, &state.headers);
    let results = if key.is_empty() {
        empty_state(&on_example, report.verdict.code.as_str())
    } else {
        html! {
            <>
                { verdict_card(&report, state.evaluated_at(), inspection.searching) }
                { url_view(&report, marked, state.evaluated_at()) }
                <Findings report={report.clone()} on_point={on_point} />
                <Details report={report.clone()} />
                <Snippets report={report.clone()} />
                <Share report={report.clone()} url={state.url.clone()} method={state.method}
                    headers={state.headers.clone()} error_xml={state.error_xml.clone()} upload={state.upload.clone()}
                    public_key={state.public_key.clone()} />
            </>
        }
    };

    html! {
        <>
            <header class="site-header">
                <h1>{ "Presign Inspector" }</h1>
                <p class="tagline">{ "Why does my presigned URL fail? Everything runs in this tab." }</p>
            </header>
            <main class="layout">
                <section class="inputs card" aria-label="Inputs">
                    { restored_notice(&state.restored) }
                    <UrlInput value={state.url.clone()} on_change={dispatch(&state, Action::SetUrl)} on_paste={on_paste} />
                    { for curl.as_ref().filter(|c| !c.in_headers).map(curl_chips) }
                    // A presigned POST uploads a file: its size and name are checked against the policy.
                    { for (report.family == Some(Family::PostPolicy) || state.upload.is_some()).then(|| html! {
                        <FileInput upload={state.upload.clone()} on_change={dispatch(&state, Action::SetUpload)} />
                    }) }
                    // A body file matters only to a header-signed request's payload hash.
                    { for (report.family == Some(Family::Sigv4Header) || state.body.is_some()).then(|| html! {
                        <BodyFile body={state.body.clone()} on_body={dispatch(&state, Action::SetBody)} />
                    }) }
                    { examples_menu(&on_example) }
                    { for state.example.map(|e| example_clock(e, on_browser_clock.clone())) }
                    <RequestInputs method={state.method} headers={state.headers.clone()} curl={curl.clone()}
                        on_method={dispatch(&state, Action::SetMethod as fn(Option<HttpMethod>) -> Action)}
                        on_headers={dispatch(&state, Action::SetHeaders)} />
                    <SecretInput value={state.secret.0.expose().to_owned()} visibility={state.secret_visibility} kind={key_kind}
                        on_change={dispatch(&state, |s: String| Action::SetSecret(SecretText(Secret::new(&s))))}
                        on_toggle={dispatch(&state, |()| Action::ToggleSecretVisibility)} />
                    <PublicKeyInput value={state.public_key.clone()} wanted={wants_public_key(&report)}
                        on_change={dispatch(&state, Action::SetPublicKey)} />
                    <ErrorXmlInput value={state.error_xml.clone()} on_change={dispatch(&state, Action::SetErrorXml)} />
                </section>
                <section class="results" aria-label="Results" data-inspections={inspection.inspections.to_string()}
                    data-searches={inspection.searches.to_string()} data-searching={inspection.searching.to_string()}>
                    { results }
                </section>
            </main>
        </>
    }
}
