//! Authorization benchmarks, side by side in one run: an RBAC check against `casbin`, an
//! attribute rule against `cedar-policy`, nested groups of depth 5, a check with 1M tuples
//! stored, and list_objects over 100k objects. Before criterion runs, a latency pass prints the
//! p50/p99 of single checks (criterion reports means only).

use std::hint::black_box;
use std::str::FromStr;
use std::time::Instant;

use casbin::{CoreApi, DefaultModel, Enforcer, MemoryAdapter, MgmtApi, RbacApi};
use cedar_policy::{Authorizer, Context, Decision, Entities, EntityUid, PolicySet, Request};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;
use shared_platform_core::Engine;
use shared_platform_core::Timestamp;
use shared_platform_core::authz::{
    CheckRequest, CompiledModel, ListObjectsRequest, RBAC_MODEL, TupleCondition, TupleIndex, TupleKey,
};

const ROLES: usize = 100;
const USERS: usize = 1_000;
const PERMS_PER_ROLE: usize = 10;
const NOW: Timestamp = Timestamp::from_nanos(1);

fn model(text: &str) -> CompiledModel {
    CompiledModel::from_dsl("bench".into(), text).expect("bench model compiles")
}

/// RBAC tuples: 100 roles × 10 permissions, 1000 users with one role each.
fn rbac_tuples() -> Vec<TupleKey> {
    let mut tuples = Vec::new();
    for r in 0..ROLES {
        for p in 0..PERMS_PER_ROLE {
            tuples.push(TupleKey::new(&format!("role:r{r}#assignee"), "granted", &format!("permission:res{p}:act{r}")));
        }
    }
    for u in 0..USERS {
        tuples.push(TupleKey::new(&format!("user:u{u}"), "assignee", &format!("role:r{}", u % ROLES)));
    }
    tuples
}

fn casbin_enforcer(rt: &tokio::runtime::Runtime) -> Enforcer {
    let text = "[request_definition]\nr = sub, obj, act\n[policy_definition]\np = sub, obj, act\n[role_definition]\ng = _, _\n\
        [policy_effect]\ne = some(where (p.eft == allow))\n[matchers]\nm = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act\n";
    rt.block_on(async {
        let m = DefaultModel::from_str(text).await.expect("casbin model");
        let mut e = Enforcer::new(m, MemoryAdapter::default()).await.expect("enforcer");
        let mut policies = Vec::new();
        for r in 0..ROLES {
            for p in 0..PERMS_PER_ROLE {
                policies.push(vec![format!("r{r}"), format!("res{p}"), format!("act{r}")]);
            }
        }
        e.add_policies(policies).await.expect("policies");
        let groups = (0..USERS).map(|u| vec![format!("u{u}"), format!("r{}", u % ROLES)]).collect();
        e.add_grouping_policies(groups).await.expect("groups");
        e
    })
}

fn percentiles(mut samples: Vec<u128>) -> (u128, u128) {
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q) as usize];
    (at(0.50), at(0.99))
}

/// Prints p50/p99 of 100k single RBAC checks, ours and casbin in separate loops (so one does not
/// evict the other's caches).
fn latency_report(ours: &CompiledModel, index: &TupleIndex, casbin: &Enforcer) {
    let requests: Vec<(CheckRequest, (String, String, String))> = (0..100_000usize)
        .map(|i| {
            let (u, p, r) = (i % USERS, i % PERMS_PER_ROLE, (i % USERS) % ROLES);
            let req = CheckRequest::new(&format!("user:u{u}"), "granted", &format!("permission:res{p}:act{r}"));
            (req, (format!("u{u}"), format!("res{p}"), format!("act{r}")))
        })
        .collect();
    let mut ours_ns = Vec::with_capacity(requests.len());
    for (req, _) in &requests {
        let start = Instant::now();
        black_box(ours.check(index, req, NOW).map(|r| r.allowed).unwrap_or(false));
        ours_ns.push(start.elapsed().as_nanos());
    }
    let mut casbin_ns = Vec::with_capacity(requests.len());
    for (_, (sub, obj, act)) in requests.iter().take(10_000) {
        let start = Instant::now();
        black_box(casbin.enforce((sub, obj, act)).unwrap_or(false));
        casbin_ns.push(start.elapsed().as_nanos());
    }
    let (o50, o99) = percentiles(ours_ns);
    let (c50, c99) = percentiles(casbin_ns);
    println!(
        "latency rbac_check: ours p50 {o50} ns p99 {o99} ns (100k checks) | casbin p50 {c50} ns p99 {c99} ns (10k checks)"
    );
}

