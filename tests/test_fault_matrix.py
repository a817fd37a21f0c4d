"""Every registered source × every fault: the others' offers plus one typed failure.

Runs through the sandbox's fault knobs. For each source the baseline is the same search
without that source, so "no lost offer" means: every offer the other marketplaces find
without it, they still find while it fails.
"""

from __future__ import annotations

import time
from functools import cache

import pytest

from altfinder import find_alternatives
from altfinder.errors import SourceError
from altfinder.sandbox import DEMO_CODE, Fault, Sandbox
from altfinder.sources import registered_sources
from tests.conftest import NOW

SERVED = [name for name in registered_sources() if name in Sandbox().names]
DEADLINE = 3.0

FAULTS: dict[str, tuple[Fault, set[str] | None]] = {
    # fault: (knob, acceptable error types; None = no failure expected)
    "connection_refused": (Fault(refuse=True), {"SourceUnavailableError"}),
    "timeout": (Fault(hang=True), {"SourceTimeoutError"}),
    "http_500": (Fault(status=500), {"SourceUnavailableError"}),
    "http_503": (Fault(status=503), {"SourceUnavailableError", "BlockedError"}),
    "http_429_retry_after": (Fault(status=429, retry_after=0.3), {"RateLimitedError"}),
    "malformed_body": (Fault(malformed=True), {"ParseError"}),
    "anti_bot_page": (Fault(antibot=True), {"BlockedError"}),
    "empty_result": (Fault(empty=True), None),
    "unexpected_schema": (Fault(unexpected_schema=True), {"ParseError"}),
}
SOURCE_ERRORS = {cls.__name__ for cls in (SourceError, *SourceError.__subclasses__())}


def _sandbox() -> Sandbox:
    return Sandbox(time_scale=100, clock=lambda: NOW.timestamp())


def _offers(res: object, exclude: str) -> set[tuple[str, str]]:
    return {(r.offer.source, r.offer.url) for r in res if r.offer.source != exclude}  # type: ignore[attr-defined]


@cache
def _baseline_without(name: str) -> frozenset[tuple[str, str]]:
    sandbox = _sandbox()
    others = [s for s in sandbox.sources() if s.name != name]
    if not others:
        return frozenset()
    res = find_alternatives(DEMO_CODE, sources=others, client=sandbox.client(), now=NOW,
                            timeout=30)
    assert res.errors == []
    return frozenset(_offers(res, name))


@pytest.mark.parametrize("fault_name", list(FAULTS))
@pytest.mark.parametrize("source_name", SERVED)
def test_fault_matrix(source_name: str, fault_name: str) -> None:
    knob, expected = FAULTS[fault_name]
    sandbox = _sandbox()
    sandbox.set_fault(source_name, knob)
    started = time.monotonic()
    res = find_alternatives(DEMO_CODE, sources=sandbox.sources(), client=sandbox.client(),
                            now=NOW, timeout=DEADLINE)
    elapsed = time.monotonic() - started
    assert elapsed < DEADLINE + 1.5, f"{elapsed:.1f}s: past the deadline"

    failures = [e for e in res.errors if e.source == source_name]
    assert [e for e in res.errors if e.source != source_name] == []
    if expected is None:
        assert failures == []
    else:
        assert len(failures) == 1, res.errors
        assert failures[0].error_type in expected, failures[0]
        assert failures[0].error_type in SOURCE_ERRORS
    assert _baseline_without(source_name) <= _offers(res, source_name)
