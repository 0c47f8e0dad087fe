"""Redaction from Python: the native hot path, typed policies, JSON, tenant isolation, the
logging filter with real handlers."""

import asyncio
import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from shared_platform import Engine
from shared_platform.errors import ValidationError
from shared_platform.redaction import (
    UNREDACTABLE,
    CustomPattern,
    DropOperator,
    Entity,
    Finding,
    HashOperator,
    InputTooLargeError,
    InvalidPatternError,
    JsonFinding,
    MaskOperator,
    NestingTooDeepError,
    PartialOperator,
    RedactedText,
    RedactingFilter,
    RedactionClient,
    RedactionPolicy,
    RedactionPolicyNotFoundError,
    ReplaceOperator,
)

CARD = "4111 1111 1111 1111"


@pytest.fixture
def redaction(engine: Engine) -> Iterator[RedactionClient]:
    yield engine.tenant("acme").redaction


@pytest.fixture
def logger() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    log = logging.getLogger(f"test.redaction.{id(stream)}")
    log.propagate = False
    log.setLevel(logging.DEBUG)
    log.addHandler(handler)
    yield log, stream
    log.removeHandler(handler)


def test_redact_text_is_the_plain_hot_path(redaction: RedactionClient) -> None:
    assert redaction.redact_text(f"card {CARD} for jane@example.com") == "card [REDACTED] for [REDACTED]"
    clean = "nothing to see here " * 3
    assert redaction.redact_text(clean) is clean  # unchanged text: the same object, no copy
    long = ("ip 10.0.0.1 " * 1000) + "é"  # long texts are scanned without the GIL
    assert redaction.redact_text(long).count("[REDACTED]") == 1000


def test_redact_returns_text_and_findings_with_char_offsets(redaction: RedactionClient) -> None:
    text = "émail: jane@example.com"
    out = redaction.redact(text)
    assert isinstance(out, RedactedText)
    assert out.text == "émail: [REDACTED]"
    (finding,) = out.findings
    assert (finding.entity, finding.score) == (Entity.EMAIL_ADDRESS, 1.0)
    assert text[finding.char_start : finding.char_end] == "jane@example.com"
    assert text.encode()[finding.start : finding.end] == b"jane@example.com"
    assert (finding.start, finding.char_start) == (8, 7)
    assert "EMAIL_ADDRESS" in repr(finding) and "findings=1" in repr(out)


def test_analyze_leaves_the_text_and_reports_secrets(redaction: RedactionClient) -> None:
    findings = redaction.analyze("token ghp_" + "a" * 36 + " from 192.168.1.20")
    assert [f.entity for f in findings] == ["GITHUB_TOKEN", "IP_ADDRESS"]
    assert findings[0] == Finding(entity="GITHUB_TOKEN", start=6, end=46, char_start=6, char_end=46, score=1.0)
    assert redaction.analyze("version 1.2.3.4.5 and order 4111111111111112") == []


def test_policy_operators_and_round_trip(redaction: RedactionClient) -> None:
    with pytest.raises(RedactionPolicyNotFoundError):
        redaction.get_policy()
    policy = RedactionPolicy(
        operators={
            Entity.CREDIT_CARD: MaskOperator(keep_last=4),
            Entity.EMAIL_ADDRESS: PartialOperator(),
            Entity.IP_ADDRESS: "drop",
            Entity.US_SSN: ReplaceOperator(value=None),
        },
        allow_list=["ops@example.com"],
        min_score=0.6,
    )
    stored = redaction.put_policy(policy)
    assert stored == redaction.get_policy()
    assert stored.operators[Entity.IP_ADDRESS] == DropOperator()
    out = redaction.redact_text(f"{CARD} jane@example.com ops@example.com 10.0.0.1 ssn 536-22-0987")
    assert out == "**** **** **** 1111 j***@example.com ops@example.com  ssn <US_SSN>"
    effective = redaction.effective_policy()
    assert effective.allow_list == ["ops@example.com"] and effective.min_score == 0.6
    redaction.delete_policy()
    assert redaction.redact_text(CARD) == "[REDACTED]"
    with pytest.raises(RedactionPolicyNotFoundError):
        redaction.delete_policy()


def test_hash_pseudonyms_are_stable_per_tenant(engine: Engine) -> None:
    policy = RedactionPolicy(default_operator=HashOperator())
    a, b = engine.tenant("a").redaction, engine.tenant("b").redaction
    a.put_policy(policy)
    b.put_policy(policy)
    first = a.redact_text("jane@example.com")
    assert first.startswith("<EMAIL_ADDRESS_") and first == a.redact_text("jane@example.com")
    assert b.redact_text("jane@example.com") != first


