//! Scenarios: the YAML model, loading with located errors, and checking.

pub mod expr;
pub mod graph;
pub mod graph_render;
pub mod graph_svg;
pub mod library;
pub mod limits;
pub mod load;
pub mod model;
pub mod positions;
pub mod raw;
pub mod satisfiable;
pub mod scaffold;
pub mod schema;
pub mod start_point;
pub mod yaml_events;
pub mod yaml_file;
pub mod yaml_layout;

pub use library::{Broken, Library};
pub use load::load_scenario;
pub use model::*;
pub use start_point::StartPoint;
