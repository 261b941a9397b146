//! The command line over the domain layer: reads flags, the URL and the secret, calls
//! `inspect` and prints its report. Every decision about the URL is made in `presign_core`; this
//! file only gathers inputs and lays the report out as text or JSON.

use presign_core::diagnose::guard;
use presign_core::endpoint::Endpoint;
use presign_core::input::headers::parse_header_lines;
use presign_core::normalize::Normalizer;
use presign_core::report::{Report, SigV4Computation};
use presign_core::sigv4::params::QueryAuth;
use presign_core::sigv4::signature::SigningKeyCache;
use presign_core::time::{human_duration, parse_rfc3339};
use presign_core::types::AddressingStyle;
use presign_core::{
    inspect, inspect_with, HttpMethod, Inputs, ReportDetail, Secret, Severity, UnixTime,
};
use std::fmt::Write as _;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;
use zeroize::Zeroizing;

/// `--batch` allocates a report per URL; mimalloc halves what glibc's allocator costs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
presign-inspector: tells why an S3 presigned URL fails, and what to change.

Usage:
  presign-inspector [OPTIONS] [URL]

The URL is read from standard input when it is not given as an argument.

Options:
  --method M            the method the request is sent with: GET (default), PUT, HEAD, DELETE, POST
  --header 'Name: value'
                        a header the request sends (repeatable)
  --headers-file F      headers the request sends, one `Name: value` per line
  --error-xml F         the XML error body S3 answered with
  --secret-stdin        read the secret access key from standard input (then the URL must be
                        an argument, since standard input carries the secret)
  --secret-env VAR      read the secret access key from the environment variable VAR
  --now RFC3339         evaluate expiry at this instant (e.g. 2013-05-24T01:00:00Z) instead of
                        the system clock
  --json                print the report as one JSON object
  --batch FILE          check every URL of FILE (one per line, `-` for standard input) with the
                        same method, headers, secret and --now; print one JSON line per URL
                        with its line number and the --json report's verdict and findings
  -h, --help            print this help

The secret is never taken from an argument: arguments are visible to every user of the machine
(ps, /proc) and are kept in shell history. Without a secret the URL is decoded and checked, but the
signature is not verified.

Exit status: 0 without error findings, 1 with error findings, 2 when the arguments are unusable.
";

/// Where the secret comes from. Never from argv.
#[derive(Debug, PartialEq, Eq)]
enum SecretSource {
    None,
    Stdin,
    Env(String),
}

#[derive(Debug)]
struct Options {
    method: Option<HttpMethod>,
    /// `--header` lines and the contents of `--headers-file`, in the order given.
    headers: String,
    error_xml_file: Option<String>,
    secret: SecretSource,
    now: Option<UnixTime>,
    json: bool,
    url: Option<String>,
    /// `--batch FILE`: one URL per line, one JSON line out per URL.
    batch: Option<String>,
}

enum Command {
    Run(Options),
    Help,
}

/// An argument problem: printed to stderr, exit status 2.
struct Usage(String);

impl<T: Into<String>> From<T> for Usage {
    fn from(message: T) -> Self {
        Usage(message.into())
    }
}

const SECRET_IN_ARGV: &str =
    "the secret access key is never taken from an argument: arguments are visible to every \
user of the machine (ps, /proc/*/cmdline) and end up in shell history. Use --secret-stdin \
(e.g. `presign-inspector --secret-stdin URL < secret.txt`) or --secret-env VAR \
(e.g. `--secret-env AWS_SECRET_ACCESS_KEY`)";

/// An environment variable name; anything else given to `--secret-env` is likely the secret.
fn is_env_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Conventional environment variable names (upper case) are safe to echo in messages; a
/// mixed-case "name" might be the secret itself, which must never be printed.
fn printable_env_name(name: &str) -> Option<&str> {
    name.bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        .then_some(name)
}

