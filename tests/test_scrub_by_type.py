"""Cassette scrubbing goes by declared type: a field whose name says "email" or "key" but whose
type is a number keeps its number (an e-mail placeholder there would make the contract's own
answer unreadable), while text fields so named are still scrubbed."""

from __future__ import annotations

from pathlib import Path

from tests.contract_checks import verify_scratch_service
from tests.contracts_support import ROOT


def test_a_number_named_like_an_email_keeps_its_value(tmp_path: Path) -> None:
    wsdl = (ROOT / "specs" / "pixelz" / "pixelz.wsdl").read_text()
    renamed = wsdl.replace('"StatusId"', '"EmailStatusId"').replace('"IsPaid"', '"ApiKeyPaid"')
    verify_scratch_service(tmp_path, "typed", renamed, "polybind_typed")
    answer = (tmp_path / "contracts" / "typed" / "GetImagesList.http_get.yaml").read_text()
    assert "<EmailStatusId>redacted" not in answer and "<ApiKeyPaid>REDACTED" not in answer
    assert "<contactEmail>" not in answer or "redacted@example.invalid" in answer
