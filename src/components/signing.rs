//! The signing intermediates as S3 computes them: canonical request, string to sign, the
//! signing-key chain and both signatures side by side. Monospaced, byte for byte.

use presign_core::{Code, Report};
use yew::prelude::*;

fn block(id: &str, title: &str, text: &str) -> Html {
    html! {
        <>
            <h3 id={id.to_owned()}>{ title.to_owned() }</h3>
            <pre class="block mono" data-testid={id.to_owned()} aria-labelledby={id.to_owned()} tabindex="0">{ text.to_owned() }</pre>
        </>
    }
}

fn signatures(
    report: &Report,
    provided_in: &str,
    provided: Option<&String>,
    computed: Option<&String>,
) -> Html {
    let verdict = if report.has(Code::SignatureValid) {
        html! { <span class="sev-ok">{ "\u{2714} identical" }</span> }
    } else if report.has(Code::SignatureMismatch) {
        html! { <span class="sev-error">{ "\u{2716} different" }</span> }
    } else {
        html! { <span class="hint">{ "type the secret access key to compute it" }</span> }
    };
    html! {
        <>
            <h3>{ "Signatures" }</h3>
            <div class="sig-compare">
                <span>{ provided_in.to_owned() }</span>
                <code data-testid="provided-signature">{ provided.cloned().unwrap_or_else(|| "not in the URL".to_owned()) }</code>
                <span>{ "Computed here" }</span>
                <code data-testid="computed-signature">{ computed.cloned().unwrap_or_else(|| "\u{2014}".to_owned()) }</code>
                <span>{ "Result" }</span>
                { verdict }
            </div>
        </>
    }
}

/// The signing intermediates, or nothing while the URL cannot be signed.
pub fn signing(report: &Report) -> Html {
    if let Some(s) = &report.signing {
        let mut steps = Vec::new();
        for step in &s.steps {
            steps.push(block(&step.id, &step.title, &step.text));
        }
        return html! {
            <>
                { for steps }
                { signatures(report, &s.provided_in, s.provided.as_ref(), s.computed.as_ref()) }
            </>
        };
    }
    if let Some(c) = &report.sigv4 {
        let chain = c.signing_key.as_ref().map(|k| {
            let text = format!(
                "kDate    = HMAC(\"AWS4\" + secret, date)  {}\nkRegion  = HMAC(kDate, region)          {}\nkService = HMAC(kRegion, service)       {}\nkSigning = HMAC(kService, \"aws4_request\") {}",
                k.k_date, k.k_region, k.k_service, k.k_signing
            );
            block("signing-key", "Signing-key chain", &text)
        });
        return html! {
            <>
                { block("canonical-request", "Canonical request", &c.canonical_request_text) }
                { block("string-to-sign", "String to sign", &c.string_to_sign_text) }
                { for chain }
                { signatures(report, "In the URL", c.provided_signature.as_ref(), c.computed_signature.as_ref()) }
            </>
        };
    }
    if let Some(c) = &report.sigv2 {
        return html! {
            <>
                { block("string-to-sign", "String to sign", &c.string_to_sign) }
                { signatures(report, "In the URL", c.provided_signature.as_ref(), c.computed_signature.as_ref()) }
            </>
        };
    }
    html! {}
}
