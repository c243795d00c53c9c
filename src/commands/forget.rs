//! `rehearse forget SESSION|--all`: delete sessions for good — the journal, its
//! exports in the data folder, and the session's replies in the command history
//! (the REPL remembers typed lines for the up arrow). Asks first on a terminal;
//! without a terminal it needs `--yes`, so a script cannot delete by accident.

use crate::app::{Failure, Outcome};
use crate::journal::{atomic, clock, store};
use crate::session::clean_reply;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

pub fn run(session: Option<&str>, all: bool, yes: bool) -> Outcome {
    let (data, listing) = store::list_data_dir()?;
    if all {
        return forget_all(&data, listing.records.len(), yes);
    }
    let wanted =
        session.ok_or_else(|| Failure::new("name a session to forget (see `rehearse history`), or use --all"))?;
    let record = store::resolve(&listing.records, wanted).map_err(Failure::new)?;
    let exports = exports_of(&data, record.id())?;
    let question = format!(
        "Delete session {} ({}, {}, {} replies){} for good? This cannot be undone.",
        record.id(),
        record.header.scenario.id,
        clock::display(&record.header.started),
        record.entries.len(),
        match exports.len() {
            0 => String::new(),
            1 => " and its export".to_string(),
            n => format!(" and its {n} exports"),
        }
    );
    if !confirm(&question, yes)? {
        println!("Nothing was deleted.");
        return Ok(());
    }
    let journal = record
        .path
        .clone()
        .ok_or_else(|| Failure::new("this session has no journal file"))?;
    remove(&journal)?;
    for export in &exports {
        remove(export)?;
    }
    let scrubbed = scrub_history(&data.join(crate::repl::HISTORY_FILE), &record.replies())?;
    let mut done = format!("Deleted session {}", record.id());
    if !exports.is_empty() {
        done.push_str(&format!(" and {} export(s)", exports.len()));
    }
    if scrubbed > 0 {
        done.push_str(&format!("; removed {scrubbed} of its replies from the command history"));
    }
    println!("{done}.");
    println!("Transcripts you saved elsewhere with --output are not touched.");
    Ok(())
}

fn forget_all(data: &Path, sessions: usize, yes: bool) -> Outcome {
    let journals = files_in(&store::sessions_dir(data), |p| {
        p.extension().and_then(|e| e.to_str()) == Some(store::EXTENSION)
    })?;
    let exports = files_in(&store::exports_dir(data), |_| true)?;
    let history = data.join(crate::repl::HISTORY_FILE);
    if journals.is_empty() && exports.is_empty() && !history.exists() {
        println!("There is nothing to forget: no sessions, exports or command history are kept.");
        return Ok(());
    }
    let question = format!(
        "Delete all {} sessions ({} journal files), {} exports and the command history in {} for good? This cannot be undone.",
        sessions,
        journals.len(),
        exports.len(),
        data.display()
    );
    if !confirm(&question, yes)? {
        println!("Nothing was deleted.");
        return Ok(());
    }
    for path in journals.iter().chain(&exports) {
        remove(path)?;
    }
    if history.exists() {
        remove(&history)?;
    }
    println!(
        "Deleted {} journal files, {} exports and the command history. Transcripts you saved elsewhere with --output are not touched.",
        journals.len(),
        exports.len()
    );
    Ok(())
}

/// Asks `question` on the terminal; `--yes` answers for the person. Without a
/// terminal there is nobody to ask, so it refuses.
fn confirm(question: &str, yes: bool) -> Result<bool, Failure> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::new(
            "forget deletes for good, so it asks first, but standard input is not a terminal; add --yes to delete without asking",
        ));
    }
    print!("{question} [y/N] ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// The exports of session `id` in the data folder: `exports/<id>.<ext>`.
fn exports_of(data: &Path, id: &str) -> Result<Vec<PathBuf>, Failure> {
    let prefix = format!("{id}.");
    files_in(&store::exports_dir(data), |p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(&prefix))
    })
}

fn files_in(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, Failure> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Failure::new(format!("cannot read {}: {e}", dir.display()))),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.is_file() && keep(&path) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn remove(path: &Path) -> Result<(), Failure> {
    std::fs::remove_file(path).map_err(|e| {
        Failure::new(format!(
            "could not delete {}: {e}; check the file's permissions and try again",
            path.display()
        ))
    })
}

/// Removes the lines of the REPL's command history that are one of `replies`
/// (rustyline's format: `#V2`, then one entry per line with `\` and newlines
/// escaped). Returns how many lines went. The file is rewritten atomically.
fn scrub_history(path: &Path, replies: &[String]) -> Result<usize, Failure> {
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => {
            return Err(Failure::new(format!(
                "cannot read the command history {}: {e}",
                path.display()
            )))
        }
    };
    let mut kept = Vec::new();
    let mut removed = 0;
    for line in text.lines() {
        let entry = clean_reply(&unescape(line));
        if !entry.is_empty() && replies.contains(&entry) {
            removed += 1;
        } else {
            kept.push(line);
        }
    }
    if removed > 0 {
        let mut rest = kept.join("\n");
        rest.push('\n');
        atomic::write_private(path, rest.as_bytes())
            .map_err(|e| Failure::new(format!("could not rewrite the command history {}: {e}", path.display())))?;
    }
    Ok(removed)
}

fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_only_the_session_replies() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.txt");
        std::fs::write(
            &path,
            "#V2\n/hint\nI feel tired\\\\ really\nkeep me\n  I feel tired\\\\ really  \n",
        )
        .expect("write");
        let removed = scrub_history(&path, &["I feel tired\\ really".to_string()]).expect("scrub");
        assert_eq!(removed, 2);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "#V2\n/hint\nkeep me\n");
    }
}
