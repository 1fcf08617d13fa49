//! Differences between two tables: operations added, removed, changed or
//! moved, and groups renamed or moved. `qps-limits check` prints them.

use std::collections::HashMap;
use std::fmt;

use crate::limit::Limit;
use crate::table::Table;

/// One difference between an old and a new table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// An operation only the new table has.
    Added {
        /// The operation's name.
        operation: String,
        /// Its group in the new table.
        group: String,
        /// Its limit in the new table.
        limit: Limit,
    },
    /// An operation only the old table has.
    Removed {
        /// The operation's name.
        operation: String,
        /// Its group in the old table.
        group: String,
        /// Its limit in the old table.
        limit: Limit,
    },
    /// An operation whose limit differs.
    Changed {
        /// The operation's name.
        operation: String,
        /// Its limit in the old table.
        old: Limit,
        /// Its limit in the new table.
        new: Limit,
    },
    /// An operation in another group.
    Moved {
        /// The operation's name.
        operation: String,
        /// Its group in the old table, by its new name if it was renamed.
        from: String,
        /// Its group in the new table.
        to: String,
    },
    /// A group with another name and mostly the same operations.
    RenamedGroup {
        /// The group's name in the old table.
        old: String,
        /// The group's name in the new table.
        new: String,
    },
    /// A group at another position among the groups both tables have.
    MovedGroup {
        /// The group's name in the new table.
        group: String,
        /// Its 1-based position in the old table.
        from: usize,
        /// Its 1-based position in the new table.
        to: usize,
    },
    /// A group whose operations are in another order.
    Reordered {
        /// The group's name in the new table.
        group: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Added {
                operation,
                group,
                limit,
            } => write!(f, "added    {operation}: {limit} (group \"{group}\")"),
            Change::Removed {
                operation,
                group,
                limit,
            } => {
                write!(f, "removed  {operation}: {limit} (group \"{group}\")")
            }
            Change::Changed {
                operation,
                old,
                new,
            } => write!(f, "changed  {operation}: {old} -> {new}"),
            Change::Moved {
                operation,
                from,
                to,
            } => write!(f, "moved    {operation}: group \"{from}\" -> \"{to}\""),
            Change::RenamedGroup { old, new } => write!(f, "renamed  group \"{old}\" -> \"{new}\""),
            Change::MovedGroup { group, from, to } => {
                write!(f, "moved    group \"{group}\": position {from} -> {to}")
            }
            Change::Reordered { group } => write!(f, "reordered operations of group \"{group}\""),
        }
    }
}

/// Every difference from an old table to a new one, in a stable order:
/// group renames and moves first, then operations in the new table's order,
/// then removed operations in the old table's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableDiff {
    /// The differences, in the order described above.
    pub changes: Vec<Change>,
}

impl TableDiff {
    /// Returns true when the tables have the same operations, limits and
    /// groups in the same order.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

impl fmt::Display for TableDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        Ok(())
    }
}

/// Compares the operations and groups of two tables. Notes, pools and the
/// table's own fields (title, date) are not compared.
pub fn diff_tables(old: &Table, new: &Table) -> TableDiff {
    let mut changes = Vec::new();
    let renames = group_renames(old, new);
    for (old_name, new_name) in &renames {
        changes.push(Change::RenamedGroup {
            old: old_name.clone(),
            new: new_name.clone(),
        });
    }
    let renamed = |name: &str| {
        renames
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    };
    changes.extend(group_moves(old, new, &renamed));

    let old_rows: HashMap<&str, (String, &Limit)> = old
        .rows()
        .map(|(group, operation)| {
            (
                operation.name.as_str(),
                (renamed(&group.name), &operation.limit),
            )
        })
        .collect();
    let new_names: HashMap<&str, ()> = new
        .operations()
        .map(|operation| (operation.name.as_str(), ()))
        .collect();
    for (group, operation) in new.rows() {
        let name = operation.name.clone();
        let Some((old_group, old_limit)) = old_rows.get(operation.name.as_str()) else {
            let limit = operation.limit.clone();
            changes.push(Change::Added {
                operation: name,
                group: group.name.clone(),
                limit,
            });
            continue;
        };
        if **old_limit != operation.limit {
            let change = Change::Changed {
                operation: name.clone(),
                old: (*old_limit).clone(),
                new: operation.limit.clone(),
            };
            changes.push(change);
        }
        if *old_group != group.name {
            changes.push(Change::Moved {
                operation: name,
                from: old_group.clone(),
                to: group.name.clone(),
            });
        }
    }
    for (group, operation) in old.rows() {
        if !new_names.contains_key(operation.name.as_str()) {
            let (operation, group, limit) = (
                operation.name.clone(),
                group.name.clone(),
                operation.limit.clone(),
            );
            changes.push(Change::Removed {
                operation,
                group,
                limit,
            });
        }
    }
    changes.extend(reorders(old, new, &renamed));
    TableDiff { changes }
}

