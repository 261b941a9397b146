//! One URL: read it (argument or standard input), inspect it, print the report as text or JSON.

use crate::args::{Format, UrlSource};
use crate::usage::Usage;
use presign_core::{inspect, Inputs, UnixTime};
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    mut inputs: Inputs,
    url: &UrlSource,
    error_xml: Option<&Path>,
    format: Format,
    now: UnixTime,
) -> Result<ExitCode, Usage> {
    inputs.url = match url {
        UrlSource::Argument(url) => url.clone(),
        UrlSource::Stdin => read_url_from_stdin()?,
    };
    if let Some(path) = error_xml {
        inputs.error_xml = std::fs::read_to_string(path)
            .map_err(|e| format!("--error-xml: cannot read {}: {e}", path.display()))?;
    }
    let mut report = inspect(&inputs, now);
    // The signing key (kSigning) signs any request for that day, region and service: it is a
    // credential, and terminal output ends up in logs, so the command line never prints it.
    if let Some(c) = report.sigv4.as_mut() {
        c.signing_key = None;
    }
    let out = match format {
        Format::Json => {
            let mut json = serde_json::to_string(&report)
                .map_err(|e| format!("cannot serialize the report: {e}"))?;
            json.push('\n');
            json
        }
        Format::Text => crate::render::text_report(&report),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
    Ok(if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Read lossily, as the page's text field does: a NUL or a stray non-UTF-8 byte from a log
/// becomes a finding (U+0000, U+FFFD), not a refusal to read.
fn read_url_from_stdin() -> Result<String, Usage> {
    if std::io::stdin().is_terminal() {
        eprintln!("presign-inspector: paste the presigned URL, then press Ctrl-D");
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
