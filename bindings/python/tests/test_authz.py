"""Authorization from Python: the native check path, typed models and tuples, queries, RBAC."""

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from shared_platform import Engine
from shared_platform.authz import (
    AuthorizationError,
    AuthorizationModelNotFoundError,
    AuthzClient,
    CheckRequest,
    CheckResult,
    ConditionEvaluationError,
    ExpandNode,
    InvalidAuthorizationModelError,
    InvalidTupleError,
    ModelPosition,
    RoleNotFoundError,
    TupleCondition,
    TupleKey,
    TupleLike,
)
from shared_platform.errors import EngineClosedError, ValidationError

T0 = datetime(2026, 1, 1, tzinfo=UTC)

MODEL = """
model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define viewer: [user, group#member]
type document
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user] or owner
    define viewer: [user, user:*, group#member, user with in_network] or editor or viewer from parent
    define temp_viewer: [user with not_expired]
condition in_network(user_ip: ipaddress, cidr: string) {
  user_ip.in_cidr(cidr)
}
condition not_expired(current_time: timestamp, grant_time: timestamp, grant_duration: duration) {
  current_time < grant_time + grant_duration
}
"""


@pytest.fixture
def authz(engine: Engine) -> Iterator[AuthzClient]:
    client = engine.tenant("acme").authz
    client.write_model(MODEL)
    yield client


def test_check_direct_userset_and_parent_relations(authz: AuthzClient) -> None:
    authz.write_tuples(
        [
            TupleKey("user:anne", "member", "group:eng"),
            TupleKey("group:eng#member", "viewer", "folder:specs"),
            TupleKey("folder:specs", "parent", "document:design"),
            ("user:bob", "owner", "document:design"),
        ]
    )
    assert authz.check("user:anne", "viewer", "document:design")
    assert authz.check("user:bob", "viewer", "document:design")
    assert authz.check("user:bob", "editor", "document:design")
    assert not authz.check("user:anne", "editor", "document:design")
    assert not authz.check("user:carol", "viewer", "document:design")
    assert authz.can("user:anne", "viewer", "document:design")


def test_explain_returns_the_granting_path(authz: AuthzClient) -> None:
    authz.write_tuples([("user:bob", "owner", "document:1")])
    result = authz.explain("user:bob", "viewer", "document:1")
    assert isinstance(result, CheckResult)
    assert result.allowed and result
    assert result.explanation and any("owner" in step for step in result.explanation)
    denied = authz.explain("user:eve", "viewer", "document:1")
    assert not denied and denied.explanation is None
    assert "allowed=False" in repr(denied)


def test_conditions_use_tuple_and_request_context(authz: AuthzClient) -> None:
    condition = TupleCondition("in_network", {"cidr": "10.0.0.0/8"})
    authz.write_tuples([TupleKey("user:anne", "viewer", "document:1", condition=condition)])
    assert authz.check("user:anne", "viewer", "document:1", context={"user_ip": "10.1.2.3"})
    assert not authz.check("user:anne", "viewer", "document:1", context={"user_ip": "192.168.0.1"})
    with pytest.raises(ConditionEvaluationError):
        authz.check("user:anne", "viewer", "document:1")
    stored = authz.read_tuples(object="document:1").data
    assert stored == [TupleKey("user:anne", "viewer", "document:1", condition=condition)]


def test_condition_context_accepts_datetimes(authz: AuthzClient) -> None:
    grant = TupleCondition("not_expired", {"grant_time": "2026-01-01T00:00:00Z", "grant_duration": "1h"})
    authz.write_tuples([TupleKey("user:anne", "temp_viewer", "document:1", condition=grant)])
    soon, late = T0 + timedelta(minutes=30), T0 + timedelta(hours=2)
    assert authz.check("user:anne", "temp_viewer", "document:1", context={"current_time": soon})
    assert not authz.check("user:anne", "temp_viewer", "document:1", context={"current_time": late})
    with pytest.raises(TypeError):
        authz.check("user:anne", "temp_viewer", "document:1", context={"current_time": object()})


def test_contextual_tuples_are_not_stored(authz: AuthzClient) -> None:
    extra: list[TupleLike] = [TupleKey("user:zoe", "member", "group:ops"), ("group:ops#member", "viewer", "document:2")]
    assert authz.check("user:zoe", "viewer", "document:2", contextual_tuples=extra)
    assert not authz.check("user:zoe", "viewer", "document:2")
    assert authz.list_objects("user:zoe", "viewer", "document", contextual_tuples=extra).data == ["document:2"]
    assert authz.read_tuples().data == []
    with pytest.raises(InvalidTupleError) as err:
        authz.check("user:zoe", "viewer", "document:2", contextual_tuples=[("user:zoe", "nope", "document:2")])
    assert err.value.field == "relation"


