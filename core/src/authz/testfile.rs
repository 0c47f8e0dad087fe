//! Store test files in the OpenFGA CLI's `fga model test` format: a model, tuples, and tests with
//! `check`, `list_objects` and `list_users` assertions. The caller parses the YAML and resolves
//! `model_file` / `tuple_file` references; this module runs the tests.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::api::{CheckRequest, ListObjectsRequest, ListUsersRequest};
use super::index::TupleIndex;
use super::query::CompiledModel;
use super::tuple::{TupleKey, validate_tuple};
use crate::Timestamp;

/// A store test file.
#[derive(Debug, Clone, Deserialize)]
pub struct StoreTestFile {
    /// Store name.
    #[serde(default)]
    pub name: Option<String>,
    /// Inline model (DSL).
    #[serde(default)]
    pub model: Option<String>,
    /// Path of the model, relative to the test file.
    #[serde(default)]
    pub model_file: Option<String>,
    /// Inline tuples for every test.
    #[serde(default)]
    pub tuples: Option<Vec<TupleKey>>,
    /// Tuple file (YAML or JSON list), relative to the test file.
    #[serde(default)]
    pub tuple_file: Option<String>,
    /// Several tuple files.
    #[serde(default)]
    pub tuple_files: Option<Vec<String>>,
    /// The tests.
    #[serde(default)]
    pub tests: Vec<StoreTest>,
}

/// One test.
#[derive(Debug, Clone, Deserialize)]
pub struct StoreTest {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Tuples added for this test only.
    #[serde(default)]
    pub tuples: Option<Vec<TupleKey>>,
    /// Check assertions.
    #[serde(default)]
    pub check: Vec<CheckTest>,
    /// list_objects assertions.
    #[serde(default)]
    pub list_objects: Vec<ListObjectsTest>,
    /// list_users assertions.
    #[serde(default)]
    pub list_users: Vec<ListUsersTest>,
}

/// `check`: a user (or users) and an object (or objects), expected answers per relation.
#[derive(Debug, Clone, Deserialize)]
pub struct CheckTest {
    /// User.
    #[serde(default)]
    pub user: Option<String>,
    /// Several users.
    #[serde(default)]
    pub users: Option<Vec<String>>,
    /// Object.
    #[serde(default)]
    pub object: Option<String>,
    /// Several objects.
    #[serde(default)]
    pub objects: Option<Vec<String>>,
    /// Request context.
    #[serde(default)]
    pub context: Option<Map<String, Value>>,
    /// relation → expected answer.
    pub assertions: BTreeMap<String, bool>,
}

/// `list_objects`: relation → expected objects.
#[derive(Debug, Clone, Deserialize)]
pub struct ListObjectsTest {
    /// User.
    pub user: String,
    /// Object type.
    #[serde(rename = "type")]
    pub object_type: String,
    /// Request context.
    #[serde(default)]
    pub context: Option<Map<String, Value>>,
    /// relation → expected objects.
    pub assertions: BTreeMap<String, Vec<String>>,
}

/// A list_users filter.
#[derive(Debug, Clone, Deserialize)]
pub struct UserFilter {
    /// Type.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Optional userset relation.
    #[serde(default)]
    pub relation: Option<String>,
}

/// Expected users of a list_users assertion.
#[derive(Debug, Clone, Deserialize)]
pub struct ExpectedUsers {
    /// Users.
    #[serde(default)]
    pub users: Vec<String>,
}

/// `list_users`: relation → expected users.
#[derive(Debug, Clone, Deserialize)]
pub struct ListUsersTest {
    /// Object.
    pub object: String,
    /// Filters.
    pub user_filter: Vec<UserFilter>,
    /// Request context.
    #[serde(default)]
    pub context: Option<Map<String, Value>>,
    /// relation → expected users.
    pub assertions: BTreeMap<String, ExpectedUsers>,
}

/// Outcome of a test file run.
#[derive(Debug, Clone, Default)]
pub struct StoreTestReport {
    /// Passed assertions.
    pub passed: usize,
    /// Failed assertions.
    pub failed: usize,
    /// One line per assertion (`PASS ...` / `FAIL ...`).
    pub lines: Vec<String>,
}

