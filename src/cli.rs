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

    /// Keep nothing: no session journal and no command history is written.
    #[arg(long, global = true)]
    pub no_journal: bool,

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
        /// Run only the tests whose name contains this text (any case).
        #[arg(long, value_name = "TEXT")]
        only: Option<String>,
        /// Show the path of passing tests too, turn by turn.
        #[arg(short, long)]
        verbose: bool,
        /// Run scenarios on N threads (default: one per core); output stays in file order.
        #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
    },
    /// Start a new scenario: writes a commented template that already passes
    /// `check` and `test`, for you to make your own (docs/authoring.md).
    New {
        /// The new scenario's id: lowercase letters, digits and hyphens, e.g. `late-again`.
        id: String,
        /// The family it belongs to.
        #[arg(long, value_enum)]
        family: crate::commands::new::Family,
        /// Where to write it: a .yaml file, or a folder to put ID.yaml in.
        /// Default: the family's folder of the `--scenarios DIR` library.
        #[arg(long, short, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Draw a scenario's branches: every beat and ending, every rule as an arrow
    /// labelled with its number and condition.
    Graph {
        /// The scenario's id (see `rehearse list`) or the path of its .yaml file.
        scenario: String,
        /// text lists every beat's lines and rules; mermaid and dot draw a picture
        /// (paste Mermaid into a Markdown file or mermaid.live; render DOT with Graphviz).
        #[arg(long, value_enum, default_value = "text")]
        format: crate::scenario::graph_render::GraphFormat,
        /// Dash the arrows that none of the scenario's tests take.
        #[arg(long)]
        coverage: bool,
    },
    /// Show how one beat's rules read a reply: its scores, each rule's condition
    /// true or false, which rule fires and how the dials move.
    Why {
        /// The scenario's id (see `rehearse list`) or the path of its .yaml file.
        scenario: String,
        /// The beat answered, e.g. `opening`.
        beat: String,
        /// The reply to try, in quotes.
        reply: String,
        /// Try another value of a dial or session fact, e.g. `--set tension=7` or
        /// `--set best_validation=0.8` (default: the starting dials, and facts
        /// as if this were the first reply). May be repeated.
        #[arg(long = "set", value_name = "NAME=N")]
        set: Vec<String>,
    },
    /// Score replies: each TEXT, or each line of standard input.
    Score {
        /// One JSON object per reply, in input order.
        #[arg(long)]
        json: bool,
        /// Replies to score; without any, standard input is read line by line.
        text: Vec<String>,
        /// Score on N threads (default: one per core); output stays in input order.
        #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
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
        /// Also measure each group of replies that share this field's value
        /// separately, e.g. `--by source` for a table per data source.
        #[arg(long, value_name = "FIELD")]
        by: Option<String>,
        /// Score on N threads (default: one per core); the result does not change.
        #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
    },
    /// Learn a phrase model for one skill from labelled JSON Lines files (see
    /// docs/scoring.md). The bundled model is `scripts/models/blame.tsv`.
    Train {
        /// The skill to learn, e.g. `blame`: each reply needs a true/false label for it.
        skill: String,
        /// Labelled JSON Lines files: {"text": "...", "blame": true}
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the model here instead of printing it.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Leave out any reply that also appears in this labelled file (the blind
        /// test sets), so a measurement on it stays honest. May be repeated.
        #[arg(long, value_name = "FILE")]
        exclude: Vec<PathBuf>,
    },
    /// Carry on with an unfinished session from its journal. With piped input,
    /// reads the remaining replies one per line.
    Resume {
        /// The session (an id from `rehearse history`, a unique start of one, or
        /// `latest`); default: the latest unfinished session.
        session: Option<String>,
    },
    /// List your practice sessions: date, scenario, replies, ending, average per skill.
    History {
        /// One JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// How each skill has changed over your sessions, as a chart.
    Progress {
        /// Only sessions of this scenario.
        scenario: Option<String>,
        /// One skill, session by session, as a bar chart.
        #[arg(long, value_name = "NAME")]
        skill: Option<String>,
    },
    /// Write a readable transcript of a session (Markdown, HTML or JSON).
    Export {
        /// The session: an id from `rehearse history`, a unique start of one, or `latest`.
        session: String,
        /// The transcript's format.
        #[arg(long, value_enum, default_value = "md")]
        format: crate::journal::export::Format,
        /// Where to write it: a file, a folder, or `-` for standard output;
        /// default: the data folder's `exports/`.
        #[arg(long, short, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Replace the file named by --output if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Delete sessions for good: the journal and its exports.
    #[command(group(clap::ArgGroup::new("which").required(true).args(["session", "all"])))]
    Forget {
        /// The session: an id from `rehearse history`, a unique start of one, or `latest`.
        session: Option<String>,
        /// Every session, every export and the command history.
        #[arg(long)]
        all: bool,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}