def test_tuple_expiry_follows_the_engine_clock(engine: Engine, authz: AuthzClient) -> None:
    authz.write_tuples([TupleKey("user:anne", "viewer", "document:1", expires_at=T0 + timedelta(hours=1))])
    assert authz.check("user:anne", "viewer", "document:1")
    assert authz.read_tuples().data[0].expires_at == T0 + timedelta(hours=1)
    engine.advance_clock(seconds=7200)
    assert not authz.check("user:anne", "viewer", "document:1")
    with pytest.raises(InvalidTupleError):
        authz.write_tuples([TupleKey("user:bob", "viewer", "document:1", expires_at=T0)])


def test_write_is_atomic_and_returns_revisions(authz: AuthzClient) -> None:
    first = authz.write_tuples([("user:anne", "owner", "document:1")])
    with pytest.raises(InvalidTupleError) as err:
        authz.write(writes=[("user:bob", "owner", "document:2"), ("user:bob", "owner", "nope")])
    assert err.value.field == "object"
    assert not authz.check("user:bob", "owner", "document:2")
    second = authz.write(writes=[("user:bob", "owner", "document:2")], deletes=[("user:anne", "owner", "document:1")])
    assert second > first
    assert authz.check("user:bob", "owner", "document:2", min_revision=second)
    assert not authz.check("user:anne", "owner", "document:1")
    with pytest.raises(ValidationError) as too_new:
        authz.check("user:bob", "owner", "document:2", min_revision=second + 5)
    assert too_new.value.field == "min_revision"
    authz.delete_tuples([("user:bob", "owner", "document:2")])
    assert authz.read_tuples().pagination.total_items == 0


def test_read_tuples_filters_and_pages(authz: AuthzClient) -> None:
    authz.write_tuples([(f"user:u{i}", "viewer", f"document:{i % 3}") for i in range(7)])
    page = authz.read_tuples(object="document:", relation="viewer", page=2, page_size=3)
    assert len(page.data) == 3 and page.pagination.total_items == 7 and page.pagination.has_next
    assert [t.user for t in authz.read_tuples(object="document:0").data] == ["user:u0", "user:u3", "user:u6"]
    assert authz.read_tuples(user="user:u5").data == [TupleKey("user:u5", "viewer", "document:2")]


def test_invalid_model_names_line_and_column(authz: AuthzClient) -> None:
    with pytest.raises(InvalidAuthorizationModelError) as err:
        authz.write_model("model\n  schema 1.1\ntype user\n  relations\n    define owner [user]\n")
    position = ModelPosition.of(err.value)
    assert position is not None and position.line == 5
    assert f"line {position.line}, column {position.column}" in err.value.message
    assert isinstance(err.value, ValueError)


def test_model_versions_round_trip_as_json(authz: AuthzClient) -> None:
    first = authz.list_models()[-1]
    model = authz.read_model()
    assert model.id == first and model.schema_version == "1.1"
    assert "document" in model.type_names()
    assert "in_network" in model.conditions
    second = authz.write_model(model.to_json())
    assert authz.list_models() == [first, second]
    assert authz.read_model(first).type_definitions == authz.read_model(second).type_definitions
    authz.write_model("model\n  schema 1.1\ntype user\ntype document\n  relations\n    define reader: [user]\n")
    authz.write_tuples([("user:anne", "reader", "document:1")])
    with pytest.raises(ValidationError):
        authz.check("user:anne", "viewer", "document:1")
    assert not authz.check("user:anne", "viewer", "document:1", authorization_model_id=first)
    with pytest.raises(AuthorizationModelNotFoundError):
        authz.read_model("missing")


def test_batch_check_answers_each_item(authz: AuthzClient) -> None:
    authz.write_tuples([("user:anne", "owner", "document:1")])
    results = authz.batch_check(
        [
            CheckRequest(user="user:anne", relation="viewer", object="document:1", explain=True),
            CheckRequest(user="user:bob", relation="viewer", object="document:1"),
            CheckRequest(user="user:anne", relation="unknown", object="document:1"),
        ]
    )
    assert [r.allowed for r in results] == [True, False, False]
    assert results[0].explanation and results[1].error is None
    assert isinstance(results[2].error, ValidationError)


