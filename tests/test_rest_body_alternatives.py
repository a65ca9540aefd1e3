"""Failure #9: a request body offered in several media types whose schemas differ. A multipart
form that has every property of the JSON body and the file too is the one sent (the file is
not lost); where neither covers the other (remove.bg: a file upload *or* a JSON URL) JSON is
sent and what it cannot carry is reported at the body's line, not dropped in silence. An XML-only
answer without an XSD (#29) is reported too."""

from __future__ import annotations

import httpx

from tests.openapi_real_support import Real, real
from wirekit.uploads import FileUpload

__all__ = ["real"]


def test_the_wider_multipart_form_is_sent(real: Real) -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    m = real.modules["ticket_desk"]
    with m.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as c:
        c.attach(id=7, note="screenshot", file=FileUpload(b"PNG", "s.png", "image/png"))
    (request,) = sent
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="note"\r\n\r\nscreenshot' in request.content
    assert b'filename="s.png"\r\nContent-Type: image/png\r\n\r\nPNG' in request.content


def test_a_file_or_url_choice_is_reported(real: Real) -> None:
    service = real.service("ticket_desk")
    lines = (real.root / "specs" / "ticket_desk" / "openapi.yaml").read_text().splitlines()
    (defect,) = [d for d in service.defects if "image_file" in d.message]
    assert "multipart/form-data, application/json" in defect.message
    assert "sends application/json, which has no image_file" in defect.message
    start = lines.index("      operationId: snapshot")
    body = lines.index("      requestBody:", start)
    assert body < defect.where.line <= body + 4, defect.where  # at the body's content
    assert not [d for d in service.defects if "attach" in d.message or "note" in d.message]
    client = real.modules["ticket_desk"].Client
    assert hasattr(client, "snapshot")


def test_an_xml_only_answer_without_an_xsd_is_reported_and_returns_bytes(real: Real) -> None:
    """Failure #29 (reported, not yet typed): the method returns the answer's bytes and the
    generator says so at the media type's line."""
    service = real.service("ticket_desk")
    lines = (real.root / "specs" / "ticket_desk" / "openapi.yaml").read_text().splitlines()
    (defect,) = [d for d in service.defects if "exportTicket" in d.message]
    assert "only as application/xml" in defect.message and "bytes" in defect.resolution
    assert lines[defect.where.line - 2].strip() == "application/xml:"  # at its schema
    xml = b"<ticket><id>7</id></ticket>"
    answer = httpx.Response(200, content=xml, headers={"Content-Type": "application/xml"})
    http = httpx.Client(transport=httpx.MockTransport(lambda r: answer))
    with real.modules["ticket_desk"].Client(http_client=http) as c:
        assert c.export_ticket(id=7) == xml
