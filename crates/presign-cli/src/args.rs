//! The command line's flags (one field of [`Cli`] each, clap derive) and what they become: the
//! [`Options`] a run needs, or a one-line [`Usage`] message. Nothing here reads a file, the
//! secret or the URL; `--help`, completions and the man page are all made from [`Cli`].

use crate::secret::{is_env_name, refuse_secret_in_argv, SecretSource, SECRET_TWICE};
use crate::usage::{from_clap, Usage};
use clap::error::ErrorKind;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, ValueEnum};
use presign_core::input::headers::parse_header_lines;
use presign_core::time::parse_rfc3339;
use presign_core::{HttpMethod, UnixTime};
use std::ffi::OsString;
use std::path::PathBuf;

const ABOUT: &str =
    "Tells why an S3 presigned URL or a signed AWS request fails, and what to change.";

/// Wrapped by hand: clap wraps help text only with its terminal-size feature.
const AFTER_HELP: &str = "\
The URL is read from standard input when it is not given as an argument (or is `-`), or from
--request-file. Instead of a URL, give a request signed in its Authorization header, to any AWS
service: a raw HTTP request, a curl command or an SDK debug log (botocore, the AWS CLI's --debug),
told apart by their text; --body-file gives its body when the text does not hold it.

The secret is never taken from an argument: arguments are visible to every user of the machine
(ps, /proc) and are kept in shell history. Give it with --secret-stdin or --secret-env VAR: the
secret access key (SigV4, SigV4A, SigV2), or for an Azure SAS the account key (base64 or a
connection string) or the user delegation key's value. Without a secret the URL is decoded and
checked, but the signature is not verified.

Exit status: 0 without error findings, 1 with error findings, 2 when the arguments are unusable.";

/// The flags. Adding a flag is adding a field: clap parses it, `--help`, the completions and the
/// man page list it, and [`Options::from_cli`] hands it on.
#[derive(Debug, Parser)]
#[command(
    name = "presign-inspector",
    version,
    about = ABOUT,
    long_about = None,
    after_help = AFTER_HELP,
    // `--now A --now B` means B, as a shell alias with a default flag expects.
    args_override_self = true
)]
pub struct Cli {
    /// A presigned URL, signed request (raw HTTP, curl, SDK log) or POST; else stdin
    #[arg(value_name = "URL")]
    pub url: Option<String>,

    /// Read the URL or signed request (raw HTTP, curl, SDK log) from F
    #[arg(long, value_name = "F")]
    pub request_file: Option<PathBuf>,

    /// The request's body, hashed into its payload hash (signed requests)
    #[arg(long, value_name = "F")]
    pub body_file: Option<PathBuf>,

    /// The method sent: GET, PUT, HEAD, DELETE or POST (else GET is assumed)
    #[arg(long, value_name = "M", value_parser = method)]
    pub method: Option<HttpMethod>,

    /// A header the request sends, as 'Name: value' (repeatable)
    #[arg(short = 'H', long, value_name = "NAME: VALUE", value_parser = header_line)]
    pub header: Vec<String>,

    /// Headers the request sends, one `Name: value` per line (repeatable)
    #[arg(long, value_name = "F")]
    pub headers_file: Vec<PathBuf>,

    /// The error body the service answered with (XML or JSON)
    #[arg(long, value_name = "F")]
    pub error_xml: Option<PathBuf>,

    /// A presigned POST's file: its name, size and type are checked
    #[arg(long, value_name = "F")]
    pub file: Option<PathBuf>,

    /// The size in bytes of a POST's file (overrides --file's)
    #[arg(long, value_name = "N", value_parser = file_size)]
    pub file_size: Option<u64>,

    /// The type of a POST's file, e.g. image/png (overrides --file's)
    #[arg(long, value_name = "T")]
    pub content_type: Option<String>,
    /// The signer's PEM public key or certificate (GCS RSA, CloudFront)
    #[arg(long, value_name = "FILE")]
    pub public_key: Option<PathBuf>,