fn parse_args(args: Vec<String>) -> Result<Command, Usage> {
    let mut options = Options {
        method: None,
        headers: String::new(),
        error_xml_file: None,
        secret: SecretSource::None,
        now: None,
        json: false,
        url: None,
        batch: None,
    };
    let mut args = args.into_iter();
    let mut only_positional = false;
    while let Some(arg) = args.next() {
        if only_positional || !arg.starts_with('-') || arg == "-" {
            if options.url.is_some() {
                // The extra argument is not echoed: it could be a secret typed after the URL.
                return Err("only one URL can be given (a second positional argument was found; if it was the secret, \
                    use --secret-stdin or --secret-env instead)"
                    .into());
            }
            options.url = Some(arg);
            continue;
        }
        if arg == "--" {
            only_positional = true;
            continue;
        }
        let (name, inline_value) = match arg.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        // Checked before anything else, so that no message ever echoes such a value.
        let lower = name.to_ascii_lowercase();
        let secret_flag = lower.contains("secret") || lower == "--password" || lower == "--key";
        if secret_flag && !(matches!(name.as_str(), "--secret-stdin" | "--secret-env")) {
            return Err(SECRET_IN_ARGV.into());
        }
        let mut value = |flag: &str| -> Result<String, Usage> {
            match inline_value.clone().or_else(|| args.next()) {
                Some(v) => Ok(v),
                None => Err(format!("{flag} needs a value").into()),
            }
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--json" | "--secret-stdin" if inline_value.is_some() => {
                if name == "--secret-stdin" {
                    return Err(SECRET_IN_ARGV.into());
                }
                return Err(format!("{name} takes no value").into());
            }
            "--json" => options.json = true,
            "--method" => {
                let m = value("--method")?;
                options.method = Some(HttpMethod::parse(&m).ok_or_else(|| {
                    format!("--method: \u{201c}{m}\u{201d} is not a method presigned S3 URLs are used with; use GET, PUT, HEAD, DELETE or POST")
                })?);
            }
            "--header" | "-H" => {
                let line = value("--header")?;
                let parsed = parse_header_lines(&line);
                if parsed.headers.len() != 1 || !parsed.unreadable_lines.is_empty() {
                    return Err(format!("--header: \u{201c}{line}\u{201d} is not a header; write it as 'Name: value'").into());
                }
                options.headers.push_str(&line);
                options.headers.push('\n');
            }
            "--headers-file" => {
                let path = value("--headers-file")?;
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("--headers-file: cannot read {path}: {e}"))?;
                options.headers.push_str(&text);
                options.headers.push('\n');
            }
            "--error-xml" => options.error_xml_file = Some(value("--error-xml")?),
            "--batch" => options.batch = Some(value("--batch")?),
            "--secret-stdin" => set_secret(&mut options, SecretSource::Stdin)?,
            "--secret-env" => {
                let var = value("--secret-env")?;
                if !is_env_name(&var) {
                    return Err("--secret-env takes the NAME of an environment variable (e.g. AWS_SECRET_ACCESS_KEY), not the secret itself; \
                        the value given is not a variable name and is not shown here"
                        .into());
                }
                set_secret(&mut options, SecretSource::Env(var))?;
            }
            "--now" => {
                let text = value("--now")?;
                options.now = Some(
                    parse_rfc3339(&text)
                        .ok_or_else(|| format!("--now: \u{201c}{text}\u{201d} is not an RFC 3339 time such as 2013-05-24T01:00:00Z"))?,
                );
            }
            _ => return Err(format!("unknown option {name}").into()),
        }
    }
    if let Some(file) = &options.batch {
        if options.url.is_some() {
            return Err("--batch reads the URLs from its file; give no URL argument".into());
        }
        if options.error_xml_file.is_some() {
            return Err("--error-xml answers one request; it cannot be used with --batch".into());
        }
        if file == "-" && options.secret == SecretSource::Stdin {
            return Err(
                "--secret-stdin reads the secret from standard input, so --batch needs a file \
                (or pass the secret with --secret-env VAR and use --batch -)"
                    .into(),
            );
        }
        return Ok(Command::Run(options));
    }
    if options.secret == SecretSource::Stdin && matches!(options.url.as_deref(), None | Some("-")) {
        return Err("--secret-stdin reads the secret from standard input, so the URL must be given as an argument \
            (or pass the secret with --secret-env VAR and the URL on standard input)"
            .into());
    }
    Ok(Command::Run(options))
}

