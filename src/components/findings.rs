//! The findings, errors first, each with what to change and the evidence it rests on.

use super::verdict::severity_badge;
use presign_core::Finding;
use yew::prelude::*;

/// The findings, in the report's order, or nothing when there are none.
pub fn findings(findings: &[Finding]) -> Html {
    if findings.is_empty() {
        return html! {};
    }
    let items = findings.iter().map(|f| {
        let (icon, word) = severity_badge(f.severity);
        let evidence = (!f.evidence.is_empty()).then(|| {
            html! {
                <dl class="evidence">
                    { for f.evidence.iter().map(|e| html! { <><dt>{ e.label.clone() }</dt><dd>{ e.value.clone() }</dd></> }) }
                </dl>
            }
        });
        html! {
            <li class={classes!("finding", format!("sev-{}", f.severity.as_str()))}
                data-finding={f.code.as_str()} data-severity={f.severity.as_str()}>
                <div class="finding-head">
                    <span aria-hidden="true">{ icon }</span>
                    <span class="visually-hidden">{ word }{ ": " }</span>
                    <strong>{ f.title.clone() }</strong>
                    <code class="finding-code">{ f.code.as_str() }</code>
                </div>
                <p class="finding-detail">{ f.detail.clone() }</p>
                { for evidence }
            </li>
        }
    });
    html! {
        <section class="card" aria-labelledby="findings-heading">
            <h2 id="findings-heading">{ "Findings" }</h2>
            <ul class="findings">{ for items }</ul>
        </section>
    }
}
