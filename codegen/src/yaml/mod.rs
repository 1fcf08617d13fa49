//! Reading YAML documents into a tree that the validator walks, with
//! positions looked up on demand.

mod locate;
mod node;

pub use locate::{Position, Step, locate};
pub use node::Node;
