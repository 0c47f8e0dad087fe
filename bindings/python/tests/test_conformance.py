"""Runs the language-neutral vectors of tests/conformance/ through the Python binding."""

import json
from pathlib import Path
from typing import Any

import pytest
from shared_platform import Engine, PlatformError

VECTORS = Path(__file__).resolve().parents[3] / "tests" / "conformance"


def _cases() -> list[Any]:
    cases = []
    for file in sorted(VECTORS.glob("*.json")):
        suite = json.loads(file.read_text())
        cases += [pytest.param(case, id=f"{suite['module']}: {case['name']}") for case in suite["cases"]]
    return cases


def contains(actual: Any, expected: Any) -> bool:
    """Whether ``actual`` contains ``expected`` (the README's matching rule)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and contains(actual[k], v) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) == len(expected) and all(map(contains, actual, expected))
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return float(actual) == float(expected)
    return bool(actual == expected)


def substitute(value: Any, saved: dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("${") and value.endswith("}"):
        return saved[value[2:-1]]
    if isinstance(value, list):
        return [substitute(v, saved) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, saved) for k, v in value.items()}
    return value


def pointer(doc: Any, path: str) -> Any:
    for part in path.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def error_dict(err: PlatformError) -> dict[str, Any]:
    return {"code": err.code, "name": err.name, "status": err.status, "field": err.field}


def engine_from(options: dict[str, Any]) -> Engine:
    return Engine.from_options(options)


def run_step(engine: Engine, step: dict[str, Any], saved: dict[str, Any]) -> None:
    args = substitute(step.get("args") or {}, saved)
    try:
        result = engine.call(step.get("scope", "*"), step["call"], args)
    except PlatformError as err:
        assert "expect_error" in step, f"{step['call']}: unexpected {err!r}"
        assert contains(error_dict(err), step["expect_error"]), (
            f"{step['call']}: {error_dict(err)} vs {step['expect_error']}"
        )
        return
    assert "expect_error" not in step, f"{step['call']}: expected error {step['expect_error']}, got {result}"
    if "expect" in step:
        expected = substitute(step["expect"], saved)
        assert contains(result, expected), f"{step['call']}: expected {expected}, got {result}"
    for name, path in step.get("save", {}).items():
        saved[name] = pointer(result, path)


@pytest.mark.parametrize("case", _cases())
def test_vector(case: dict[str, Any]) -> None:
    if "engine_error" in case:
        with pytest.raises(PlatformError) as caught:
            engine_from(case.get("engine", {}))
        assert contains(error_dict(caught.value), case["engine_error"])
        return
    with engine_from(case.get("engine", {})) as engine:
        saved: dict[str, Any] = {}
        for step in case["steps"]:
            run_step(engine, step, saved)
