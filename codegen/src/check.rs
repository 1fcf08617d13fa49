//! Validation of a limits.yaml document into a [`Table`].
//!
//! Every rule reports into one list instead of stopping at the first problem,
//! so a user fixes a table in one pass. Positions are looked up only for the
//! problems found.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, TableError};
use crate::limit::{Limit, RegionCount, Unit, Window};
use crate::names;
use crate::table::{Group, Operation, Pool, SUPPORTED_SCHEMAS, Scope, Table};
use crate::yaml::{Node, Position, Step, locate};

const TABLE_FIELDS: &[&str] = &[
    "schema", "service", "title", "source", "updated", "scope", "unit", "pools", "groups",
];
const GROUP_FIELDS: &[&str] = &["name", "limits"];
const LIMIT_FIELDS: &[&str] = &["count", "unit", "windows", "regions", "pool", "note"];
const WINDOW_FIELDS: &[&str] = &["count", "unit"];
const POOL_FIELDS: &[&str] = &["name", "count", "unit", "windows", "note"];
const UNLIMITED: &str = "unlimited";

/// Parses and validates the text of a table. `file` names the table in messages.
pub fn parse_table(text: &str, file: &str) -> Result<Table, TableError> {
    if text.trim().is_empty() {
        return Err(TableError::unlocated(
            file,
            "the table is empty".to_owned(),
            "write a table with `service`, `title` and at least one group of operations",
        ));
    }
    let root: Node = serde_yaml::from_str(text).map_err(|error| syntax_error(file, &error))?;
    let mut checker = Checker {
        problems: Vec::new(),
    };
    let table = checker.table(&root);
    match table {
        Some(table) if checker.problems.is_empty() => Ok(table),
        _ => Err(checker.into_error(text, file)),
    }
}

fn syntax_error(file: &str, error: &serde_yaml::Error) -> TableError {
    let text = error.to_string();
    let message = match text.find(" at line ") {
        Some(end) => text[..end].to_owned(),
        None => text,
    };
    TableError::new(vec![Diagnostic {
        file: file.to_owned(),
        position: error.location().map(|location| Position {
            line: location.line(),
            column: location.column(),
        }),
        message: format!("invalid YAML: {message}"),
        fix: "fix the YAML syntax at this position".to_owned(),
    }])
}

struct Problem {
    path: Vec<Step>,
    message: String,
    fix: String,
    /// Another node the message refers to, printed as "first at LINE:COLUMN".
    first: Option<Vec<Step>>,
}

