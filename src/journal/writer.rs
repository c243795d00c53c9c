//! Appending to a journal: each event is one line, written whole and synced to
//! disk before the front end asks for the next reply. `kill -9` or a power cut at
//! any moment therefore loses at most the reply still being typed.
//!
//! A writer holds an exclusive advisory lock on its journal for as long as it is
//! open, so two rehearse processes (two `resume`s, or `play` and `resume`) never
//! append to one session: their lines would interleave and each would number its
//! turns without knowing of the other's. The lock goes with the process, so a
//! crash or `kill -9` never leaves a session locked.

use super::atomic::{create_new_private, sync_dir};
use super::clock::{stamp, Clock};
use super::event::{Event, Header, ResumeEvent, TurnEvent, UndoEvent};
use super::store;
use crate::data_dir;
use crate::session::{Session, Turn};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// An open journal, appended to as the session goes.
#[derive(Debug)]
pub struct JournalWriter {
    file: File,
    path: PathBuf,
    id: String,
    clock: Clock,
    /// Whether this writer created the file (and may remove it if nothing was said).
    created: bool,
    turns_written: usize,
    /// A write failed part-way: the next event starts on a fresh line so it is not
    /// glued to the broken one.
    broken_line: bool,
    /// Added to the engine's turn numbers when writing. Zero, except when a
    /// journal with lost turns is resumed: the engine numbers the replies it
    /// replayed 1, 2, 3…, but the journal already holds turns up to a higher
    /// number, and new turns must follow on from those so the journal stays in order.
    number_offset: usize,
}

/// Whether `error` means the journal is open in another rehearse (see [`JournalWriter::append_to`]).
pub fn is_open_elsewhere(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::WouldBlock
}

/// Takes the exclusive lock on an open journal, or says that another rehearse
/// has the session open. Where the file system cannot lock at all (some network
/// file systems), the session goes on unlocked rather than not at all.
fn lock(file: &File, path: &Path) -> io::Result<()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(io::Error::new(
            io::ErrorKind::WouldBlock,
            format!(
                "the session {} is open in another rehearse right now; finish or quit it there first (two at once would mix up its replies)",
                path.display()
            ),
        )),
        Err(std::fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => Ok(()),
        Err(std::fs::TryLockError::Error(e)) => Err(io::Error::new(
            e.kind(),
            format!("cannot lock the journal {}: {e}", path.display()),
        )),
    }
}

/// Whether another rehearse has the journal at `path` open (and locked) right now.
/// Used before deleting a session; a file that cannot be opened is not "open elsewhere".
pub fn open_elsewhere(path: &Path) -> bool {
    match File::open(path) {
        Ok(file) => matches!(file.try_lock(), Err(std::fs::TryLockError::WouldBlock)),
        Err(_) => false,
    }
}

impl JournalWriter {
    /// Starts the journal of `session` in the data directory's `sessions/` folder.
    pub fn start(session: &Session, clock: Clock) -> io::Result<JournalWriter> {
        let data = data_dir::ensure()?;
        let dir = store::sessions_dir(&data);
        data_dir::ensure_private_dir(&dir)?;
        JournalWriter::create_in(&dir, session, clock)
    }

    /// Starts the journal of `session` in `dir` (which must exist), named after the
    /// start time and the scenario; a clash gets `-2`, `-3`… appended.
    pub fn create_in(dir: &Path, session: &Session, clock: Clock) -> io::Result<JournalWriter> {
        let started = clock.now();
        let base = store::new_id(&started, &session.scenario().id);
        let mut n = 1;
        let (id, path, file) = loop {
            let id = if n == 1 { base.clone() } else { format!("{base}-{n}") };
            let path = dir.join(format!("{id}.{}", store::EXTENSION));
            match create_new_private(&path) {
                Ok(file) => {
                    if let Err(e) = lock(&file, &path) {
                        drop(file);
                        let _ = std::fs::remove_file(&path);
                        return Err(e);
                    }
                    break (id, path, file);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                Err(e) => return Err(e),
            }
        };
        data_dir::set_file_mode(&file, 0o600)?;
        sync_dir(dir);
        let mut writer = JournalWriter {
            file,
            path,
            id: id.clone(),
            clock,
            created: true,
            turns_written: 0,
            broken_line: false,
            number_offset: 0,
        };
        writer.write(&Event::Start(Header::for_session(session, &id, &stamp(&started))))?;
        Ok(writer)
    }

    /// Opens an existing journal to append to it (for `resume`), and locks it.
    /// Fails with [`io::ErrorKind::WouldBlock`] (see [`is_open_elsewhere`]) when
    /// another rehearse has it open; a symbolic link is refused. Read the journal
    /// again after this succeeds: only then is it sure not to change underneath.
    /// A last line cut short by a crash is closed off first, so new events start
    /// on a line of their own.
    pub fn append_to(path: &Path, id: &str, clock: Clock) -> io::Result<JournalWriter> {
        let file = data_dir::open_private_append(path)?;
        lock(&file, path)?;
        let broken_line = !ends_with_newline(path)?;
        Ok(JournalWriter {
            file,
            path: path.to_path_buf(),
            id: id.to_string(),
            clock,
            created: false,
            turns_written: 0,
            broken_line,
            number_offset: 0,
        })
    }

    /// Numbers the turns written from now on `offset` higher than the engine
    /// does (see the field's note): for a resumed journal with lost turns.
    pub fn set_number_offset(&mut self, offset: usize) {
        self.number_offset = offset;
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Records a reply and what it caused; `partner` is the line it answered.
    pub fn turn(&mut self, partner: &str, turn: &Turn) -> io::Result<()> {
        let mut turn = turn.clone();
        turn.number += self.number_offset;
        self.write(&Event::Turn(Box::new(TurnEvent {
            at: self.clock.stamp(),
            partner: partner.to_string(),
            turn,
        })))?;
        self.turns_written += 1;
        Ok(())
    }

    /// Records that turn `number` was taken back.
    pub fn undo(&mut self, number: usize) -> io::Result<()> {
        self.write(&Event::Undo(UndoEvent {
            at: self.clock.stamp(),
            turn: number + self.number_offset,
        }))
    }

    /// Records that the session was resumed after replaying `replayed` replies.
    pub fn resumed(&mut self, replayed: usize, changed: Option<String>) -> io::Result<()> {
        self.write(&Event::Resume(ResumeEvent {
            at: self.clock.stamp(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            replayed,
            changed,
        }))
    }

    /// Ends the journal. One this writer started in which no reply was ever
    /// recorded is removed: it holds nothing the person said. Returns whether the
    /// journal is kept.
    pub fn close(self) -> io::Result<bool> {
        if self.created && self.turns_written == 0 {
            drop(self.file);
            std::fs::remove_file(&self.path)?;
            if let Some(dir) = self.path.parent() {
                sync_dir(dir);
            }
            return Ok(false);
        }
        Ok(true)
    }

    /// Writes one event as one line with a single write, then syncs the data.
    fn write(&mut self, event: &Event) -> io::Result<()> {
        let mut line = Vec::with_capacity(512);
        if self.broken_line {
            line.push(b'\n');
        }
        serde_json::to_writer(&mut line, event).map_err(io::Error::other)?;
        line.push(b'\n');
        let result = self.file.write_all(&line).and_then(|_| self.file.sync_data());
        self.broken_line = result.is_err();
        result
    }
}

fn ends_with_newline(path: &Path) -> io::Result<bool> {
    let mut file = data_dir::open_plain_file(path)?;
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(true);
    }
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}
