//! The text report: the request as S3 reads it, the findings, the canonical request and string
//! to sign, the signatures and the verdict, for a terminal.

use presign_core::diagnose::guard;
use presign_core::endpoint::Endpoint;
use presign_core::report::{Report, SigV4Computation};
use presign_core::sigv4::params::QueryAuth;
use presign_core::time::human_duration;
use presign_core::types::AddressingStyle;
use presign_core::Severity;
use std::fmt::Write as _;

/// The text report, safe for a terminal: keys and headers are user input, and must never drive
/// it (escape sequences, bidi controls).
pub fn text_report(report: &Report) -> String {
    guard::terminal_safe(&render(report))
}

/// A label column wide enough for every label.
const LABEL: usize = 18;

fn field(out: &mut String, label: &str, value: &str) {
    // A label as long as the column ("in the authorization header") still gets its space.
    if label.chars().count() >= LABEL {
        let _ = writeln!(out, "  {label} {value}");
    } else {
        let _ = writeln!(out, "  {label:<LABEL$}{value}");
    }
}

fn style_name(style: AddressingStyle) -> &'static str {
    match style {
        AddressingStyle::VirtualHosted => "virtual-hosted",
        AddressingStyle::PathStyle => "path-style",
    }
}

fn render_endpoint(out: &mut String, report: &Report, endpoint: &Endpoint) {
    if let Some(url) = &report.url {
        field(
            out,
            "endpoint",
            &format!(
                "{}://{}  ({})",
                url.scheme,
                url.host_header(),
                endpoint.provider.name()
            ),
        );
    }
    field(out, "style", style_name(endpoint.style));
    field(
        out,
        "bucket",
        endpoint.bucket.as_deref().unwrap_or("(none)"),
    );
    field(
        out,
        "key",
        if endpoint.key.is_empty() {
            "(none)"
        } else {
            &endpoint.key
        },
    );
    if endpoint.raw_key != endpoint.key {
        field(out, "key as written", &endpoint.raw_key);
    }
    let region = match (&endpoint.region, &endpoint.expected_region) {
        (Some(r), _) => format!("{r} (from the host)"),
        (None, Some(e)) => format!("{e} (implied by the host)"),
        (None, None) => "(the host names none)".to_owned(),
    };
    field(out, "host region", &region);
}

fn render_request(out: &mut String, report: &Report) {
    let Some(endpoint) = &report.endpoint else {
        return;
    };
    let kind = match &report.auth {
        QueryAuth::SigV4(_) => "SigV4 query authentication",
        QueryAuth::SigV2(_) => "SigV2 query authentication (legacy)",
        QueryAuth::None => "not presigned",
    };
    let _ = writeln!(out, "Request ({kind})");
    render_endpoint(out, report, endpoint);
    match &report.auth {
        QueryAuth::SigV4(p) => {
            if let Some(scope) = &p.credential {
                field(out, "access key id", &scope.access_key_id);
                field(out, "credential scope", &scope.scope());
                field(out, "signing region", &scope.region);
            }
            if p.security_token.is_some() {
                field(out, "session token", "yes (temporary credentials)");
            }
            if !p.signed_headers.is_empty() {
                field(out, "signed headers", &p.signed_headers.join(";"));
            }
        }
        QueryAuth::SigV2(p) => {
            if let Some(id) = &p.access_key_id {
                field(out, "access key id", id);
            }
        }
        QueryAuth::None => {}
    }
    if let Some(v) = &report.validity {
        field(out, "signed at", &v.signed_at.to_string());
        match (v.expires_at, v.seconds_left) {
            (Some(at), Some(left)) if left > 0 => {
                field(
                    out,
                    "expires",
                    &format!("{at}  (in {}, now {})", human_duration(left), v.now),
                );
            }
            (Some(at), Some(left)) => {
                field(
                    out,
                    "expires",
                    &format!(
                        "{at}  (expired {} ago, now {})",
                        human_duration(left),
                        v.now
                    ),
                );
            }
            _ => {}
        }
    } else if let QueryAuth::SigV2(p) = &report.auth {
        if let Some(at) = p.expires {
            let left = at.0.saturating_sub(report.now.0);
            let when = if left > 0 {
                format!("in {}", human_duration(left))
            } else {
                format!("expired {} ago", human_duration(left))
            };
            field(
                out,
                "expires",
                &format!("{at}  ({when}, now {})", report.now),
            );
        }
    }
    if let Some(r) = &report.request {
        field(
            out,
            "method",
            &format!("{} ({})", r.method, r.method_source.describe()),
        );
        let mut sent = format!("host {}", r.host);
        for h in &r.headers.headers {
            let _ = write!(sent, "; {}: {}", h.name, h.value);
        }
        field(out, "sent with", &sent);
    }
    out.push('\n');
    if !report.parameters.is_empty() {
        out.push_str("Parameters\n");
        for p in &report.parameters {
            let _ = writeln!(out, "  {} = {}", p.name, p.value);
            let _ = writeln!(out, "      {}", p.meaning);
        }
        out.push('\n');
    }
}

