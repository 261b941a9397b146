//! The URL as pasted, its parts coloured (scheme, host, bucket, key, each parameter) and the
//! parts the pointed finding is about marked, the verdict's by default; under it, when the
//! request is signed and when it stops working, with the live countdown.

use super::countdown::{live, Counted};
use crate::format::time;
use presign_core::anatomy::{marks, parts, Mark, PartKind};
use presign_core::sigv4::params::QueryAuth;
use presign_core::{Report, UnixTime};
use yew::prelude::*;

/// At most this much of the URL is drawn (a pasted URL can be megabytes long).
const MAX_SHOWN_BYTES: usize = 8 * 1024;

fn class_of(kind: PartKind) -> &'static str {
    match kind {
        PartKind::Scheme => "part-scheme",
        PartKind::Host => "part-host",
        PartKind::Bucket => "part-bucket",
        PartKind::Path => "part-path",
        PartKind::Key => "part-key",
        PartKind::Parameter => "part-param",
    }
}

/// The largest char boundary at or below `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `text[..shown]` cut into runs of one part kind and one marked state.
fn runs(text: &str, shown: usize, report: &Report, hits: &[Mark]) -> Vec<Html> {
    let Some(url) = &report.url else {
        return Vec::new();
    };
    let all = parts(url, report.endpoint.as_ref());
    let mut cuts: Vec<usize> = vec![0, shown];
    for p in &all {
        cuts.extend([p.start, p.end]);
    }
    for m in hits {
        cuts.extend([m.start, m.end]);
    }
    cuts.retain(|&c| c <= shown && text.is_char_boundary(c));
    presign_core::sort::sort(&mut cuts);
    cuts.dedup();
    let mut out = Vec::new();
    let mut part_at = 0;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        while part_at < all.len() && all[part_at].end <= a {
            part_at += 1;
        }
        let kind = all
            .get(part_at)
            .filter(|p| p.start <= a && b <= p.end)
            .map(|p| p.kind);
        let piece = text[a..b].to_owned();
        let name_end = kind.filter(|k| *k == PartKind::Parameter).and_then(|_| {
            let p = &all[part_at];
            (a == p.start).then(|| piece.find('=').unwrap_or(piece.len()))
        });
        let inner = match name_end {
            Some(n) if n > 0 => {
                html! { <><b>{ piece[..n].to_owned() }</b>{ piece[n..].to_owned() }</> }
            }
            _ => html! { { piece } },
        };
        let inner = if hits.iter().any(|m| m.start <= a && b <= m.end) {
            html! { <mark class="hit">{ inner }</mark> }
        } else {
            inner
        };
        out.push(match kind {
            Some(k) => html! { <span class={class_of(k)}>{ inner }</span> },
            None => html! { <span class="part-sep">{ inner }</span> },
        });
    }
    out
}

/// Signed at, expires at and the live countdown, when the report knows them.
fn validity_line(report: &Report, now: UnixTime) -> Html {
    let (signed_at, expires_at) = match (&report.validity, &report.auth) {
        (Some(v), _) => (Some(v.signed_at), v.expires_at),
        (None, QueryAuth::SigV2(p)) => (None, p.expires),
        _ => (None, None),
    };
    if signed_at.is_none() && expires_at.is_none() {
        return html! {};
    }
    html! {
        <p class="validity" data-testid="validity">
            { for signed_at.map(|t| html! { <span><span class="hint">{ "Signed " }</span>{ time(t) }</span> }) }
            { for expires_at.map(|t| html! { <span><span class="hint">{ "Expires " }</span>{ time(t) }</span> }) }
            { for expires_at.map(|at| live(at, Counted::Expiry, now, Some("countdown"))) }
        </p>
    }
}

/// The URL card: the parts of the URL, the finding `pointed` at marked, and the validity line.
/// A plain view, not a component: it shows the live countdown, so every tick redraws it anyway.
pub fn url_view(report: &Report, pointed: Option<usize>, now: UnixTime) -> Html {
    let Some(url) = &report.url else {
        return html! {};
    };
    let text = url.cleaned.as_str();
    let shown = floor_boundary(text, MAX_SHOWN_BYTES);
    let hits = pointed
        .and_then(|i| report.findings.get(i))
        .map(|f| marks(report, f))
        .unwrap_or_default();
    let more = text.len() - shown;
    html! {
        <section class="card url-card" aria-labelledby="url-heading">
            <div class="card-head">
                <h2 id="url-heading">{ "The URL, part by part" }</h2>
                <ul class="legend" aria-label="Colours">
                    <li class="part-host">{ "host" }</li>
                    <li class="part-bucket">{ "bucket" }</li>
                    <li class="part-key">{ "key" }</li>
                    <li class="part-param">{ "parameters" }</li>
                    <li><mark class="hit">{ "what the finding is about" }</mark></li>
                </ul>
            </div>
            <p class="url-anatomy mono" data-testid="url-anatomy" data-marks={hits.len().to_string()}>
                { for runs(text, shown, report, &hits) }
                { for (more > 0).then(|| html! { <span class="hint">{ format!(" \u{2026} and {more} more bytes") }</span> }) }
            </p>
            { validity_line(report, now) }
        </section>
    }
}
