"""An operationId holding characters a file name cannot (``tickets/search``, ``../escape``)
must not write a contract into a subfolder or outside the service's folder: contract and
recording file names percent-encode them, one file per operation."""

from __future__ import annotations

from pathlib import Path

from tests.openapi_real_support import Real, real
from wirekit.testing.contracts import Contract, Documented, contract_file
from wirekit.testing.record import recording_path

__all__ = ["real"]


def test_contract_file_names_are_single_safe_and_distinct() -> None:
    names = ["orders/list", "orders_list", "orders%2Flist", "..", ".hidden", "a:b?c*", "get Item"]
    files = [contract_file(n, "rest") for n in names]
    assert files == [
        "orders%2Flist.rest.yaml",
        "orders_list.rest.yaml",
        "orders%252Flist.rest.yaml",
        "%2E..rest.yaml",
        "%2Ehidden.rest.yaml",
        "a%3Ab%3Fc%2A.rest.yaml",
        "get%20Item.rest.yaml",
    ]
    assert len(set(files)) == len(files)
    assert all("/" not in f and "\\" not in f and not f.startswith(".") for f in files)
    assert contract_file("GetImagesList", "soap12") == "GetImagesList.soap12.yaml"


def test_generated_contracts_stay_in_the_service_folder(real: Real) -> None:
    folder = real.root / "contracts" / "ticket_desk"
    written = sorted(p.relative_to(real.root / "contracts") for p in folder.parent.rglob("*"))
    inside = [p for p in written if p.parts[0] == "ticket_desk"]
    assert all(len(p.parts) <= 2 for p in written), written
    assert {p.name for p in inside if p.suffix} >= {
        "tickets%2Fsearch.rest.yaml",
        "%2E.%2Fescape.rest.yaml",
    }
    client = real.modules["ticket_desk"].Client
    assert hasattr(client, "tickets_search") and hasattr(client, "escape")


def test_a_recording_of_such_an_operation_is_one_file(tmp_path: Path) -> None:
    message = Documented("GET", "https://desk.example.test/v1/tickets/search", 200, "OK", (), b"")
    contract = Contract(
        "desk", "tickets/search", "rest", "https://desk.example.test/v1", "/tickets/search", "",
        message, message, tmp_path / "c.yaml",
    )  # fmt: skip
    assert recording_path(tmp_path, contract) == tmp_path / "desk" / "tickets%2Fsearch.rest.yaml"
