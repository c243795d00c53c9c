//! `rehearse completions bash|zsh|fish`: a shell completion script, and the
//! hidden `rehearse complete-ids scenarios|sessions` it calls for ids.
//!
//! The scripts are clap_complete's static ones (commands, options, values),
//! with a few lines added that complete a scenario id after `play`, `graph`,
//! `why`, `progress`, `handout` and `run`, and a session id after `resume`, `export` and
//! `forget`. Ids change as scenarios are written and sessions played, so the
//! script asks rehearse for them at each Tab instead of listing them once.
//! `complete-ids` reads only file names and `id:` lines, never loading or
//! checking a scenario, so it is quick and still works while a file has
//! mistakes; it prints nothing but ids, and nothing at all when it cannot.

use crate::cli::Cli;
use crate::content::{read_files, ContentKind, ContentRoot};
use crate::load::Context;
use crate::outcome::Outcome;
use crate::scenario::library::{guess_id, SCENARIO_EXTENSIONS};
use std::io::Write as _;

/// The shells a script can be written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

/// What `complete-ids` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IdKind {
    /// The scenario library's ids.
    Scenarios,
    /// The kept sessions' ids, newest first, then `latest`.
    Sessions,
}

/// Commands whose first argument is a scenario id.
const SCENARIO_COMMANDS: &str = "play graph why progress handout run";
/// Commands whose first argument is a session id.
const SESSION_COMMANDS: &str = "resume export forget";
/// Options (of any command) followed by a value, so that value is not taken for
/// the first argument: `play --seed 3 <Tab>`.
const OPTIONS_WITH_VALUES: &str =
    "--scenarios --scenario --scripts --sets-dir --seed --format --set --from --skill --output -o --replies --jobs -j --min-group";

