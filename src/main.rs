//! The `quotelens` command: analyses one article (a file or stdin) or a stream of JSON lines,
//! and prints the analysis as JSON with offsets in Unicode code points.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    match cli::run(std::env::args_os().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed stdout (`quotelens --jsonl | head`) is the reader's choice, not an error.
        Err(cli::CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quotelens: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
