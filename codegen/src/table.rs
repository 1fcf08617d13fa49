//! The table model: a validated transcription of one documentation page.

use crate::limit::{Limit, Unit};

/// The `schema` versions of limits.yaml that this build reads.
pub const SUPPORTED_SCHEMAS: &[u32] = &[1];

/// A validated table of per-account API limits for one service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Version of the limits.yaml format.
    pub schema: u32,
    /// Short lowercase service id, also the generated module's name (`mps`).
    pub service: String,
    /// The service's display name.
    pub title: String,
    /// Address of the documentation page the table was transcribed from.
    pub source: Option<String>,
    /// The page's "Last Updated" date, `YYYY-MM-DD`.
    pub updated: Option<String>,
    pub scope: Scope,
    /// Unit of every count that names none.
    pub unit: Unit,
    /// Budgets shared by several operations.
    pub pools: Vec<Pool>,
    /// Sections of the page, in page order.
    pub groups: Vec<Group>,
}

/// The callers that share one budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One budget per Alibaba Cloud account, shared by all its RAM users.
    Account,
}

impl Scope {
    /// Returns the name used in limits.yaml.
    pub const fn name(self) -> &'static str {
        match self {
            Scope::Account => "account",
        }
    }
}

/// One section of the page, such as "Transcoding APIs".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub operations: Vec<Operation>,
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// API operation name, an ASCII PascalCase identifier.
    pub name: String,
    pub limit: Limit,
    /// Free text kept from the table, such as a caveat on the row.
    pub note: Option<String>,
}

/// A budget shared by several operations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pool {
    /// PascalCase pool name, referred to by member operations.
    pub name: String,
    /// The pool's windows. Pools have no regions and no pool of their own.
    pub limit: Limit,
    pub note: Option<String>,
}

impl Table {
    /// Iterates over every operation in table order.
    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.groups.iter().flat_map(|group| group.operations.iter())
    }

    /// Iterates over every operation with the name of its group.
    pub fn rows(&self) -> impl Iterator<Item = (&Group, &Operation)> {
        self.groups.iter().flat_map(|group| {
            group
                .operations
                .iter()
                .map(move |operation| (group, operation))
        })
    }

    /// Finds an operation by its exact name.
    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations().find(|operation| operation.name == name)
    }

    /// Finds a pool by its exact name.
    pub fn pool(&self, name: &str) -> Option<&Pool> {
        self.pools.iter().find(|pool| pool.name == name)
    }

    /// Returns the operation names in table order.
    pub fn operation_names(&self) -> Vec<&str> {
        self.operations()
            .map(|operation| operation.name.as_str())
            .collect()
    }
}