/// The fields of one mapping, by name, with their entry index.
type Fields<'n> = HashMap<&'static str, (usize, &'n Node)>;

struct Checker {
    problems: Vec<Problem>,
}

fn child(path: &[Step], step: Step) -> Vec<Step> {
    let mut path = path.to_vec();
    path.push(step);
    path
}

impl Checker {
    fn report(&mut self, path: &[Step], message: String, fix: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_vec(),
            message,
            fix: fix.into(),
            first: None,
        });
    }

    fn report_repeat(&mut self, path: &[Step], first: &[Step], message: String, fix: &str) {
        self.problems.push(Problem {
            path: path.to_vec(),
            message,
            fix: fix.to_owned(),
            first: Some(first.to_vec()),
        });
    }

    fn into_error(self, text: &str, file: &str) -> TableError {
        let diagnostics = self
            .problems
            .into_iter()
            .map(|problem| {
                let mut message = problem.message;
                if let Some(position) = problem.first.and_then(|first| locate(text, &first)) {
                    message = message.replace("{first}", &position.to_string());
                }
                Diagnostic {
                    file: file.to_owned(),
                    position: locate(text, &problem.path),
                    message,
                    fix: problem.fix,
                }
            })
            .collect();
        TableError::new(diagnostics)
    }

    /// Reads the fields of a mapping, reporting unknown and repeated fields.
    fn fields<'n>(
        &mut self,
        node: &'n Node,
        path: &[Step],
        subject: &str,
        known: &[&'static str],
    ) -> Option<Fields<'n>> {
        let Node::Mapping(entries) = node else {
            self.report(
                path,
                format!("{subject} is {}, not a mapping", node.kind()),
                format!(
                    "write {subject} as a mapping with the fields {}",
                    known.join(", ")
                ),
            );
            return None;
        };
        let mut fields = Fields::new();
        for (index, (key, value)) in entries.iter().enumerate() {
            let key_path = child(path, Step::Key(index));
            let Some(name) = key.as_str() else {
                self.report(&key_path, format!("field name `{key}` is not a string"), "");
                continue;
            };
            let Some(field) = known.iter().copied().find(|field| *field == name) else {
                let fix = match names::closest(name, known.iter().copied()) {
                    Some(close) => format!("the closest field is `{close}`"),
                    None => format!("the fields of {subject} are {}", known.join(", ")),
                };
                self.report(
                    &key_path,
                    format!("unknown field `{name}` in {subject}"),
                    fix,
                );
                continue;
            };
            if let Some((first, _)) = fields.get(field) {
                let first_path = child(path, Step::Key(*first));
                let message =
                    format!("field `{field}` is set twice in {subject} (first at {{first}})");
                self.report_repeat(&key_path, &first_path, message, "remove one");
                continue;
            }
            fields.insert(field, (index, value));
        }
        Some(fields)
    }

    fn required<'n>(
        &mut self,
        fields: &Fields<'n>,
        path: &[Step],
        subject: &str,
        field: &str,
    ) -> Option<(Vec<Step>, &'n Node)> {
        match fields.get(field) {
            Some((index, node)) => Some((child(path, Step::Value(*index)), *node)),
            None => {
                self.report(
                    path,
                    format!("{subject} has no `{field}` field"),
                    format!("add `{field}:`"),
                );
                None
            }
        }
    }

    fn optional<'n>(
        fields: &Fields<'n>,
        path: &[Step],
        field: &str,
    ) -> Option<(Vec<Step>, &'n Node)> {
        fields
            .get(field)
            .map(|(index, node)| (child(path, Step::Value(*index)), *node))
    }

    fn string(&mut self, node: &Node, path: &[Step], subject: &str) -> Option<String> {
        match node {
            Node::String(text) if !text.trim().is_empty() => Some(text.clone()),
            Node::String(_) => {
                self.report(
                    path,
                    format!("{subject} is empty"),
                    format!("write {subject} as text"),
                );
                None
            }
            other => {
                self.report(
                    path,
                    format!("{subject} is {}, not a string", other.kind()),
                    format!("write {subject} as text, in quotes if it looks like a number"),
                );
                None
            }
        }
    }

    fn table(&mut self, root: &Node) -> Option<Table> {
        let path: &[Step] = &[];
        let fields = self.fields(root, path, "the table", TABLE_FIELDS)?;
        let schema = self.schema(&fields);
        let service = self.service(&fields);
        let title = self
            .required(&fields, path, "the table", "title")
            .and_then(|(at, node)| self.string(node, &at, "`title`"));
        let source = Self::optional(&fields, path, "source")
            .and_then(|(at, node)| self.string(node, &at, "`source`"));
        let updated = self.updated(&fields);
        let scope = self.scope(&fields);
        let unit = match Self::optional(&fields, path, "unit") {
            Some((at, node)) => self.unit(node, &at),
            None => Some(Unit::Second),
        };
        let pools = match Self::optional(&fields, path, "pools") {
            Some((at, node)) => self.pools(node, &at, unit.unwrap_or(Unit::Second)),
            None => Vec::new(),
        };
        let groups = self
            .required(&fields, path, "the table", "groups")
            .map(|(at, node)| self.groups(node, &at, unit.unwrap_or(Unit::Second), &pools))
            .unwrap_or_default();

        self.check_pools_used(&pools, &groups);

        Some(Table {
            schema: schema?,
            service: service?,
            title: title?,
            source,
            updated,
            scope: scope?,
            unit: unit?,
            pools: pools.into_iter().map(|(pool, _)| pool).collect(),
            groups: groups.into_iter().map(|(group, _)| group).collect(),
        })
    }

    fn schema(&mut self, fields: &Fields<'_>) -> Option<u32> {
        let Some((at, node)) = Self::optional(fields, &[], "schema") else {
            return Some(1);
        };
        let supported: Vec<String> = SUPPORTED_SCHEMAS.iter().map(u32::to_string).collect();
        match node {
            Node::Integer(version)
                if SUPPORTED_SCHEMAS
                    .iter()
                    .any(|known| i128::from(*known) == *version) =>
            {
                Some(*version as u32)
            }
            other => {
                self.report(
                    &at,
                    format!("unsupported schema version `{other}`"),
                    format!(
                        "this build reads schema {}; write one of those or upgrade qps-limits-codegen",
                        supported.join(", ")
                    ),
                );
                None
            }
        }
    }

    fn service(&mut self, fields: &Fields<'_>) -> Option<String> {
        let (at, node) = self.required(fields, &[], "the table", "service")?;
        let service = self.string(node, &at, "`service`")?;
        if names::is_service_id(&service) {
            return Some(service);
        }
        self.report(
            &at,
            format!("service `{service}` is not a lowercase identifier"),
            "write a short lowercase id such as `mps` or `vod`; it names the generated module",
        );
        None
    }

    fn updated(&mut self, fields: &Fields<'_>) -> Option<String> {
        let (at, node) = Self::optional(fields, &[], "updated")?;
        let updated = self.string(node, &at, "`updated`")?;
        if is_date(&updated) {
            return Some(updated);
        }
        self.report(
            &at,
            format!("`updated` is `{updated}`, not a date"),
            "write the page's \"Last Updated\" date as YYYY-MM-DD",
        );
        None
    }

    fn scope(&mut self, fields: &Fields<'_>) -> Option<Scope> {
        let Some((at, node)) = Self::optional(fields, &[], "scope") else {
            return Some(Scope::Account);
        };
        match node.as_str() {
            Some("account") => Some(Scope::Account),
            _ => {
                self.report(
                    &at,
                    format!("unknown scope `{node}`"),
                    "write `scope: account`: one budget per account, shared by its RAM users",
                );
                None
            }
        }
    }

    fn unit(&mut self, node: &Node, path: &[Step]) -> Option<Unit> {
        let names: Vec<&str> = Unit::ALL.iter().map(|unit| unit.name()).collect();
        if let Some(unit) = node.as_str().and_then(|text| text.parse().ok()) {
            return Some(unit);
        }
        let fix = match node
            .as_str()
            .and_then(|text| names::closest(text, names.iter().copied()))
        {
            Some(close) => format!("the closest unit is `{close}`"),
            None => format!("use one of {}", names.join(", ")),
        };
        self.report(path, format!("unknown unit `{node}`"), fix);
        None
    }

    fn count(&mut self, node: &Node, path: &[Step], subject: &str) -> Option<u32> {
        let (message, fix) = match node {
            Node::Integer(count) if *count >= 1 => match u32::try_from(*count) {
                Ok(count) => return Some(count),
                Err(_) => (
                    format!("{subject} {count} is larger than {}", u32::MAX),
                    "use a longer unit for the same rate".to_owned(),
                ),
            },
            Node::Integer(0) => (
                format!("{subject} is 0"),
                "a limit must admit at least 1 call; write the documented count, \
                 or `unlimited` when the page lists no limit"
                    .to_owned(),
            ),
            Node::Integer(count) => (
                format!("{subject} is negative ({count})"),
                "write the documented count as a positive integer".to_owned(),
            ),
            Node::Float(count) => (
                format!("{subject} {count} is not a whole number"),
                "write a whole number of calls; for a fraction use a longer unit \
                 (0.5 per second is 30 per minute)"
                    .to_owned(),
            ),
            Node::String(text) => (
                format!("{subject} `{text}` is not a number"),
                "write the count as an integer such as `100`".to_owned(),
            ),
            other => (
                format!("{subject} is {}, not a count", other.kind()),
                "write the count as an integer such as `100`".to_owned(),
            ),
        };
        self.report(path, message, fix);
        None
    }

    /// Reads `count`, `unit` and `windows` of a limit mapping into windows.
    fn windows(
        &mut self,
        fields: &Fields<'_>,
        path: &[Step],
        subject: &str,
        unit: Unit,
    ) -> Option<Vec<Window>> {
        let unit = match Self::optional(fields, path, "unit") {
            Some((at, node)) => self.unit(node, &at),
            None => Some(unit),
        };
        let count = match Self::optional(fields, path, "count") {
            Some((at, node)) => self.count(node, &at, &format!("the count of {subject}")),
            None => None,
        };
        let mut windows = vec![Window {
            count: count?,
            unit: unit?,
        }];
        let mut units_at = vec![path.to_vec()];
        let Some((at, node)) = Self::optional(fields, path, "windows") else {
            return Some(windows);
        };
        let Node::Sequence(items) = node else {
            self.report(
                &at,
                format!("`windows` of {subject} is {}, not a list", node.kind()),
                "write extra windows as a list such as `[{ count: 1000, unit: day }]`",
            );
            return None;
        };
        let mut valid = true;
        for (index, item) in items.iter().enumerate() {
            let item_path = child(&at, Step::Item(index));
            let window = self.extra_window(item, &item_path, subject, unit?);
            let Some(window) = window else {
                valid = false;
                continue;
            };
            if let Some(first) = windows.iter().position(|known| known.unit == window.unit) {
                let message = format!(
                    "{subject} has two limits per {} (first at {{first}})",
                    window.unit
                );
                self.report_repeat(
                    &item_path,
                    &units_at[first],
                    message,
                    "keep the one the page states",
                );
                valid = false;
                continue;
            }
            windows.push(window);
            units_at.push(item_path);
        }
        valid.then_some(windows)
    }

    fn extra_window(
        &mut self,
        node: &Node,
        path: &[Step],
        subject: &str,
        unit: Unit,
    ) -> Option<Window> {
        let fields = self.fields(node, path, &format!("a window of {subject}"), WINDOW_FIELDS)?;
        let unit = match Self::optional(&fields, path, "unit") {
            Some((at, node)) => self.unit(node, &at)?,
            None => unit,
        };
        let (at, node) =
            self.required(&fields, path, &format!("a window of {subject}"), "count")?;
        let count = self.count(node, &at, &format!("the count of a window of {subject}"))?;
        Some(Window { count, unit })
    }

    fn pools(&mut self, node: &Node, path: &[Step], unit: Unit) -> Vec<(Pool, Vec<Step>)> {
        let Node::Sequence(items) = node else {
            self.report(
                path,
                format!("`pools` is {}, not a list", node.kind()),
                "write `pools:` as a list of mappings with `name` and `count`",
            );
            return Vec::new();
        };
        let mut pools: Vec<(Pool, Vec<Step>)> = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let item_path = child(path, Step::Item(index));
            let Some(fields) = self.fields(item, &item_path, "a pool", POOL_FIELDS) else {
                continue;
            };
            let name = self.pool_name(&fields, &item_path, &pools);
            let subject = match &name {
                Some(name) => format!("pool `{name}`"),
                None => "a pool".to_owned(),
            };
            if !fields.contains_key("count") {
                self.report(
                    &item_path,
                    format!("{subject} has no `count` field"),
                    "add `count:`",
                );
                continue;
            }
            let windows = self.windows(&fields, &item_path, &subject, unit);
            let note = Self::optional(&fields, &item_path, "note")
                .and_then(|(at, node)| self.string(node, &at, "`note`"));
            if let (Some(name), Some(windows)) = (name, windows) {
                let limit = Limit {
                    windows,
                    ..Limit::default()
                };
                pools.push((Pool { name, limit, note }, item_path));
            }
        }
        pools
    }

    fn pool_name(
        &mut self,
        fields: &Fields<'_>,
        path: &[Step],
        pools: &[(Pool, Vec<Step>)],
    ) -> Option<String> {
        let (at, node) = self.required(fields, path, "a pool", "name")?;
        let name = self.string(node, &at, "the pool name")?;
        if !names::is_pascal_case(&name) {
            self.report(
                &at,
                format!("pool name `{name}` is not a PascalCase identifier"),
                pascal_fix(&name),
            );
            return None;
        }
        if let Some((_, first)) = pools.iter().find(|(pool, _)| pool.name == name) {
            let message = format!("pool `{name}` is declared twice (first at {{first}})");
            self.report_repeat(&at, first, message, "remove one or rename it");
            return None;
        }
        Some(name)
    }

    fn groups(
        &mut self,
        node: &Node,
        path: &[Step],
        unit: Unit,
        pools: &[(Pool, Vec<Step>)],
    ) -> Vec<(Group, Vec<Vec<Step>>)> {
        let Node::Sequence(items) = node else {
            self.report(
                path,
                format!("`groups` is {}, not a list", node.kind()),
                "write `groups:` as a list of mappings with `name` and `limits`",
            );
            return Vec::new();
        };
        if items.is_empty() {
            self.report(
                path,
                "the table has no groups".to_owned(),
                "add at least one group of operations",
            );
        }
        let mut groups = Vec::new();
        let mut seen: HashMap<String, Vec<Step>> = HashMap::new();
        let mut constants: HashMap<String, (String, Vec<Step>)> = HashMap::new();
        for (index, item) in items.iter().enumerate() {
            let item_path = child(path, Step::Item(index));
            let Some(group) = self.group(item, &item_path, unit, pools) else {
                continue;
            };
            let (group, key_paths) = group;
            for (operation, key_path) in group.operations.iter().zip(&key_paths) {
                self.check_unique(&operation.name, key_path, &mut seen, &mut constants);
            }
            groups.push((group, key_paths));
        }
        groups
    }

    fn check_unique(
        &mut self,
        name: &str,
        key_path: &[Step],
        seen: &mut HashMap<String, Vec<Step>>,
        constants: &mut HashMap<String, (String, Vec<Step>)>,
    ) {
        if let Some(first) = seen.get(name) {
            let message = format!("operation `{name}` is listed twice (first at {{first}})");
            self.report_repeat(key_path, first, message, "remove one");
            return;
        }
        seen.insert(name.to_owned(), key_path.to_vec());
        let constant = names::constant_name(name);
        if let Some((other, first)) = constants.get(&constant) {
            let message = format!(
                "operation `{name}` and `{other}` (at {{first}}) both become the constant `{constant}`"
            );
            self.report_repeat(
                key_path,
                first,
                message,
                "rename one so the names differ in more than case",
            );
            return;
        }
        constants.insert(constant, (name.to_owned(), key_path.to_vec()));
    }

    fn group(
        &mut self,
        node: &Node,
        path: &[Step],
        unit: Unit,
        pools: &[(Pool, Vec<Step>)],
    ) -> Option<(Group, Vec<Vec<Step>>)> {
        let fields = self.fields(node, path, "a group", GROUP_FIELDS)?;
        let name = self
            .required(&fields, path, "a group", "name")
            .and_then(|(at, node)| self.string(node, &at, "the group name"));
        let (limits_path, limits) = self.required(&fields, path, "a group", "limits")?;
        let subject = match &name {
            Some(name) => format!("group `{name}`"),
            None => "a group".to_owned(),
        };
        let Node::Mapping(entries) = limits else {
            self.report(
                &limits_path,
                format!("`limits` of {subject} is {}, not a mapping", limits.kind()),
                "write `limits:` as a mapping from operation name to limit, such as `SubmitJobs: 100`",
            );
            return None;
        };
        if entries.is_empty() {
            self.report(
                &limits_path,
                format!("{subject} has no operations"),
                "add operations under `limits:` or remove the group",
            );
        }
        let mut operations = Vec::new();
        let mut key_paths = Vec::new();
        for (index, (key, value)) in entries.iter().enumerate() {
            let key_path = child(&limits_path, Step::Key(index));
            let value_path = child(&limits_path, Step::Value(index));
            let name = self.operation_name(key, &key_path);
            let limit = self.operation_limit(
                value,
                &value_path,
                name.as_deref().unwrap_or("?"),
                unit,
                pools,
            );
            if let (Some(name), Some((limit, note))) = (name, limit) {
                operations.push(Operation { name, limit, note });
                key_paths.push(key_path);
            }
        }
        Some((
            Group {
                name: name?,
                operations,
            },
            key_paths,
        ))
    }

    fn operation_name(&mut self, key: &Node, path: &[Step]) -> Option<String> {
        let Node::String(name) = key else {
            self.report(
                path,
                format!("operation name `{key}` is {}, not a name", key.kind()),
                "write the API operation's name, such as `SubmitJobs`",
            );
            return None;
        };
        if names::is_pascal_case(name) {
            return Some(name.clone());
        }
        self.report(
            path,
            format!("operation name `{name}` is not a PascalCase identifier"),
            pascal_fix(name),
        );
        None
    }

    fn operation_limit(
        &mut self,
        node: &Node,
        path: &[Step],
        name: &str,
        unit: Unit,
        pools: &[(Pool, Vec<Step>)],
    ) -> Option<(Limit, Option<String>)> {
        let subject = format!("`{name}`");
        match node {
            Node::String(text) if text == UNLIMITED => Some((Limit::default(), None)),
            Node::String(text) => {
                self.report(
                    path,
                    format!("the limit of {subject} is `{text}`, which is not a count"),
                    "write a count such as `100`, `unlimited`, or a mapping such as \
                     `{ count: 30, unit: minute }`",
                );
                None
            }
            Node::Mapping(_) => self.limit_mapping(node, path, &subject, unit, pools),
            Node::Null => {
                self.report(
                    path,
                    format!("{subject} has no limit"),
                    "write its count, or `unlimited` when the page lists no limit",
                );
                None
            }
            other => {
                let count = self.count(other, path, &format!("the limit of {subject}"))?;
                Some((Limit::new(count, unit), None))
            }
        }
    }

    fn limit_mapping(
        &mut self,
        node: &Node,
        path: &[Step],
        subject: &str,
        unit: Unit,
        pools: &[(Pool, Vec<Step>)],
    ) -> Option<(Limit, Option<String>)> {
        let fields = self.fields(node, path, &format!("the limit of {subject}"), LIMIT_FIELDS)?;
        let note = Self::optional(&fields, path, "note")
            .and_then(|(at, node)| self.string(node, &at, "`note`"));
        let pool = Self::optional(&fields, path, "pool")
            .and_then(|(at, node)| self.pool_ref(node, &at, pools));
        let unlimited = Self::optional(&fields, path, "count")
            .is_some_and(|(_, node)| node.as_str() == Some(UNLIMITED));

        if unlimited {
            let extra = ["unit", "windows", "regions", "pool"]
                .into_iter()
                .find(|field| fields.contains_key(field));
            if let Some(field) = extra {
                self.report(
                    path,
                    format!("{subject} is `unlimited` but also sets `{field}`"),
                    format!("remove `{field}`, or write the count the page states"),
                );
                return None;
            }
            return Some((Limit::default(), note));
        }
        if !fields.contains_key("count") {
            if fields.contains_key("pool")
                && !["unit", "windows", "regions"]
                    .iter()
                    .any(|f| fields.contains_key(f))
            {
                return Some((
                    Limit {
                        pool: Some(pool?),
                        ..Limit::default()
                    },
                    note,
                ));
            }
            self.report(
                path,
                format!("the limit of {subject} has no `count`"),
                "add `count:`, name a `pool:`, or write `unlimited`",
            );
            return None;
        }
        let windows = self.windows(&fields, path, subject, unit);
        let regions = match Self::optional(&fields, path, "regions") {
            Some((at, node)) => self.regions(node, &at, subject),
            None => Some(Vec::new()),
        };
        if fields.contains_key("pool") && pool.is_none() {
            return None;
        }
        Some((
            Limit {
                windows: windows?,
                regions: regions?,
                pool,
            },
            note,
        ))
    }

    fn pool_ref(
        &mut self,
        node: &Node,
        path: &[Step],
        pools: &[(Pool, Vec<Step>)],
    ) -> Option<String> {
        let name = self.string(node, path, "`pool`")?;
        if pools.iter().any(|(pool, _)| pool.name == name) {
            return Some(name);
        }
        let fix = match names::closest(&name, pools.iter().map(|(pool, _)| pool.name.as_str())) {
            Some(close) => format!("the closest pool is `{close}`"),
            None => "declare it under `pools:` with a `name` and a `count`".to_owned(),
        };
        self.report(path, format!("unknown pool `{name}`"), fix);
        None
    }

    fn regions(&mut self, node: &Node, path: &[Step], subject: &str) -> Option<Vec<RegionCount>> {
        let Node::Mapping(entries) = node else {
            self.report(
                path,
                format!("`regions` of {subject} is {}, not a mapping", node.kind()),
                "write `regions:` as a mapping from region id to count, such as `cn-shanghai: 120`",
            );
            return None;
        };
        let mut regions: Vec<RegionCount> = Vec::new();
        let mut valid = true;
        for (index, (key, value)) in entries.iter().enumerate() {
            let key_path = child(path, Step::Key(index));
            let region = match key.as_str() {
                Some(region) if is_region_id(region) => region.to_owned(),
                _ => {
                    self.report(
                        &key_path,
                        format!("`{key}` is not a region id"),
                        "write Alibaba Cloud region ids such as `cn-shanghai` or `ap-southeast-1`",
                    );
                    valid = false;
                    continue;
                }
            };
            if let Some(first) = regions.iter().position(|entry| entry.region == region) {
                let first_path = child(path, Step::Key(first));
                let message =
                    format!("region `{region}` of {subject} is listed twice (first at {{first}})");
                self.report_repeat(&key_path, &first_path, message, "remove one");
                valid = false;
                continue;
            }
            let value_path = child(path, Step::Value(index));
            match self.count(
                value,
                &value_path,
                &format!("the count of {subject} in {region}"),
            ) {
                Some(count) => regions.push(RegionCount { region, count }),
                None => valid = false,
            }
        }
        valid.then_some(regions)
    }

    fn check_pools_used(
        &mut self,
        pools: &[(Pool, Vec<Step>)],
        groups: &[(Group, Vec<Vec<Step>>)],
    ) {
        for (pool, path) in pools {
            let used = groups
                .iter()
                .flat_map(|(group, _)| &group.operations)
                .any(|operation| operation.limit.pool.as_deref() == Some(pool.name.as_str()));
            if !used {
                self.report(
                    path,
                    format!("pool `{}` has no member operations", pool.name),
                    format!(
                        "add `pool: {}` to the operations that share it, or remove the pool",
                        pool.name
                    ),
                );
            }
        }
    }
}

fn pascal_fix(name: &str) -> String {
    match names::pascal_case_suggestion(name) {
        Some(suggestion) if suggestion != name => format!("write it as `{suggestion}`"),
        _ => "use the API operation's name: ASCII letters and digits, starting with a capital"
            .to_owned(),
    }
}

/// Returns true for a region id such as `cn-shanghai` or `ap-southeast-1`.
fn is_region_id(text: &str) -> bool {
    let mut parts = text.split('-');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let first_valid = first.len() >= 2 && first.chars().all(|c| c.is_ascii_lowercase());
    let rest_valid = rest.iter().all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    });
    first_valid && !rest.is_empty() && rest_valid
}

/// Returns true for a `YYYY-MM-DD` date with a month and day in range.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts[..] else {
        return false;
    };
    let digits =
        |part: &str, len: usize| part.len() == len && part.chars().all(|c| c.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return false;
    }
    let month: u32 = month.parse().unwrap_or(0);
    let day: u32 = day.parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}