fn set_secret(options: &mut Options, source: SecretSource) -> Result<(), Usage> {
    if options.secret != SecretSource::None {
        return Err("give the secret once: either --secret-stdin or --secret-env VAR".into());
    }
    options.secret = source;
    Ok(())
}

fn read_stdin() -> Result<Zeroizing<String>, Usage> {
    let mut text = Zeroizing::new(String::new());
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(text)
}

fn read_secret(source: &SecretSource) -> Result<Option<Secret>, Usage> {
    let text = match source {
        SecretSource::None => return Ok(None),
        SecretSource::Stdin => read_stdin()?,
        SecretSource::Env(var) => {
            let shown = printable_env_name(var)
                .map_or_else(|| "named by --secret-env".to_owned(), str::to_owned);
            match std::env::var(var) {
                Ok(v) => Zeroizing::new(v),
                Err(std::env::VarError::NotPresent) => {
                    return Err(format!(
                        "--secret-env: the environment variable {shown} is not set"
                    )
                    .into())
                }
                Err(std::env::VarError::NotUnicode(_)) => {
                    return Err(format!(
                        "--secret-env: the environment variable {shown} is not valid UTF-8"
                    )
                    .into())
                }
            }
        }
    };
    // A secret access key never contains white space, so surrounding white space (the newline
    // of `echo`, a CR from Windows files) is dropped; inner white space means the input is
    // something else.
    let secret = text.trim();
    if secret.is_empty() {
        return Err("the secret is empty".into());
    }
    if secret.contains(char::is_whitespace) {
        return Err(
            "the secret contains white space or several lines; give only the secret access key"
                .into(),
        );
    }
    Ok(Some(Secret::new(secret)))
}

/// NFC and NFD for the root-cause search's key variants.
fn normalizer() -> Normalizer {
    use unicode_normalization::UnicodeNormalization;
    Normalizer {
        nfc: |s| s.nfc().collect(),
        nfd: |s| s.nfd().collect(),
    }
}

fn system_now() -> UnixTime {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    UnixTime(secs)
}