fn bench_rbac(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    let ours = model(RBAC_MODEL);
    let index = TupleIndex::from_tuples(&rbac_tuples());
    let casbin = casbin_enforcer(&rt);
    latency_report(&ours, &index, &casbin);
    let req = CheckRequest::new("user:u42", "granted", "permission:res3:act42");
    assert!(ours.check(&index, &req, NOW).expect("check").allowed);
    assert!(casbin.enforce(("u42", "res3", "act42")).expect("enforce"));
    let mut g = c.benchmark_group("rbac_check");
    g.bench_function("ours_core", |b| b.iter(|| ours.check(&index, black_box(&req), NOW).map(|r| r.allowed)));
    g.bench_function("casbin", |b| b.iter(|| casbin.enforce(black_box(("u42", "res3", "act42")))));
    let engine = Engine::in_memory().expect("engine");
    let rbac = engine.tenant("bench").expect("tenant").rbac().expect("rbac");
    rbac.define_role("support", &["notifications:read", "users:read"]).expect("role");
    rbac.assign_role("alice", "support").expect("assign");
    g.bench_function("ours_rbac_client", |b| b.iter(|| rbac.has_permission(black_box("alice"), "notifications:read")));
    g.finish();
}

fn bench_nested_groups(c: &mut Criterion) {
    let ours =
        model("model\n  schema 1.1\ntype user\ntype group\n  relations\n    define member: [user, group#member]\n");
    let mut tuples: Vec<TupleKey> =
        (0..5).map(|i| TupleKey::new(&format!("group:g{}#member", i + 1), "member", &format!("group:g{i}"))).collect();
    tuples.push(TupleKey::new("user:deep", "member", "group:g5"));
    let index = TupleIndex::from_tuples(&tuples);
    let req = CheckRequest::new("user:deep", "member", "group:g0");
    assert!(ours.check(&index, &req, NOW).expect("check").allowed);
    let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    let casbin = rt.block_on(async {
        let text = "[request_definition]\nr = sub, obj, act\n[policy_definition]\np = sub, obj, act\n[role_definition]\ng = _, _\n\
            [policy_effect]\ne = some(where (p.eft == allow))\n[matchers]\nm = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act\n";
        let mut e = Enforcer::new(DefaultModel::from_str(text).await.expect("model"), MemoryAdapter::default()).await.expect("enforcer");
        e.add_policy(vec!["g0".into(), "doc".into(), "read".into()]).await.expect("policy");
        for i in 0..5 {
            e.add_grouping_policy(vec![format!("g{}", i + 1), format!("g{i}")]).await.expect("group");
        }
        e.add_grouping_policy(vec!["deep".into(), "g5".into()]).await.expect("user");
        e
    });
    assert!(casbin.enforce(("deep", "doc", "read")).expect("enforce"));
    assert!(casbin.get_implicit_roles_for_user("deep", None).len() >= 5);
    let mut g = c.benchmark_group("nested_groups_depth5");
    g.bench_function("ours_core", |b| b.iter(|| ours.check(&index, black_box(&req), NOW).map(|r| r.allowed)));
    g.bench_function("casbin", |b| b.iter(|| casbin.enforce(black_box(("deep", "doc", "read")))));
    g.finish();
}

