"""zeep 4.x on the committed WSDL, built once and unable to reach the network."""

from __future__ import annotations

import functools
from typing import Any

import zeep
from zeep.transports import Transport

from bench.payload import NS, WSDL


class OfflineTransport(Transport):
    """Reads local files only: the WSDL imports nothing remote, and the bench must stay offline."""

    def __init__(self) -> None:
        # Transport.__init__, not super(): mypy's untyped_calls_exclude (zeep) goes by name
        Transport.__init__(self)

    def _load_remote_data(self, url: str) -> bytes:
        raise RuntimeError(f"bench is offline, yet zeep tried to fetch {url}")

    def post(self, address: str, message: Any, headers: Any) -> Any:
        raise RuntimeError(f"bench is offline, yet zeep tried to POST to {address}")


@functools.cache
def client() -> zeep.Client:
    return zeep.Client(str(WSDL), transport=OfflineTransport())


@functools.cache
def soap11_service() -> Any:
    """The ``ServiceSoap`` port (SOAP 1.1 binding ``ServiceSoap``)."""
    return client().bind("Service", "ServiceSoap")


def soap11_binding() -> Any:
    return soap11_service()._binding


def get_images_list_operation() -> Any:
    return soap11_binding().get("GetImagesList")


def element(local: str) -> Any:
    return client().get_element(f"{{{NS}}}{local}")


def xsd_type(local: str) -> Any:
    return client().get_type(f"{{{NS}}}{local}")
