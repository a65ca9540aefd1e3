"""The vcrpy hooks: cassettes never hold a secret, and a live request still matches its
scrubbed recording."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import vcr
import yaml
from vcr.request import Request

from tests.scrub_support import (
    RTB,
    SECRET_EMAIL,
    SECRET_KEY,
    SOAP_REQUEST,
)
from wirekit.scrub import (
    REDACTED,
    REDACTED_EMAIL,
    scrub_vcr_request,
    scrub_vcr_response,
)

# --- vcrpy ---------------------------------------------------------------------------------


def _soap_request(body: Any) -> Request:
    return Request(
        "POST",
        f"https://api.removethebackground.com/soap.asmx?apiKey={SECRET_KEY}&v=1",
        body,
        {
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": f'"{RTB}getImageStatus"',
            "Authorization": "Bearer xyz",
        },
    )


def test_vcr_request_hook_returns_a_scrubbed_copy() -> None:
    request = _soap_request(SOAP_REQUEST)
    scrubbed = scrub_vcr_request(request)
    assert scrubbed is not request
    assert request.body == SOAP_REQUEST and SECRET_KEY in request.uri  # original untouched
    assert request.headers["Authorization"] == "Bearer xyz"
    assert scrubbed.uri == f"https://api.removethebackground.com/soap.asmx?apiKey={REDACTED}&v=1"
    assert scrubbed.query == [("apiKey", REDACTED), ("v", "1")]
    assert scrubbed.headers["authorization"] == REDACTED  # still vcrpy's case-insensitive dict
    assert scrubbed.headers["SOAPAction"] == f'"{RTB}getImageStatus"'
    assert SECRET_KEY.encode() not in scrubbed.body and SECRET_EMAIL.encode() not in scrubbed.body


@pytest.mark.parametrize(
    "make_body",
    [lambda: io.BytesIO(SOAP_REQUEST), lambda: iter([SOAP_REQUEST[:50], SOAP_REQUEST[50:]])],
    ids=["file", "iterator"],
)
def test_vcr_request_hook_keeps_file_and_iterator_bodies_readable(make_body: Any) -> None:
    scrubbed = scrub_vcr_request(_soap_request(make_body()))
    body = scrubbed.body
    data = body.read() if hasattr(body, "read") else b"".join(body)
    assert not isinstance(body, bytes)  # still a file or an iterator, as vcrpy expects
    assert SECRET_KEY.encode() not in data and b"<contactAPIkey>REDACTED<" in data


def test_vcr_response_hook() -> None:
    body = SOAP_REQUEST.replace(b"getImageStatus", b"getImageStatusResponse")
    response: dict[str, Any] = {
        "status": {"code": 200, "message": "OK"},
        "headers": {"Content-Type": ["text/xml; charset=utf-8"], "Set-Cookie": ["s=1", "t=2"]},
        "body": {"string": body},
    }
    out = scrub_vcr_response(response)
    assert response["body"]["string"] == body  # the caller's dict is not changed
    assert out["status"] == response["status"]
    assert out["headers"]["Set-Cookie"] == [REDACTED, REDACTED]
    assert isinstance(out["body"]["string"], bytes)
    assert SECRET_KEY.encode() not in out["body"]["string"]
    as_text = scrub_vcr_response({**response, "body": {"string": body.decode()}})
    assert isinstance(as_text["body"]["string"], str)
    assert SECRET_EMAIL not in as_text["body"]["string"]


def test_vcr_response_hook_decodes_gzip_to_scrub_it() -> None:
    body = json.dumps({"email": SECRET_EMAIL}).encode()
    response = {
        "status": {"code": 200, "message": "OK"},
        "headers": {
            "Content-Type": ["application/json"],
            "Content-Encoding": ["gzip"],
            "Content-Length": ["99"],
        },
        "body": {"string": gzip.compress(body)},
    }
    out = scrub_vcr_response(response)
    assert json.loads(out["body"]["string"]) == {"email": REDACTED_EMAIL}
    assert "Content-Encoding" not in out["headers"]
    assert out["headers"]["Content-Length"] == [str(len(out["body"]["string"]))]


def test_vcrpy_records_scrubbed_and_replays_with_real_secrets(tmp_path: Path) -> None:
    """End to end through vcrpy: the server gets the real secrets, the cassette never does, and
    a replay with the real secrets matches the scrubbed recording."""
    received: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        received.append(request)
        reply = f"<r><owner>{SECRET_EMAIL}</owner><status>ok</status></r>".encode()
        return httpx.Response(
            200,
            headers={"Content-Type": "text/xml", "Set-Cookie": f"sid={SECRET_KEY}"},
            content=reply,
        )

    recorder = vcr.VCR(
        before_record_request=scrub_vcr_request,
        before_record_response=scrub_vcr_response,
        match_on=["method", "uri", "body"],
    )
    cassette = tmp_path / "c.yaml"

    def call() -> httpx.Response:
        with httpx.Client(transport=httpx.MockTransport(server)) as client:
            return client.post(
                f"https://api.removethebackground.com/soap.asmx?apiKey={SECRET_KEY}",
                content=SOAP_REQUEST,
                headers={"Content-Type": "text/xml; charset=utf-8", "X-Api-Key": SECRET_KEY},
            )

    with recorder.use_cassette(str(cassette), record_mode="once"):
        first = call()
    assert len(received) == 1
    assert received[0].content == SOAP_REQUEST  # what was sent is not scrubbed
    assert received[0].headers["X-Api-Key"] == SECRET_KEY
    assert SECRET_EMAIL in first.text

    text = cassette.read_text(encoding="utf-8")
    assert SECRET_KEY not in text and SECRET_EMAIL not in text
    assert "@" not in text.replace(REDACTED_EMAIL, "")
    recorded = yaml.safe_load(text)["interactions"][0]
    # httpx hands vcrpy lower-cased header names.
    headers = {k.lower(): v for k, v in recorded["request"]["headers"].items()}
    assert headers["x-api-key"] == [REDACTED]

    with recorder.use_cassette(str(cassette), record_mode="none") as replay:
        second = call()
        assert replay.play_count == 1
    assert len(received) == 1  # served from the cassette
    assert REDACTED_EMAIL in second.text
