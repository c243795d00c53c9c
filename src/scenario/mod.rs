//! Scenarios: the YAML model, loading with located errors, and checking.

pub mod expr;
pub mod graph;
pub mod graph_render;
pub mod library;
pub mod limits;
pub mod load;
pub mod model;
pub mod positions;
pub mod raw;
pub mod satisfiable;
pub mod scaffold;
pub mod schema;
pub mod yaml_layout;

pub use library::{Broken, Library};
pub use load::load_scenario;
pub use model::*;
