"""Each generated package exports exactly its public face: the clients, the protocols, the
error family (SOAP names only where SOAP is spoken) and its models."""

from __future__ import annotations

import importlib

import pytest

import wirekit.errors as errors

COMMON = {
    "AsyncClient",
    "Client",
    "PROTOCOLS",
    "ProtocolName",
    "BindingError",
    "HttpStatusError",
    "ResponseFormatError",
    "NullResultError",
    "RequestError",
    "TimeoutError_",
    "TransportError",
}


@pytest.mark.parametrize(
    ("service", "extra", "absent"),
    [
        (
            "pixelz",
            {"SoapFault", "ImagesListResponse", "ImageStatus"},
            {"ApiError", "ErrorResponse"},
        ),
        ("removethebackground", {"SoapFault", "ImageStatusResponse"}, {"ApiError"}),
        (
            "removethebackground_rest",
            {"ApiError", "webhook_receiver", "parse_webhook"},
            {"SoapFault"},
        ),
        ("pixlab", {"ApiError", "ErrorResponse", "DeleteResponse"}, {"SoapFault"}),
    ],
)
def test_the_exported_names(service: str, extra: set[str], absent: set[str]) -> None:
    package = importlib.import_module(f"generated.{service}")
    exported = set(package.__all__)
    assert COMMON | extra <= exported and not absent & exported
    assert all(hasattr(package, name) for name in exported)
    for name in exported & set(errors.__all__):
        assert getattr(package, name) is getattr(errors, name)
