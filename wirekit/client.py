"""The base classes of every generated client: lifecycle, protocol choice and the one call path.

A generated ``Client`` only adds its methods, each a typed signature, a docstring and one line
that hands an operation description to ``_call``. Everything else lives here, once:

* the protocol is chosen per client, typed as the service's ``Literal`` of protocol names
  (``BaseClient[Literal["soap11", "http_get"]]``), so a typo is a type error;
* requests are built *by the user's httpx client* (``build_request``), so its cookies
  (ASP.NET session cookies), ``params``, headers, auth, event hooks and timeout all apply;
  a body-only request is copied from the first one built (``wirekit.prototypes``);
* a client the user passes is never closed by ours; one we create is;
* subclasses may carry more per call (``extra``: the SOAP clients' headers, see
  ``wirekit.asmx.SoapClient``) through three hooks: ``_parts``, ``_answered``, ``_secrets``;
* every call is held to ``wirekit.limits`` (an overall ``deadline``, a decoded size cap),
  httpx/httpcore log records are scrubbed of keys and e-mail addresses once a client exists,
  and an error's message never repeats a secret argument of the call that raised it.

An operation description (``wirekit.asmx.OperationSpec``, ``wirekit.rest.RestOperationSpec``)
knows how to turn arguments into a ``RequestParts`` and a response into the typed result.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import ClassVar, Generic, Protocol, Self, TypeVar

import httpx

from wirekit.arguments import Param, check_args
from wirekit.auth import Credentials, apply, scheme_keys
from wirekit.deadline_backend import bounded_transport
from wirekit.errors import BindingError, RequestError, bounded_message
from wirekit.limits import DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES, Limits
from wirekit.prototypes import Prototypes
from wirekit.scrub import add_secret_names, install_scrubbing
from wirekit.scrub.values import (
    CALL_ARGUMENTS,
    redact,
    redaction_forms,
    remember,
    secret_values,
)
from wirekit.transport import send, send_async, shared_ssl_context

#: C0 and C1 controls and DEL: no header, URL or form value may carry them.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

R = TypeVar("R")
T = TypeVar("T")
R_co = TypeVar("R_co", covariant=True)
P = TypeVar("P", bound=str)
H = TypeVar("H", httpx.Client, httpx.AsyncClient)


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs twice as much
class RequestParts:
    """What one call sends, before the httpx client adds its own defaults."""

    method: str
    url: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    content: bytes | None = None
    #: Query parameters, kept apart from ``url`` so the httpx client merges its own ``params``
    #: with them (httpx replaces a URL's query when it is given params).
    params: list[tuple[str, str]] = field(default_factory=list)


class Operation(Protocol[R_co]):
    """What the base client needs of an operation description."""

    @property
    def name(self) -> str: ...

    @property
    def protocols(self) -> tuple[str, ...]: ...

    @property
    def params(self) -> tuple[Param, ...]: ...

    def request(self, protocol: str, address: str, args: Mapping[str, object]) -> RequestParts: ...

    def read(self, protocol: str, response: httpx.Response) -> R_co: ...


def check_protocol(protocol: str, available: tuple[str, ...]) -> str:
    if protocol not in available:
        raise ValueError(
            f"protocol {protocol!r} is not offered here; "
            f"choose one of {', '.join(repr(p) for p in available)}"
        )
    return protocol


def redact_arguments(err: BindingError, args: Mapping[str, object]) -> None:
    """Remove the call's secret argument values from ``err``'s message, and from the messages
    of the exceptions it was raised from (a traceback prints those too).

    A server may echo what it was sent ("invalid key 44979dfe-…"), and a bare key has no shape
    a scrubber could recognise; but the call knows which of its own arguments are secret.
    """
    forms = redaction_forms(secret_values(args))
    if not forms:
        return
    message = redact(str(err), forms)
    if message != str(err):
        err.message = bounded_message(message)
        err.args = (err.message,)
    seen: set[int] = set()
    link = err.__cause__ or err.__context__
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.args = tuple(redact(a, forms) if isinstance(a, str) else a for a in link.args)
        link = link.__cause__ or link.__context__


def _first_words(message: str) -> str:
    """httpx's reason without the offending value: "URL component 'query' too long"."""
    return message.split(":", maxsplit=1)[0][:80]


