//! Reference material, in tabs: the decoded request, every parameter explained, and how the
//! signature is computed (canonical request, string to sign, signing-key chain, signatures).
//! Only the open tab is drawn.

use super::decoded::decoded;
use super::parameters::parameters;
use super::signing::signing;
use super::SharedReport;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Decoded,
    Parameters,
    Signature,
}

impl Tab {
    fn id(self) -> &'static str {
        match self {
            Tab::Decoded => "tab-decoded",
            Tab::Parameters => "tab-parameters",
            Tab::Signature => "tab-signature",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Tab::Decoded => "Decoded",
            Tab::Parameters => "Parameters",
            Tab::Signature => "Signature steps",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct DetailsProps {
    pub report: SharedReport,
}

/// Moves the focus to the tab button with this id (arrow keys in the tab list).
fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[component]
pub fn Details(props: &DetailsProps) -> Html {
    let open = use_state(|| Tab::Decoded);
    let report = &*props.report;
    let tabs: Vec<Tab> = [
        (
            Tab::Decoded,
            report.url.is_some() || !report.decoded.is_empty(),
        ),
        (Tab::Parameters, !report.parameters.is_empty()),
        (
            Tab::Signature,
            report.sigv4.is_some() || report.sigv2.is_some() || report.signing.is_some(),
        ),
    ]
    .into_iter()
    .filter_map(|(t, has)| has.then_some(t))
    .collect();
    if tabs.is_empty() {
        return html! {};
    }
    let current = if tabs.contains(&*open) {
        *open
    } else {
        tabs[0]
    };
    let onkeydown = {
        let (open, tabs) = (open.clone(), tabs.clone());
        Callback::from(move |e: KeyboardEvent| {
            let at = tabs.iter().position(|t| *t == current).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => (at + 1) % tabs.len(),
                "ArrowLeft" => (at + tabs.len() - 1) % tabs.len(),
                "Home" => 0,
                "End" => tabs.len() - 1,
                _ => return,
            };
            e.prevent_default();
            open.set(tabs[next]);
            focus(tabs[next].id());
        })
    };
    let mut buttons = Vec::new();
    for &t in &tabs {
        let open = open.clone();
        let selected = t == current;
        buttons.push(html! {
            <button type="button" role="tab" id={t.id()} class="tab" data-testid={t.id()}
                aria-selected={if selected { "true" } else { "false" }} aria-controls="details-panel"
                tabindex={if selected { "0" } else { "-1" }}
                onclick={Callback::from(move |_: MouseEvent| open.set(t))}>{ t.words() }</button>
        });
    }
    let panel = match current {
        Tab::Decoded => decoded(report),
        Tab::Parameters => parameters(report),
        Tab::Signature => signing(report),
    };
    html! {
        <section class="card details-card" aria-labelledby="details-heading">
            <div class="card-head">
                <h2 id="details-heading">{ "Details" }</h2>
                <div class="tabs" role="tablist" aria-label="Details" {onkeydown}>{ for buttons }</div>
            </div>
            <div id="details-panel" role="tabpanel" aria-labelledby={current.id()} class="tab-panel" tabindex="0">
                { panel }
            </div>
        </section>
    }
}
