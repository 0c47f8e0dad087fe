from collections.abc import Iterator

import pytest
from shared_platform import Engine


@pytest.fixture
def engine() -> Iterator[Engine]:
    with Engine(manual_clock="2026-01-01T00:00:00Z") as engine:
        yield engine
