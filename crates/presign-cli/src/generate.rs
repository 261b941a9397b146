//! `--generate`: shell completions and the man page, made from the same clap definitions as
//! the parser and `--help`, so they list exactly the flags the binary takes.

use crate::args::{Cli, Generate};
use crate::usage::Usage;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::process::ExitCode;

pub fn run(what: Generate) -> Result<ExitCode, Usage> {
    let mut command = Cli::command();
    let name = command.get_name().to_owned();
    let mut out = Vec::new();
    let shell = match what {
        Generate::CompletionsBash => Shell::Bash,
        Generate::CompletionsZsh => Shell::Zsh,
        Generate::CompletionsFish => Shell::Fish,
        Generate::Man => {
            clap_mangen::Man::new(command)
                .render(&mut out)
                .map_err(|e| format!("cannot write the man page: {e}"))?;
            return Ok(print(&out));
        }
    };
    clap_complete::generate(shell, &mut command, name, &mut out);
    Ok(print(&out))
}

fn print(out: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = stdout.write_all(out).and_then(|()| stdout.flush());
    ExitCode::SUCCESS
}