def test_custom_patterns_stay_in_their_tenant(engine: Engine) -> None:
    acme, globex = engine.tenant("acme").redaction, engine.tenant("globex").redaction
    acme.put_policy(RedactionPolicy(custom_patterns=[CustomPattern(name="EMPLOYEE_ID", pattern=r"EMP-\d{6}")]))
    assert [f.entity for f in acme.analyze("badge EMP-123456")] == ["EMPLOYEE_ID"]
    assert acme.redact_text("badge EMP-123456") == "badge [REDACTED]"
    assert globex.analyze("badge EMP-123456") == []
    assert globex.redact_text("badge EMP-123456") == "badge EMP-123456"


def test_invalid_policies_raise_typed_errors_naming_the_field(redaction: RedactionClient) -> None:
    bad = RedactionPolicy(
        custom_patterns=[CustomPattern(name="OK", pattern="a"), CustomPattern(name="BAD", pattern="(")]
    )
    with pytest.raises(InvalidPatternError) as caught:
        redaction.put_policy(bad)
    assert caught.value.field == "custom_patterns[1].pattern"
    assert "BAD" in caught.value.message and isinstance(caught.value, ValueError)
    with pytest.raises(InvalidPatternError, match="linear-time"):
        redaction.put_policy(RedactionPolicy(custom_patterns=[CustomPattern(name="LOOK", pattern="(?=a)")]))
    with pytest.raises(ValidationError) as caught_score:
        redaction.put_policy(RedactionPolicy(min_score=2))
    assert caught_score.value.field == "min_score"
    with pytest.raises(ValidationError) as caught_entity:
        redaction.put_policy(RedactionPolicy(entities=["NOT_AN_ENTITY"]))
    assert caught_entity.value.field == "entities[0]"
    with pytest.raises(ValueError, match="unknown operator"):
        RedactionPolicy(default_operator="scramble").to_json()  # type: ignore[arg-type]
    with pytest.raises(RedactionPolicyNotFoundError):
        redaction.get_policy()  # nothing bad was stored


def test_limits_are_typed_errors(redaction: RedactionClient) -> None:
    redaction.put_policy(RedactionPolicy(max_input_bytes=16, max_depth=3))
    with pytest.raises(InputTooLargeError) as too_large:
        redaction.redact_text("x" * 17)
    assert too_large.value.field == "text"
    with pytest.raises(InputTooLargeError):
        redaction.analyze("x" * 17)
    with pytest.raises(NestingTooDeepError):
        redaction.redact_json({"a": {"b": {"c": {"d": 1}}}})


def test_redact_json_by_field_and_content(redaction: RedactionClient) -> None:
    doc: dict[str, Any] = {"user": {"password": "hunter2", "note": "mail jane@example.com"}, "ids": [1, "10.0.0.1"]}
    out = redaction.redact_json(doc)
    assert out.value == {"user": {"password": "[REDACTED]", "note": "mail [REDACTED]"}, "ids": [1, "[REDACTED]"]}
    assert sorted((f.path, f.finding.entity) for f in out.findings) == [
        ("/ids/1", "IP_ADDRESS"),
        ("/user/note", "EMAIL_ADDRESS"),
        ("/user/password", "SENSITIVE_FIELD"),
    ]
    assert all(isinstance(f, JsonFinding) and isinstance(f.finding, Finding) for f in out.findings)
    assert doc["user"]["password"] == "hunter2"  # the input is not changed


def test_async_twins(redaction: RedactionClient) -> None:
    async def run() -> None:
        await redaction.async_put_policy(RedactionPolicy(sensitive_fields=["x_*"]))
        assert (await redaction.async_get_policy()).sensitive_fields == ["x_*"]
        assert (await redaction.async_effective_policy()).sensitive_fields == ["x_*"]
        out = await redaction.async_redact_json({"x_internal": 5})
        assert out.value == {"x_internal": "[REDACTED]"}
        await redaction.async_delete_policy()
        with pytest.raises(RedactionPolicyNotFoundError):
            await redaction.async_get_policy()

    asyncio.run(run())


