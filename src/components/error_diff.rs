//! S3's error body against this page's computation: S3's code and message, then the canonical
//! request and string to sign line by line, the differing characters marked. Rendered from
//! `Report::server`; the comparison itself is the domain's.

use presign_core::diagnose::diff::{CharRange, DiffKind, DiffLine};
use presign_core::Report;
use yew::prelude::*;

/// `text` with the characters in `range` wrapped in `<mark>`. Slices by characters, never by
/// byte index, so any text is safe.
fn marked(text: &str, range: Option<CharRange>) -> Html {
    let Some(r) = range.filter(|r| r.start < r.end) else {
        return html! { { text.to_owned() } };
    };
    let before: String = text.chars().take(r.start).collect();
    let inside: String = text.chars().skip(r.start).take(r.end - r.start).collect();
    let after: String = text.chars().skip(r.end).collect();
    html! { <>{ before }<mark>{ inside }</mark>{ after }</> }
}

/// One side of a line: a sign, who computed it, and the text. The sign and the word carry
/// the meaning, the background only repeats it.
fn side(sign: &str, who: &str, class: &str, text: &str, range: Option<CharRange>) -> Html {
    html! {
        <div class={classes!("diff-line", class.to_owned())}>
            <span class="sign" aria-hidden="true">{ sign.to_owned() }</span>
            <span class="who">{ who.to_owned() }</span>
            <span>{ marked(text, range) }</span>
        </div>
    }
}

fn diff_lines(lines: &[DiffLine], ours: &str, theirs: &str) -> Html {
    let mut out = Vec::new();
    for l in lines {
        out.push(match l.kind {
            DiffKind::Same => side(
                " ",
                "both",
                "same",
                l.ours.as_deref().unwrap_or_default(),
                None,
            ),
            DiffKind::Changed | DiffKind::OnlyOurs | DiffKind::OnlyTheirs => html! {
                <div class="diff-pair" data-part={l.part.clone()}>
                    { for l.ours.as_deref().map(|t| side("-", ours, "del", t, l.ours_range)) }
                    { for l.theirs.as_deref().map(|t| side("+", theirs, "ins", t, l.theirs_range)) }
                </div>
            },
        });
    }
    html! { <div class="diff" tabindex="0" aria-label="Line-by-line comparison">{ for out }</div> }
}

fn status(matches: Option<bool>) -> Html {
    match matches {
        Some(true) => html! { <span class="sev-ok">{ " \u{2714} identical" }</span> },
        Some(false) => html! { <span class="sev-error">{ " \u{2716} different" }</span> },
        None => html! {},
    }
}

/// The comparison, or nothing while no error body is given. (The first difference in words is
/// a finding's detail, `server-canonical-request-differs`: not repeated here.)
pub fn error_diff(report: &Report) -> Html {
    let Some(server) = &report.server else {
        return html! {};
    };
    let e = &server.error;
    let mut facts = Vec::new();
    for (label, value) in [
        ("Code", &e.code),
        ("Message", &e.message),
        ("Access key id", &e.aws_access_key_id),
        ("Signature received", &e.signature_provided),
        ("Region expected", &e.region),
        ("Endpoint", &e.endpoint),
        ("Expires", &e.expires),
        ("Server time", &e.server_time),
        ("Headers not signed", &e.headers_not_signed),
        ("Detail", &e.authentication_error_detail),
    ] {
        if let Some(v) = value {
            facts.push(html! { <><dt>{ label }</dt><dd class="mono">{ v.clone() }</dd></> });
        }
    }
    html! {
        <section class="card diff-card" aria-labelledby="diff-heading" data-testid="error-diff">
            <h2 id="diff-heading">{ format!("{}\u{2019}s error response, compared", server.theirs_label) }</h2>
            <dl class="kv">{ for facts }</dl>
            { for (!server.canonical_request_diff.is_empty()).then(|| html! {
                <>
                    <h3>{ format!("Canonical request: {} (\u{2212}) and {} (+)", server.ours_label, server.theirs_label) }{ status(server.canonical_request_matches) }</h3>
                    { diff_lines(&server.canonical_request_diff, &server.ours_label, &server.theirs_label) }
                </>
            }) }
            { for (!server.string_to_sign_diff.is_empty()).then(|| html! {
                <>
                    <h3>{ format!("String to sign: {} (\u{2212}) and {} (+)", server.ours_label, server.theirs_label) }{ status(server.string_to_sign_matches) }</h3>
                    { diff_lines(&server.string_to_sign_diff, &server.ours_label, &server.theirs_label) }
                </>
            }) }
        </section>
    }
}
