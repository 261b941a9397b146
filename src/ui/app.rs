//! The one screen: inputs on one side, the report on the other. Holds the state and the clock.

use super::clock::browser_now;
use super::components::{
    error_xml_input::ErrorXmlInput, findings::Findings, parameters::Parameters,
    request_inputs::RequestInputs, secret_input::SecretInput, url_input::UrlInput,
    verdict::VerdictBanner,
};
use super::state::{Action, State};
use crate::presign::{inspect, HttpMethod};
use gloo_timers::callback::Interval;
use std::rc::Rc;
use yew::prelude::*;

/// A callback that turns a value into an action.
fn dispatch<T: 'static>(state: &UseReducerHandle<State>, make: fn(T) -> Action) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |value: T| dispatcher.dispatch(make(value)))
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(browser_now()));

    // The countdown: re-evaluate against the browser clock every second.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            let interval = Interval::new(1000, move || {
                dispatcher.dispatch(Action::Tick(browser_now()))
            });
            move || drop(interval)
        });
    }

    // Every decision is the domain's: the page renders this report.
    let report = Rc::new(inspect(&state.inputs(), state.now));

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
                    <UrlInput value={state.url.clone()} on_change={dispatch(&state, Action::SetUrl)} />
                    <div class="toolbar">
                        <button type="button" class="secondary" data-testid="example-button" onclick={on_example}>
                            { "Load the S3 documentation example" }
                        </button>
                    </div>
                    <RequestInputs method={state.method} headers={state.headers.clone()}
                        on_method={dispatch(&state, Action::SetMethod as fn(HttpMethod) -> Action)}
                        on_headers={dispatch(&state, Action::SetHeaders)} />
                    <SecretInput value={state.secret.0.expose().to_owned()} visibility={state.secret_visibility}
                        on_change={dispatch(&state, Action::SetSecret)}
                        on_toggle={dispatch(&state, |()| Action::ToggleSecretVisibility)} />
                    <ErrorXmlInput value={state.error_xml.clone()} on_change={dispatch(&state, Action::SetErrorXml)} />
                </section>
                <section class="results" aria-label="Results">
                    <VerdictBanner verdict={report.verdict.clone()} />
                    <Findings findings={Rc::new(report.findings.clone())} />
                    <Parameters report={report.clone()} />
                </section>
            </main>
        </>
    }
}
