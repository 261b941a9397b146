//! Every query parameter, decoded, with what it means in plain words.

use presign_core::diagnose::guard::visible;
use presign_core::Report;
use yew::prelude::*;

/// At most this many rows besides the signing parameters: a pasted URL with 10,000 parameters
/// took seconds to render in full, on every keystroke.
const MAX_ROWS: usize = 200;

/// The parameters that say how the URL is signed: always shown, wherever they are.
fn is_signing_parameter(name: &str) -> bool {
    name.get(..6)
        .is_some_and(|p| p.eq_ignore_ascii_case("x-amz-"))
        || matches!(name, "AWSAccessKeyId" | "Expires" | "Signature")
}

/// The parameter table, or nothing while there is no URL.
pub fn parameters(report: &Report) -> Html {
    if report.parameters.is_empty() && report.url.is_none() {
        return html! {};
    }
    let unicode = crate::unicode::browser();
    let mut rows = Vec::new();
    for (i, p) in report.parameters.iter().enumerate() {
        if i < MAX_ROWS || is_signing_parameter(&p.name) {
            rows.push(html! {
                <tr>
                    <th scope="row" class="mono">{ visible(&p.name, &unicode) }</th>
                    <td class="mono break">{ visible(&p.value, &unicode) }</td>
                    <td>{ p.meaning.clone() }</td>
                </tr>
            });
        }
    }
    let hidden = report.parameters.len() - rows.len();
    html! {
        <>
            <div class="table-wrap">
                <table class="params">
                    <thead><tr><th scope="col">{ "Parameter" }</th><th scope="col">{ "Value (decoded)" }</th><th scope="col">{ "Meaning" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            { for (hidden > 0).then(|| html! {
                <p class="hint" data-testid="parameters-hidden">
                    { format!("\u{2026} and {hidden} more parameters, not listed here. Every one of them is read and signed like the ones above.") }
                </p>
            }) }
        </>
    }
}