    /// Read the secret key from stdin (the URL: argument or --request-file)
    #[arg(long)]
    pub secret_stdin: bool,

    /// Read the secret key from the environment variable VAR
    #[arg(long, value_name = "VAR", value_parser = env_name)]
    pub secret_env: Option<String>,

    /// Check expiry at this instant (e.g. 2013-05-24T01:00:00Z), not now
    #[arg(long, value_name = "RFC3339", value_parser = rfc3339)]
    pub now: Option<UnixTime>,

    /// Print the report as one JSON object
    #[arg(long)]
    pub json: bool,

    /// One URL per line of FILE (`-`: stdin), one JSON line out per URL
    #[arg(long, value_name = "FILE")]
    pub batch: Option<PathBuf>,

    /// Print completions-bash|completions-zsh|completions-fish|man
    #[arg(long, value_name = "WHAT", value_enum, hide_possible_values = true)]
    pub generate: Option<Generate>,
}

/// What `--generate` prints, made from [`Cli`] itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    CompletionsBash,
    CompletionsZsh,
    CompletionsFish,
    Man,
}

fn method(text: &str) -> Result<HttpMethod, String> {
    HttpMethod::parse(text).ok_or_else(|| {
        format!("--method: \u{201c}{text}\u{201d} is not a method presigned S3 URLs are used with; use GET, PUT, HEAD, DELETE or POST")
    })
}

fn header_line(line: &str) -> Result<String, String> {
    let parsed = parse_header_lines(line);
    if parsed.headers.len() == 1 && parsed.unreadable_lines.is_empty() {
        Ok(line.to_owned())
    } else {
        Err(format!(
            "--header: \u{201c}{line}\u{201d} is not a header; write it as 'Name: value'"
        ))
    }
}

/// The value is not echoed: what is given here instead of a name is likely the secret.
fn env_name(name: &str) -> Result<String, String> {
    if is_env_name(name) {
        Ok(name.to_owned())
    } else {
        Err("--secret-env takes the NAME of an environment variable (e.g. AWS_SECRET_ACCESS_KEY), not the secret itself; \
            the value given is not a variable name and is not shown here".to_owned())
    }
}

fn file_size(text: &str) -> Result<u64, String> {
    text.trim().parse().map_err(|_| {
        format!("--file-size: \u{201c}{text}\u{201d} is not a size in bytes, such as 10485760")
    })
}

fn rfc3339(text: &str) -> Result<UnixTime, String> {
    parse_rfc3339(text).ok_or_else(|| {
        format!(
            "--now: \u{201c}{text}\u{201d} is not an RFC 3339 time such as 2013-05-24T01:00:00Z"
        )
    })
}

/// A `--header` line or a `--headers-file`, kept in the order given: a header named in both is
/// joined in that order in the canonical request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderSource {
    Line(String),
    File(PathBuf),
}

/// The file a presigned POST uploads, as the flags describe it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadFlags {
    /// `--file`: name, size and type read from the file system (never its content).
    pub file: Option<PathBuf>,
    pub size: Option<u64>,
    pub content_type: Option<String>,
}

/// Where a single URL (or signed request) comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlSource {
    Argument(String),
    Stdin,
    /// `--request-file`.
    File(PathBuf),
}

/// Where `--batch` reads its URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchInput {
    File(PathBuf),
    Stdin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// What the run does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    /// One URL or signed request, reported as text or JSON (`--error-xml`: the service's
    /// answer to it; `--body-file`: its body).
    One {
        url: UrlSource,
        error_xml: Option<PathBuf>,
        body_file: Option<PathBuf>,
        format: Format,
    },
    /// Every line of a file, one JSON line each.
    Batch(BatchInput),
    Generate(Generate),
}

/// Everything a run needs, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub method: Option<HttpMethod>,
    /// `None` when no file flag was given.
    pub upload: Option<UploadFlags>,
    pub headers: Vec<HeaderSource>,
    pub secret: SecretSource,
    /// `--public-key`: read into `Inputs::public_key`.
    pub public_key: Option<PathBuf>,
    pub now: Option<UnixTime>,
    pub work: Work,
}

