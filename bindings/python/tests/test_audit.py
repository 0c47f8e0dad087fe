"""The audit client: typed models, filters, pagination, async variants, tenant isolation."""

import asyncio
from datetime import UTC, datetime

import pytest
from shared_platform import AuditOutcome, AuditRecord, Engine, ValidationError


def _record(engine: Engine, tenant: str, n: int) -> list[AuditRecord]:
    audit = engine.tenant(tenant).audit
    return [
        audit.record(actor_id="alice", action="doc.update", resource_type="doc", resource_id=f"d{i}", metadata={"i": i})
        for i in range(n)
    ]


def test_record_returns_a_typed_chained_record(engine: Engine) -> None:
    first, second = _record(engine, "acme", 2)
    assert first.seq == 1 and second.seq == 2
    assert second.prev_hash == first.hash
    assert first.timestamp == datetime(2026, 1, 1, tzinfo=UTC)
    assert first.outcome is AuditOutcome.SUCCESS
    assert first.metadata == {"i": 0}
    assert first.request_id.startswith("req_")


def test_list_filters_and_paginates(engine: Engine) -> None:
    _record(engine, "acme", 7)
    audit = engine.tenant("acme").audit
    audit.record(
        actor_id="bob",
        action="doc.delete",
        resource_type="doc",
        resource_id="d1",
        outcome="denied",
        request_id="my-request-1",
    )
    page = audit.list(action="doc.update", page=2, page_size=3)
    assert [r.seq for r in page.data] == [4, 5, 6]
    assert page.pagination.total_items == 7 and page.pagination.has_next and page.pagination.has_previous
    denied = audit.list(outcome=AuditOutcome.DENIED)
    assert [(r.actor_id, r.request_id) for r in denied.data] == [("bob", "my-request-1")]
    later = audit.list(since=datetime(2027, 1, 1, tzinfo=UTC))
    assert later.data == []


def test_bad_arguments_are_validation_errors(engine: Engine) -> None:
    audit = engine.tenant("acme").audit
    with pytest.raises(ValidationError):
        audit.list(page=0)
    with pytest.raises(ValueError):
        audit.record(actor_id="a", action="b", resource_type="c", resource_id="d", outcome="maybe")


def test_tenants_are_isolated(engine: Engine) -> None:
    _record(engine, "acme", 3)
    _record(engine, "globex", 1)
    assert engine.tenant("globex").audit.list().pagination.total_items == 1
    assert engine.platform().audit.list().pagination.total_items == 0
    assert engine.tenant("acme").audit.verify().records_checked == 3


def test_async_variants_run_concurrently(engine: Engine) -> None:
    audit = engine.tenant("acme").audit

    async def main() -> list[int]:
        records = await asyncio.gather(
            *(audit.async_record(actor_id="a", action="x", resource_type="t", resource_id=str(i)) for i in range(20))
        )
        report = await audit.async_verify()
        assert report.valid and report.records_checked == 20
        listed = await audit.async_list(page_size=100)
        assert listed.pagination.total_items == 20
        return sorted(r.seq for r in records)

    assert asyncio.run(main()) == list(range(1, 21))
