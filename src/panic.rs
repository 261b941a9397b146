//! The panic hook: a bug must leave a message and a way to report it, not a dead page.
//!
//! The release build is `panic = "abort"`: after the hook returns, the wasm instance is gone
//! and neither Yew nor any callback runs again. So the hook builds the banner itself, with
//! plain DOM calls, synchronously, before it returns. The report text never carries the panic
//! message's quoted parts (a failed string slice quotes the string, which could be the URL or
//! even the secret): only the message with quotes blanked, and where it happened.

use std::fmt::Write as _;
use std::panic::PanicHookInfo;

/// Where people report a bug. Empty: the mail opens with the report filled in and the
/// recipient left to the person (whoever runs the copy of the page they use).
pub const REPORT_ADDRESS: &str = "";

/// Installs the hook. Call once, before the app is mounted. It goes through Yew: a hook set
/// with `std::panic::set_hook` alone would be replaced by Yew's default when the app renders,
/// and that default (`console_error_panic_hook`) prints the whole panic message, user input and
/// all, to the console.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info: &PanicHookInfo<'_>| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
        let report = report_text(&message, location.as_deref());
        web_sys::console::error_1(&report.clone().into());
        show_banner(&report);
    }));
}

/// Blanks everything between backticks or quotes: panic messages quote the values involved.
pub fn scrub(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut closing: Option<char> = None;
    for c in message.chars() {
        match closing {
            Some(end) if c == end => {
                out.push(c);
                closing = None;
            }
            Some(_) => {}
            None => {
                out.push(c);
                closing = match c {
                    '`' => Some('`'),
                    '"' => Some('"'),
                    '\'' => Some('\''),
                    '\u{201c}' => Some('\u{201d}'),
                    _ => None,
                };
                if closing.is_some() {
                    out.push('\u{2026}');
                }
            }
        }
    }
    out.chars().take(300).collect()
}

/// The text a person sends with the report: what broke and where, never what they typed.
pub fn report_text(message: &str, location: Option<&str>) -> String {
    let mut text = String::from("Presign Inspector stopped with an internal error.\n");
    let _ = writeln!(text, "version: {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(text, "error: {}", scrub(message));
    let _ = writeln!(text, "at: {}", location.unwrap_or("unknown"));
    if let Some(agent) = web_sys::window().and_then(|w| w.navigator().user_agent().ok()) {
        let _ = writeln!(text, "browser: {agent}");
    }
    text.push_str("(This report holds none of the URL, headers, XML or secret you typed.)\n");
    text
}

/// Percent-encodes for a `mailto:` body (RFC 6068: everything but unreserved characters).
fn mailto_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The `mailto:` link that opens a mail with the report filled in.
pub fn mailto_link(report: &str) -> String {
    format!(
        "mailto:{REPORT_ADDRESS}?subject={}&body={}",
        mailto_encode("Presign Inspector: internal error"),
        mailto_encode(report)
    )
}

/// Puts the error banner at the top of the page. Text only (`set_text_content`), never markup.
/// Returns `None` when there is no document to write into.
pub fn show_banner(report: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let body = document.body()?;
    if document
        .query_selector("[data-testid=panic-banner]")
        .ok()
        .flatten()
        .is_some()
    {
        return Some(());
    }
    let banner = document.create_element("section").ok()?;
    banner.set_attribute("role", "alert").ok()?;
    banner.set_attribute("class", "panic-banner").ok()?;
    banner.set_attribute("data-testid", "panic-banner").ok()?;
    let title = document.create_element("h2").ok()?;
    title.set_text_content(Some("Something went wrong inside Presign Inspector"));
    let explain = document.create_element("p").ok()?;
    explain.set_text_content(Some(
        "The page hit a bug and stopped; reload it to start again. Nothing you typed has left this tab. Please report the bug: the text below says what broke and holds none of your input.",
    ));
    let text = document.create_element("pre").ok()?;
    text.set_attribute("data-testid", "panic-report").ok()?;
    text.set_text_content(Some(report));
    let link = document.create_element("a").ok()?;
    link.set_attribute("href", &mailto_link(report)).ok()?;
    link.set_attribute("data-testid", "panic-report-link")
        .ok()?;
    link.set_text_content(Some("Report this bug by e-mail"));
    for child in [&title, &explain, &text, &link] {
        banner.append_child(child).ok()?;
    }
    body.insert_before(&banner, body.first_child().as_ref())
        .ok()?;
    Some(())
}
