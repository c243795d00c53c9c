//! `/reload`: read the scenario being played and the scorer scripts again after
//! an edit, replay the replies so far on them, and say what the edit changed.
//! The engine is pure, so the replay is exact: same seed, same start point, same
//! replies, and any difference comes from the edit.
//!
//! Nothing is lost: when the edited file has problems, they are shown and the
//! version already loaded goes on playing.

use super::screen::Screen;
use crate::load;
use crate::load::Context;
use crate::render;
use crate::replay_diff;
use crate::scenario::Library;
use crate::score::RhaiScorer;
use crate::session::Session;
use crate::style::Style;
use std::io;

/// A freshly read library and scorer, owned here because the sessions played
/// on them borrow them; `index` is the scenario being played, `replies` the
/// replies that still play on it.
pub struct Reloaded {
    pub scorer: RhaiScorer,
    pub library: Library,
    pub index: usize,
    pub replies: Vec<String>,
}

impl Reloaded {
    /// The session `reload` worked out, rebuilt on the content this owns.
    pub fn session(&self, seed: u64, start: crate::scenario::StartPoint) -> Result<Session<'_>, String> {
        let scenario = &self.library.scenarios[self.index];
        let mut session = Session::start_at(scenario, &self.scorer, seed, start)?;
        session
            .reply_all(&self.replies)
            .map_err(|e| format!("the replies could not be played again ({e})"))?;
        Ok(session)
    }
}

/// Reads the content again and replays `session`'s replies on it, printing what
/// changed. `None` (after saying why) when the new content cannot be played:
/// the caller keeps playing `session` as it is.
pub fn reload(cli: &dyn Context, session: &Session, screen: &Screen, style: Style) -> io::Result<Option<Reloaded>> {
    let keep_playing = |screen: &Screen, problem: &str| -> io::Result<Option<Reloaded>> {
        screen.line(&style.yellow(problem))?;
        screen.line(&style.dim("(Still playing the version loaded before; fix the file and /reload again.)"))?;
        Ok(None)
    };
    let id = session.scenario().id.clone();
    let scorer = match load::scorer(cli) {
        Ok(scorer) => scorer,
        Err(failure) => return keep_playing(screen, &failure.message),
    };
    let library = match load::library(cli, &scorer) {
        Ok(library) => library,
        Err(failure) => return keep_playing(screen, &failure.message),
    };
    let Some(index) = library.scenarios.iter().position(|s| s.id == id) else {
        let message = match crate::load::playable(&library, &id) {
            Err(failure) => failure.message,
            Ok(_) => format!("`{id}` could not be found again in {}", library.origin),
        };
        return keep_playing(screen, &message);
    };
    let scenario = &library.scenarios[index];
    let mut replayed = match Session::start_at(scenario, &scorer, session.seed(), session.start().clone()) {
        Ok(replayed) => replayed,
        Err(problem) => return keep_playing(screen, &format!("The edited scenario cannot start here: {problem}.")),
    };
    for reply in session.replies() {
        if replayed.is_finished() || replayed.reply(&reply).is_err() {
            break;
        }
    }
    let replies = replayed.replies();
    let what = match (replies.len(), session.turns().len()) {
        (_, 0) => "no replies to replay yet".to_string(),
        (1, 1) => "your reply played again".to_string(),
        (n, all) if n == all => format!("your {n} replies played again"),
        (n, all) => format!("{n} of your {all} replies played again"),
    };
    screen.line(&style.dim(&format!("(Reloaded {} and the scorers; {what}.)", scenario.source)))?;
    if replayed.opening() != session.opening() {
        screen.line(&format!(
            "  the opening is now at `{}`: \"{}\"",
            replayed.opening().beat,
            replayed.opening().line
        ))?;
    }
    let changes = replay_diff::changes(session.turns(), replayed.turns());
    if changes.is_empty() && replayed.opening() == session.opening() {
        screen.line("  Nothing changed for the replies so far.")?;
    }
    for change in &changes {
        screen.line(&format!("  {change}"))?;
    }
    // The warnings themselves are `check`'s to show; here only that there are some.
    match scenario.warnings.len() {
        0 => {}
        n => screen.line(&style.dim(&format!(
            "  ({n} warning{} about the file: `rehearse check {}` shows {})",
            if n == 1 { "" } else { "s" },
            scenario.source,
            if n == 1 { "it" } else { "them" }
        )))?,
    }
    match (replayed.current(), replayed.turns().last()) {
        (Some(current), _) => screen.line(&render::partner(scenario, &current.line, style))?,
        (None, Some(last)) => screen.print(&render::turn(scenario, last, style))?,
        (None, None) => {}
    }
    Ok(Some(Reloaded {
        index,
        replies,
        scorer,
        library,
    }))
}
