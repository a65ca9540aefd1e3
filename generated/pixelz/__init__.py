# Generated from specs/pixelz/pixelz.wsdl by `make generate`. Do not edit.
"""Typed client of the pixelz service, generated from specs/pixelz/pixelz.wsdl.

::

    from generated.pixelz import Client

    with Client(protocol='soap11') as api:
        ...

Protocols: soap11, soap12, http_get, http_post. Errors: ``BindingError`` and its subclasses.
"""

from wirekit.errors import (
    BindingError,
    HttpStatusError,
    NullResultError,
    ResponseFormatError,
    SoapFault,
    TimeoutError_,
    TransportError,
)

from .client import PROTOCOLS, AsyncClient, Client, ProtocolName
from .models import DeleteImageResponse, ImagesListResponse, ImageStatus

__all__ = [
    "PROTOCOLS",
    "AsyncClient",
    "BindingError",
    "Client",
    "DeleteImageResponse",
    "HttpStatusError",
    "ImageStatus",
    "ImagesListResponse",
    "NullResultError",
    "ProtocolName",
    "ResponseFormatError",
    "SoapFault",
    "TimeoutError_",
    "TransportError",
]
