# Generated from specs/removethebackground_rest/openapi.yaml by `make generate`. Do not edit.
"""Typed client of the removethebackground_rest service, generated from specs/removethebackground_rest/openapi.yaml.

::

    from generated.removethebackground_rest import Client

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
from .json_models import AddImageRequest
from .models import (
    AddImageResponse,
    ImageStatus,
    ImageStatusResponse,
    Price,
    Template,
    TemplatesResponse,
)
from .webhooks import (
    IMAGE_PROCESSED,
    IMAGE_PROCESSED_SIGNATURE_HEADER,
    SIGNATURE_HEADER,
    ImageProcessedEvent,
    image_processed_receiver,
    parse_image_processed,
    parse_webhook,
    send_test_image_processed,
    send_test_image_processed_async,
    send_test_webhook,
    send_test_webhook_async,
    webhook_receiver,
)

__all__ = [
    "IMAGE_PROCESSED",
    "IMAGE_PROCESSED_SIGNATURE_HEADER",
    "PROTOCOLS",
    "SIGNATURE_HEADER",
    "AddImageRequest",
    "AddImageResponse",
    "ApiError",
    "AsyncClient",
    "BindingError",
    "Client",
    "HttpStatusError",
    "ImageProcessedEvent",
    "ImageStatus",
    "ImageStatusResponse",
    "NullResultError",
    "Price",
    "ProtocolName",
    "ResponseFormatError",
    "Template",
    "TemplatesResponse",
    "TimeoutError_",
    "TransportError",
    "image_processed_receiver",
    "parse_image_processed",
    "parse_webhook",
    "send_test_image_processed",
    "send_test_image_processed_async",
    "send_test_webhook",
    "send_test_webhook_async",
    "webhook_receiver",
]
