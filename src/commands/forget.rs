//! `rehearse forget SESSION|--all`: delete sessions for good — the journal, its
//! exports in the data folder, and the session's replies in the command history
//! (the REPL remembers typed lines for the up arrow). Asks first on a terminal;
//! without a terminal it needs `--yes`, so a script cannot delete by accident.
//!
//! It deletes exactly the files rehearse made and nothing else, because the data
//! folder is also a place people put their own things: journals named
//! `sessions/<id>.jsonl`, exports named `exports/<id>.<md|html|json>`, the hidden
//! temporary files of an interrupted export or history rewrite, and
//! `history.txt` — where `<id>` has the shape of a session id. A symbolic link
//! with such a name is removed as a link; what it points to is never touched.
//! A session open in another rehearse is not deleted under it.

use crate::journal::{atomic, clock, store, writer};
use crate::outcome::{Failure, Outcome};
use crate::session::clean_reply;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

pub fn run(session: Option<&str>, all: bool, yes: bool) -> Outcome {
    let (data, listing) = store::list_data_dir()?;
    if all {
        return forget_all(&data, yes);
    }
    let wanted =
        session.ok_or_else(|| Failure::new("name a session to forget (see `rehearse history`), or use --all"))?;
    let record = store::resolve(&listing.records, wanted).map_err(Failure::new)?;
    let journal = record
        .path
        .clone()
        .ok_or_else(|| Failure::new("this session has no journal file"))?;
    let exports = exports_of(&data, record.id())?;
    refuse_if_open(&journal, record.id())?;
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
    // Again: it may have been opened while the question was on screen.
    refuse_if_open(&journal, record.id())?;
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

fn forget_all(data: &Path, yes: bool) -> Outcome {
    let sessions = store::sessions_dir(data);
    let (journals, others_in_sessions) = entries_in(&sessions, |name| store::journal_id(name).is_some())?;
    let (exports, others_in_exports) = entries_in(&store::exports_dir(data), |name| store::export_id(name).is_some())?;
    let (history, _) = entries_in(data, is_history_file)?;
    for journal in &journals {
        let id = journal.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
        refuse_if_open(journal, id)?;
    }
    // The pattern cache holds the scripts' patterns, not replies, but it goes too:
    // nothing rehearse wrote is left behind by "forget everything".
    let cache = crate::score::literal_cache::file_in(data);
    if journals.is_empty() && exports.is_empty() && history.is_empty() {
        let _ = std::fs::remove_file(&cache);
        remove_cache_folder_if_empty(&cache);
        println!("There is nothing to forget: no sessions, exports or command history are kept.");
        return Ok(());
    }
    let question = format!(
        "Delete all {} sessions, {} exports and the command history in {} for good? This cannot be undone.",
        journals.len(),
        exports.len(),
        data.display()
    );
    if !confirm(&question, yes)? {
        println!("Nothing was deleted.");
        return Ok(());
    }
    let mut links = 0;
    for path in journals.iter().chain(&exports).chain(&history) {
        links += usize::from(is_link(path));
        remove(path)?;
    }
    if cache.exists() {
        remove(&cache)?;
    }
    remove_cache_folder_if_empty(&cache);
    println!(
        "Deleted {} sessions, {} exports and the command history. Transcripts you saved elsewhere with --output are not touched.",
        journals.len(),
        exports.len()
    );
    if links > 0 {
        println!("{links} of them were symbolic links: the links were removed, what they pointed to was not touched.");
    }
    let others: Vec<String> = others_in_sessions
        .iter()
        .chain(&others_in_exports)
        .map(|p| p.display().to_string())
        .collect();
    if !others.is_empty() {
        let shown: Vec<&str> = others.iter().take(5).map(String::as_str).collect();
        let more = if others.len() > shown.len() { ", …" } else { "" };
        println!(
            "Kept {} file(s) that rehearse did not make: {}{more}. Delete them yourself if you want them gone.",
            others.len(),
            shown.join(", ")
        );
    }
    Ok(())
}

/// The folder the pattern cache lives in, once the cache is gone: rehearse made
/// it, so "forget everything" leaves no empty trace of it. A folder someone put
/// their own files in is not empty and stays (`remove_dir` refuses).
fn remove_cache_folder_if_empty(cache: &std::path::Path) {
    if let Some(folder) = cache.parent() {
        let _ = std::fs::remove_dir(folder);
    }
}

/// `history.txt`, or the hidden temporary file of a rewrite of it that was interrupted.
fn is_history_file(name: &str) -> bool {
    name == crate::repl::HISTORY_FILE
        || name
            .strip_prefix('.')
            .and_then(atomic::temporary_target)
            .is_some_and(|target| target == crate::repl::HISTORY_FILE)
}

/// Refuses to delete a session that another rehearse is playing or resuming:
/// it would go on writing into a file that no longer exists.
fn refuse_if_open(journal: &Path, id: &str) -> Result<(), Failure> {
    if writer::open_elsewhere(journal) {
        return Err(Failure::new(format!(
            "session {id} is open in another rehearse right now ({}); quit it there first, then forget it. Nothing was deleted.",
            journal.display()
        )));
    }
    Ok(())
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
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

/// The exports of session `id` in the data folder: `exports/<id>.<md|html|json>`
/// and the temporary files of any of them being written when rehearse stopped.
/// `id` is one the person named, so it need not have the usual shape.
fn exports_of(data: &Path, id: &str) -> Result<Vec<PathBuf>, Failure> {
    Ok(entries_in(&store::exports_dir(data), |name| store::export_stem(name) == Some(id))?.0)
}

/// The entries of `dir` whose names `ours` accepts (plain files, or links,
/// which are never followed), and the other plain files and links, both sorted.
/// Folders are left out: rehearse makes none inside these.
fn entries_in(dir: &Path, ours: impl Fn(&str) -> bool) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Failure> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Default::default()),
        Err(e) => return Err(Failure::new(format!("cannot read {}: {e}", dir.display()))),
    };
    let (mut mine, mut others) = (Vec::new(), Vec::new());
    for entry in entries {
        let entry = entry.map_err(|e| Failure::new(format!("cannot read {}: {e}", dir.display())))?;
        let kind = entry
            .file_type()
            .map_err(|e| Failure::new(format!("cannot read {}: {e}", entry.path().display())))?;
        if kind.is_dir() {
            continue;
        }
        let name = entry.file_name();
        if name.to_str().is_some_and(&ours) {
            mine.push(entry.path());
        } else {
            others.push(entry.path());
        }
    }
    mine.sort();
    others.sort();
    Ok((mine, others))
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
    let read = crate::data_dir::open_plain_file(path).and_then(|mut file| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).map(|_| bytes)
    });
    let text = match read {
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
