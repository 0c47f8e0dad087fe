//! Runner for OpenFGA's published query test suites (`assets/tests/consolidated_1_1_tests.yaml`,
//! `abac_tests.yaml`): the serde types of the suite format and a runner that reports pass counts
//! per assertion kind. Parsing the YAML is left to the caller (the core has no YAML dependency).

use serde::Deserialize;
use serde_json::{Map, Value};

use super::api::{CheckRequest, ListObjectsRequest, ListUsersRequest};
use super::index::TupleIndex;
use super::query::CompiledModel;
use super::tuple::{TupleKey, validate_tuple};
use crate::{ErrorCode, PlatformError, Timestamp};

/// A suite file: `tests: [...]`.
#[derive(Debug, Clone, Deserialize)]
pub struct SuiteFile {
    /// The tests.
    pub tests: Vec<SuiteTest>,
}

/// One test: stages run in order against one store.
#[derive(Debug, Clone, Deserialize)]
pub struct SuiteTest {
    /// Test name.
    pub name: String,
    /// Stages.
    pub stages: Vec<SuiteStage>,
}

/// A stage: a model, tuples written under it, and assertions.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuiteStage {
    /// The model in the DSL.
    pub model: String,
    /// Tuples written in this stage.
    #[serde(default)]
    pub tuples: Option<Vec<TupleKey>>,
    /// Check assertions.
    #[serde(default)]
    pub check_assertions: Option<Vec<CheckAssertion>>,
    /// list_objects assertions.
    #[serde(default)]
    pub list_objects_assertions: Option<Vec<ListObjectsAssertion>>,
    /// list_users assertions.
    #[serde(default)]
    pub list_users_assertions: Option<Vec<ListUsersAssertion>>,
}

/// The user/relation/object of a check assertion.
#[derive(Debug, Clone, Deserialize)]
pub struct AssertionTuple {
    /// User.
    pub user: String,
    /// Relation.
    pub relation: String,
    /// Object.
    pub object: String,
}

/// A check assertion.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckAssertion {
    /// The checked tuple.
    pub tuple: AssertionTuple,
    /// Request context.
    #[serde(default)]
    pub context: Option<Map<String, Value>>,
    /// Contextual tuples.
    #[serde(default)]
    pub contextual_tuples: Option<Vec<TupleKey>>,
    /// Expected answer.
    #[serde(default)]
    pub expectation: Option<bool>,
    /// Expected OpenFGA error code.
    #[serde(default)]
    pub error_code: Option<u32>,
}

/// The request of a list_objects assertion.
#[derive(Debug, Clone, Deserialize)]
pub struct ListObjectsSpec {
    /// User.
    pub user: String,
    /// Object type.
    #[serde(rename = "type")]
    pub object_type: String,
    /// Relation.
    pub relation: String,
}

/// A list_objects assertion.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListObjectsAssertion {
    /// The request.
    pub request: ListObjectsSpec,
    /// Request context.
    #[serde(default)]
    pub context: Option<Map<String, Value>>,
    /// Contextual tuples.
    #[serde(default)]
    pub contextual_tuples: Option<Vec<TupleKey>>,
    /// Expected objects (any order).
    #[serde(default)]
    pub expectation: Option<Vec<String>>,
    /// Expected OpenFGA error code.
    #[serde(default)]
    pub error_code: Option<u32>,
}

/// The request of a list_users assertion.
#[derive(Debug, Clone, Deserialize)]
pub struct ListUsersSpec {
    /// User filters (`user`, `group#member`).
    pub filters: Vec<String>,
    /// Object.
    pub object: String,
    /// Relation.
    pub relation: String,
}

/// A list_users assertion.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListUsersAssertion {
    /// The request.
    pub request: ListUsersSpec,
    /// Request context.
    #[serde(default)]
    pub context: Option<Map<String, Value>>,
    /// Contextual tuples.
    #[serde(default)]
    pub contextual_tuples: Option<Vec<TupleKey>>,
    /// Expected users (any order).
    #[serde(default)]
    pub expectation: Option<Vec<String>>,
    /// Expected OpenFGA error code.
    #[serde(default)]
    pub error_code: Option<u32>,
}

