//! The redaction client of a scope (`scope.redaction()?`), policy management persisted in the
//! record store, per-tenant hash keys, and the engine hook that redacts every log line and
//! audit record.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex, OnceLock};

use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};
use serde_json::{Value, json};

use super::compiled::{CompiledPolicy, Redacted};
use super::finding::Finding;
use super::json::RedactedJson;
use super::lines::{LineStats, OVERSIZED_LINE};
use super::policy::RedactionPolicy;
use crate::engine::{Engine, TenantScope};
use crate::error::{ErrorCode, PlatformError, Result};
use crate::redact_hook::{Redactor, redact_strings};
use crate::store::{PutMode, WriteBatch};
use crate::tenant::Scope;

const POLICY_COLLECTION: &str = "redaction.policy";
const POLICY_ID: &str = "default";
const SECRET_COLLECTION: &str = "redaction.secret";
const SECRET_ID: &str = "hmac";

/// Per-engine redaction state: the engine secret the tenants' hash keys derive from, and the
/// compiled policy of each scope (invalidated when a policy changes through this engine).
#[derive(Debug)]
pub(crate) struct RedactionState {
    secret: hmac::Key,
    compiled: Mutex<HashMap<String, Arc<CompiledPolicy>>>,
}

impl RedactionState {
    fn load(engine: &Engine) -> Result<RedactionState> {
        let records = engine.records();
        let read = || -> Result<Option<Vec<u8>>> {
            let record = records.get(&Scope::Platform, SECRET_COLLECTION, SECRET_ID)?;
            Ok(record.and_then(|r| r.body.get("key").and_then(Value::as_str).and_then(|k| hex::decode(k).ok())))
        };
        let secret = match read()? {
            Some(secret) => secret,
            None => {
                let mut fresh = [0u8; 32];
                SystemRandom::new().fill(&mut fresh).map_err(|_| PlatformError::internal("no system randomness"))?;
                let body = json!({ "key": hex::encode(fresh) });
                let batch =
                    WriteBatch::new().put(&Scope::Platform, SECRET_COLLECTION, SECRET_ID, body, PutMode::Create);
                match records.write(&batch, engine.now()) {
                    Ok(()) => fresh.to_vec(),
                    // another engine on the same store created it first: use theirs
                    Err(err) if err.code() == ErrorCode::Conflict => {
                        read()?.ok_or_else(|| PlatformError::internal("redaction secret vanished"))?
                    }
                    Err(err) => return Err(err),
                }
            }
        };
        Ok(RedactionState { secret: hmac::Key::new(hmac::HMAC_SHA256, &secret), compiled: Mutex::new(HashMap::new()) })
    }