fn bench_attribute_rule(c: &mut Criterion) {
    let ours = model(
        "model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define reader: [user:* with abac]\n\
         condition abac(principal_tenant: string, resource_tenant: string, classification: string, region: string) {\n\
           principal_tenant == resource_tenant && classification == \"internal\" && region == \"eu\"\n}\n",
    );
    let mut t = TupleKey::new("user:*", "reader", "doc:1");
    let attrs = json!({"resource_tenant": "acme", "classification": "internal"});
    t.condition = Some(TupleCondition { name: "abac".into(), context: attrs.as_object().cloned() });
    let index = TupleIndex::from_tuples(&[t]);
    let mut req = CheckRequest::new("user:alice", "reader", "doc:1");
    req.context = json!({"principal_tenant": "acme", "region": "eu"}).as_object().cloned().unwrap_or_default();
    assert!(ours.check(&index, &req, NOW).expect("check").allowed);

    let policies = PolicySet::from_str(
        r#"permit(principal, action == Action::"read", resource) when {
            principal.tenant == resource.tenant && resource.classification == "internal" && context.region == "eu" };"#,
    )
    .expect("cedar policy");
    let entities = Entities::from_json_value(
        json!([
            {"uid": {"type": "User", "id": "alice"}, "attrs": {"tenant": "acme"}, "parents": []},
            {"uid": {"type": "Doc", "id": "1"}, "attrs": {"tenant": "acme", "classification": "internal"}, "parents": []}
        ]),
        None,
    )
    .expect("cedar entities");
    let principal = EntityUid::from_str(r#"User::"alice""#).expect("uid");
    let action = EntityUid::from_str(r#"Action::"read""#).expect("uid");
    let resource = EntityUid::from_str(r#"Doc::"1""#).expect("uid");
    let context = Context::from_json_value(json!({"region": "eu"}), None).expect("context");
    let request = Request::new(principal, action, resource, context, None).expect("request");
    let authorizer = Authorizer::new();
    assert_eq!(authorizer.is_authorized(&request, &policies, &entities).decision(), Decision::Allow);
    let mut g = c.benchmark_group("attribute_rule");
    g.bench_function("ours_cel_condition", |b| b.iter(|| ours.check(&index, black_box(&req), NOW).map(|r| r.allowed)));
    g.bench_function("cedar", |b| {
        b.iter(|| authorizer.is_authorized(black_box(&request), &policies, &entities).decision())
    });
    g.finish();
}

fn bench_large(c: &mut Criterion) {
    let ours = model(
        "model\n  schema 1.1\ntype user\ntype folder\n  relations\n    define viewer: [user]\ntype doc\n  relations\n    define parent: [folder]\n    define viewer: [user] or viewer from parent\n",
    );
    // 1M tuples: 900k direct doc viewers over 100k docs, 100k parent links to 1k folders.
    let mut index = TupleIndex::default();
    for d in 0..100_000u32 {
        index.insert(&TupleKey::new(&format!("folder:f{}", d % 1_000), "parent", &format!("doc:d{d}")));
        for k in 0..9u32 {
            index.insert(&TupleKey::new(&format!("user:u{}", (d * 9 + k) % 50_000), "viewer", &format!("doc:d{d}")));
        }
    }
    index.insert(&TupleKey::new("user:lister", "viewer", "folder:f7"));
    assert!(index.len() >= 1_000_000);
    let req = CheckRequest::new("user:lister", "viewer", "doc:d1007");
    assert!(ours.check(&index, &req, NOW).expect("check").allowed);
    let mut g = c.benchmark_group("large");
    g.bench_function("check_1m_tuples", |b| b.iter(|| ours.check(&index, black_box(&req), NOW).map(|r| r.allowed)));
    let list = ListObjectsRequest {
        user: "user:lister".into(),
        relation: "viewer".into(),
        object_type: "doc".into(),
        ..Default::default()
    };
    assert_eq!(ours.list_objects(&index, &list, NOW).expect("list").len(), 100);
    g.sample_size(10);
    g.bench_function("list_objects_100k_objects", |b| {
        b.iter(|| ours.list_objects(&index, black_box(&list), NOW).map(|v| v.len()))
    });
    // A user who sees every one of the 100k documents (through 1000 folders).
    for f in 0..1_000 {
        index.insert(&TupleKey::new("user:all", "viewer", &format!("folder:f{f}")));
    }
    let all = ListObjectsRequest { user: "user:all".into(), ..list };
    assert_eq!(ours.list_objects(&index, &all, NOW).expect("list").len(), 100_000);
    g.bench_function("list_objects_100k_results", |b| {
        b.iter(|| ours.list_objects(&index, black_box(&all), NOW).map(|v| v.len()))
    });
    g.finish();
}

criterion_group!(benches, bench_rbac, bench_nested_groups, bench_attribute_rule, bench_large);
criterion_main!(benches);