/// Pass/fail counts of one assertion kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Passed assertions.
    pub passed: usize,
    /// Failed assertions.
    pub failed: usize,
}

/// Results of a suite run.
#[derive(Debug, Clone, Default)]
pub struct SuiteReport {
    /// Check assertions.
    pub check: Tally,
    /// list_objects assertions.
    pub list_objects: Tally,
    /// list_users assertions.
    pub list_users: Tally,
    /// Stages run.
    pub stages: usize,
    /// One line per failed assertion.
    pub failures: Vec<String>,
}

/// OpenFGA's error code for one of ours (2000 validation, 2002 too complex, 2021 type not found,
/// 2022 relation not found, 2027 invalid tuple).
pub fn openfga_error_code(error: &PlatformError) -> u32 {
    match error.code() {
        ErrorCode::ResolutionTooComplex => 2002,
        ErrorCode::TypeNotFound => 2021,
        ErrorCode::RelationNotFound => 2022,
        ErrorCode::InvalidTuple => 2027,
        _ => 2000,
    }
}

/// OpenFGA's Check reports unknown types and relations of its tuple key as plain validation
/// errors (2000), where list_objects and list_users use 2021 / 2022.
fn as_check_error(error: PlatformError) -> PlatformError {
    match error.code() {
        ErrorCode::TypeNotFound | ErrorCode::RelationNotFound => error.reframed(ErrorCode::Validation, "tuple_key"),
        _ => error,
    }
}

/// Compares an outcome with an expectation: `Ok(())` on a match, else a description.
fn judge<T: PartialEq + std::fmt::Debug>(
    got: Result<T, PlatformError>,
    expected: Option<T>,
    code: Option<u32>,
) -> Result<(), String> {
    match (got, code) {
        (Err(e), Some(c)) if openfga_error_code(&e) == c => Ok(()),
        (Err(e), _) => Err(format!("error {} ({}): {}", openfga_error_code(&e), e.code(), e.user_message())),
        (Ok(v), Some(c)) => Err(format!("expected error {c}, got {v:?}")),
        (Ok(v), None) if Some(&v) == expected.as_ref() => Ok(()),
        (Ok(v), None) => Err(format!("expected {expected:?}, got {v:?}")),
    }
}

fn sorted(mut items: Vec<String>) -> Vec<String> {
    items.sort_unstable();
    items.dedup();
    items
}

/// How a suite run feeds each stage's tuples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TupleMode {
    /// Tuples are written to the store.
    Written,
    /// Tuples are given as contextual tuples of every request (only single-stage tests with at
    /// most 100 tuples, as OpenFGA's own runner does).
    Contextual,
}

/// Runs every test of the file in the given mode.
pub fn run_suite(file: &SuiteFile, mode: TupleMode) -> SuiteReport {
    let mut report = SuiteReport::default();
    for test in &file.tests {
        if mode == TupleMode::Written || test.stages.len() == 1 {
            run_test(test, mode == TupleMode::Contextual, &mut report);
        }
    }
    report
}

fn run_test(test: &SuiteTest, contextual: bool, report: &mut SuiteReport) {
    let mut index = TupleIndex::default();
    let now = Timestamp::from_secs(1_700_000_000);
    for (n, stage) in test.stages.iter().enumerate() {
        let tuples = stage.tuples.clone().unwrap_or_default();
        if contextual && tuples.len() > 100 {
            continue;
        }
        report.stages += 1;
        let label = format!("{}{}#stage{n}", test.name, if contextual { "[ctx]" } else { "" });
        let model = match CompiledModel::from_dsl(format!("m{n}"), &stage.model) {
            Ok(m) => m,
            Err(e) => {
                fail_stage(stage, report, &format!("{label}: model rejected: {}", e.user_message()));
                continue;
            }
        };
        let extra = if contextual { tuples.clone() } else { Vec::new() };
        if !contextual {
            if let Some(e) = tuples.iter().find_map(|t| validate_tuple(&model.model, t).err()) {
                fail_stage(stage, report, &format!("{label}: tuple rejected: {}", e.user_message()));
                continue;
            }
            for t in &tuples {
                index.insert(t);
            }
        }
        let run = StageRun { model: &model, index: &index, extra: &extra, now, label: &label };
        run.checks(stage, report);
        run.list_objects(stage, report);
        run.list_users(stage, report);
    }
}

