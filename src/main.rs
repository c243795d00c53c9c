//! `rehearse`: parse the command line and hand over. All the work is in the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    quiet_on_closed_output();
    rehearse::app::run(rehearse::cli::Cli::parse())
}

/// A backstop for closed pipes. Commands write through `io::Result` and end
/// quietly on a broken pipe (see `outcome::Failure::output_closed`), but a stray
/// `println!` anywhere would panic instead ("failed printing to stdout: Broken
/// pipe", exit 101). This hook turns exactly that panic into the same quiet,
/// successful exit; every other panic is reported as usual. Journals are synced
/// event by event, so exiting here loses nothing already written.
fn quiet_on_closed_output() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        let printing =
            message.starts_with("failed printing to stdout") || message.starts_with("failed printing to stderr");
        if printing && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
