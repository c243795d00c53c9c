//! The command line: what a user can type after `rehearse`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "rehearse",
    version,
    about = "Practise hard conversations before having them.",
    long_about = "Practise hard conversations before having them.\n\nWith no command, opens the practice menu. Everything runs on this machine; nothing you type is sent anywhere."
)]
pub struct Cli {
    /// Use the scenarios in this folder instead of the bundled ones.
    #[arg(long, global = true, value_name = "DIR")]
    pub scenarios: Option<PathBuf>,

    /// Use the scorer scripts in this folder instead of the bundled ones.
    #[arg(long, global = true, value_name = "DIR")]
    pub scripts: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the scenarios: id, title, family, difficulty and summary.
    List {
        /// One JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Play one scenario. With piped input, reads one reply per line.
    Play {
        /// The scenario's id (see `rehearse list`) or its number in the menu.
        id: String,
        /// Which partner-line variants are picked; the same seed replays the same dialogue.
        #[arg(long, default_value_t = crate::scenario::DEFAULT_SEED)]
        seed: u64,
    },
    /// Check scenario files or folders for mistakes (default: the scenario library).
    Check {
        /// Files or folders to check.
        paths: Vec<PathBuf>,
    },
    /// Run the test conversations written in the scenario files.
    Test {
        /// Files or folders to test (default: the scenario library).
        paths: Vec<PathBuf>,
        /// Also report the beats, rules and endings the tests never reach.
        #[arg(long)]
        coverage: bool,
    },
    /// Score replies: each TEXT, or each line of standard input.
    Score {
        /// One JSON object per reply, in input order.
        #[arg(long)]
        json: bool,
        /// Replies to score; without any, standard input is read line by line.
        text: Vec<String>,
    },
    /// Measure the scorers on a labelled JSON Lines file (precision, recall, F1).
    Eval {
        /// JSON Lines: {"text": "...", "blame": true, "apology": false, ...}
        file: PathBuf,
        /// Also list every reply scored differently from its label.
        #[arg(long)]
        errors: bool,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
}
