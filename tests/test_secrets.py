"""Credentials never appear in logs, exception messages, reprs or results."""

from __future__ import annotations

import logging

import httpx
import pytest

from altfinder import find_alternatives
from altfinder.http import redact
from altfinder.sandbox import Sandbox
from altfinder.sources import YahooShopping
from tests.conftest import NOW

SENTINEL = "dj00SENTINEL-client-id-7f3a9c"


@pytest.mark.parametrize("fault", [None, {"status": 403}, {"status": 429, "retry_after": 0},
                                   {"status": 503}, {"malformed": True}, {"refuse": True}])
def test_sentinel_credential_never_leaks(caplog: pytest.LogCaptureFixture,
                                         fault: dict[str, object] | None) -> None:
    sandbox = Sandbox(time_scale=50, clock=lambda: NOW.timestamp())
    sandbox.allow_credential("yahoo_shopping", SENTINEL)
    if fault:
        sandbox.set_fault("yahoo_shopping", **fault)  # type: ignore[arg-type]
    source = YahooShopping(client_id=SENTINEL,
                           rate_limit=YahooShopping.rate_limit.scaled(50))
    caplog.set_level(logging.DEBUG)
    res = find_alternatives("4902370548495", sources=[source], client=sandbox.client(),
                            now=NOW, timeout=3)
    # the request really carried the credential...
    assert any(req.query.get("appid") == SENTINEL for _, req in sandbox.requests)
    # ...and nothing we show does
    assert SENTINEL not in caplog.text
    assert any("appid=***" in r.getMessage() for r in caplog.records)
    assert SENTINEL not in res.model_dump_json()
    assert SENTINEL not in repr(res) and SENTINEL not in repr(source)
    assert SENTINEL not in res._repr_html_()
    for failure in res.errors:
        assert SENTINEL not in failure.message
    if fault is None:
        assert res.errors == []
    else:
        assert len(res.errors) == 1


def test_httpx_own_log_lines_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    YahooShopping(client_id=SENTINEL)
    transport = httpx.MockTransport(lambda r: httpx.Response(200))
    with httpx.Client(transport=transport) as client:
        client.get("https://shopping.yahooapis.jp/x", params={"appid": SENTINEL})
    assert SENTINEL not in caplog.text


def test_redact_scrubs_known_parameters_and_registered_values() -> None:
    assert redact("https://x/?applicationId=abc&accessKey=pk_1&keyword=a") == (
        "https://x/?applicationId=***&accessKey=***&keyword=a")
    YahooShopping(client_id=SENTINEL)
    assert SENTINEL not in redact(f"error near {SENTINEL} here")


# -- every registered source that takes credentials ---------------------------------
def _credentialed() -> list[str]:
    from altfinder.sources import registered_sources

    served = set(Sandbox().names)
    return [name for name, cls in registered_sources().items()
            if cls.credentials and name in served]


@pytest.mark.parametrize("fault", [None, {"status": 403}, {"status": 500}, {"malformed": True},
                                   {"status": 429, "retry_after": 0}])
@pytest.mark.parametrize("name", _credentialed())
def test_registry_sentinels_never_leak(name: str, fault: dict[str, object] | None,
                                       caplog: pytest.LogCaptureFixture, tmp_path) -> None:
    from altfinder.sources import registered_sources

    cls = registered_sources()[name]
    sentinels = {arg: f"SENTINEL{abs(hash((name, arg))) % 10**8:08d}-{arg}"
                 for arg in cls.credentials}
    sandbox = Sandbox(time_scale=50, clock=lambda: NOW.timestamp())
    sandbox.allow_credential(name, *sentinels.values())
    sources = sandbox.sources(**{name: sentinels})
    if fault:
        sandbox.set_fault(name, **fault)  # type: ignore[arg-type]
    caplog.set_level(logging.DEBUG)
    cache_path = tmp_path / "cache.sqlite"
    runs = 2 if fault is None else 1  # the second, cached run matters when the first worked
    results = [find_alternatives("4902370548495", sources=sources, client=sandbox.client(),
                                 now=NOW, timeout=5, cache=cache_path) for _ in range(runs)]
    shown = [caplog.text, *(r.model_dump_json() for r in results), *(repr(r) for r in results),
             *(r._repr_html_() for r in results), *(repr(s) for s in sources),
             *(e.message for r in results for e in r.errors)]
    stored = [p.read_bytes() for p in tmp_path.iterdir()]
    for sentinel in sentinels.values():
        assert all(sentinel not in text for text in shown)
        assert all(sentinel.encode() not in data for data in stored)
    if fault is None:
        assert all(not [e for e in r.errors if e.source == name] for r in results)
