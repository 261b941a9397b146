//! One URL or signed request: read it (argument, standard input or `--request-file`), with its
//! body (`--body-file`, hashed as it is read) and the service's error body, inspect it, print the
//! report as text or JSON.

use crate::args::{Format, UrlSource};
use crate::usage::Usage;
use presign_core::input::body::{BodyDigest, BodyHasher};
use presign_core::{inspect, Inputs, UnixTime};
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// Where one run's texts come from.
pub struct Sources<'a> {
    pub url: &'a UrlSource,
    pub error_xml: Option<&'a Path>,
    pub body_file: Option<&'a Path>,
}

pub fn run(
    mut inputs: Inputs,
    sources: &Sources<'_>,
    format: Format,
    now: UnixTime,
) -> Result<ExitCode, Usage> {
    inputs.url = match sources.url {
        UrlSource::Argument(url) => url.clone(),
        UrlSource::Stdin => read_url_from_stdin()?,
        UrlSource::File(path) => {
            let bytes = std::fs::read(path)
                .map_err(|e| format!("--request-file: cannot read {}: {e}", path.display()))?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    if let Some(path) = sources.error_xml {
        inputs.error_xml = std::fs::read_to_string(path)
            .map_err(|e| format!("--error-xml: cannot read {}: {e}", path.display()))?;
    }
    if let Some(path) = sources.body_file {
        inputs.body = Some(hash_body(path)?);
    }
    let mut report = inspect(&inputs, now);
    // The signing key (kSigning) signs any request for that day, region and service: it is a
    // credential, and terminal output ends up in logs, so the command line never prints it.
    if let Some(c) = report.sigv4.as_mut() {
        c.signing_key = None;
    }
    if let Some(s) = report.signing.as_mut() {
        s.steps.retain(|step| step.id != "signing-key");
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

/// The SHA-256 and length of the body file, read a megabyte at a time (a large upload is never
/// held whole).
fn hash_body(path: &Path) -> Result<BodyDigest, Usage> {
    let cannot = |e: std::io::Error| format!("--body-file: cannot read {}: {e}", path.display());
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let mut hasher = BodyHasher::default();
    let mut buffer = vec![0; 1 << 20];
    loop {
        let n = file.read(&mut buffer).map_err(cannot)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(hasher.finish(name))
}

/// Read lossily, as the page's text field does: a NUL or a stray non-UTF-8 byte from a log
/// becomes a finding (U+0000, U+FFFD), not a refusal to read.
fn read_url_from_stdin() -> Result<String, Usage> {
    if std::io::stdin().is_terminal() {
        eprintln!(
            "presign-inspector: paste the presigned URL or the signed request, then press Ctrl-D"
        );
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
