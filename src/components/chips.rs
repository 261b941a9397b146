//! Small labels: a finding's code as a chip that links to the catalogue (docs/findings.md) when
//! the build knows where the project lives, and rows of chips for what a paste contributed.

use yew::prelude::*;

/// Where the findings catalogue is published: the package's `repository` (Cargo.toml), empty
/// when none is set, in which case chips are plain text.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// A finding code as a chip: searchable text, never the sentence itself.
pub fn code_chip(code: &'static str) -> Html {
    let title = format!("Finding code {code}, documented in the findings catalogue");
    if REPOSITORY.is_empty() {
        return html! { <code class="chip" {title}>{ code }</code> };
    }
    let href = format!(
        "{}/blob/main/docs/findings.md#{code}",
        REPOSITORY.trim_end_matches('/')
    );
    html! {
        <a class="chip" {href} {title} target="_blank" rel="noopener noreferrer"><code>{ code }</code></a>
    }
}

/// A row of labelled chips, e.g. what a curl command contributed.
pub fn chip_row(label: &str, chips: Vec<String>, testid: &'static str) -> Html {
    if chips.is_empty() {
        return html! {};
    }
    let mut items = Vec::new();
    for c in chips {
        items.push(html! { <code class="chip">{ c }</code> });
    }
    html! {
        <div class="chip-row" data-testid={testid}>
            <span class="hint">{ label.to_owned() }</span>
            { for items }
        </div>
    }
}