/// What the arguments ask for.
#[derive(Debug)]
pub enum Parsed {
    /// Boxed: the options are many, the help text one pointer.
    Run(Box<Options>),
    /// `--help` or `--version`: clap prints it.
    Show(clap::Error),
}

/// Parses the arguments (without the program name).
pub fn parse(args: Vec<OsString>) -> Result<Parsed, Usage> {
    let mut given = Vec::with_capacity(args.len());
    for arg in args {
        given.push(
            arg.into_string()
                .map_err(|_| Usage::from("an argument is not valid UTF-8"))?,
        );
    }
    refuse_secret_in_argv(&given)?;
    let with_name = std::iter::once("presign-inspector".to_owned()).chain(given);
    let matches = match Cli::command().try_get_matches_from(with_name) {
        Ok(m) => m,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            return Ok(Parsed::Show(e));
        }
        Err(e) => return Err(from_clap(&e)),
    };
    let cli = Cli::from_arg_matches(&matches).map_err(|e| from_clap(&e))?;
    let headers = header_sources(&matches, &cli);
    Options::from_cli(cli, headers).map(|options| Parsed::Run(Box::new(options)))
}

/// `--header` and `--headers-file` in the order they were given.
fn header_sources(matches: &ArgMatches, cli: &Cli) -> Vec<HeaderSource> {
    let indexed = |id: &str| matches.indices_of(id).into_iter().flatten();
    let lines = indexed("header").zip(cli.header.iter().cloned().map(HeaderSource::Line));
    let files =
        indexed("headers_file").zip(cli.headers_file.iter().cloned().map(HeaderSource::File));
    let mut all: Vec<(usize, HeaderSource)> = lines.chain(files).collect();
    all.sort_by_key(|(index, _)| *index);
    all.into_iter().map(|(_, source)| source).collect()
}

