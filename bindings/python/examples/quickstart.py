"""The README's Python quick start; type-checked with mypy --strict in CI."""

from shared_platform import Engine, InvalidTenantError, VerifyReport

with Engine() as engine:  # zero-config: SQLite + hot state in memory
    acme = engine.tenant("acme")
    record = acme.audit.record(actor_id="alice", action="doc.read", resource_type="doc", resource_id="d1")
    report: VerifyReport = acme.audit.verify()
    print(record.seq, record.hash[:12], report.valid)
    try:
        engine.tenant("not a tenant!")
    except InvalidTenantError as err:  # also a ValueError
        print(err.code, err.field)
