//! Line and column of a node, found by walking the document a second time.
//!
//! serde_yaml attaches a position only to errors, and only the innermost
//! node's position survives. To find the position of a node, the document is
//! deserialized again along a path and fails on purpose at that node. The
//! position of that error is the node's position. Tables are small and this
//! runs only when there is something to report.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// One step from a node to one of its children.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The key of the mapping entry at this position.
    Key(usize),
    /// The value of the mapping entry at this position.
    Value(usize),
    /// The item of a sequence at this position.
    Item(usize),
}

/// A 1-based line and column in a YAML document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

const MARKER: &str = "qps-limits: position marker";

/// Returns the position of the node at `path` in `text`, or `None` when the
/// path does not lead to a node.
pub fn locate(text: &str, path: &[Step]) -> Option<Position> {
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let error = match (Walk { path }).deserialize(deserializer) {
        Ok(()) => return None,
        Err(error) => error,
    };
    // serde_yaml prefixes the message with the path of the node, such as `groups[0].name: `.
    if !error.to_string().contains(MARKER) {
        return None;
    }
    error.location().map(|location| Position {
        line: location.line(),
        column: location.column(),
    })
}

/// Walks along a path and fails with the marker when the path is used up.
struct Walk<'a> {
    path: &'a [Step],
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.scalar()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.scalar()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.scalar()
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.scalar()
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.scalar()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.scalar()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.scalar()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.scalar()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.scalar()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((step, rest)) = self.path.split_first() else {
            return Err(de::Error::custom(MARKER));
        };
        let Step::Item(target) = *step else {
            return Ok(());
        };
        for _ in 0..target {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Walk { path: rest })?;
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((step, rest)) = self.path.split_first() else {
            return Err(de::Error::custom(MARKER));
        };
        let (target, on_key) = match *step {
            Step::Key(index) => (index, true),
            Step::Value(index) => (index, false),
            Step::Item(_) => return Ok(()),
        };
        for _ in 0..target {
            if map.next_entry::<IgnoredAny, IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        if on_key {
            map.next_key_seed(Walk { path: &[] })?;
        } else if map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value_seed(Walk { path: rest })?;
        }
        Ok(())
    }
}

impl Walk<'_> {
    fn scalar<E: de::Error>(self) -> Result<(), E> {
        if self.path.is_empty() {
            Err(E::custom(MARKER))
        } else {
            Ok(())
        }
    }
}
