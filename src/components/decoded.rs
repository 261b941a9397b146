//! The decoded URL: endpoint, bucket and key, the credential scope in its five parts, signing
//! time and expiry, the signed headers, the method evaluated. A family's own fields as rows.

// Keys and values are shown with hidden characters written out (U+202E would reorder the row).
use crate::format::time as time_html;
use presign_core::diagnose::guard::visible;
use presign_core::report::FieldStyle;
use presign_core::sigv4::params::{QueryAuth, SigV4Params};
use presign_core::time::parse_rfc3339;
use presign_core::types::AddressingStyle;
use presign_core::Report;
use yew::prelude::*;

fn row(label: &str, value: Html) -> Html {
    html! { <><dt>{ label.to_owned() }</dt><dd>{ value }</dd></> }
}

fn text_row(label: &str, value: impl Into<String>) -> Html {
    row(label, html! { { value.into() } })
}

fn mono_row(label: &str, value: impl Into<String>) -> Html {
    row(label, html! { <code>{ value.into() }</code> })
}

fn scope_html(p: &SigV4Params) -> Html {
    let Some(scope) = &p.credential else {
        return html! {};
    };
    let parts = [
        ("access key id", &scope.access_key_id),
        ("date", &scope.date),
        ("region", &scope.region),
        ("service", &scope.service),
        ("terminator", &scope.terminator),
    ];
    let mut items = Vec::new();
    for (part, value) in parts {
        items.push(
            html! { <li><span class="part">{ part }</span><code>{ value.clone() }</code></li> },
        );
    }
    row(
        "Credential scope",
        html! { <ol class="scope" aria-label="The five parts of X-Amz-Credential">{ for items }</ol> },
    )
}

/// A family's own decoded fields (any family but S3 query URLs), as the domain wrote them.
fn family_fields(report: &Report) -> Html {
    let mut rows: Vec<Html> = report
        .family
        .map(|f| text_row("Kind", f.describe()))
        .into_iter()
        .collect();
    rows.extend(report.decoded.iter().map(|field| {
        let value = match field.style {
            FieldStyle::Text => html! { { field.value.clone() } },
            FieldStyle::Code => html! { <code>{ field.value.clone() }</code> },
            FieldStyle::Time => parse_rfc3339(&field.value)
                .map_or_else(|| html! { <code>{ field.value.clone() }</code> }, time_html),
        };
        let note = (!field.note.is_empty())
            .then(|| html! { <><br /><span class="hint">{ field.note.clone() }</span></> });
        row(&field.label, html! { <>{ value }{ for note }</> })
    }));
    html! { <dl class="kv">{ for rows }</dl> }
}

/// The decoded URL's rows, or nothing while there is no URL to decode.
pub fn decoded(report: &Report) -> Html {
    if !report.decoded.is_empty() {
        return family_fields(report);
    }
    let (Some(url), Some(endpoint)) = (&report.url, &report.endpoint) else {
        return html! {};
    };
    let unicode = crate::unicode::browser();
    let mut rows = vec![
        text_row("Endpoint", endpoint.provider.name()),
        mono_row("Host", url.host_header()),
        text_row(
            "Addressing style",
            match endpoint.style {
                AddressingStyle::VirtualHosted => "virtual-hosted (bucket in the host name)",
                AddressingStyle::PathStyle => "path-style (bucket in the path)",
            },
        ),
    ];
    if let Some(bucket) = &endpoint.bucket {
        rows.push(mono_row("Bucket", visible(bucket, &unicode)));
    }
    rows.push(mono_row("Key", visible(&endpoint.key, &unicode)));
    if endpoint.raw_key != endpoint.key {
        rows.push(mono_row(
            "Key as written",
            visible(&endpoint.raw_key, &unicode),
        ));
    }
    if let Some(region) = endpoint
        .region
        .as_ref()
        .or(endpoint.expected_region.as_ref())
    {
        rows.push(mono_row("Region of the host", region.clone()));
    }
    match &report.auth {
        QueryAuth::SigV4(p) => {
            rows.push(text_row(
                "Signature version",
                "Signature Version 4 (query authentication)",
            ));
            rows.push(scope_html(p));
            if !p.signed_headers.is_empty() {
                let mut names = Vec::new();
                for h in &p.signed_headers {
                    names.push(html! { <><code>{ h.clone() }</code>{ " " }</> });
                }
                rows.push(row("Signed headers", html! { <span>{ for names }</span> }));
            }
            if p.security_token.is_some() {
                rows.push(text_row(
                    "Credentials",
                    "temporary (X-Amz-Security-Token present)",
                ));
            }
        }
        QueryAuth::SigV2(p) => {
            rows.push(text_row(
                "Signature version",
                "Signature Version 2 (legacy)",
            ));
            if let Some(id) = &p.access_key_id {
                rows.push(mono_row("Access key id", id.clone()));
            }
            if let Some(expires) = p.expires {
                rows.push(row("Expires", time_html(expires)));
            }
        }
        QueryAuth::None => {}
    }
    if let Some(v) = &report.validity {
        rows.push(row("Signed at", time_html(v.signed_at)));
        if let Some(expires_at) = v.expires_at {
            rows.push(row("Expires at", time_html(expires_at)));
        }
    }
    if let Some(request) = &report.request {
        rows.push(row(
            "Method",
            html! {
                <>
                    <code data-testid="method-evaluated">{ request.method.as_str() }</code>
                    { " " }
                    <span class="hint" data-testid="method-source">{ format!("({})", request.method_source.describe()) }</span>
                </>
            },
        ));
        rows.push(mono_row("Host sent", request.host.clone()));
    }
    html! { <dl class="kv">{ for rows }</dl> }
}
