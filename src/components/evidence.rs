//! A finding's evidence: two values that should be equal side by side (what is sent and what
//! was signed, the signature in the URL and the one computed), the rest as labelled values in
//! words, instants and durations the page's way.

use crate::format::{evidence_value, label};
use presign_core::finding::Evidence;
use presign_core::Finding;
use yew::prelude::*;

/// Pairs of evidence labels shown side by side, with the words for each side.
const PAIRS: [(&str, &str, &str, &str); 2] = [
    ("sent", "Sent", "signed", "Signed"),
    (
        "provided",
        "In the URL",
        "computed",
        "Computed with the secret",
    ),
];

/// Evidence the page shows elsewhere or that only repeats the title: the instants of a clock
/// finding (the URL's validity line shows them), the count of variants (said in words).
const SHOWN_ELSEWHERE: [&str; 4] = ["expired-at", "expires-at", "signed-at", "variants-tried"];

fn find<'a>(f: &'a Finding, name: &str) -> Option<&'a Evidence> {
    f.evidence.iter().find(|e| e.label == name)
}

fn side(word: &str, value: &str, class: &'static str) -> Html {
    html! {
        <div class={classes!("side", class)}>
            <span class="side-label">{ word.to_owned() }</span>
            <code class="side-value">{ value.to_owned() }</code>
        </div>
    }
}

/// The evidence of `f`, or nothing when it has none worth showing.
pub fn evidence(f: &Finding) -> Html {
    let mut paired: Vec<&str> = Vec::new();
    let mut compares = Vec::new();
    for (left, left_word, right, right_word) in PAIRS {
        if let (Some(l), Some(r)) = (find(f, left), find(f, right)) {
            paired.extend([left, right]);
            compares.push(html! {
                <div class="compare" data-testid="compare">
                    { side(left_word, &l.value, "left") }
                    { side(right_word, &r.value, "right") }
                </div>
            });
        }
    }
    let mut rest = Vec::new();
    for e in &f.evidence {
        let label_text = e.label.as_str();
        if !paired.contains(&label_text) && !SHOWN_ELSEWHERE.contains(&label_text) {
            rest.push(html! { <><dt>{ label(&e.label) }</dt><dd>{ evidence_value(&e.label, &e.value) }</dd></> });
        }
    }
    let tried = find(f, "variants-tried").map(|e| {
        html! { <p class="hint">{ format!("Found among {} re-signed variants of the request.", e.value) }</p> }
    });
    if compares.is_empty() && rest.is_empty() && tried.is_none() {
        return html! {};
    }
    html! {
        <>
            { for compares }
            { for (!rest.is_empty()).then(|| html! { <dl class="evidence">{ for rest }</dl> }) }
            { for tried }
        </>
    }
}
