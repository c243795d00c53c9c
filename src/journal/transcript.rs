//! The session so far as terminal text (`/transcript`, and `resume` picking up
//! where a session stopped): the same lines and feedback the person saw live,
//! drawn by the shared renderer.

use crate::render;
use crate::scenario::Scenario;
use crate::session::{PartnerLine, Turn};
use crate::style::Style;
use std::fmt::Write as _;

/// The opening line, then each reply (`> …`) with its feedback and what the partner said next.
pub fn terminal(scenario: &Scenario, opening: &PartnerLine, turns: &[Turn], style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", render::partner(scenario, &opening.line, style));
    for turn in turns {
        let _ = writeln!(out);
        let _ = writeln!(out, "{} {}", style.dim(">"), turn.reply);
        out.push_str(&render::turn(scenario, turn, style));
    }
    out
}
