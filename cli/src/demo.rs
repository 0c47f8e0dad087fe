//! `shared-platform demo`: a scripted walkthrough on the embedded default. It grows as engines
//! land; each step prints what it did and what the engine answered.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use clap::Args;
use serde_json::json;
use shared_platform_core::store::{PutMode, WriteBatch};
use shared_platform_core::{AuditEntry, AuditOutcome, AuditQuery, Engine, EngineConfig, PlatformError};

/// Options of `shared-platform demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Keep records in this SQLite file instead of memory (it survives the demo).
    #[arg(long)]
    database: Option<PathBuf>,
}

fn step(title: &str) {
    println!("\n== {title}");
}

/// Runs the walkthrough.
pub fn run(args: &DemoArgs, mut config: EngineConfig) -> Result<(), PlatformError> {
    if let Some(path) = &args.database {
        config = EngineConfig::builder().sqlite_path(path).clock(config.clock).build()?;
    }
    let engine = Engine::new(config)?;
    println!("Shared Platform Core {} — embedded demo", env!("CARGO_PKG_VERSION"));
    println!("database: {:?}, hot state: {:?}", engine.config().database, engine.config().hot_state);

    tenants(&engine)?;
    let seen = events(&engine);
    records(&engine)?;
    audit(&engine)?;
    println!("\nevents delivered to the subscriber: {}", seen.lock().map(|e| e.len()).unwrap_or(0));

    engine.close()?;
    println!("\nengine closed; a later call answers: {}", engine.tenant("acme").unwrap_err());
    Ok(())
}

fn tenants(engine: &Engine) -> Result<(), PlatformError> {
    step("Tenant scopes");
    for id in ["acme", "globex.eu:prod", "", "bad tenant!"] {
        match engine.tenant(id) {
            Ok(scope) => println!("  tenant({id:?}) -> scope {}", scope.scope()),
            Err(err) => println!("  tenant({id:?}) -> {err}"),
        }
    }
    println!("  platform() -> scope {}", engine.platform()?.scope());
    Ok(())
}

fn events(engine: &Engine) -> Arc<Mutex<Vec<String>>> {
    step("Event bus");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    engine.events().subscribe("demo.*", move |event| {
        println!("  event {} for tenant {}: {}", event.event_type, event.tenant_id, event.data);
        if let Ok(mut seen) = sink.lock() {
            seen.push(event.event_type.clone());
        }
    });
    println!("  subscribed to demo.*");
    seen
}

fn records(engine: &Engine) -> Result<(), PlatformError> {
    step("System of record (tenant-scoped, transactional)");
    let (acme, globex) = (engine.tenant("acme")?, engine.tenant("globex.eu:prod")?);
    let batch = WriteBatch::new()
        .put(acme.scope(), "demo.project", "apollo", json!({"name": "Apollo"}), PutMode::Create)
        .put(globex.scope(), "demo.project", "apollo", json!({"name": "Globex Apollo"}), PutMode::Create);
    engine.records().write(&batch, engine.now())?;
    acme.publish("demo.project.created", || json!({"id": "apollo"}));
    let failing = WriteBatch::new()
        .put(acme.scope(), "demo.project", "zeus", json!({"name": "Zeus"}), PutMode::Create)
        .put(acme.scope(), "demo.project", "apollo", json!({}), PutMode::Create);
    let err = engine.records().write(&failing, engine.now()).unwrap_err();
    println!("  a batch with a duplicate fails whole: {err}");
    for scope in [&acme, &globex] {
        let names: Vec<_> =
            engine.records().list_all(scope.scope(), "demo.project")?.into_iter().map(|r| r.body.to_string()).collect();
        println!("  {} sees {names:?}", scope.scope());
    }
    Ok(())
}

fn audit(engine: &Engine) -> Result<(), PlatformError> {
    step("Hash-chained audit log");
    let acme = engine.tenant("acme")?;
    for (actor, action, outcome) in
        [("alice", "project.create", AuditOutcome::Success), ("bob", "project.delete", AuditOutcome::Denied)]
    {
        let op = acme.operation("demo.audit");
        let record =
            acme.audit_record(AuditEntry::new(actor, action, "project", "apollo").outcome(outcome), &op.request_id)?;
        println!(
            "  #{} {} {} -> {:?} hash {}…",
            record.seq,
            record.actor_id,
            record.action,
            record.outcome,
            &record.hash[..16]
        );
    }
    let listed = acme.audit_list(&AuditQuery { outcome: Some(AuditOutcome::Denied), ..AuditQuery::default() })?;
    println!("  denied actions: {}", listed.pagination.total_items);
    let report = acme.audit_verify()?;
    println!("  verify(acme): valid={} records={}", report.valid, report.records_checked);
    Ok(())
}
