"""wirekit.testing as a user meets it: the contract transport (strict by default, with a
canonical diff), matchers that miss nothing, and the pytest plugin in a user's own test run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest

from codegen.mock import MockApp
from generated import pixelz
from tests.contracts_support import ROOT
from tests.toolkit_support import served
from wirekit.testing import ContractMismatch, check, contract_transport, load_contracts

__all__ = ["served"]
CONTRACTS = ROOT / "contracts"
DOCUMENTED = {
    "contact_email": "me@example.com",
    "contact_api_key": "a-real-looking-key",
    # The contracts' example strings carry characters XML must escape.
    **{
        name: f"{camel} <&>"
        for name, camel in (
            ("image_status", "imageStatus"),
            ("exclude_image_status", "excludeImageStatus"),
            ("product_id", "productId"),
            ("from_date", "fromDate"),
            ("to_date", "toDate"),
            ("page", "page"),
            ("images_per_page", "imagesPerPage"),
            ("sort_by", "sortBy"),
            ("is_descending", "isDescending"),
        )
    },
}


def _client(protocol: pixelz.ProtocolName, *, strict: bool = True) -> pixelz.Client:
    transport = contract_transport("pixelz", contracts=CONTRACTS, strict=strict)
    return pixelz.Client(protocol=protocol, http_client=httpx.Client(transport=transport))


@pytest.mark.parametrize("protocol", ["soap11", "soap12", "http_get", "http_post"])
def test_the_documented_call_is_answered_and_a_departure_shows_the_diff(
    protocol: pixelz.ProtocolName,
) -> None:
    with _client(protocol) as client:
        result = client.get_images_list(**DOCUMENTED)
        assert result is not None
        assert len(result.images) == 2
        with pytest.raises(ContractMismatch) as caught:
            client.get_images_list(**{**DOCUMENTED, "page": "2"})
    message = str(caught.value)
    assert "--- documented" in message and "+++ sent" in message and "2" in message
    assert "a-real-looking-key" not in message and "me@example.com" not in message


def test_lenient_mode_answers_whatever_the_arguments() -> None:
    with _client("http_get", strict=False) as client:
        result = client.get_images_list(page="99")
        assert result is not None
        assert result.images


def _documented_request(protocol: str, **changes: str) -> tuple[httpx.Request, object]:
    contract = next(
        c
        for c in load_contracts("pixelz", CONTRACTS)
        if c.operation == "GetImagesList" and c.protocol == protocol
    )
    headers = dict(contract.request.headers)
    body = contract.request.body
    for old, new in changes.items():
        if old in headers:
            headers[old] = new
        else:
            body = body.replace(old.encode(), new.encode())
    return httpx.Request("POST", contract.request.uri, headers=headers, content=body), contract


def test_soapaction_quoting_is_compared_exactly_as_documented() -> None:
    request, contract = _documented_request("soap11")
    check(request, contract)  # type: ignore[arg-type]
    unquoted, _ = _documented_request(
        "soap11", SOAPAction="http://removethebackground.com/GetImagesList"
    )
    with pytest.raises(ContractMismatch, match="SOAPAction"):
        check(unquoted, contract)  # type: ignore[arg-type]


def test_whitespace_inside_a_text_value_is_kept() -> None:
    request, contract = _documented_request("soap11", **{">page ": ">  page "})
    with pytest.raises(ContractMismatch, match="page"):
        check(request, contract)  # type: ignore[arg-type]


_USER_TEST = """
from generated.pixelz import Client, AsyncClient

DOCUMENTED = {documented!r}

def test_documented(contract_client):
    client = contract_client(Client, protocol="soap12")
    assert len(client.get_images_list(**DOCUMENTED).images) == 2

def test_departing(contract_client):
    client = contract_client(Client, protocol="http_post")
    client.get_images_list(**{{**DOCUMENTED, "sort_by": "changed"}})
"""


def _pytest(tmp_path: Path, source: str, *options: str) -> subprocess.CompletedProcess[str]:
    """A user's own pytest run of ``source``, with the plugin and the repository's contracts."""
    test = tmp_path / "test_user.py"
    test.write_text(textwrap.dedent(source))
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider"]
    return subprocess.run(
        [*command, str(test), "--contracts", str(CONTRACTS), *options],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )


def test_the_plugin_in_a_users_own_test_run(tmp_path: Path) -> None:
    done = _pytest(tmp_path, _USER_TEST.format(documented=DOCUMENTED))
    assert "1 failed, 1 passed" in done.stdout, done.stdout + done.stderr
    assert "ContractMismatch" in done.stdout and "+sortBy=changed" in done.stdout


def test_record_mode_all_records_the_live_answers_scrubbed(
    served: tuple[MockApp, str], tmp_path: Path
) -> None:
    _, base = served
    source = f'''
        from generated.pixelz import Client
        def test_live(contract_client):
            client = contract_client(Client, protocol="http_get", base_url="{base}/pixelz")
            page = client.get_images_list(contact_email="me@example.com", contact_api_key="k")
            assert page.images
    '''
    recordings = str(tmp_path / "rec")
    done = _pytest(tmp_path, source, "--record-mode=all", "--recordings", recordings)
    assert done.returncode == 0, done.stdout + done.stderr
    (recording,) = (tmp_path / "rec" / "pixelz").glob("GetImagesList.http_get.yaml")
    text = recording.read_text()
    assert "me@example.com" not in text and "REDACTED" in text and "ImageStatus" in text