fn run(options: Options) -> Result<ExitCode, Usage> {
    let secret = read_secret(&options.secret)?;
    if let Some(file) = &options.batch {
        return run_batch(file, &options, secret);
    }
    let url = match options.url.as_deref() {
        Some(url) if url != "-" => url.to_owned(),
        _ => {
            if std::io::stdin().is_terminal() {
                eprintln!("presign-inspector: paste the presigned URL, then press Ctrl-D");
            }
            // Read lossily, as the page's text field does: a NUL or a stray non-UTF-8 byte
            // from a log becomes a finding (U+0000, U+FFFD), not a refusal to read.
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    let error_xml = match &options.error_xml_file {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| format!("--error-xml: cannot read {path}: {e}"))?,
        None => String::new(),
    };
    let inputs = Inputs {
        url,
        method: options.method,
        headers: options.headers,
        secret,
        error_xml,
        normalizer: Some(normalizer()),
        ..Inputs::default()
    };
    let mut report = inspect(&inputs, options.now.unwrap_or_else(system_now));
    // The signing key (kSigning) signs any request for that day, region and service: it is a
    // credential, and terminal output ends up in logs, so the command line never prints it.
    if let Some(c) = report.sigv4.as_mut() {
        c.signing_key = None;
    }
    let out = if options.json {
        let mut json = serde_json::to_string(&report)
            .map_err(|e| format!("cannot serialize the report: {e}"))?;
        json.push('\n');
        json
    } else {
        // Keys and headers are user input: never let them drive the terminal.
        guard::terminal_safe(&render(&report))
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

fn main() -> ExitCode {
    let mut args = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.into_string() {
            Ok(a) => args.push(a),
            Err(_) => return usage_error(&Usage("an argument is not valid UTF-8".to_owned())),
        }
    }
    match parse_args(args).and_then(|command| match command {
        Command::Help => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Run(options) => run(options),
    }) {
        Ok(code) => code,
        Err(e) => usage_error(&e),
    }
}

fn usage_error(e: &Usage) -> ExitCode {
    eprintln!(
        "presign-inspector: {}\nTry `presign-inspector --help`.",
        e.0
    );
    ExitCode::from(2)
}

// ---- human output ----

/// A label column wide enough for every label.
const LABEL: usize = 18;

fn field(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "  {label:<LABEL$}{value}");
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
        let mut sent = format!("{} with host {}", r.method, r.host);
        for h in &r.headers.headers {
            let _ = write!(sent, "; {}: {}", h.name, h.value);
        }
        field(out, "sent as", &sent);
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

fn render(report: &Report) -> String {
    let mut out = String::new();
    render_request(&mut out, report);
    render_findings(&mut out, report);
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

// ---- batch ----

/// One line of `--batch` output: the `--json` report's `verdict` and `findings`, and the
/// 1-based line of the input it answers. The rest of the report (decoded URL, parameter table,
/// canonical request) is left out: it restates the input, and would be most of the bytes.
///
/// Written by hand rather than through serde: the finding texts are most of a batch's output,
/// and serde_json's byte-by-byte escaping was a fifth of the time per URL. The bytes are
/// exactly what `serde_json::to_writer` writes for the same fields (tested below).
mod batch_json {
    use presign_core::report::Verdict;
    use presign_core::Finding;

    pub fn write_line(out: &mut Vec<u8>, line: u64, verdict: &Verdict, findings: &[Finding]) {
        out.extend_from_slice(b"{\"line\":");
        out.extend_from_slice(line.to_string().as_bytes());
        out.extend_from_slice(b",\"verdict\":{\"code\":");
        string(out, verdict.code.as_str());
        out.extend_from_slice(b",\"severity\":");
        string(out, verdict.severity.as_str());
        out.extend_from_slice(b",\"title\":");
        string(out, &verdict.title);
        out.extend_from_slice(b"},\"findings\":[");
        for (i, f) in findings.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"code\":");
            string(out, f.code.as_str());
            out.extend_from_slice(b",\"severity\":");
            string(out, f.severity.as_str());
            out.extend_from_slice(b",\"title\":");
            string(out, &f.title);
            out.extend_from_slice(b",\"detail\":");
            string(out, &f.detail);
            out.extend_from_slice(b",\"evidence\":[");
            for (j, e) in f.evidence.iter().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(b"{\"label\":");
                string(out, &e.label);
                out.extend_from_slice(b",\"value\":");
                string(out, &e.value);
                out.push(b'}');
            }
            out.extend_from_slice(b"]}");
        }
        out.extend_from_slice(b"]}\n");
    }

    /// Whether any of 8 bytes (little-endian in `x`) is below 0x20, `"` or `\\`: the bytes a
    /// JSON string must escape.
    fn needs_escape(x: u64) -> bool {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let below_space = x.wrapping_sub(ONES * 0x20) & !x;
        let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v;
        (below_space
            | zero_byte(x ^ (ONES * u64::from(b'"')))
            | zero_byte(x ^ (ONES * u64::from(b'\\'))))
            & HIGH
            != 0
    }

    /// A JSON string, escaped as serde_json escapes it.
    pub fn string(out: &mut Vec<u8>, text: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bytes = text.as_bytes();
        out.push(b'"');
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Skip clean runs eight bytes at a time.
            if let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                if !needs_escape(word) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0c => b"\\f",
                0x00..=0x1f => &[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ],
                _ => {
                    i += 1;
                    continue;
                }
            };
            out.extend_from_slice(&bytes[start..i]);
            out.extend_from_slice(escape);
            i += 1;
            start = i;
        }
        out.extend_from_slice(&bytes[start..]);
        out.push(b'"');
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use presign_core::{Code, Severity};

        #[derive(serde::Serialize)]
        struct Line<'a> {
            line: u64,
            verdict: &'a Verdict,
            findings: &'a [Finding],
        }

        #[test]
        fn writes_what_serde_json_writes() {
            let texts = [
                "",
                "plain text that is long enough for the eight-byte steps",
                "quote \" backslash \\ slash / tab \t line\nfeed\r\u{8}\u{c}\u{0}\u{1f}\u{7f} end",
                "é — “curly” 𝄞 \u{202e}bidi\u{200b}",
                "\"\"\"\"\"\"\"\"\\\\\\\\\\\\\\\\\\",
                "12345678\n2345678\"",
            ];
            for text in texts {
                let mut ours = Vec::new();
                string(&mut ours, text);
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    serde_json::to_string(text).unwrap(),
                    "{text:?}"
                );
            }
            let finding = Finding::new(Code::Expired, Severity::Error, texts[2], texts[3])
                .with("at", texts[1])
                .with(texts[4], "");
            let findings = [
                finding.clone(),
                Finding::new(Code::SignatureValid, Severity::Ok, "", ""),
                finding,
            ];
            let verdict = Verdict {
                code: Code::Expired,
                severity: Severity::Error,
                title: texts[5].to_owned(),
            };
            for shown in [&findings[..], &[]] {
                let mut ours = Vec::new();
                write_line(&mut ours, 42, &verdict, shown);
                let mut theirs = serde_json::to_vec(&Line {
                    line: 42,
                    verdict: &verdict,
                    findings: shown,
                })
                .unwrap();
                theirs.push(b'\n');
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    String::from_utf8(theirs).unwrap()
                );
            }
        }
    }
}

