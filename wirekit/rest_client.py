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

from typing import TypeVar

import httpx

from wirekit.client import BaseAsyncClient, BaseClient, Operation
from wirekit.rest import RestOperationSpec
from wirekit.transport import reading

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
    """Decodes the documented headers of each answer into ``last_response_headers`` (kept,
    with ``response_header``, by ``wirekit.client``'s base; see the module docstring)."""

    last_response_headers: tuple[object, ...]

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