/// Pairs each old group missing from the new table with the new group, also
/// missing from the old table, that contains most of its operations.
fn group_renames(old: &Table, new: &Table) -> HashMap<String, String> {
    let mut renames = HashMap::new();
    let new_only: Vec<_> = new
        .groups
        .iter()
        .filter(|group| !old.groups.iter().any(|o| o.name == group.name))
        .collect();
    for group in old
        .groups
        .iter()
        .filter(|group| !new.groups.iter().any(|n| n.name == group.name))
    {
        let shared = |candidate: &&crate::table::Group| {
            group
                .operations
                .iter()
                .filter(|operation| {
                    candidate
                        .operations
                        .iter()
                        .any(|o| o.name == operation.name)
                })
                .count()
        };
        let best = new_only
            .iter()
            .filter(|candidate| {
                !renames
                    .values()
                    .any(|taken: &String| *taken == candidate.name)
            })
            .max_by_key(|candidate| shared(candidate));
        if let Some(best) = best
            && shared(best) * 2 > group.operations.len()
        {
            renames.insert(group.name.clone(), best.name.clone());
        }
    }
    renames
}

/// Reports groups, present in both tables, whose order among those groups
/// changed.
fn group_moves(old: &Table, new: &Table, renamed: &dyn Fn(&str) -> String) -> Vec<Change> {
    let old_order: Vec<String> = old
        .groups
        .iter()
        .map(|group| renamed(&group.name))
        .collect();
    let common_old: Vec<&String> = old_order
        .iter()
        .filter(|name| new.groups.iter().any(|g| g.name == **name))
        .collect();
    let common_new: Vec<&String> = new
        .groups
        .iter()
        .map(|group| &group.name)
        .filter(|name| old_order.contains(name))
        .collect();
    let mut moves = Vec::new();
    for (index, name) in common_new.iter().enumerate() {
        if common_old.get(index) != Some(name) {
            let from = old_order
                .iter()
                .position(|old| old == *name)
                .map_or(0, |at| at + 1);
            let to = new
                .groups
                .iter()
                .position(|group| group.name == **name)
                .map_or(0, |at| at + 1);
            moves.push(Change::MovedGroup {
                group: (*name).clone(),
                from,
                to,
            });
        }
    }
    moves
}

/// Reports groups whose shared operations are in another order.
fn reorders(old: &Table, new: &Table, renamed: &dyn Fn(&str) -> String) -> Vec<Change> {
    let mut changes = Vec::new();
    for new_group in &new.groups {
        let Some(old_group) = old
            .groups
            .iter()
            .find(|group| renamed(&group.name) == new_group.name)
        else {
            continue;
        };
        let in_both = |names: Vec<&str>, other: &crate::table::Group| -> Vec<String> {
            names
                .into_iter()
                .filter(|name| other.operations.iter().any(|o| o.name == *name))
                .map(str::to_owned)
                .collect()
        };
        let old_names = in_both(
            old_group
                .operations
                .iter()
                .map(|o| o.name.as_str())
                .collect(),
            new_group,
        );
        let new_names = in_both(
            new_group
                .operations
                .iter()
                .map(|o| o.name.as_str())
                .collect(),
            old_group,
        );
        if old_names != new_names {
            changes.push(Change::Reordered {
                group: new_group.name.clone(),
            });
        }
    }
    changes
}
