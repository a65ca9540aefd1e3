"""The base classes of generated ASMX clients: ``wirekit.client``'s plus SOAP headers.

Kept apart from the shared base (which REST clients use too) through its three hooks:
``_parts`` sends the headers a call's operation declares, ``_answered`` decodes the answer's,
``_secrets`` keeps header fields (``Password``) out of error messages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar, TypeVar

import httpx

from wirekit.asmx import OperationSpec
from wirekit.client import BaseAsyncClient, BaseClient, Operation, RequestParts
from wirekit.limits import DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES
from wirekit.scrub.values import remember, secret_values
from wirekit.soap_headers import NO_SOAP_HEADERS, SoapHeaders, header_fields, header_values

P = TypeVar("P", bound=str)


class _SoapHeaderSupport:
    """SOAP headers on a client: set once (``soap_headers=``), replaced per call (the ``extra``
    a generated method passes), and the answer's declared headers kept for the caller."""

    protocol: str
    base_url: str
    DEFAULT_BASE_URL: ClassVar[str]
    #: Each protocol's published address when they differ (a WCF ``….svc/soap12`` endpoint);
    #: used when the client is given no ``base_url``.
    PROTOCOL_ADDRESSES: ClassVar[dict[str, str]] = {}

    def _protocol_address(self, given: str | None) -> None:
        """The chosen protocol's own port: its published address, or (a ``base_url`` given, as
        a service address) the same path below it (``…/soap12``), as HTTP paths are."""
        own = self.PROTOCOL_ADDRESSES.get(self.protocol)
        if own is None:
            return
        if given is None:
            self.base_url = own
            return
        default = self.DEFAULT_BASE_URL.rstrip("/")
        if own.startswith(default):
            self.base_url = given.rstrip("/") + own[len(default) :]

    def _set_headers(self, soap_headers: object | Sequence[object] | None) -> None:
        #: Header values sent with every call whose operation declares their element.
        self.soap_headers = header_values(soap_headers)
        # Their secret fields (AuthHeader's Password, ApiKey…) are kept out of log records.
        remember(secret_values(header_fields(self.soap_headers)))
        if self.soap_headers and not self.protocol.startswith("soap"):
            raise ValueError(
                f"protocol {self.protocol!r} cannot carry SOAP headers; choose soap11 or soap12"
            )

    def _parts(
        self, op: Operation[object], args: Mapping[str, object], extra: object
    ) -> RequestParts:
        if not isinstance(op, OperationSpec):
            return op.request(self.protocol, self.base_url, args)
        if extra is None and not self.soap_headers:
            headers = NO_SOAP_HEADERS
        else:
            call = None if extra is None else header_values(extra)
            headers = SoapHeaders(self.soap_headers, call)
        return op.request(self.protocol, self.base_url, args, headers)

    def _answered(self, op: Operation[object], response: httpx.Response) -> None:
        if isinstance(op, OperationSpec):
            self.last_response_headers = op.response_headers(self.protocol, response)

    def _secrets(self, args: Mapping[str, object], extra: object) -> Mapping[str, object]:
        return {**args, **header_fields(self.soap_headers, extra)}


class SoapClient(_SoapHeaderSupport, BaseClient[P]):
    """Base of generated ASMX clients: ``wirekit.client.BaseClient`` plus SOAP headers.

    ``soap_headers``: one header value or a list, sent with every call whose operation
    declares that header (a generated method's ``soap_headers=`` replaces them for one call);
    ``last_response_headers`` / ``response_header(Type)``: the last answer's. HTTP GET/POST
    cannot carry SOAP headers: setting one with them raises.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        protocol: P | None = None,
        http_client: httpx.Client | None = None,
        timeout: float = 30.0,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        soap_headers: object | Sequence[object] | None = None,
    ) -> None:
        super().__init__(
            base_url,
            protocol=protocol,
            http_client=http_client,
            timeout=timeout,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
        )
        self._protocol_address(base_url)
        self._set_headers(soap_headers)


class AsyncSoapClient(_SoapHeaderSupport, BaseAsyncClient[P]):
    """Base of generated asynchronous ASMX clients; see ``SoapClient``."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        protocol: P | None = None,
        http_client: httpx.AsyncClient | None = None,
        timeout: float = 30.0,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        soap_headers: object | Sequence[object] | None = None,
    ) -> None:
        super().__init__(
            base_url,
            protocol=protocol,
            http_client=http_client,
            timeout=timeout,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
        )
        self._protocol_address(base_url)
        self._set_headers(soap_headers)


__all__ = ["AsyncSoapClient", "SoapClient"]
