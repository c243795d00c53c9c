//! `rehearse`: parse the command line and hand over. All the work is in the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    rehearse::app::run(rehearse::cli::Cli::parse())
}