class _Base(Generic[P, H]):
    """What both base clients share; ``H`` is the httpx client class they drive."""

    #: The protocols the service's spec declares, preferred first; set by each generated client.
    PROTOCOLS: ClassVar[tuple[str, ...]] = ()
    #: The service address the spec publishes.
    DEFAULT_BASE_URL: ClassVar[str] = ""
    #: The credentials the service's security schemes take (``api_key``, ``token``,
    #: ``username``/``password``); set by each generated client that has any.
    CREDENTIALS: ClassVar[tuple[str, ...]] = ()
    #: Wire names of the service's API-key parameters, scrubbed like ``key`` everywhere.
    SECRET_NAMES: ClassVar[tuple[str, ...]] = ()
    #: The service's API-key schemes, (name, location, wire name), when it declares several:
    #: ``api_keys={name: value}`` gives each its own value (``wirekit.auth``).
    API_KEY_SCHEMES: ClassVar[tuple[tuple[str, str, str], ...]] = ()
    #: The spec's server URL template and its variables' defaults (OpenAPI servers).
    SERVER_TEMPLATE: ClassVar[str] = ""
    SERVER_VARIABLES: ClassVar[tuple[tuple[str, str], ...]] = ()
    #: The last successful answer's declared headers, decoded by a subclass's ``_answered``
    #: (SOAP header elements, a REST operation's documented headers); empty when it had none,
    #: and while a call is under way.
    last_response_headers: tuple[object, ...] = ()

    def response_header(self, kind: type[T]) -> T | None:
        """The last answer's declared header of type ``kind``, or ``None`` when it carried
        none (``LoginUserHeaders``, ``SessionHeader``…)."""
        return next((h for h in self.last_response_headers if type(h) is kind), None)

    @classmethod
    def server_url(cls, **variables: str) -> str:
        """The service address with server variables set (the others keep their defaults):
        ``Client(Client.server_url(region="us"))``."""
        if not cls.SERVER_TEMPLATE:
            if variables:
                raise ValueError("this service's address has no variables")
            return cls.DEFAULT_BASE_URL
        known = dict(cls.SERVER_VARIABLES)
        unknown = sorted(set(variables) - set(known))
        if unknown:
            raise ValueError(
                f"unknown server variable(s) {', '.join(unknown)}; known: {', '.join(known)}"
            )
        url = cls.SERVER_TEMPLATE
        for name, default in known.items():
            url = url.replace(f"{{{name}}}", variables.get(name, default))
        return url if "://" in url else "http://localhost/" + url.lstrip("/")

    def __init__(
        self,
        base_url: str | None = None,
        *,
        protocol: P | None = None,
        http_client: H | None = None,
        timeout: float = 30.0,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        api_key: str | None = None,
        token: str | None = None,
        username: str | None = None,
        password: str | None = None,
        api_keys: Mapping[str, str] | None = None,
    ) -> None:
        given = {"api_key": api_key, "token": token, "username": username, "password": password}
        for name, value in {**given, "api_keys": api_keys}.items():
            if value is None:
                continue
            if name not in self.CREDENTIALS:
                offered = ", ".join(self.CREDENTIALS) or "none"
                raise ValueError(f"this service takes no {name}= (credentials: {offered})")
            # A key read from a file keeps its line break; sent, it would split the header (or
            # be refused by the socket layer with the key quoted in the message).
            texts = list(value.values()) if isinstance(value, Mapping) else [value]
            if any(not isinstance(v, str) for v in texts):
                # Worded without "name=", which a secret scrubber reads as name=value.
                raise RequestError(f"credential {name!r} must be text (str)")
            if any(_CONTROL.search(v) for v in texts):
                raise RequestError(f"credential {name!r} must be text without control characters")
        keys = scheme_keys(api_keys, self.API_KEY_SCHEMES)
        self.credentials = Credentials(api_key, token, username, password, keys)
        remember(self.credentials.secrets().values())
        add_secret_names(self.SECRET_NAMES)
        chosen = protocol if protocol is not None else self.PROTOCOLS[0]
        check_protocol(chosen, self.PROTOCOLS)
        self.protocol: str = chosen
        self.base_url = base_url or self.DEFAULT_BASE_URL
        self.limits = Limits(deadline=deadline, max_response_bytes=max_response_bytes)
        self._owns_http = http_client is None
        self._http: H = http_client if http_client is not None else self._new_http(timeout)
        self._prototypes = Prototypes()
        install_scrubbing()

    def _new_http(self, timeout: float) -> H:
        raise NotImplementedError

    def _parts(
        self, op: Operation[object], args: Mapping[str, object], extra: object
    ) -> RequestParts:
        """The request of one call; ``extra`` is what a subclass's methods pass along."""
        return op.request(self.protocol, self.base_url, args)

    def _answered(self, op: Operation[object], response: httpx.Response) -> None:
        """Called with each answer that was read successfully; for subclasses."""

    def _secrets(self, args: Mapping[str, object], extra: object) -> Mapping[str, object]:
        """The values an error's message must not repeat, by name (see ``redact_arguments``)."""
        return args

    def _build(
        self, op: Operation[object], args: Mapping[str, object], extra: object = None
    ) -> httpx.Request:
        self.last_response_headers = ()
        check_protocol(self.protocol, op.protocols)
        check_args(op.name, op.params, args)
        try:
            parts = self._parts(op, args, extra)
        except RequestError:
            raise
        except (TypeError, ValueError, AttributeError, UnicodeError, OverflowError) as err:
            # What the table did not foresee (a structure's own fields): still typed, and the
            # value is not quoted, since it may be a credential.
            raise RequestError(
                f"{op.name}: the arguments cannot be encoded ({type(err).__name__})"
            ) from None
        security = getattr(op, "security", ())
        try:
            if security:
                apply(security, self.credentials, parts.headers, parts.params)
            if parts.content is not None and not parts.params:
                return self._prototypes.build(
                    self._http, parts.method, parts.url, parts.headers, parts.content
                )
            return self._http.build_request(
                parts.method,
                parts.url,
                headers=parts.headers,
                content=parts.content,
                params=tuple(parts.params) or None,
            )
        except (httpx.InvalidURL, UnicodeError, ValueError) as err:
            # httpx refuses a URL component over 64 KB and a header it cannot encode (a
            # credential with non-ASCII text); the message never quotes the value.
            raise RequestError(
                f"{op.name}: the request cannot be built ({type(err).__name__}: "
                f"{_first_words(str(err))})"
            ) from None


