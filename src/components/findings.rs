//! The findings besides the verdict, grouped and quieter than it: other things to fix, warnings,
//! notes, checks that passed, and, folded away, the symptoms the verdict already explains.
//! Pointing at a finding (hover or focus) marks its place in the URL.

use super::chips::code_chip;
use super::evidence::evidence;
use super::verdict::{severity_badge, verdict_index};
use super::SharedReport;
use crate::format::prose;
use crate::state::Action;
use presign_core::diagnose::is_symptom;
use presign_core::{Finding, Severity};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub report: SharedReport,
    /// Gets `Action::Point` with a finding's index while it is pointed at, `None` when it no
    /// longer is (the app's dispatcher: the same callback at every render).
    pub on_point: Callback<Action>,
}

/// The groups, in the order they are shown: heading, whether folded, which findings.
fn group_of(f: &Finding) -> usize {
    match f.severity {
        Severity::Error if is_symptom(f.code) => 4,
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
        Severity::Ok => 3,
    }
}

const GROUPS: [(&str, bool); 5] = [
    ("Also to fix", false),
    ("Warnings", false),
    ("Good to know", false),
    ("Checks that passed", false),
    ("Symptoms the verdict explains", true),
];

/// The folded group's heading when the verdict is itself a symptom (nothing proves a cause).
const OTHER_SYMPTOMS: &str = "The same failure, as reported elsewhere";

fn item(i: usize, f: &Finding, on_point: &Callback<Action>) -> Html {
    let (icon, word) = severity_badge(f.severity);
    let enter = on_point.reform(move |_: MouseEvent| Action::Point(Some(i)));
    let leave = on_point.reform(|_: MouseEvent| Action::Point(None));
    let focus = on_point.reform(move |_: FocusEvent| Action::Point(Some(i)));
    let blur = on_point.reform(|_: FocusEvent| Action::Point(None));
    html! {
        <li class={classes!("finding", format!("sev-{}", f.severity.as_str()))}
            data-finding={f.code.as_str()} data-severity={f.severity.as_str()}
            onmouseenter={enter} onmouseleave={leave} onfocusin={focus} onfocusout={blur}>
            <div class="finding-head">
                <span class="finding-icon" aria-hidden="true">{ icon }</span>
                <span class="visually-hidden">{ word }{ ": " }</span>
                <strong class="finding-title">{ prose(&f.title) }</strong>
                { code_chip(f.code.as_str()) }
            </div>
            <p class="finding-detail">{ prose(&f.detail) }</p>
            { evidence(f) }
        </li>
    }
}

#[component]
pub fn Findings(props: &FindingsProps) -> Html {
    let report = &*props.report;
    let skip = verdict_index(report);
    let mut groups: [Vec<Html>; 5] = Default::default();
    for (i, f) in report.findings.iter().enumerate() {
        if Some(i) != skip {
            groups[group_of(f)].push(item(i, f, &props.on_point));
        }
    }
    if groups.iter().all(Vec::is_empty) {
        return html! {};
    }
    let verdict_is_symptom = is_symptom(report.verdict.code);
    let mut sections = Vec::new();
    for (items, (heading, folded)) in groups.into_iter().zip(GROUPS) {
        if items.is_empty() {
            continue;
        }
        let count = items.len();
        let list = html! { <ul class="findings">{ for items }</ul> };
        sections.push(if folded {
            let heading = if verdict_is_symptom {
                OTHER_SYMPTOMS
            } else {
                heading
            };
            html! {
                <details class="finding-group folded">
                    <summary>{ format!("{heading} ({count})") }</summary>
                    { list }
                </details>
            }
        } else {
            html! {
                <div class="finding-group">
                    <h3 class="small-heading">{ heading }</h3>
                    { list }
                </div>
            }
        });
    }
    html! {
        <section class="card findings-card" aria-labelledby="findings-heading">
            <h2 id="findings-heading">{ "Also found" }</h2>
            { for sections }
        </section>
    }
}
