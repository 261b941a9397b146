//! The decoded URL: endpoint, bucket, key and every query parameter with plain-words meaning.

use crate::presign::Report;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ParametersProps {
    pub report: Rc<Report>,
}

#[component]
pub fn Parameters(props: &ParametersProps) -> Html {
    let report = &props.report;
    if report.parameters.is_empty() && report.url.is_none() {
        return html! {};
    }
    let rows = report.parameters.iter().map(|p| {
        html! {
            <tr>
                <th scope="row" class="mono">{ p.name.clone() }</th>
                <td class="mono break">{ p.value.clone() }</td>
                <td>{ p.meaning.clone() }</td>
            </tr>
        }
    });
    html! {
        <section class="card" aria-labelledby="params-heading">
            <h2 id="params-heading">{ "Query parameters" }</h2>
            <div class="table-wrap">
                <table class="params">
                    <thead><tr><th scope="col">{ "Parameter" }</th><th scope="col">{ "Value (decoded)" }</th><th scope="col">{ "Meaning" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}
