//! The budgets a table defines, and the windows each operation is charged
//! against: its own windows, and the windows of the pool it shares.

use qps_limits::{Operation, TableSpec, Unit, Window};

/// Whose budget a window belongs to: one operation's, or a pool's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Owner {
    /// The operation at this index of the table.
    Operation(usize),
    /// The pool at this index of the table.
    Pool(usize),
}

/// One window a call is charged against.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Charge {
    pub(crate) owner: Owner,
    /// The window's position among its owner's windows.
    pub(crate) slot: usize,
    pub(crate) window: Window,
    /// The pool's name, when the owner is a pool.
    pub(crate) pool: Option<&'static str>,
}

/// The windows of every operation of one table, by operation index.
#[derive(Debug)]
pub(crate) struct Budgets {
    charges: Vec<Vec<Charge>>,
    units: Vec<Vec<Unit>>,
}

impl Budgets {
    /// Reads the budgets of `O`'s table. With a region, its counts replace
    /// the documented ones for the operations that list it.
    pub(crate) fn of_table<O: Operation>(region: Option<&str>) -> Budgets {
        let table = O::table();
        let charges: Vec<Vec<Charge>> = (0..table.operations().len())
            .map(|index| charges_of(table, index, region))
            .collect();
        let units = charges.iter().map(|charges| tally_units(charges)).collect();
        Budgets { charges, units }
    }

    /// Returns the windows a call to the operation at `index` is charged against.
    pub(crate) fn charges(&self, index: usize) -> &[Charge] {
        &self.charges[index]
    }

    /// Returns the units the server keeps tallies in for the operation at
    /// `index`, shortest first.
    pub(crate) fn tally_units(&self, index: usize) -> &[Unit] {
        &self.units[index]
    }
}

fn charges_of(table: &TableSpec, index: usize, region: Option<&str>) -> Vec<Charge> {
    let limit = table.operations()[index].limit();
    let windows = match region {
        Some(_) => limit.windows_in(region),
        None => limit.windows().to_vec(),
    };
    let own = windows
        .into_iter()
        .enumerate()
        .map(|(slot, window)| Charge {
            owner: Owner::Operation(index),
            slot,
            window,
            pool: None,
        });
    let mut charges: Vec<Charge> = own.collect();

    if let Some(name) = limit.pool() {
        let position = table
            .pools()
            .iter()
            .position(|pool| pool.name() == name)
            .expect("a validated table declares every pool its operations name");
        let pool = &table.pools()[position];
        charges.extend(
            pool.windows()
                .iter()
                .enumerate()
                .map(|(slot, window)| Charge {
                    owner: Owner::Pool(position),
                    slot,
                    window: *window,
                    pool: Some(pool.name()),
                }),
        );
    }
    charges
}

/// Returns the distinct units of `charges`, shortest first, or seconds for an
/// operation with no windows, so that its calls are still tallied.
fn tally_units(charges: &[Charge]) -> Vec<Unit> {
    let mut units: Vec<Unit> = charges.iter().map(|charge| charge.window.unit()).collect();
    units.sort();
    units.dedup();
    if units.is_empty() {
        units.push(Unit::Second);
    }
    units
}
