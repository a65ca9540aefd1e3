"""The one error family generated clients raise; no lxml, httpx or xsdata exception escapes.

::

    BindingError                      anything a binding call can fail with
    ├── RequestError                  an argument the call cannot send (checked before sending;
    │                                 also a ValueError)
    ├── TransportError                no usable HTTP exchange (connection refused, DNS, TLS…)
    │   └── TimeoutError_             the exchange took longer than the client's timeout
    ├── HttpStatusError               a non-2xx answer that is not a SOAP fault
    ├── SoapFault                     a SOAP 1.1 or 1.2 Fault (ASMX answers HTTP 500 with one)
    ├── ResponseFormatError           a 2xx answer the binding cannot read: not XML, truncated,
    │   │                             wrong content type or root element, DOCTYPE/entities
    │   └── NullResultError           the service answered nil where the method promises a value
    ├── ApiError                      the vendor reports failure inside a successful answer
    └── WebhookError                  a webhook delivery the receiver refuses (wirekit.webhook)
        ├── SignatureError            HMAC signature missing or wrong for the raw body
        └── WebhookPayloadError       unreadable body or a missing / undecodable field

Every error keeps what the server sent (``body``, ``status``, ``content_type``, ``headers``) so
nothing is lost when it is raised; ``str()`` gives a message a person can act on, at most
``wirekit.limits.MAX_MESSAGE_CHARS`` long and scrubbed of e-mail addresses and ``name=value``
secrets, because messages land in logs and tickets while a server may quote anything back.
For webhook errors the roles swap: ``body`` and ``content_type`` are those of the delivery the
vendor sent us.
"""

from __future__ import annotations

from collections.abc import Mapping

from wirekit.limits import MAX_MESSAGE_CHARS, cut, head

# The loose scrubber is the one meant for text of unknown structure, which a message quoting a
# server's answer is.
from wirekit.scrub import scrub_loose

_EXCERPT = 300


def excerpt(body: bytes, limit: int = _EXCERPT) -> str:
    """The start of a body as text, for messages; never raises on bad encodings."""
    text = body[:limit].decode("utf-8", errors="replace").strip()
    return text if len(body) <= limit else head(text, limit).rstrip() + "…"


def bounded_message(message: str) -> str:
    """``message`` scrubbed and cut to ``MAX_MESSAGE_CHARS``: cut first (a 50 MB message must
    not cost a 50 MB regex pass), at a token boundary so no half secret escapes the scrubber."""
    scrubbed = scrub_loose(cut(message, MAX_MESSAGE_CHARS - 64))  # room for "… (N more…)"
    # Replacements may lengthen it (a short address becomes REDACTED_EMAIL).
    if len(scrubbed) <= MAX_MESSAGE_CHARS:
        return scrubbed
    return head(scrubbed, MAX_MESSAGE_CHARS - 1) + "…"


class BindingError(Exception):
    """Base class of every error a generated client raises."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        body: bytes = b"",
        content_type: str | None = None,
    ) -> None:
        message = bounded_message(message)
        super().__init__(message)
        self.message = message
        self.status = status
        self.body = body
        self.content_type = content_type
        #: The answer's headers (``Retry-After``…) when there was an answer; set by the transport.
        self.headers: Mapping[str, str] = {}


class RequestError(BindingError, ValueError):
    """An argument cannot be sent as the contract says: wrong type, ``None`` where required, a
    character XML 1.0 cannot carry, NaN, a value too long for a URL. Raised before anything is
    sent; the message names the parameter, never its value (it may be a credential)."""


class TransportError(BindingError):
    """The request did not produce an HTTP response (connection, DNS, TLS, protocol errors)."""


class TimeoutError_(TransportError, TimeoutError):  # noqa: N801 - the builtin name is taken
    """The exchange exceeded the client's timeout or its overall deadline.

    Also a builtin ``TimeoutError``, so code that retries on timeouts in general catches it.
    """


class HttpStatusError(BindingError):
    """A non-2xx response that carries no SOAP fault (IIS error pages, ASMX text/plain errors)."""

    @property
    def body_excerpt(self) -> str:
        return excerpt(self.body)


class SoapFault(BindingError):
    """A SOAP Fault; ``version`` is ``"1.1"`` or ``"1.2"``.

    ``code`` is the fault code as a prefixed name (``soap:Server``, ``soap:Receiver``);
    ``subcodes`` holds SOAP 1.2 subcode values; ``reason`` is faultstring / Reason/Text;
    ``detail`` is the serialized detail element (empty when the fault has none).
    """

    def __init__(
        self,
        *,
        version: str,
        code: str,
        reason: str,
        detail: str = "",
        subcodes: tuple[str, ...] = (),
        actor: str | None = None,
        status: int | None = None,
        body: bytes = b"",
        content_type: str | None = None,
    ) -> None:
        super().__init__(
            f"SOAP {version} fault {code}: {reason}",
            status=status,
            body=body,
            content_type=content_type,
        )
        self.version = version
        self.code = code
        self.reason = reason
        self.detail = detail
        #: The detail decoded into its model when the operation declares it (``wsdl:fault``).
        self.detail_value: object | None = None
        self.subcodes = subcodes
        self.actor = actor

    @property
    def faultstring(self) -> str:
        return self.reason


class ResponseFormatError(BindingError):
    """A response the binding cannot read as the documented format."""


class NullResultError(ResponseFormatError):
    """The service sent no result (``xsi:nil`` or nothing) where the method returns a value."""


class ErrorResponse(HttpStatusError):
    """An error status the service documents, its JSON body decoded into the declared model
    (``parsed``: a pydantic model of the error schema, e.g. a problem+json document)."""

    def __init__(
        self,
        message: str,
        *,
        parsed: object = None,
        status: int | None = None,
        body: bytes = b"",
        content_type: str | None = None,
    ) -> None:
        super().__init__(message, status=status, body=body, content_type=content_type)
        self.parsed = parsed


class ApiError(BindingError):
    """The vendor signalled failure inside a successful HTTP answer (error code and message)."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        parsed: object = None,
        body: bytes = b"",
        status: int | None = None,
        content_type: str | None = None,
    ) -> None:
        super().__init__(
            f"API error {code}: {message}", status=status, body=body, content_type=content_type
        )
        self.code = code
        self.api_message = message
        self.parsed = parsed


class WebhookError(BindingError):
    """A webhook delivery was refused; ``body`` is the raw request body, exactly as received."""


class SignatureError(WebhookError):
    """The delivery's HMAC signature is missing or does not match its raw body.

    Raised before the body is parsed: an unauthenticated body is never interpreted.
    """


class WebhookPayloadError(WebhookError):
    """The body cannot be read as the documented fields; ``field`` names the culprit (wire name)
    when one field is to blame, and is ``None`` for whole-body problems (content type, syntax)."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        body: bytes = b"",
        content_type: str | None = None,
    ) -> None:
        super().__init__(message, body=body, content_type=content_type)
        self.field = field


__all__ = [
    "ApiError",
    "BindingError",
    "ErrorResponse",
    "HttpStatusError",
    "NullResultError",
    "RequestError",
    "ResponseFormatError",
    "SignatureError",
    "SoapFault",
    "TimeoutError_",
    "TransportError",
    "WebhookError",
    "WebhookPayloadError",
    "bounded_message",
    "excerpt",
]
