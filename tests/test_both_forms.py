"""A value a service returns and takes back is accepted in both forms: a ticket comes back as a
``UUID`` and the next call takes it as a ``UUID`` or as text (parsed strictly), on the wire
the same either way."""

from __future__ import annotations

from uuid import UUID

import httpx
import pytest

from generated import pixelz, removethebackground_rest
from tests.contracts_support import ROOT
from wirekit.errors import RequestError

TICKET = UUID("a37a1f55-7cd4-4474-db19-ac03e85538a7")


def _capture() -> tuple[list[httpx.Request], httpx.MockTransport]:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500, text="stop here")

    return sent, httpx.MockTransport(answer)


@pytest.mark.parametrize("ticket", [TICKET, str(TICKET)], ids=["UUID", "str"])
def test_rest_path_guid_takes_both_forms(ticket: UUID | str) -> None:
    sent, transport = _capture()
    http = httpx.Client(transport=transport)
    with (
        removethebackground_rest.Client(http_client=http) as rtb,
        pytest.raises(removethebackground_rest.HttpStatusError),
    ):
        rtb.get_image_status(image_ticket=ticket, contact_email="a@b.c", contact_api_key="k")
    assert sent[0].url.path.endswith(f"/Image/Status/{TICKET}/")


@pytest.mark.parametrize("ticket", [TICKET, str(TICKET)], ids=["UUID", "str"])
def test_asmx_string_ticket_takes_a_uuid_too(ticket: UUID | str) -> None:
    sent, transport = _capture()
    http = httpx.Client(transport=transport)
    with (
        pixelz.Client(protocol="http_get", http_client=http) as c,
        pytest.raises(pixelz.HttpStatusError),
    ):
        c.delete_image_from_queue(image_ticket=ticket)
    assert sent[0].url.params["imageTicket"] == str(TICKET)


def test_a_malformed_guid_text_is_refused_before_sending() -> None:
    sent, transport = _capture()
    http = httpx.Client(transport=transport)
    with (
        removethebackground_rest.Client(http_client=http) as rtb,
        pytest.raises(RequestError, match="not a GUID, in argument image_ticket"),
    ):
        rtb.get_image_status(image_ticket="../x", contact_email="a@b.c", contact_api_key="k")
    assert sent == [] and ROOT.exists()
