//! Workshops: one scenario played by a whole group, and a report on the group
//! that shows the patterns without showing who wrote what.
//!
//! `replies` reads what the facilitator collected (text files, folders, CSV
//! exports); `run` plays each person through the pure engine; `results` is the
//! JSON a run writes; `sources` reads run results, journals and exports back
//! for `report`; `analysis` counts the group; `markdown` and `html` render it.

pub mod analysis;
pub mod html;
pub mod markdown;
pub mod progress;
pub mod replies;
pub mod results;
pub mod run;
pub mod sources;
pub mod svg;
pub mod text;
