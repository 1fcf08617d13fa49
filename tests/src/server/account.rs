//! Accounts and the access key ids that sign calls for them.

use std::collections::HashMap;

/// The account each access key id belongs to.
///
/// Several keys may belong to one account, as the keys of several RAM users
/// of one Alibaba Cloud account do. They then share that account's limits.
#[derive(Clone, Debug, Default)]
pub struct Accounts {
    owners: HashMap<String, String>,
}

impl Accounts {
    /// Builds a map with no keys.
    pub fn new() -> Accounts {
        Accounts::default()
    }

    /// Adds `account` with the access key ids that sign for it.
    pub fn with_account<K: Into<String>>(
        mut self,
        account: &str,
        keys: impl IntoIterator<Item = K>,
    ) -> Accounts {
        for key in keys {
            self.insert(key, account);
        }
        self
    }

    /// Makes `key` sign for `account`, replacing the account it signed for.
    pub fn insert(&mut self, key: impl Into<String>, account: impl Into<String>) {
        self.owners.insert(key.into(), account.into());
    }

    /// Returns the account `key` signs for, or `None` for an unknown key.
    pub fn account_of(&self, key: &str) -> Option<&str> {
        self.owners.get(key).map(String::as_str)
    }
}