fn render_findings(out: &mut String, report: &Report) {
    out.push_str("Findings\n");
    for f in &report.findings {
        let _ = writeln!(
            out,
            "  [{}] {}: {}",
            f.severity.as_str(),
            f.code.as_str(),
            f.title
        );
        if !f.detail.is_empty() {
            let _ = writeln!(out, "      {}", f.detail);
        }
        for e in &f.evidence {
            let _ = writeln!(out, "      {}: {}", e.label, e.value);
        }
    }
    out.push('\n');
}

/// Indents a multi-line block so that its empty lines and trailing spaces stay visible.
fn block(out: &mut String, title: &str, text: &str) {
    let _ = writeln!(out, "{title}");
    for line in text.split('\n') {
        let _ = writeln!(out, "  | {line}");
    }
    out.push('\n');
}

fn render_sigv4(out: &mut String, c: &SigV4Computation) {
    block(out, "Canonical request", &c.canonical_request_text);
    block(out, "String to sign", &c.string_to_sign_text);
    out.push_str("Signatures\n");
    field(
        out,
        "in the URL",
        c.provided_signature.as_deref().unwrap_or("(none)"),
    );
    field(
        out,
        "computed",
        c.computed_signature.as_deref().unwrap_or("(none)"),
    );
    out.push('\n');
}

/// A family's own decoded fields and signing steps (every family but S3 query URLs).
fn render_family(out: &mut String, report: &Report) {
    if report.decoded.is_empty() && report.signing.is_none() {
        return;
    }
    if let Some(family) = report.family {
        let _ = writeln!(out, "Request ({})", family.describe());
    }
    for f in &report.decoded {
        field(out, &f.label.to_lowercase(), &f.value);
        if !f.note.is_empty() {
            let _ = writeln!(out, "  {:LABEL$}{}", "", f.note);
        }
    }
    if let Some(v) = &report.validity {
        if let Some(left) = v.seconds_left {
            let when = if left > 0 {
                format!("in {}", human_duration(left))
            } else {
                format!("expired {} ago", human_duration(left))
            };
            field(out, "expiry", &format!("{when}, now {}", v.now));
        }
    }
    out.push('\n');
}

/// A family's signing steps and signatures (every family but S3 query URLs).
fn render_family_signing(out: &mut String, report: &Report) {
    let Some(s) = &report.signing else {
        return;
    };
    for step in &s.steps {
        block(out, &step.title, &step.text);
    }
    out.push_str("Signatures\n");
    field(
        out,
        &s.provided_in.to_lowercase(),
        s.provided.as_deref().unwrap_or("(none)"),
    );
    field(out, "computed", s.computed.as_deref().unwrap_or("(none)"));
    out.push('\n');
}

fn render(report: &Report) -> String {
    let mut out = String::new();
    render_request(&mut out, report);
    render_family(&mut out, report);
    render_findings(&mut out, report);
    render_family_signing(&mut out, report);
    if let Some(c) = &report.sigv4 {
        // Without a secret the canonical request is still what S3 builds; showing it lets the
        // user diff it against S3's error body.
        render_sigv4(&mut out, c);
    }
    if let Some(c) = &report.sigv2 {
        block(&mut out, "String to sign (SigV2)", &c.string_to_sign);
        out.push_str("Signatures\n");
        field(
            &mut out,
            "in the URL",
            c.provided_signature.as_deref().unwrap_or("(none)"),
        );
        field(
            &mut out,
            "computed",
            c.computed_signature.as_deref().unwrap_or("(none)"),
        );
        out.push('\n');
    }
    let mark = match report.verdict.severity {
        Severity::Error => "FAIL",
        Severity::Ok => "OK",
        Severity::Warning | Severity::Info => "--",
    };
    let _ = writeln!(
        out,
        "Verdict: {mark} {} \u{2014} {}",
        report.verdict.code.as_str(),
        report.verdict.title
    );
    out
}