impl Options {
    /// The checks between flags, which clap's declarations cannot say with these messages.
    fn from_cli(cli: Cli, headers: Vec<HeaderSource>) -> Result<Options, Usage> {
        let secret = match (cli.secret_stdin, cli.secret_env) {
            (false, None) => SecretSource::None,
            (true, None) => SecretSource::Stdin,
            (false, Some(var)) => SecretSource::Env(var),
            (true, Some(_)) => return Err(SECRET_TWICE.into()),
        };
        let work = if let Some(what) = cli.generate {
            Work::Generate(what)
        } else if let Some(file) = cli.batch {
            if cli.url.is_some() {
                return Err("--batch reads the URLs from its file; give no URL argument".into());
            }
            if cli.error_xml.is_some() {
                return Err(
                    "--error-xml answers one request; it cannot be used with --batch".into(),
                );
            }
            if cli.request_file.is_some() || cli.body_file.is_some() {
                return Err("--request-file and --body-file are one request's; --batch reads its URLs from its file".into());
            }
            if file.as_os_str() == "-" {
                if secret == SecretSource::Stdin {
                    return Err("--secret-stdin reads the secret from standard input, so --batch needs a file \
                        (or pass the secret with --secret-env VAR and use --batch -)".into());
                }
                Work::Batch(BatchInput::Stdin)
            } else {
                Work::Batch(BatchInput::File(file))
            }
        } else {
            let url = match (cli.url, cli.request_file) {
                (Some(_), Some(_)) => {
                    return Err(
                        "give the URL or request once: as an argument or with --request-file"
                            .into(),
                    );
                }
                (None, Some(file)) => UrlSource::File(file),
                (Some(url), None) if url != "-" => UrlSource::Argument(url),
                _ if secret == SecretSource::Stdin => {
                    return Err("--secret-stdin reads the secret from standard input, so the URL must be given as an argument \
                        or with --request-file F (or pass the secret with --secret-env VAR and the URL on standard input)".into());
                }
                _ => UrlSource::Stdin,
            };
            Work::One {
                url,
                error_xml: cli.error_xml,
                body_file: cli.body_file,
                format: if cli.json { Format::Json } else { Format::Text },
            }
        };
        let upload = (cli.file.is_some() || cli.file_size.is_some() || cli.content_type.is_some())
            .then_some(UploadFlags {
                file: cli.file,
                size: cli.file_size,
                content_type: cli.content_type,
            });
        Ok(Options {
            method: cli.method,
            upload,
            headers,
            secret,
            public_key: cli.public_key,
            now: cli.now,
            work,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(args: &[&str]) -> Result<Options, String> {
        match parse(args.iter().map(OsString::from).collect()) {
            Ok(Parsed::Run(options)) => Ok(*options),
            Ok(Parsed::Show(e)) => Err(format!("shown: {e}")),
            Err(Usage(message)) => Err(message),
        }
    }

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn headers_keep_their_order_across_flags_and_files() {
        let options =
            parse_text(&["-H", "A: 1", "--headers-file", "f", "--header=B: 2", "u"]).unwrap();
        assert_eq!(
            options.headers,
            [
                HeaderSource::Line("A: 1".into()),
                HeaderSource::File("f".into()),
                HeaderSource::Line("B: 2".into()),
            ]
        );
    }

    #[test]
    fn the_file_flags_describe_a_posts_file() {
        let options = parse_text(&["--file", "a.png", "--file-size", "12", "u"]).unwrap();
        assert_eq!(
            options.upload,
            Some(UploadFlags {
                file: Some("a.png".into()),
                size: Some(12),
                content_type: None
            })
        );
        assert_eq!(parse_text(&["u"]).unwrap().upload, None);
        let message = parse_text(&["--file-size", "10MB", "u"]).unwrap_err();
        assert!(
            message.starts_with("--file-size: \u{201c}10MB\u{201d} is not a size"),
            "{message}"
        );
    }

    #[test]
    fn a_repeated_flag_takes_the_last_value() {
        let options = parse_text(&["--method", "PUT", "--method", "head", "u"]).unwrap();
        assert_eq!(options.method, Some(HttpMethod::Head));
    }

    #[test]
    fn the_secret_given_twice_is_refused() {
        for args in [
            &["--secret-env", "A", "--secret-env", "B", "u"][..],
            &["--secret-stdin", "--secret-env=A", "u"],
        ] {
            assert_eq!(parse_text(args).unwrap_err(), SECRET_TWICE);
        }
    }

    #[test]
    fn after_a_double_dash_everything_is_the_url() {
        let options = parse_text(&["--json", "--", "--secret"]).unwrap();
        assert_eq!(
            options.work,
            Work::One {
                url: UrlSource::Argument("--secret".into()),
                error_xml: None,
                body_file: None,
                format: Format::Json
            }
        );
    }

    #[test]
    fn the_request_from_a_file_with_the_secret_on_stdin() {
        let options = parse_text(&[
            "--secret-stdin",
            "--request-file",
            "r.http",
            "--body-file",
            "b",
        ])
        .unwrap();
        assert_eq!(
            options.work,
            Work::One {
                url: UrlSource::File("r.http".into()),
                error_xml: None,
                body_file: Some("b".into()),
                format: Format::Text
            }
        );
        for args in [
            &["--request-file", "r.http", "u"][..],
            &["--batch", "f", "--body-file", "b"],
        ] {
            assert!(parse_text(args).is_err(), "{args:?}");
        }
    }

    #[test]
    fn every_generate_value_and_a_wrong_one() {
        for (name, what) in [
            ("completions-bash", Generate::CompletionsBash),
            ("completions-zsh", Generate::CompletionsZsh),
            ("completions-fish", Generate::CompletionsFish),
            ("man", Generate::Man),
        ] {
            assert_eq!(
                parse_text(&["--generate", name]).unwrap().work,
                Work::Generate(what)
            );
        }
        let message = parse_text(&["--generate", "pdf"]).unwrap_err();
        assert!(
            message.starts_with("--generate: \u{201c}pdf\u{201d} is not one of completions-bash"),
            "{message}"
        );
    }
}
