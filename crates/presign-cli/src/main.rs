//! The command line over the domain layer: `args` turns the arguments into options, `inputs`
//! reads the headers and the secret, and `single`, `batch` or `generate` does the work. Every
//! decision about a URL is made in `presign_core`; this crate gathers inputs and lays the
//! report out as text (`render`) or JSON.

mod args;
mod batch;
mod generate;
mod inputs;
mod render;
mod secret;
mod single;
mod usage;

use args::{Parsed, Work};
use std::process::ExitCode;
use usage::Usage;

/// `--batch` allocates a report per URL, and mimalloc costs it far less than glibc's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match args::parse(std::env::args_os().skip(1).collect()).and_then(run) {
        Ok(code) => code,
        Err(usage) => usage.exit(),
    }
}

fn run(parsed: Parsed) -> Result<ExitCode, Usage> {
    let options = match parsed {
        Parsed::Run(options) => *options,
        Parsed::Show(help_or_version) => {
            // clap prints it to standard output and says exit status 0.
            let _ = help_or_version.print();
            return Ok(ExitCode::SUCCESS);
        }
    };
    match &options.work {
        Work::Generate(what) => generate::run(*what),
        Work::One {
            url,
            error_xml,
            body_file,
            format,
        } => single::run(
            inputs::base_inputs(&options)?,
            &single::Sources {
                url,
                error_xml: error_xml.as_deref(),
                body_file: body_file.as_deref(),
            },
            *format,
            inputs::now(&options),
        ),
        Work::Batch(source) => batch::run(
            inputs::base_inputs(&options)?,
            source,
            inputs::now(&options),
        ),
    }
}
