//! Unusable arguments: one line on standard error and exit status 2, whoever found the problem
//! (clap, the checks after it, or reading a file or the secret an argument names).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::process::ExitCode;

/// The exit status of unusable arguments.
pub const USAGE_EXIT: u8 = 2;

/// An argument problem, said in one line.
#[derive(Debug)]
pub struct Usage(pub String);

impl<T: Into<String>> From<T> for Usage {
    fn from(message: T) -> Self {
        Usage(message.into())
    }
}

impl Usage {
    /// Prints the message and where to read more; the exit status to end with.
    pub fn exit(&self) -> ExitCode {
        eprintln!(
            "presign-inspector: {}\nTry `presign-inspector --help`.",
            self.0
        );
        ExitCode::from(USAGE_EXIT)
    }
}

/// clap's error in one line of our own words. clap's own text is not printed: it quotes the
/// values given, and a value may be a secret typed in the wrong place.
pub fn from_clap(err: &clap::Error) -> Usage {
    let context = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    // "--method <M>" or "--json=yes": the flag's name only.
    let arg = context(ContextKind::InvalidArg);
    let flag = arg.split([' ', '=']).next().unwrap_or_default().to_owned();
    match err.kind() {
        // The value parsers in args.rs wrote the whole message.
        ErrorKind::ValueValidation => match std::error::Error::source(err) {
            Some(inner) => Usage(inner.to_string()),
            None => format!("{flag}: the value is not usable").into(),
        },
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("unknown option {flag}").into()
        }
        // The extra argument is not echoed: it could be a secret typed after the URL.
        ErrorKind::UnknownArgument => {
            "only one URL can be given (a second positional argument was found; \
            if it was the secret, use --secret-stdin or --secret-env instead)"
                .into()
        }
        ErrorKind::InvalidValue => match context(ContextKind::InvalidValue) {
            value if value.is_empty() => format!("{flag} needs a value").into(),
            value => format!(
                "{flag}: \u{201c}{value}\u{201d} is not one of {}",
                context(ContextKind::ValidValue)
            )
            .into(),
        },
        ErrorKind::TooManyValues | ErrorKind::NoEquals => format!("{flag} takes no value").into(),
        kind => format!("unusable arguments ({kind})").into(),
    }
}