/// The whole script for `shell`.
pub fn script(shell: CompletionShell) -> String {
    let mut command = visible_command();
    let mut out = Vec::new();
    let generator = match shell {
        CompletionShell::Bash => clap_complete::Shell::Bash,
        CompletionShell::Zsh => clap_complete::Shell::Zsh,
        CompletionShell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(generator, &mut command, "rehearse", &mut out);
    let mut text = String::from_utf8_lossy(&out).into_owned();
    // Bash and zsh match a word against `a|b|c`; fish lists words with spaces.
    let fill = |template: &str, separator: &str| {
        template
            .replace("{{SCENARIO_COMMANDS}}", &SCENARIO_COMMANDS.replace(' ', separator))
            .replace("{{SESSION_COMMANDS}}", &SESSION_COMMANDS.replace(' ', separator))
            .replace("{{OPTIONS_WITH_VALUES}}", &OPTIONS_WITH_VALUES.replace(' ', separator))
    };
    let glue = match shell {
        CompletionShell::Bash => fill(BASH_IDS, "|"),
        CompletionShell::Zsh => {
            text = zsh_with_ids(&text);
            ZSH_IDS.to_string()
        }
        CompletionShell::Fish => fill(FISH_IDS, " "),
    };
    text.push('\n');
    text.push_str(&glue);
    text
}

/// The command line as people see it: clap_complete offers hidden
/// subcommands too, so `complete-ids` is left out of the copy it is given.
fn visible_command() -> clap::Command {
    use clap::CommandFactory as _;
    let full = Cli::command();
    let mut visible = clap::Command::new("rehearse")
        .version(env!("CARGO_PKG_VERSION"))
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    if let Some(about) = full.get_about() {
        visible = visible.about(about.clone());
    }
    visible
}

/// Bash: a wrapper around clap's `_rehearse` that answers the id positions itself.
const BASH_IDS: &str = r#"# Scenario and session ids, asked of rehearse at each Tab (`rehearse
# complete-ids`), so they are always the current ones.
_rehearse_with_ids() {
    local cur="${COMP_WORDS[COMP_CWORD]}" command="" kind="" library="" value=0 later=0 i word
    for (( i = 1; i < COMP_CWORD; i++ )); do
        word="${COMP_WORDS[i]}"
        if (( value )); then value=0; continue; fi
        case "$word" in
            --scenarios) library="${COMP_WORDS[i+1]}"; value=1 ;;
            {{OPTIONS_WITH_VALUES}}) value=1 ;;
            -*) ;;
            *) if [[ -z "$command" ]]; then command="$word"; else later=1; fi ;;
        esac
    done
    if (( ! value && ! later )) && [[ "$cur" != -* && "$cur" != */* ]]; then
        case "$command" in
            {{SCENARIO_COMMANDS}}) kind=scenarios ;;
            {{SESSION_COMMANDS}}) kind=sessions ;;
        esac
    fi
    if [[ -n "$kind" ]]; then
        local ids
        ids="$("${COMP_WORDS[0]}" ${library:+--scenarios "$library"} complete-ids "$kind" 2>/dev/null)"
        COMPREPLY=( $(compgen -W "$ids" -- "$cur") )
        return 0
    fi
    _rehearse "$@"
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _rehearse_with_ids -o nosort -o bashdefault -o default rehearse
else
    complete -F _rehearse_with_ids -o bashdefault -o default rehearse
fi
"#;

/// Zsh: the id arguments in clap's script call these functions.
const ZSH_IDS: &str = r#"# Scenario and session ids, asked of rehearse at each Tab (`rehearse
# complete-ids`), so they are always the current ones.
_rehearse_ids() {
    local -a ids library
    local i=${words[(I)--scenarios]}
    (( i > 0 )) && library=(--scenarios "${words[i+1]}")
    ids=(${(f)"$(${words[1]} $library complete-ids $1 2>/dev/null)"})
    compadd -a ids
}
_rehearse_scenario_ids() { _rehearse_ids scenarios }
_rehearse_scenario_ids_or_files() { _rehearse_ids scenarios; _files }
_rehearse_session_ids() { _rehearse_ids sessions }

if [ "$funcstack[1]" = "_rehearse" ]; then
    _rehearse "$@"
else
    compdef _rehearse rehearse
fi
"#;

/// Fish: completions for the first argument of the id commands.
const FISH_IDS: &str = r#"# Scenario and session ids, asked of rehearse at each Tab (`rehearse
# complete-ids`), so they are always the current ones.
function __rehearse_first_argument_of
    set -l words (commandline -opc)
    set -e words[1]
    set -l command ''
    set -l value 0
    set -l later 0
    for word in $words
        if test $value -eq 1
            set value 0
            continue
        end
        switch $word
            case {{OPTIONS_WITH_VALUES}}
                set value 1
            case '-*'
            case '*'
                if test -z "$command"
                    set command $word
                else
                    set later 1
                end
        end
    end
    test $value -eq 0; and test $later -eq 0; and contains -- "$command" $argv
end
function __rehearse_ids
    set -l words (commandline -opc)
    set -l library
    set -l i (contains -i -- --scenarios $words)
    and set library --scenarios $words[(math $i + 1)]
    $words[1] $library complete-ids $argv[1] 2>/dev/null
end
complete -c rehearse -n '__rehearse_first_argument_of play progress run' -f -a '(__rehearse_ids scenarios)'
complete -c rehearse -n '__rehearse_first_argument_of graph why handout' -a '(__rehearse_ids scenarios)'
complete -c rehearse -n '__rehearse_first_argument_of {{SESSION_COMMANDS}}' -f -a '(__rehearse_ids sessions)'
"#;

/// Points the id arguments of clap's zsh script at the functions in
/// [`ZSH_IDS`]. clap writes a positional as `':NAME -- HELP:_default'`; the
/// first positional of each id command gets the id function instead (an
/// optional one is written `'::NAME -- HELP:_default'`).
fn zsh_with_ids(text: &str) -> String {
    // clap ends its zsh script by calling or registering `_rehearse`; that call
    // moves to the end, after the id functions are defined.
    let tail = "if [ \"$funcstack[1]\" = \"_rehearse\" ]; then\n    _rehearse \"$@\"\nelse\n    compdef _rehearse rehearse\nfi\n";
    let mut out = text.replacen(tail, "", 1);
    for (command, argument, function) in ZSH_ID_ARGUMENTS {
        let Some(start) = out.find(&format!("\n({command})\n")) else {
            continue;
        };
        let end = out[start + 1..].find("\n;;").map_or(out.len(), |e| start + 1 + e);
        let section = &out[start..end];
        let needle = format!(":{argument} -- ");
        if let Some(at) = section.find(&needle) {
            if let Some(close) = section[at..].find(":_default'") {
                let spot = start + at + close;
                out.replace_range(spot..spot + ":_default'".len(), &format!(":{function}'"));
            }
        }
    }
    out
}

/// (command, argument name, completion function) for [`zsh_with_ids`].
const ZSH_ID_ARGUMENTS: [(&str, &str, &str); 9] = [
    ("play", "id", "_rehearse_scenario_ids"),
    ("run", "id", "_rehearse_scenario_ids"),
    ("handout", "scenario", "_rehearse_scenario_ids_or_files"),
    ("graph", "scenario", "_rehearse_scenario_ids_or_files"),
    ("why", "scenario", "_rehearse_scenario_ids_or_files"),
    ("progress", "scenario", "_rehearse_scenario_ids"),
    ("resume", "session", "_rehearse_session_ids"),
    ("export", "session", "_rehearse_session_ids"),
    ("forget", "session", "_rehearse_session_ids"),
];

pub fn run(shell: CompletionShell) -> Outcome {
    let mut out = std::io::stdout().lock();
    out.write_all(script(shell).as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The scenario ids of the library in use, sorted, each once.
pub fn scenario_ids(cli: &dyn Context) -> Vec<String> {
    let root = ContentRoot::resolve(ContentKind::Scenarios, cli.scenarios());
    let files = read_files(ContentKind::Scenarios, &root, &SCENARIO_EXTENSIONS).unwrap_or_default();
    let mut ids: Vec<String> = files.iter().filter_map(|f| guess_id(&f.bytes)).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The kept sessions' ids, newest first, then `latest`; read from the journal
/// file names alone.
pub fn session_ids() -> Vec<String> {
    let Some(data) = crate::data_dir::location() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(crate::journal::store::sessions_dir(&data)) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = entries
        .flatten()
        .filter_map(|e| crate::journal::store::journal_id(&e.file_name().to_string_lossy()).map(str::to_string))
        .collect();
    ids.sort_unstable_by(|a, b| b.cmp(a));
    if !ids.is_empty() {
        ids.push(crate::journal::store::LATEST.to_string());
    }
    ids
}

pub fn ids(cli: &dyn Context, kind: IdKind) -> Outcome {
    let ids = match kind {
        IdKind::Scenarios => scenario_ids(cli),
        IdKind::Sessions => session_ids(),
    };
    let mut out = std::io::stdout().lock();
    for id in ids {
        // Only what could be typed as an id: a file's `id:` line may hold anything.
        if id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            writeln!(out, "{id}")?;
        }
    }
    out.flush()?;
    Ok(())
}
