# Generated from specs/pixlab/openapi.yaml by `make generate`. Do not edit.
"""Typed client of the pixlab service, generated from specs/pixlab/openapi.yaml.

::

    from generated.pixlab import Client

    with Client(protocol='rest') as api:
        ...

Protocols: rest. Errors: ``BindingError`` and its subclasses.
"""

from wirekit.errors import (
    ApiError,
    BindingError,
    HttpStatusError,
    NullResultError,
    ResponseFormatError,
    TimeoutError_,
    TransportError,
)

from .client import PROTOCOLS, AsyncClient, Client, ProtocolName
from .json_models import DeleteResponse, OilpaintResponse

__all__ = [
    "PROTOCOLS",
    "ApiError",
    "AsyncClient",
    "BindingError",
    "Client",
    "DeleteResponse",
    "HttpStatusError",
    "NullResultError",
    "OilpaintResponse",
    "ProtocolName",
    "ResponseFormatError",
    "TimeoutError_",
    "TransportError",
]
