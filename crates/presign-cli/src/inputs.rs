//! What a run gives the core besides the URL: the headers (from flags and files), the secret,
//! the instant and the native Unicode normalizer.

use crate::args::{HeaderSource, Options};
use crate::secret::read_secret;
use crate::usage::Usage;
use presign_core::normalize::Normalizer;
use presign_core::{Inputs, UnixTime};

/// The core's inputs for `options`, with an empty URL and no error body: the headers read, the
/// secret read from where the options say.
pub fn base_inputs(options: &Options) -> Result<Inputs, Usage> {
    let headers = header_text(&options.headers)?;
    let secret = read_secret(&options.secret)?;
    Ok(Inputs {
        url: String::new(),
        method: options.method,
        headers,
        secret,
        normalizer: Some(normalizer()),
        ..Inputs::default()
    })
}

/// `--header` lines and the contents of `--headers-file`, in the order given.
fn header_text(sources: &[HeaderSource]) -> Result<String, Usage> {
    let mut text = String::new();
    for source in sources {
        match source {
            HeaderSource::Line(line) => text.push_str(line),
            HeaderSource::File(path) => {
                let contents = std::fs::read_to_string(path)
                    .map_err(|e| format!("--headers-file: cannot read {}: {e}", path.display()))?;
                text.push_str(&contents);
            }
        }
        text.push('\n');
    }
    Ok(text)
}

/// NFC and NFD for the root-cause search's key variants (the page injects JavaScript's).
fn normalizer() -> Normalizer {
    use unicode_normalization::UnicodeNormalization;
    Normalizer {
        nfc: |s| s.nfc().collect(),
        nfd: |s| s.nfd().collect(),
    }
}

/// `--now`, else the system clock.
pub fn now(options: &Options) -> UnixTime {
    options.now.unwrap_or_else(|| {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        UnixTime(secs)
    })
}
