"""The base classes of generated REST clients: ``wirekit.client``'s plus the answer's headers.

A method returns the answer's body; the headers its document declares (``X-Rate-Limit``, a
``201``'s ``Location``, ``Link`` pagination, ``Retry-After``) are kept, typed, the way the SOAP
clients keep an answer's SOAP headers (``wirekit.soap_client``): ``last_response_headers`` holds
the last successful answer's, decoded into the operation's generated model
(``…Headers``, one optional field per header), and ``response_header(Type)`` picks one out.
A header value the model cannot read fails the call (``ResponseFormatError``), as a body would.
Like every per-client attribute, it belongs to the last call: share a client between tasks
and read it only where calls do not interleave.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

import httpx

from wirekit.client import BaseAsyncClient, BaseClient, Operation, RequestParts
from wirekit.rest import RestOperationSpec
from wirekit.transport import reading

T = TypeVar("T")
P = TypeVar("P", bound=str)


def documented_headers(op: RestOperationSpec[object], response: httpx.Response) -> object:
    """The headers of ``response`` that ``op`` documents, as its model (``None``: it
    documents none). Headers are matched whatever their case; a repeated one is read as
    httpx joins it (``a, b``)."""
    model = op.headers
    if model is None:
        return None
    found: dict[str, str] = {}
    for name, info in model.model_fields.items():
        wire = info.alias or name
        if wire in response.headers:
            found[wire] = response.headers[wire]
    ctype = response.headers.get("content-type")
    with reading(op.name, response.status_code, response.content, ctype, response.headers):
        return model.model_validate(found)


class _ResponseHeaderSupport:
    """The documented headers of the last answer, for the caller (see the module docstring)."""

    protocol: str
    base_url: str
    #: The last successful answer's documented headers, decoded (empty when it had none, and
    #: while a call is under way).
    last_response_headers: tuple[object, ...] = ()

    def response_header(self, kind: type[T]) -> T | None:
        """The last answer's documented headers of model ``kind`` (``LoginUserHeaders``), or
        ``None`` when the last call's operation documents none."""
        return next((h for h in self.last_response_headers if type(h) is kind), None)

    def _parts(
        self, op: Operation[object], args: Mapping[str, object], extra: object
    ) -> RequestParts:
        self.last_response_headers = ()
        return op.request(self.protocol, self.base_url, args)

    def _answered(self, op: Operation[object], response: httpx.Response) -> None:
        if isinstance(op, RestOperationSpec):
            headers = documented_headers(op, response)
            self.last_response_headers = () if headers is None else (headers,)


class RestClient(_ResponseHeaderSupport, BaseClient[P]):
    """Base of generated REST clients: ``wirekit.client.BaseClient`` plus
    ``last_response_headers`` / ``response_header(Type)``."""


class AsyncRestClient(_ResponseHeaderSupport, BaseAsyncClient[P]):
    """Base of generated asynchronous REST clients; see ``RestClient``."""


__all__ = ["AsyncRestClient", "RestClient", "documented_headers"]
