//! Where journal timestamps come from: the system clock, or a fixed instant so
//! tests (and their snapshots) do not depend on when they run.

use chrono::{DateTime, FixedOffset, Local};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// Local time with its offset.
    #[default]
    System,
    /// Always this instant.
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    pub fn now(&self) -> DateTime<FixedOffset> {
        match self {
            Clock::System => Local::now().fixed_offset(),
            Clock::Fixed(at) => *at,
        }
    }

    /// Now, as stored in journals (RFC 3339, whole seconds).
    pub fn stamp(&self) -> String {
        stamp(&self.now())
    }
}

/// A time as stored in journals (RFC 3339, whole seconds).
pub fn stamp(at: &DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// A stored time for people: `2025-11-20 19:05`, in the offset it was recorded in.
/// Text that is not a time is shown as it is.
pub fn display(stored: &str) -> String {
    match DateTime::parse_from_rfc3339(stored) {
        Ok(at) => at.format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => stored.to_string(),
    }
}
