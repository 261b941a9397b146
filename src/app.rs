//! The one screen: the inputs, then the verdict first and the rest of the report below it.
//! Holds the state, the clock tick and the share link the page was opened with; the report
//! itself comes from `inspector::use_inspection`.
//!
//! To add an input (a family's key file, a body to hash), add a component in `components/`, a
//! field and an action in `state.rs`, and one line in the inputs section below.

use super::clock::Timing;
use super::components::{
    details::Details,
    error_xml_input::ErrorXmlInput,
    examples::{example_clock, EmptyState, ExamplesMenu},
    findings::Findings,
    request_inputs::{curl_chips, FromCurl, RequestInputs},
    secret_input::SecretInput,
    share::Share,
    snippets::Snippets,
    url_input::UrlInput,
    url_view::UrlView,
    verdict::{verdict_index, VerdictCard},
};
use super::inspector::use_inspection;
use super::state::{Action, Restored, SecretText, State};
use presign_core::examples::Example;
use presign_core::input::curl::looks_like_curl;
use presign_core::share::{self, Redaction};
use presign_core::{HttpMethod, Report, Secret};
use wasm_bindgen::JsCast;
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

/// Brings the verdict into view on a narrow screen, where it sits below the inputs: the page
/// scrolls, the focus stays where the person is typing.
fn reveal_verdict() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let narrow = window
        .match_media("(max-width: 999px)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    let verdict = window
        .document()
        .and_then(|d| d.query_selector("[data-testid=verdict]").ok().flatten());
    if let (true, Some(verdict)) = (narrow, verdict) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        if let Ok(el) = verdict.dyn_into::<web_sys::HtmlElement>() {
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
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
    let pointed = use_state(|| None::<usize>);
    let marked = (*pointed).or_else(|| verdict_index(&report));
    let on_point = {
        let pointed = pointed.clone();
        Callback::from(move |i: Option<usize>| pointed.set(i))
    };

    // After a paste (or an example), once the new report is drawn: the verdict in view on a
    // phone.
    let pastes = use_state(|| 0_u32);
    {
        use_effect_with(*pastes, move |n| {
            if *n > 0 {
                reveal_verdict();
            }
        });
    }
    let on_paste = {
        let pastes = pastes.clone();
        Callback::from(move |()| pastes.set(*pastes + 1))
    };

    let on_example = {
        let (dispatcher, pastes) = (state.dispatcher(), pastes.clone());
        Callback::from(move |e: &'static Example| {
            dispatcher.dispatch(Action::LoadExample(e));
            pastes.set(*pastes + 1);
        })
    };
    let on_browser_clock = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::UseBrowserClock))
    };
    let curl = from_curl(&report, &state.headers);
    let results = if key.is_empty() {
        html! { <EmptyState on_load={on_example.clone()} verdict={report.verdict.code.as_str()} /> }
    } else {
        html! {
            <>
                <VerdictCard report={report.clone()} now={state.evaluated_at()} searching={inspection.searching} />
                <UrlView report={report.clone()} pointed={marked} now={state.evaluated_at()} />
                <Findings report={report.clone()} on_point={on_point} />
                <Details report={report.clone()} />
                <Snippets report={report.clone()} />
                <Share report={report.clone()} url={state.url.clone()} method={state.method}
                    headers={state.headers.clone()} error_xml={state.error_xml.clone()} />
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
                    <ExamplesMenu on_load={on_example} />
                    { for state.example.map(|e| example_clock(e, on_browser_clock.clone())) }
                    <RequestInputs method={state.method} headers={state.headers.clone()} curl={curl.clone()}
                        on_method={dispatch(&state, Action::SetMethod as fn(Option<HttpMethod>) -> Action)}
                        on_headers={dispatch(&state, Action::SetHeaders)} />
                    <SecretInput value={state.secret.0.expose().to_owned()} visibility={state.secret_visibility}
                        on_change={dispatch(&state, |s: String| Action::SetSecret(SecretText(Secret::new(&s))))}
                        on_toggle={dispatch(&state, |()| Action::ToggleSecretVisibility)} />
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