fn fail_stage(stage: &SuiteStage, report: &mut SuiteReport, reason: &str) {
    report.check.failed += stage.check_assertions.as_ref().map_or(0, Vec::len);
    report.list_objects.failed += stage.list_objects_assertions.as_ref().map_or(0, Vec::len);
    report.list_users.failed += stage.list_users_assertions.as_ref().map_or(0, Vec::len);
    report.failures.push(reason.to_string());
}

struct StageRun<'a> {
    model: &'a CompiledModel,
    index: &'a TupleIndex,
    extra: &'a [TupleKey],
    now: Timestamp,
    label: &'a str,
}

impl StageRun<'_> {
    fn contextual(&self, own: &Option<Vec<TupleKey>>) -> Vec<TupleKey> {
        own.iter().flatten().chain(self.extra).cloned().collect()
    }

    fn record(&self, tally: &mut Tally, failures: &mut Vec<String>, what: String, verdict: Result<(), String>) {
        match verdict {
            Ok(()) => tally.passed += 1,
            Err(why) => {
                tally.failed += 1;
                failures.push(format!("{}: {what}: {why}", self.label));
            }
        }
    }

    fn checks(&self, stage: &SuiteStage, report: &mut SuiteReport) {
        for a in stage.check_assertions.iter().flatten() {
            let mut req = CheckRequest::new(&a.tuple.user, &a.tuple.relation, &a.tuple.object);
            req.context = a.context.clone().unwrap_or_default();
            req.contextual_tuples = self.contextual(&a.contextual_tuples);
            let got = self.model.check(self.index, &req, self.now).map(|r| r.allowed).map_err(as_check_error);
            let what = format!("check {}#{}@{}", a.tuple.object, a.tuple.relation, a.tuple.user);
            self.record(&mut report.check, &mut report.failures, what, judge(got, a.expectation, a.error_code));
        }
    }

    fn list_objects(&self, stage: &SuiteStage, report: &mut SuiteReport) {
        for a in stage.list_objects_assertions.iter().flatten() {
            let req = ListObjectsRequest {
                user: a.request.user.clone(),
                relation: a.request.relation.clone(),
                object_type: a.request.object_type.clone(),
                context: a.context.clone().unwrap_or_default(),
                contextual_tuples: self.contextual(&a.contextual_tuples),
                ..ListObjectsRequest::default()
            };
            let got = self.model.list_objects(self.index, &req, self.now).map(sorted);
            let expected = Some(sorted(a.expectation.clone().unwrap_or_default()));
            let what = format!("list_objects {}#{}@{}", a.request.object_type, a.request.relation, a.request.user);
            self.record(&mut report.list_objects, &mut report.failures, what, judge(got, expected, a.error_code));
        }
    }

    fn list_users(&self, stage: &SuiteStage, report: &mut SuiteReport) {
        for a in stage.list_users_assertions.iter().flatten() {
            let req = ListUsersRequest {
                object: a.request.object.clone(),
                relation: a.request.relation.clone(),
                user_filters: a.request.filters.clone(),
                context: a.context.clone().unwrap_or_default(),
                contextual_tuples: self.contextual(&a.contextual_tuples),
                ..ListUsersRequest::default()
            };
            let got = self.model.list_users(self.index, &req, self.now).map(sorted);
            let expected = Some(sorted(a.expectation.clone().unwrap_or_default()));
            let what = format!("list_users {}#{} {:?}", a.request.object, a.request.relation, a.request.filters);
            self.record(&mut report.list_users, &mut report.failures, what, judge(got, expected, a.error_code));
        }
    }
}
