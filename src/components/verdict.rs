//! The verdict banner: the one answer, with an icon and a word so colour is never the only signal.

use presign_core::report::Verdict;
use presign_core::Severity;
use yew::prelude::*;

/// A symbol and a word for each severity.
pub fn severity_badge(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Error => ("\u{2716}", "Error"),
        Severity::Warning => ("\u{26a0}", "Warning"),
        Severity::Info => ("\u{2139}", "Info"),
        Severity::Ok => ("\u{2714}", "OK"),
    }
}

/// The banner for the report's verdict.
pub fn verdict_banner(v: &Verdict) -> Html {
    let (icon, word) = severity_badge(v.severity);
    html! {
        <div class={classes!("verdict", format!("sev-{}", v.severity.as_str()))} role="status" aria-live="polite"
            data-testid="verdict" data-verdict={v.code.as_str()} data-severity={v.severity.as_str()}>
            <span class="verdict-icon" aria-hidden="true">{ icon }</span>
            <div>
                <span class="verdict-word">{ word }{ ": " }</span>
                <strong class="verdict-title">{ v.title.clone() }</strong>
                <code class="verdict-code">{ v.code.as_str() }</code>
            </div>
        </div>
    }
}
