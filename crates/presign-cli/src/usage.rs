//! Unusable arguments: one line on standard error and exit status 2, whoever found the problem
//! (clap, the checks after it, or reading a file or the secret an argument names).

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
