//! What a run gives the core besides the URL: the headers (from flags and files), the secret,
//! the public key, the instant and the native Unicode normalizer.

use crate::args::{HeaderSource, Options, UploadFlags};
use crate::secret::read_secret;
use crate::usage::Usage;
use presign_core::normalize::Normalizer;
use presign_core::post_policy::UploadFile;
use presign_core::{Inputs, UnixTime};

/// The core's inputs for `options`, with an empty URL and no error body: the headers read, the
/// secret read from where the options say.
pub fn base_inputs(options: &Options) -> Result<Inputs, Usage> {
    let headers = header_text(&options.headers)?;
    let secret = read_secret(&options.secret)?;
    let upload = options.upload.as_ref().map(upload_file).transpose()?;
    let public_key = match &options.public_key {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| format!("--public-key: cannot read {}: {e}", path.display()))?,
        None => String::new(),
    };
    Ok(Inputs {
        url: String::new(),
        method: options.method,
        headers,
        secret,
        upload,
        public_key,
        normalizer: Some(normalizer()),
        ..Inputs::default()
    })
}

/// The file a presigned POST uploads: `--file`'s name, size and type (by its extension, as a
/// browser tells a chosen file's type), the explicit flags taking precedence. The file's
/// content is never read.
fn upload_file(flags: &UploadFlags) -> Result<UploadFile, Usage> {
    let mut file = UploadFile::default();
    if let Some(path) = &flags.file {
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("--file: cannot read {}: {e}", path.display()))?;
        if !meta.is_file() {
            return Err(format!("--file: {} is not a file", path.display()).into());
        }
        file.size = Some(meta.len());
        file.name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        file.content_type = path
            .extension()
            .and_then(|e| type_of_extension(&e.to_string_lossy()))
            .map(str::to_owned);
    }
    if flags.size.is_some() {
        file.size = flags.size;
    }
    if flags.content_type.is_some() {
        file.content_type.clone_from(&flags.content_type);
    }
    Ok(file)
}

/// The type browsers give a file with this extension (the common upload types).
fn type_of_extension(extension: &str) -> Option<&'static str> {
    Some(match extension.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "heic" => "image/heic",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "json" => "application/json",
        "csv" => "text/csv",
        "txt" => "text/plain",
        "html" | "htm" => "text/html",
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        "mp3" => "audio/mpeg",
        _ => return None,
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
