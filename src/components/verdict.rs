//! The verdict card: the one answer first. The cause in plain words, what to change, and the
//! evidence it rests on: the two values side by side, what remains possible when nothing is
//! proved, S3's error response compared line by line when one was pasted.

use super::chips::code_chip;
use super::countdown::{live, Counted};
use super::error_diff::error_diff;
use super::evidence::evidence;
use crate::format::{prose, prose_text, time};
use presign_core::report::Remaining;
use presign_core::sigv4::params::QueryAuth;
use presign_core::{Code, Finding, Report, Severity, UnixTime};
use yew::prelude::*;

/// A symbol and a word for each severity: colour is never the only signal.
pub fn severity_badge(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Error => ("\u{2716}", "Error"),
        Severity::Warning => ("\u{26a0}", "Warning"),
        Severity::Info => ("\u{2139}", "Info"),
        Severity::Ok => ("\u{2714}", "OK"),
    }
}

/// The finding the verdict names, if it names one (`unverified` may have none).
pub fn verdict_index(report: &Report) -> Option<usize> {
    report
        .findings
        .iter()
        .position(|f| f.code == report.verdict.code && f.severity == report.verdict.severity)
}

/// What remains possible when no evidence proves a cause, most likely first.
fn remaining(r: &Remaining) -> Html {
    // Loops push into a Vec<Html> here and in the other views: every `.map(closure)` collected
    // into a list is a copy of the collecting code in the page's wasm (docs/performance.md).
    let mut items = Vec::new();
    for p in &r.possibilities {
        items.push(html! {
            <li>
                <span>{ prose(&p.cause) }</span>
                <span class="how-to-tell"><span class="hint">{ "To tell: " }</span>{ prose(&p.how_to_tell) }</span>
            </li>
        });
    }
    html! {
        <>
            <p class="verdict-detail">{ prose(&r.summary) }</p>
            <h3 class="small-heading">{ "What remains possible, most likely first" }</h3>
            <ol class="possibilities" data-testid="possibilities">{ for items }</ol>
        </>
    }
}

/// The instant a clock verdict is about, and how long ago or ahead it is, live.
fn clock_line(report: &Report, f: &Finding, now: UnixTime) -> Html {
    let validity = report.validity.as_ref();
    let (label, at, counted) = match f.code {
        Code::Expired | Code::ExpiresSoon => (
            "Expires at",
            validity.and_then(|v| v.expires_at).or(match &report.auth {
                QueryAuth::SigV2(p) => p.expires,
                _ => None,
            }),
            Counted::Expiry,
        ),
        Code::NotYetValid => ("Valid from", validity.map(|v| v.signed_at), Counted::Start),
        _ => return html! {},
    };
    let Some(at) = at else { return html! {} };
    html! {
        <p class="clock-line">
            <span class="hint">{ label }{ " " }</span>{ time(at) }{ " \u{00b7} " }{ live(at, counted, now, None) }
        </p>
    }
}

/// The card for `report`'s verdict. A plain view, not a component: it shows the live countdown,
/// so every tick redraws it anyway. `searching`: the root-cause search is still to run.
pub fn verdict_card(report: &Report, now: UnixTime, searching: bool) -> Html {
    let v = &report.verdict;
    let finding = verdict_index(report).map(|i| &report.findings[i]);
    let (icon, word) = severity_badge(v.severity);
    let body = match finding {
        Some(f) if f.code == Code::SignatureMismatch && report.remaining.is_some() => {
            remaining(report.remaining.as_ref().expect("checked"))
        }
        Some(f) => html! { <p class="verdict-detail">{ prose(&f.detail) }</p> },
        None => html! {},
    };
    let searching = searching.then(|| {
        html! {
            <p class="searching" role="status" data-testid="searching">
                { "Re-signing variants of the request (other methods, hosts, key encodings, header values) to find what changed\u{2026}" }
            </p>
        }
    });
    html! {
        <section class={classes!("verdict-card", format!("sev-{}", v.severity.as_str()))} aria-labelledby="verdict-title"
            data-testid="verdict" data-verdict={v.code.as_str()} data-severity={v.severity.as_str()}
            data-finding={finding.map(|f| f.code.as_str())}>
            <div class="verdict-head">
                <span class="verdict-icon" aria-hidden="true">{ icon }</span>
                <div class="verdict-heading">
                    <p class="verdict-line"><span class="verdict-word">{ word }</span>{ code_chip(v.code.as_str()) }</p>
                    <h2 id="verdict-title" class="verdict-title">{ prose(&v.title) }</h2>
                </div>
            </div>
            <div class="verdict-body">
                { body }
                { for finding.map(|f| clock_line(report, f, now)) }
                { for finding.map(evidence) }
                { for searching }
                { error_diff(report) }
            </div>
            <p class="visually-hidden" aria-live="polite">{ format!("{word}: {}", prose_text(&v.title)) }</p>
        </section>
    }
}
