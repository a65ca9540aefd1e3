"""The logging filter: records are scrubbed before any handler writes them."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from hypothesis import given

from tests.scrub_support import (
    PAIRS,
    SECRET_EMAIL,
    SECRET_KEY,
    SOAP_REQUEST,
    TEXTS,
    no_generated_email_survives,
)
from wirekit.scrub import (
    REDACTED,
    REDACTED_EMAIL,
    ScrubbingFilter,
)

# --- logging -------------------------------------------------------------------------------


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ScrubbingFilter())
    logger = logging.getLogger(f"wirekit.test.{id(stream)}")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield logger, stream
    logger.removeHandler(handler)


def test_logging_filter_scrubs_arguments_pairs_and_tracebacks(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = captured
    url = f"https://api.pixelz.com/x?contactEmail=john%40x.com&contactAPIkey={SECRET_KEY}&page=1"
    logger.info("GET %s for %s", url, SECRET_EMAIL)
    logger.info("headers=%r", {"Authorization": "Bearer abc.def", "Accept": "*/*"})
    logger.warning("password: hunter2, token=%s; done", "t0k3n")
    logger.debug("sent %s", SOAP_REQUEST.decode())
    try:
        raise RuntimeError(f"401 for {url}")
    except RuntimeError:
        logger.exception("call failed")
    out = stream.getvalue()
    for secret in (SECRET_KEY, SECRET_EMAIL, "john", "hunter2", "t0k3n", "abc.def", "Bearer"):
        assert secret not in out
    assert f"contactAPIkey={REDACTED}&page=1" in out
    assert "'Authorization': 'REDACTED', 'Accept': '*/*'" in out
    assert "password: REDACTED, token=REDACTED; done" in out
    assert "<contactAPIkey>REDACTED</contactAPIkey>" in out
    assert "Traceback" in out and "RuntimeError: 401 for https://api.pixelz.com/x?" in out


def test_logging_filter_clears_args_and_survives_bad_arguments() -> None:
    scrubber = ScrubbingFilter()
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "key=%s of %s", ("k",), None)
    assert scrubber.filter(record) is True
    # Too few arguments: formatting fails, and the filter must not raise from inside logging.
    assert record.args == () and record.msg == f"key={REDACTED} of %s ('k',)"
    assert record.getMessage() == record.msg
    assert scrubber.filter(record) is True and record.msg == f"key={REDACTED} of %s ('k',)"
    bad = logging.LogRecord("x", logging.INFO, __file__, 1, "%d", ("ann@x.org",), None)
    assert scrubber.filter(bad) is True
    assert "ann@x.org" not in bad.getMessage()


@given(TEXTS, PAIRS)
def test_logging_filter_is_idempotent(text: str, pairs: list[tuple[str, str]]) -> None:
    message = f"{text} {urlencode(pairs)} {json.dumps(dict(pairs))}"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, message, None, None)
    ScrubbingFilter().filter(record)
    once = record.msg
    ScrubbingFilter().filter(record)
    assert record.msg == once
    assert "@" not in str(once).replace(REDACTED_EMAIL, "")
    no_generated_email_survives(pairs, str(once))
