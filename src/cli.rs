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

    /// Use the exercise sets in this folder (default: the `sets` folder beside
    /// the scenarios; see docs/authoring.md).
    #[arg(long, global = true, value_name = "DIR")]
    pub sets_dir: Option<PathBuf>,

    /// Keep nothing: no session journal and no command history is written.
    #[arg(long, global = true)]
    pub no_journal: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the loader and the commands read from the command line.
impl crate::load::Context for Cli {
    fn scenarios(&self) -> Option<&std::path::Path> {
        self.scenarios.as_deref()
    }

    fn scripts(&self) -> Option<&std::path::Path> {
        self.scripts.as_deref()
    }

    fn sets_dir(&self) -> Option<&std::path::Path> {
        self.sets_dir.as_deref()
    }

    fn no_journal(&self) -> bool {
        self.no_journal
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the scenarios: id, title, family, difficulty and summary.
    List {
        /// One JSON array instead of a table.
        #[arg(long)]
        json: bool,
        /// List the exercise sets instead: name, title, number of scenarios, summary.
        #[arg(long)]
        sets: bool,
    },
    /// Play one scenario, or an exercise set's scenarios in order. With piped
    /// input, reads one reply per line.
    Play {
        /// The scenario's id (see `rehearse list`) or its number in the menu.
        #[arg(required_unless_present = "set")]
        id: Option<String>,
        /// Which partner-line variants are picked; the same seed replays the same dialogue.
        #[arg(long, default_value_t = crate::scenario::DEFAULT_SEED)]
        seed: u64,
        /// Start at this beat instead of the beginning, e.g. `--from the_ask`.
        #[arg(long, value_name = "BEAT")]
        from: Option<String>,
        /// `--set DIAL=N` starts with a dial at another value (`--set trust=3`; may be
        /// repeated); `--set NAME` plays an exercise set (see `rehearse list --sets`)
        /// instead of one scenario: `--set conflict-first-steps`.
        #[arg(long = "set", value_name = "DIAL=N|NAME")]
        set: Vec<String>,
    },
    /// Write a printable exercise sheet for a workshop: the situation, the partner's
    /// opening lines, the skills with example wordings, space to write replies, and
    /// a facilitator's section (coach notes, endings, model answers).
    Handout {
        /// The scenario's id (see `rehearse list`) or the path of its .yaml file.
        scenario: String,
        /// Markdown, or one self-contained web page laid out for printing.
        #[arg(long, value_enum, default_value = "md")]
        format: crate::handout::HandoutFormat,
        /// Leave out the facilitator's section, for participants' copies.
        #[arg(long)]
        no_answers: bool,
        /// Write the sheet to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the file named by --output if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Play one scenario for a whole group at once, from reply files, folders or
    /// a CSV export of a form or spreadsheet (docs/workshops.md).
    Run {
        /// The scenario's id (see `rehearse list`).
        id: String,
        /// Reply files (one reply per line; the file's name is the person's),
        /// folders of them, or CSV files: `participant, turn, reply` (a reply per
        /// row) or `participant, turn 1, turn 2, …` (a person per row).
        #[arg(long, required = true, num_args = 1.., value_name = "PATH")]
        replies: Vec<PathBuf>,
        /// Which partner-line variants are picked; everyone gets the same.
        #[arg(long, default_value_t = crate::scenario::DEFAULT_SEED)]
        seed: u64,
        /// text: a block per person; json: one document for `rehearse report`.
        #[arg(long, value_enum, default_value = "text")]
        format: crate::commands::run::RunFormat,
        /// How many people to play at once (default: one per core).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// Also keep a session journal per person in the data folder.
        #[arg(long)]
        journal: bool,
    },
    /// A group report from `rehearse run --format json` results, session
    /// journals or JSON exports: endings, skills, where conversations turned,
    /// phrases and reframes, without names.
    Report {
        /// Result files, journals, exports, or folders of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// md or html (default: from -o's extension, else md).
        #[arg(long, value_enum)]
        format: Option<crate::commands::report::ReportFormat>,
        /// Write the report to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Refuse to report on a group of fewer people than this, so no one can be singled out.
        #[arg(long, value_name = "N", default_value_t = crate::commands::report::DEFAULT_MIN_GROUP)]
        min_group: usize,
        /// Add a table of each person's averages, with the names they were given.
        #[arg(long)]
        names: bool,
        /// Report on an exercise set (see `rehearse list --sets`): its scenarios in
        /// the set's order, under its title; conversations of other scenarios are left out.
        #[arg(long = "set", value_name = "NAME")]
        set: Option<String>,
        /// Replace the file named by -o if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Check scenario files or folders for mistakes (default: the scenario library).
    Check {
        /// Files or folders to check.
        paths: Vec<PathBuf>,
        /// Check again each time a scenario or scorer file is saved (Ctrl-C stops).
        #[arg(long)]
        watch: bool,
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
        /// Run the tests again each time a scenario or scorer file is saved (Ctrl-C stops).
        #[arg(long)]
        watch: bool,
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
        /// text lists every beat's lines and rules; svg draws a picture to open in a
        /// browser (hover an arrow for its condition); mermaid and dot are for other
        /// tools (paste Mermaid into a Markdown file or mermaid.live; render DOT with Graphviz).
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
        /// Score with this scenario's own scorers too, and quote its example
        /// wordings in tips: its id (see `rehearse list`) or the path of its .yaml file.
        #[arg(long, value_name = "ID")]
        scenario: Option<String>,
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
        /// Train one of the FILEs at a lower weight, e.g. `--weight hints.jsonl=0.2`:
        /// for weak labels (a dataset's own tags mapped by a rule) that should help
        /// without outvoting labelled replies. Weights are above 0 and at most 1;
        /// files not named here weigh 1. May be repeated.
        #[arg(long, value_name = "FILE=WEIGHT")]
        weight: Vec<String>,
        /// One more word class, e.g. `--class '<neg>=negative'`: every one-word entry of
        /// `scripts/lexicons/negative.txt` also counts as the token `<neg>`, beside
        /// `<insult>` and `<trait>`. For measuring a word list's worth as evidence.
        #[arg(long, value_name = "TOKEN=LIST")]
        class: Vec<String>,
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
    /// Print the JSON Schema of the scenario format, for an editor's completion
    /// and hover help (docs/authoring.md, "Help from your editor").
    Schema,
    /// Print a shell completion script that completes commands, options,
    /// scenario ids and session ids (README, "Shell completion").
    Completions {
        /// The shell to write it for.
        #[arg(value_enum)]
        shell: crate::commands::completions::CompletionShell,
    },
    /// The ids the completion scripts offer, one a line (used by them, not by people).
    #[command(hide = true)]
    CompleteIds {
        #[arg(value_enum)]
        kind: crate::commands::completions::IdKind,
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
