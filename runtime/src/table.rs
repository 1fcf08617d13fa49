//! A table as the runtime reads it: service facts, pools and operations.

use crate::limit::{Limit, Window};

/// A budget shared by several operations of one table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolSpec {
    name: &'static str,
    windows: &'static [Window],
}

impl PoolSpec {
    /// Builds a pool from its name and windows.
    pub const fn new(name: &'static str, windows: &'static [Window]) -> PoolSpec {
        PoolSpec { name, windows }
    }

    /// Returns the pool's name, as operations refer to it.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Returns the pool's windows.
    pub const fn windows(&self) -> &'static [Window] {
        self.windows
    }
}

/// One row of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationSpec {
    name: &'static str,
    group: &'static str,
    limit: Limit,
    note: Option<&'static str>,
}

impl OperationSpec {
    /// Builds a row from the operation's name, its group, limit and note.
    pub const fn new(
        name: &'static str,
        group: &'static str,
        limit: Limit,
        note: Option<&'static str>,
    ) -> Self {
        OperationSpec {
            name,
            group,
            limit,
            note,
        }
    }

    /// Returns the API operation's name.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Returns the documentation section that lists the operation.
    pub const fn group(&self) -> &'static str {
        self.group
    }

    /// Returns the documented limit.
    pub const fn limit(&self) -> Limit {
        self.limit
    }

    /// Returns the note kept from the table, if any.
    pub const fn note(&self) -> Option<&'static str> {
        self.note
    }
}

/// A generated table: the service it describes and its rows in table order.
#[derive(Debug)]
pub struct TableSpec {
    service: &'static str,
    title: &'static str,
    source: Option<&'static str>,
    updated: Option<&'static str>,
    pools: &'static [PoolSpec],
    operations: &'static [OperationSpec],
}

impl TableSpec {
    /// Builds a table. Generated code calls this; rows must be in the order of
    /// the operation enum's variants.
    pub const fn new(
        service: &'static str,
        title: &'static str,
        source: Option<&'static str>,
        updated: Option<&'static str>,
        pools: &'static [PoolSpec],
        operations: &'static [OperationSpec],
    ) -> TableSpec {
        TableSpec {
            service,
            title,
            source,
            updated,
            pools,
            operations,
        }
    }

    /// Returns the service id, such as `mps`.
    pub const fn service(&self) -> &'static str {
        self.service
    }

    /// Returns the service's display name.
    pub const fn title(&self) -> &'static str {
        self.title
    }

    /// Returns the address of the documentation page.
    pub const fn source(&self) -> Option<&'static str> {
        self.source
    }

    /// Returns the page's "Last Updated" date.
    pub const fn updated(&self) -> Option<&'static str> {
        self.updated
    }

    /// Returns the pools, in table order.
    pub const fn pools(&self) -> &'static [PoolSpec] {
        self.pools
    }

    /// Returns the rows, in table order.
    pub const fn operations(&self) -> &'static [OperationSpec] {
        self.operations
    }
}
