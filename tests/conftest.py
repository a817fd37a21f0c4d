"""Shared fixtures: the sandbox, a fixed `now`, and the path of the shared samples."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from altfinder.models import JST
from altfinder.sandbox import Sandbox

FIXTURES = Path(__file__).parent / "fixtures"
#: Real recorded responses kept outside the project (their licences vary); the
#: conformance tests read them when the folder exists and skip cleanly when it does not.
SHARED_SAMPLES = Path(
    os.environ.get("ALTFINDER_SHARED_SAMPLES",
                   Path(__file__).resolve().parents[2] / "shared" / "samples")
)
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=JST)


def load_fixture(*parts: str) -> Any:
    """Read a JSON fixture of our own from tests/fixtures."""
    return json.loads(FIXTURES.joinpath(*parts).read_text(encoding="utf-8"))


def shared_samples(pattern: str) -> list[Path]:
    """The shared samples matching `pattern`, or a clean skip when the folder is absent."""
    if not SHARED_SAMPLES.is_dir():
        pytest.skip(f"shared samples folder not present ({SHARED_SAMPLES}); "
                    "conformance runs where the samples are available")
    found = sorted(SHARED_SAMPLES.glob(pattern))
    if not found:
        pytest.skip(f"no shared samples match {pattern}")
    return found


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def sandbox() -> Sandbox:
    # Time runs 20x faster, so rate limits (the sandbox's and the adapters') stay real
    # but tests do not wait a second between requests.
    return Sandbox(time_scale=20, clock=lambda: NOW.timestamp())