    /// The hash-operator key of a scope: HMAC(engine secret, scope key).
    fn scope_key(&self, scope: &Scope) -> hmac::Key {
        let tag = hmac::sign(&self.secret, format!("redaction/v1/{}", scope.key()).as_bytes());
        hmac::Key::new(hmac::HMAC_SHA256, tag.as_ref())
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<CompiledPolicy>>> {
        self.compiled.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Redaction for one scope: detection, redaction of text, JSON and log streams, and the scope's
/// policy. Get it with `engine.tenant("acme")?.redaction()?`.
#[derive(Debug, Clone)]
pub struct RedactionClient {
    scope: TenantScope,
    state: Arc<RedactionState>,
}

impl TenantScope {
    /// The redaction client of this scope.
    pub fn redaction(&self) -> Result<RedactionClient> {
        let state = self.engine().extension(RedactionState::load)?;
        Ok(RedactionClient { scope: self.clone(), state })
    }
}

impl RedactionClient {
    /// The compiled effective policy of the scope (built-in defaults, then the platform's
    /// policy, then the tenant's).
    pub fn compiled(&self) -> Result<Arc<CompiledPolicy>> {
        self.scope.engine().ensure_open()?;
        let key = self.scope.scope().key().to_owned();
        if let Some(found) = self.state.cache().get(&key) {
            return Ok(found.clone());
        }
        let compiled =
            Arc::new(CompiledPolicy::compile(&self.effective_policy()?, self.state.scope_key(self.scope.scope()))?);
        self.state.cache().insert(key, compiled.clone());
        Ok(compiled)
    }

    /// The findings in `text`, which is not changed.
    pub fn analyze(&self, text: &str) -> Result<Vec<Finding>> {
        self.compiled()?.analyze(text)
    }

    /// The redacted text and the findings.
    pub fn redact(&self, text: &str) -> Result<Redacted> {
        self.compiled()?.redact(text)
    }

    /// The redacted text alone, borrowed when nothing was found: the logging hot path of the
    /// bindings.
    pub fn redact_text<'a>(&self, text: &'a str) -> Result<Cow<'a, str>> {
        self.compiled()?.redact_text(text)
    }

    /// One log line redacted as the line redactor does (`json`: the line is a JSON value; a line
    /// that cannot be redacted is replaced by a marker, never passed through). A trailing `\n`
    /// or `\r\n` is kept.
    pub fn redact_line(&self, line: &str, json: bool) -> Result<String> {
        let body = line.strip_suffix('\n').map_or(line, |b| b.strip_suffix('\r').unwrap_or(b));
        let (mut redacted, _) = self.compiled()?.redact_log_line(body, json)?;
        redacted.push_str(&line[body.len()..]);
        Ok(redacted)
    }

    /// The redacted JSON document and the findings by path.
    pub fn redact_json(&self, value: Value) -> Result<RedactedJson> {
        self.compiled()?.redact_json(value)
    }

    /// Copies `input` to `output` line by line, redacted (`json`: lines are JSON values).
    pub fn redact_lines(&self, input: impl BufRead, output: impl Write, json: bool) -> Result<LineStats> {
        let compiled = self.compiled()?;
        compiled.redact_lines(input, output, json, compiled.max_input_bytes())
    }

    /// The scope's own stored policy (`RedactionPolicyNotFound` when it has none).
    pub fn get_policy(&self) -> Result<RedactionPolicy> {
        self.scope.engine().ensure_open()?;
        self.stored(self.scope.scope())?.ok_or_else(|| {
            PlatformError::not_found(ErrorCode::RedactionPolicyNotFound, "redaction policy", self.scope.scope().key())
        })
    }

    /// The merged policy in force for the scope.
    pub fn effective_policy(&self) -> Result<RedactionPolicy> {
        let mut policy = RedactionPolicy::default();
        if let Some(platform) = self.stored(&Scope::Platform)? {
            policy = policy.merged_with(&platform);
        }
        if !self.scope.scope().is_platform() {
            if let Some(own) = self.stored(self.scope.scope())? {
                policy = policy.merged_with(&own);
            }
        }
        Ok(policy)
    }

    /// Creates or replaces the scope's policy after checking that it compiles (a bad custom
    /// pattern is an `InvalidPattern` error naming it). The platform's policy also becomes the
    /// engine's log and audit redactor.
    pub fn put_policy(&self, policy: RedactionPolicy) -> Result<RedactionPolicy> {
        self.scope.engine().ensure_open()?;
        CompiledPolicy::compile(&policy, self.state.scope_key(self.scope.scope()))?;
        let body = serde_json::to_value(&policy).map_err(|e| PlatformError::internal(e.to_string()))?;
        let batch = WriteBatch::new().put(self.scope.scope(), POLICY_COLLECTION, POLICY_ID, body, PutMode::Upsert);
        self.scope.engine().records().write(&batch, self.scope.engine().now())?;
        self.changed()?;
        tracing::info!(scope = %self.scope.scope().key(), "redaction policy updated");
        Ok(policy)
    }

    /// Deletes the scope's policy (`RedactionPolicyNotFound` when it has none).
    pub fn delete_policy(&self) -> Result<()> {
        self.get_policy()?;
        let batch = WriteBatch::new().delete(self.scope.scope(), POLICY_COLLECTION, POLICY_ID);
        self.scope.engine().records().write(&batch, self.scope.engine().now())?;
        self.changed()?;
        tracing::info!(scope = %self.scope.scope().key(), "redaction policy deleted");
        Ok(())
    }

    fn stored(&self, scope: &Scope) -> Result<Option<RedactionPolicy>> {
        let Some(record) = self.scope.engine().records().get(scope, POLICY_COLLECTION, POLICY_ID)? else {
            return Ok(None);
        };
        serde_json::from_value(record.body)
            .map(Some)
            .map_err(|e| PlatformError::internal(format!("stored redaction policy is unreadable: {e}")))
    }

    fn changed(&self) -> Result<()> {
        if self.scope.scope().is_platform() {
            self.state.cache().clear();
            let compiled = self.compiled()?;
            self.scope.engine().set_redactor(Arc::new(PolicyRedactor::new(compiled)));
        } else {
            self.state.cache().remove(self.scope.scope().key());
        }
        Ok(())
    }
}

/// The engine hook ([`Redactor`]) backed by a compiled policy: every log line and audit record
/// passes through it. Input it cannot handle (too large, too deep) is replaced, never passed on.
#[derive(Debug, Clone)]
pub struct PolicyRedactor {
    policy: Arc<CompiledPolicy>,
}

impl PolicyRedactor {
    /// A hook redacting with `policy`.
    pub fn new(policy: Arc<CompiledPolicy>) -> PolicyRedactor {
        PolicyRedactor { policy }
    }

    /// The hook with the built-in defaults (compiled once per process); `Engine::new` installs it.
    pub fn builtin() -> PolicyRedactor {
        static BUILTIN: OnceLock<Arc<CompiledPolicy>> = OnceLock::new();
        PolicyRedactor::new(BUILTIN.get_or_init(|| Arc::new(CompiledPolicy::builtin())).clone())
    }
}

impl Redactor for PolicyRedactor {
    fn redact_text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.policy.redact_text(text).unwrap_or_else(|_| {
            // keep the line structure of the log stream
            let newline = if text.ends_with('\n') { "\n" } else { "" };
            Cow::Owned(format!("{OVERSIZED_LINE}{newline}"))
        })
    }

    fn redact_value(&self, value: &mut Value) {
        if self.policy.redact_json_in_place(value).is_err() {
            redact_strings(self, value);
        }
    }
}