def test_redact_lines_streams(redaction: RedactionClient) -> None:
    lines = iter(["a 10.0.0.1\n", "clean\n"])
    assert list(redaction.redact_lines(lines)) == ["a [REDACTED]\n", "clean\n"]
    json_lines = ['{"password": "x", "ip": "10.0.0.1"}\r\n', "not json jane@example.com"]
    assert list(redaction.redact_lines(json_lines, json=True)) == [
        '{"password":"[REDACTED]","ip":"[REDACTED]"}\r\n',
        "not json [REDACTED]",
    ]


def test_platform_policy_layers_under_tenants(engine: Engine) -> None:
    engine.platform().redaction.put_policy(RedactionPolicy(operators={"EMAIL_ADDRESS": "hash"}, allow_list=["a"]))
    acme = engine.tenant("acme").redaction
    acme.put_policy(RedactionPolicy(allow_list=["b"]))
    effective = acme.effective_policy()
    assert effective.allow_list == ["a", "b"]
    assert effective.operators == {"EMAIL_ADDRESS": HashOperator()}
    assert acme.redact_text("jane@example.com").startswith("<EMAIL_ADDRESS_")


def test_policy_json_form() -> None:
    policy = RedactionPolicy(default_operator="replace", operators={"JWT": ReplaceOperator(value=None)})
    assert policy.to_json() == {
        "default_operator": {"type": "replace", "value": "[REDACTED]"},
        "operators": {"JWT": {"type": "replace"}},
        "allow_list": [],
        "custom_patterns": [],
        "sensitive_fields": [],
    }
    assert RedactionPolicy.from_json(json.loads(json.dumps(policy.to_json()))).operators == {
        "JWT": ReplaceOperator(value=None)
    }


def test_filter_redacts_formatted_messages_and_extras(
    engine: Engine, logger: tuple[logging.Logger, io.StringIO]
) -> None:
    log, stream = logger
    handler = log.handlers[0]
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s user=%(user)s"))
    log.addFilter(RedactingFilter(engine.tenant("acme")))
    log.info("login from %s with card %s", "10.0.0.1", CARD, extra={"user": "jane@example.com"})
    log.info("nothing here", extra={"user": "anonymous"})
    assert stream.getvalue().splitlines() == [
        "INFO login from [REDACTED] with card [REDACTED] user=[REDACTED]",
        "INFO nothing here user=anonymous",
    ]


def test_filter_on_a_handler_covers_exceptions_and_tenant_policy(
    engine: Engine, logger: tuple[logging.Logger, io.StringIO]
) -> None:
    log, stream = logger
    acme = engine.tenant("acme").redaction
    acme.put_policy(RedactionPolicy(custom_patterns=[CustomPattern(name="ORDER", pattern=r"ORD-\d+")]))
    log.handlers[0].addFilter(RedactingFilter(acme))
    try:
        raise RuntimeError("charge failed for ORD-991 (jane@example.com)")
    except RuntimeError:
        log.exception("payment error for %s", "ORD-12")
    text = stream.getvalue()
    assert "payment error for [REDACTED]" in text
    assert "RuntimeError: charge failed for [REDACTED] ([REDACTED])" in text
    assert "ORD-" not in text and "jane@" not in text


def test_filter_with_json_handler_output(engine: Engine, logger: tuple[logging.Logger, io.StringIO]) -> None:
    log, stream = logger

    class JsonFormatter(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return json.dumps({"msg": record.getMessage(), "request": getattr(record, "request", None)})

    log.handlers[0].setFormatter(JsonFormatter())
    log.addFilter(RedactingFilter(engine))  # the engine: the platform scope's policy
    log.warning({"auth": "Bearer abcdefghijklmnop"}, extra={"request": "GET /?key=AKIAABCDEFGHIJKLMNOP"})
    record = json.loads(stream.getvalue())
    assert record == {"msg": "{'auth': 'Bearer [REDACTED]'}", "request": "GET /?key=[REDACTED]"}


def test_filter_never_leaks_what_it_cannot_redact(engine: Engine, logger: tuple[logging.Logger, io.StringIO]) -> None:
    log, stream = logger
    acme = engine.tenant("acme").redaction
    acme.put_policy(RedactionPolicy(max_input_bytes=32))
    log.addFilter(RedactingFilter(acme, redact_extra=False))
    log.error("a very long message about jane@example.com", extra={"user": "kept@example.com"})
    assert stream.getvalue() == UNREDACTABLE + "\n"
    assert RedactingFilter(acme, "other.logger").filter(logging.makeLogRecord({"name": "x"})) is False