def test_expand_gives_a_typed_tree(authz: AuthzClient) -> None:
    authz.write_tuples([("user:anne", "owner", "document:1"), ("user:bob", "editor", "document:1")])
    tree = authz.expand("document:1", "editor")
    assert tree.name == "document:1#editor"
    assert tree.root == ExpandNode(union=[ExpandNode(users=["user:bob"]), ExpandNode(computed=["document:1#owner"])])


def test_list_objects_and_list_users(authz: AuthzClient) -> None:
    authz.write_tuples(
        [("user:anne", "owner", f"document:{i}") for i in range(5)] + [("user:*", "viewer", "document:9")]
    )
    page = authz.list_objects("user:anne", "viewer", "document", page_size=4)
    assert page.data == ["document:0", "document:1", "document:2", "document:3"] and page.pagination.has_next
    assert authz.list_objects("user:anne", "viewer", "document", page=2, page_size=4).data == [
        "document:4",
        "document:9",
    ]
    assert authz.list_users("document:1", "viewer", ["user"]) == ["user:anne"]
    assert authz.list_users("document:9", "viewer", ["user"]) == ["user:*"]


def test_rbac_roles_and_permissions(engine: Engine) -> None:
    authz = engine.tenant("acme").authz
    authz.define_role("support", ["notifications:read", "users:read"])
    authz.assign_role("alice", "support")
    assert authz.role_permissions("support") == ["notifications:read", "users:read"]
    assert authz.has_permission("alice", "notifications:read")
    assert not authz.has_permission("alice", "users:delete")
    authz.require_permission("alice", "users:read")
    with pytest.raises(AuthorizationError) as err:
        authz.require_permission("alice", "users:delete")
    assert isinstance(err.value, PermissionError) and err.value.field == "permission"
    with pytest.raises(RoleNotFoundError):
        authz.assign_role("bob", "nope")
    with pytest.raises(ValidationError) as bad:
        authz.has_permission("alice", "not a permission")
    assert bad.value.field == "permission"
    authz.define_role("support", ["users:read"])
    assert not authz.has_permission("alice", "notifications:read")
    authz.revoke_role("alice", "support")
    assert not authz.has_permission("alice", "users:read")


def test_tenants_are_isolated(engine: Engine) -> None:
    acme, globex = engine.tenant("acme").authz, engine.tenant("globex").authz
    acme.write_model(MODEL)
    acme.write_tuples([("user:anne", "owner", "document:1")])
    acme.define_role("admin", ["users:delete"])
    acme.assign_role("anne", "admin")
    with pytest.raises(AuthorizationModelNotFoundError):
        globex.check("user:anne", "owner", "document:1")
    globex.write_model(MODEL)
    assert not globex.check("user:anne", "owner", "document:1")
    assert globex.read_tuples().data == []
    assert not globex.has_permission("anne", "users:delete")
    with pytest.raises(RoleNotFoundError):
        globex.role_permissions("admin")
    assert acme.check("user:anne", "owner", "document:1") and acme.has_permission("anne", "users:delete")


def test_async_twins(authz: AuthzClient) -> None:
    async def main() -> list[object]:
        await authz.async_write_tuples([("user:anne", "owner", "document:1"), ("user:bob", "owner", "document:2")])
        await authz.async_delete_tuples([("user:bob", "owner", "document:2")])
        await authz.async_define_role("ops", ["alerts:read"])
        await authz.async_assign_role("anne", "ops")
        checks = await asyncio.gather(
            authz.async_check("user:anne", "viewer", "document:1"),
            authz.async_check("user:bob", "viewer", "document:1"),
            authz.async_has_permission("anne", "alerts:read"),
        )
        await authz.async_require_permission("anne", "alerts:read")
        with pytest.raises(AuthorizationError):
            await authz.async_require_permission("anne", "alerts:write")
        objects = await authz.async_list_objects("user:anne", "owner", "document")
        users = await authz.async_list_users("document:1", "owner", ["user"])
        batch = await authz.async_batch_check([CheckRequest(user="user:anne", relation="owner", object="document:1")])
        await authz.async_revoke_role("anne", "ops")
        assert not await authz.async_has_permission("anne", "alerts:read")
        return [*checks, objects.data, users, batch[0].allowed]

    assert asyncio.run(main()) == [True, False, True, ["document:1"], ["user:anne"], True]


def test_closed_engine_refuses_checks() -> None:
    engine = Engine()
    authz = engine.tenant("acme").authz
    authz.write_model(MODEL)
    authz.define_role("ops", ["alerts:read"])
    engine.close()
    with pytest.raises(EngineClosedError):
        authz.check("user:anne", "viewer", "document:1")
    with pytest.raises(EngineClosedError):
        authz.has_permission("anne", "alerts:read")