class BaseClient(_Base[P, httpx.Client]):
    """Base of every generated synchronous client.

    ``base_url`` defaults to the spec's address; ``protocol`` to the first the spec declares.
    Pass ``http_client`` to reuse a connection pool, cookies and auth, or to inject a transport
    (``httpx.MockTransport``, ``wirekit.testing.contract_transport``, vcrpy); a client you pass
    is not closed by this one. ``timeout`` applies to a client created here, per socket
    operation; ``deadline`` (seconds, default 60) bounds each whole call, connect to last body
    byte, whichever client sends it; ``max_response_bytes`` (default 50 MiB) bounds the decoded
    answer. Exceeding either raises ``TimeoutError_`` / ``ResponseFormatError``.
    """

    def _new_http(self, timeout: float) -> httpx.Client:
        # Reads held to each call's deadline even while headers drip (wirekit.deadline_backend).
        transport = bounded_transport(httpx.HTTPTransport(verify=shared_ssl_context()))
        return httpx.Client(timeout=timeout, transport=transport)

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _call(self, op: Operation[R], args: Mapping[str, object], extra: object = None) -> R:
        request = self._build(op, args, extra)
        published = CALL_ARGUMENTS.set(args)  # for the log filter (wirekit.scrub.values)
        try:
            response = send(self._http, request, op.name, self.limits)
            result = op.read(self.protocol, response)
            self._answered(op, response)
            return result
        except BindingError as err:
            redact_arguments(err, {**self._secrets(args, extra), **self.credentials.secrets()})
            raise
        finally:
            CALL_ARGUMENTS.reset(published)


class BaseAsyncClient(_Base[P, httpx.AsyncClient]):
    """Base of every generated asynchronous client; see ``BaseClient``."""

    def _new_http(self, timeout: float) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=timeout, verify=shared_ssl_context())

    async def close(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def _call(self, op: Operation[R], args: Mapping[str, object], extra: object = None) -> R:
        request = self._build(op, args, extra)
        published = CALL_ARGUMENTS.set(args)  # for the log filter (wirekit.scrub.values)
        try:
            response = await send_async(self._http, request, op.name, self.limits)
            result = op.read(self.protocol, response)
            self._answered(op, response)
            return result
        except BindingError as err:
            redact_arguments(err, {**self._secrets(args, extra), **self.credentials.secrets()})
            raise
        finally:
            CALL_ARGUMENTS.reset(published)


__all__ = [
    "BaseAsyncClient",
    "BaseClient",
    "Operation",
    "RequestParts",
    "check_protocol",
    "redact_arguments",
]