/// Checks every line of `file` with the same method, headers, secret and instant. One output
/// line per input line (a blank line gets its `not-a-url` answer), so outputs pair with inputs.
/// Buffers are reused from line to line and the output is written through one locked buffer.
fn run_batch(file: &str, options: &Options, secret: Option<Secret>) -> Result<ExitCode, Usage> {
    use std::io::BufRead;
    let input: Box<dyn BufRead> = if file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let f =
            std::fs::File::open(file).map_err(|e| format!("--batch: cannot read {file}: {e}"))?;
        Box::new(std::io::BufReader::with_capacity(1 << 16, f))
    };
    let now = options.now.unwrap_or_else(system_now);
    let mut inputs = Inputs {
        url: String::new(),
        method: options.method,
        headers: options.headers.clone(),
        secret,
        normalizer: Some(normalizer()),
        ..Inputs::default()
    };
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut raw = Vec::new();
    let mut json = Vec::with_capacity(1024);
    let mut input = input;
    let mut line = 0u64;
    let mut any_error = false;
    // Signing keys derived for one line serve every later line with the same scope.
    let mut keys = SigningKeyCache::default();
    loop {
        raw.clear();
        match input.read_until(b'\n', &mut raw) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("--batch: cannot read {file}: {e}").into()),
        }
        line += 1;
        inputs.url.clear();
        // Valid UTF-8 (nearly every line) is checked far faster than it is lossily converted.
        match std::str::from_utf8(&raw) {
            Ok(text) => inputs.url.push_str(text),
            Err(_) => inputs.url.push_str(&String::from_utf8_lossy(&raw)),
        }
        let report = inspect_with(&inputs, now, ReportDetail::Findings, &mut keys);
        any_error |= report.has_errors();
        json.clear();
        batch_json::write_line(&mut json, line, &report.verdict, &report.findings);
        if stdout.write_all(&json).is_err() {
            // A closed pipe (`| head`): nobody reads the rest.
            break;
        }
    }
    let _ = stdout.flush();
    Ok(if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