impl StoreTestReport {
    fn record(&mut self, test: &str, what: String, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => {
                self.passed += 1;
                self.lines.push(format!("PASS {test}: {what}"));
            }
            Err(why) => {
                self.failed += 1;
                self.lines.push(format!("FAIL {test}: {what}: {why}"));
            }
        }
    }
}

fn compare<T: PartialEq + std::fmt::Debug>(got: crate::Result<T>, expected: T) -> Result<(), String> {
    match got {
        Ok(v) if v == expected => Ok(()),
        Ok(v) => Err(format!("expected {expected:?}, got {v:?}")),
        Err(e) => Err(format!("error: {}", e.user_message())),
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Runs every test of the file with the resolved model text and global tuples.
pub fn run_store_tests(file: &StoreTestFile, model_text: &str, tuples: &[TupleKey]) -> StoreTestReport {
    let mut report = StoreTestReport::default();
    let model = match CompiledModel::from_dsl("test".into(), model_text) {
        Ok(m) => m,
        Err(e) => {
            report.record("model", "model is valid".into(), Err(e.user_message().to_string()));
            return report;
        }
    };
    let now = Timestamp::from_secs(0);
    for (n, test) in file.tests.iter().enumerate() {
        let name = test.name.clone().unwrap_or_else(|| format!("test {}", n + 1));
        let all: Vec<TupleKey> = tuples.iter().chain(test.tuples.iter().flatten()).cloned().collect();
        if let Some(e) = all.iter().find_map(|t| validate_tuple(&model.model, t).err()) {
            report.record(&name, "tuples are valid".into(), Err(e.user_message().to_string()));
            continue;
        }
        let index = TupleIndex::from_tuples(&all);
        run_checks(&model, &index, test, &name, now, &mut report);
        run_lists(&model, &index, test, &name, now, &mut report);
    }
    report
}

fn run_checks(
    model: &CompiledModel,
    index: &TupleIndex,
    test: &StoreTest,
    name: &str,
    now: Timestamp,
    report: &mut StoreTestReport,
) {
    for c in &test.check {
        let users: Vec<&String> = c.user.iter().chain(c.users.iter().flatten()).collect();
        let objects: Vec<&String> = c.object.iter().chain(c.objects.iter().flatten()).collect();
        for user in &users {
            for object in &objects {
                for (relation, expected) in &c.assertions {
                    let mut req = CheckRequest::new(user, relation, object);
                    req.context = c.context.clone().unwrap_or_default();
                    let got = model.check(index, &req, now).map(|r| r.allowed);
                    report.record(name, format!("check {user} {relation} {object}"), compare(got, *expected));
                }
            }
        }
    }
}

fn run_lists(
    model: &CompiledModel,
    index: &TupleIndex,
    test: &StoreTest,
    name: &str,
    now: Timestamp,
    report: &mut StoreTestReport,
) {
    for l in &test.list_objects {
        for (relation, expected) in &l.assertions {
            let req = ListObjectsRequest {
                user: l.user.clone(),
                relation: relation.clone(),
                object_type: l.object_type.clone(),
                context: l.context.clone().unwrap_or_default(),
                ..ListObjectsRequest::default()
            };
            let got = model.list_objects(index, &req, now).map(sorted);
            report.record(
                name,
                format!("list_objects {} {relation} {}", l.user, l.object_type),
                compare(got, sorted(expected.clone())),
            );
        }
    }
    for l in &test.list_users {
        let filters: Vec<String> = l
            .user_filter
            .iter()
            .map(|f| f.relation.as_ref().map_or_else(|| f.type_name.clone(), |r| format!("{}#{r}", f.type_name)))
            .collect();
        for (relation, expected) in &l.assertions {
            let req = ListUsersRequest {
                object: l.object.clone(),
                relation: relation.clone(),
                user_filters: filters.clone(),
                context: l.context.clone().unwrap_or_default(),
                ..ListUsersRequest::default()
            };
            let got = model.list_users(index, &req, now).map(sorted);
            report.record(
                name,
                format!("list_users {} {relation} {filters:?}", l.object),
                compare(got, sorted(expected.users.clone())),
            );
        }
    }
}
