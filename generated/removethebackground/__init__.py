# Generated from specs/removethebackground/removethebackground.wsdl by `make generate`. Do not edit.
"""Typed client of the removethebackground service, generated from specs/removethebackground/removethebackground.wsdl.

::

    from generated.removethebackground import Client

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
from .models import ImageStatus, ImageStatusResponse

__all__ = [
    "PROTOCOLS",
    "AsyncClient",
    "BindingError",
    "Client",
    "HttpStatusError",
    "ImageStatus",
    "ImageStatusResponse",
    "NullResultError",
    "ProtocolName",
    "ResponseFormatError",
    "SoapFault",
    "TimeoutError_",
    "TransportError",
]
