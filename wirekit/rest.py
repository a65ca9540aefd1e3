"""What every REST operation shares, so generated REST clients stay as thin as the SOAP ones.

A generated operation supplies a ``RestOperationSpec``: how to place its arguments (path, query,
headers, JSON body) and how to decode the answer. This module builds the ``httpx`` request and
turns the response into the typed result or a ``BindingError``. Two things real REST services
need that their pages do not say:

* XML answers are matched by element *local name, case-insensitively*: Remove The Background's
  page prints ``<ADDIMAGERESPONSE>`` without a namespace while the WCF service sends
  ``<AddImageResponse xmlns="http://schemas.datacontract.org/…">``. Tags are rewritten to the
  schema's qualified names once, before the generated decoders (which compare tags exactly and
  skip unknown elements) run.
* Vendors report failure inside a 200 answer (``ErrorCode`` other than ``noError``; PixLab's
  ``status`` other than 200). ``ApiErrorRule`` turns that into ``ApiError``; it is checked on
  the raw answer, before typed decoding, because an error answer rarely has the success shape.

One field, one value: a JSON object with a key twice, or an XML answer with its error-code
element twice, is refused (``ResponseFormatError``). Parsers disagree on which duplicate wins
(``json`` keeps the last, ``find`` the first), so ``{"status": 500, "status": 200}`` could pass
the error check with one value and decode with the other; the code is checked on the very
value that is then decoded. JSON nesting is bounded before ``json`` recurses into it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import quote, urlencode

import httpx
from lxml import etree

from wirekit.arguments import Param
from wirekit.client import RequestParts
from wirekit.errors import ApiError, BindingError, RequestError, ResponseFormatError
from wirekit.limits import MAX_JSON_DEPTH, json_too_deep
from wirekit.rest_params import multipart
from wirekit.rest_status import matches, raise_declared
from wirekit.transport import http_failure, is_json, is_xml, reading, wrong_media
from wirekit.uploads import FileUpload
from wirekit.xmlsafe import is_nil, parse_xml

R = TypeVar("R")
#: nginx and Apache refuse a request line over 8 KB by default (IIS: 16 KB): a longer URL is
#: refused here, before sending, rather than answered 414 (or cut) by a proxy.
MAX_URL_BYTES = 8192


@dataclass(frozen=True, slots=True)
class RestRequest:
    """Where one call's arguments go; produced by a generated ``encode_*`` function."""

    path: Mapping[str, str] = field(default_factory=dict)
    query: list[tuple[str, str]] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)
    #: The JSON body (any JSON value), or ``None`` when the request has no JSON body.
    json: object = None
    cookies: list[tuple[str, str]] = field(default_factory=list)
    #: Form fields (``application/x-www-form-urlencoded``, or the non-file multipart parts).
    form: list[tuple[str, str]] = field(default_factory=list)
    #: Multipart file parts: field name and content (with its file name and media type).
    files: list[tuple[str, bytes | FileUpload]] = field(default_factory=list)
    #: A raw body (``application/octet-stream``, ``text/plain``…).
    content: bytes | None = None


@dataclass(frozen=True, slots=True)
class ApiErrorRule:
    """The vendor's in-band failure convention: a ``code`` field outside ``success`` fails.

    ``success`` holds typed JSON values in the text form of ``success_text`` (``"noError"``,
    ``"200"`` for the number, ``'"200"'`` for the string). JSON answers compare by type and
    value (``200`` is not ``"200"``, ``true`` is not ``1``); XML answers compare the element's
    text with each value's XML form, case-insensitively: WCF writes enum members by their
    declared name (``NoError``) where pages print ``noError``.
    """

    code: str
    success: tuple[str, ...]
    message: str


@dataclass(frozen=True, slots=True)
class RestOperationSpec(Generic[R]):
    """One REST operation as generated code describes it to the runtime."""

    name: str
    method: str
    #: Path template relative to the service address (``/Image/Status/{ImageTicket}/``).
    path: str
    encode: Callable[..., RestRequest]
    #: ``"xml"`` or ``"json"``: what a successful answer carries.
    response_format: str
    #: XML: receives the (renamed) root element, or ``None`` for ``xsi:nil``; JSON: the parsed
    #: JSON value.
    decode: Callable[[Any], R]
    #: XML: the qualified name of the expected root element, after renaming.
    root: str | None = None
    #: XML: upper-cased local name → the schema's qualified name.
    names: Mapping[str, str] = field(default_factory=dict)
    api_error: ApiErrorRule | None = None
    protocols: tuple[str, ...] = ("rest",)
    #: The parameters, checked before anything is encoded (``wirekit.arguments``).
    params: tuple[Param, ...] = ()
    #: The body's kind when the document says (``json``, ``form``, ``multipart``, ``binary``,
    #: ``text``) and its media type; "" for the seed services' JSON bodies.
    body: str = ""
    media_type: str = ""
    #: multipart: field name → content type of its file parts.
    files: tuple[tuple[str, str], ...] = ()
    #: Success statuses with content (``200``, ``2XX``), and those answered with no content
    #: (the call returns ``None``).
    success: tuple[str, ...] = ("200",)
    empty: tuple[str, ...] = ()
    #: Declared error answers: status (``404``, ``4XX``, ``default``) → pydantic model class.
    errors: tuple[tuple[str, Any], ...] = ()
    #: Security alternatives as ``wirekit.auth`` applies them.
    security: tuple[tuple[tuple[str, str, str], ...], ...] = ()
    #: An operation-level server, used while the client talks to ``default_base``.
    server: str = ""
    default_base: str = ""
    #: The media type asked for when the answer is offered in several (JSON over XML).
    accept: str = ""
    #: The pydantic model of the headers the success answers document (fields aliased by
    #: header name), read by ``wirekit.rest_client``; ``None``: none documented.
    headers: Any = None

    def request(self, protocol: str, address: str, args: Mapping[str, object]) -> RequestParts:
        """The HTTP request for one call (``protocol`` is always ``"rest"``)."""
        parts = self.encode(**args)
        path = self.path
        for name, value in parts.path.items():
            # Path segments are quoted completely: a ticket holding "/" must not add a segment.
            path = path.replace(f"{{{name}}}", segment(value))
        if self.server and address.rstrip("/") == self.default_base.rstrip("/"):
            address = self.server
        url = address.rstrip("/") + path
        headers = list(parts.headers)
        if self.accept:
            headers.append(("Accept", self.accept))
        if parts.cookies:
            headers.append(("Cookie", "; ".join(f"{k}={v}" for k, v in parts.cookies)))
        content: bytes | None = None
        media = self.media_type
        if parts.json is not None:
            content = json.dumps(parts.json, ensure_ascii=False, separators=(",", ":")).encode()
            headers.append(("Content-Type", media or "application/json"))
        elif self.body == "form":
            content = urlencode(parts.form, quote_via=quote).encode()
            headers.append(("Content-Type", media or "application/x-www-form-urlencoded"))
        elif self.body == "multipart":
            content, ctype = multipart(parts.form, parts.files, dict(self.files))
            headers.append(("Content-Type", ctype))
        elif parts.content is not None:
            content = parts.content
            headers.append(("Content-Type", media or "application/octet-stream"))
        query = list(parts.query)
        # Worst case first (a character is at most 4 UTF-8 bytes, each percent-encoded as 3),
        # so the common call never encodes its query twice.
        rough = len(url) + sum(12 * (len(k) + len(v)) + 2 for k, v in query)
        if rough > MAX_URL_BYTES and len(url) + len(urlencode(query)) + 1 > MAX_URL_BYTES:
            raise RequestError(
                f"{self.name}: the arguments make a URL longer than servers accept "
                f"({MAX_URL_BYTES} bytes); send long values in a request body"
            )
        return RequestParts(self.method, url, headers, content, params=query)

    def read(self, protocol: str, response: httpx.Response) -> R:
        """The typed result of ``response``, or the ``BindingError`` it stands for."""
        body, status = response.content, response.status_code
        content_type = response.headers.get("content-type")
        with reading(self.name, status, body, content_type, response.headers):
            if matches(status, self.empty) and not matches(status, self.success, exact=True):
                return None  # type: ignore[return-value]  # R includes None (see generated code)
            if status >= 300 and self.errors:
                raise_declared(self, body, status, content_type)
            if self.response_format in ("binary", "text", "none"):
                if status >= 300:
                    raise http_failure(body, status, content_type)
                if self.response_format == "text":
                    return self.decode(body.decode(response.encoding or "utf-8", "replace"))
                return self.decode(body if self.response_format == "binary" else None)
            if self.response_format == "json":
                return _json_result(self, body, status, content_type)
            return _xml_result(self, body, status, content_type)


#: A JSON answer without the code field: nothing to check (``null`` is a value, and fails).
_MISSING = object()


def success_text(value: object) -> str:
    """How a success value travels in generated code: a string as itself, unless it reads as
    JSON (``"200"``, ``"true"``), and every other value as its JSON text. ``success_value``
    inverts it exactly."""
    if isinstance(value, str):
        try:
            json.loads(value)
        except ValueError:
            return value
    return json.dumps(value)


def success_value(text: str) -> object:
    """The typed JSON value ``success_text`` wrote as ``text``."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def xml_form(value: object) -> str:
    """A JSON scalar as XML writes it (``true``, ``200``, ``noError``)."""
    return value if isinstance(value, str) else "" if value is None else json.dumps(value)


def _same_json(got: object, want: object) -> bool:
    """Equal as JSON values: same type (booleans are not numbers), same value."""
    if isinstance(got, bool) or isinstance(want, bool):
        return got is want
    if isinstance(got, int | float) and isinstance(want, int | float):
        return got == want
    if isinstance(got, str) and isinstance(want, str):
        return got.strip() == want
    return got is None and want is None


def is_success(rule: ApiErrorRule, code: object, *, xml: bool) -> bool:
    """Whether ``code`` (XML: the element's text) is one of ``rule``'s success values."""
    wanted = [success_value(text) for text in rule.success]
    if xml:
        text = str(code).strip().casefold()
        return any(text == xml_form(w).casefold() for w in wanted)
    return any(_same_json(code, w) for w in wanted)


def _check_api_error(
    rule: ApiErrorRule | None, code: object, message: object, *, xml: bool = False
) -> None:
    if rule is None or code is _MISSING or (xml and code is None):
        return
    if not is_success(rule, code, xml=xml):
        text = code if isinstance(code, str) else json.dumps(code)
        raise ApiError(text.strip(), "" if message is None else str(message).strip())


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` refusing an object that names one key twice."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"key {key!r} appears more than once in one object")
        data[key] = value
    return data


def _not_json(name: str) -> Any:
    """``parse_constant``: Python's json reads ``NaN``/``Infinity``, which JSON does not have."""
    raise ValueError(f"{name} is not a JSON value")


def _load_json(spec: RestOperationSpec[Any], body: bytes, status: int, ctype: str | None) -> Any:
    """The parsed answer; an unreadable error answer is reported as the HTTP failure it is."""
    try:
        if json_too_deep(body):
            raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")
        return json.loads(body, object_pairs_hook=_unique_keys, parse_constant=_not_json)
    except ValueError as err:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        if status >= 300:
            raise http_failure(body, status, ctype) from None
        raise ResponseFormatError(f"{spec.name}: the answer is not valid JSON: {err}") from None


def segment(value: str) -> str:
    """A path parameter quoted to stay one segment: ``/`` is escaped, and so are the dots of
    ``.`` and ``..``, which URL normalisation would otherwise resolve into another endpoint."""
    quoted = quote(value, safe="")
    return quoted.replace(".", "%2E") if quoted in (".", "..") else quoted


def _json_result(
    spec: RestOperationSpec[R], body: bytes, status: int, content_type: str | None
) -> R:
    json_answer = is_json(content_type)
    data: Any = _load_json(spec, body, status, content_type) if json_answer else None
    rule = spec.api_error
    if isinstance(data, dict) and rule is not None:
        try:
            _check_api_error(rule, data.get(rule.code, _MISSING), data.get(rule.message))
        except ApiError as err:
            err.parsed = data
            raise
    if status >= 300:
        raise http_failure(body, status, content_type)
    if not json_answer:
        raise wrong_media("JSON", body, content_type)
    return spec.decode(data)


def normalise_names(root: etree._Element, names: Mapping[str, str]) -> None:
    """Rename every element the schema knows (by local name, any case) to its qualified name."""
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        local = tag.rpartition("}")[2]
        wanted = names.get(local.upper())
        if wanted is not None and wanted != tag:
            el.tag = wanted


def _xml_result(
    spec: RestOperationSpec[R], body: bytes, status: int, content_type: str | None
) -> R:
    if status >= 300:
        raise http_failure(body, status, content_type)
    if not is_xml(content_type):
        raise wrong_media("XML", body, content_type)
    root = parse_xml(body, status=status, content_type=content_type)
    normalise_names(root, spec.names)
    if spec.root is not None and root.tag != spec.root:
        raise ResponseFormatError(f"expected root element <{spec.root}>, got <{root.tag}>")
    rule = spec.api_error
    if rule is not None:
        code = _single(root, rule.code)
        message = _single(root, rule.message)
        try:
            _check_api_error(
                rule,
                None if code is None else (code.text or ""),
                None if message is None or is_nil(message) else message.text,
                xml=True,
            )
        except ApiError as err:
            err.parsed = _try_decode(spec, root)
            raise
    if is_nil(root):
        return spec.decode(None)
    return spec.decode(root)


def _single(root: etree._Element, name: str) -> etree._Element | None:
    """``root``'s one child named ``name`` (local name, any case: the decoders see every such
    child under the schema's name), or ``None``; two of them is an answer that says two
    things, and is refused."""
    wanted = name.upper()
    found = [
        el for el in root if isinstance(el.tag, str) and el.tag.rpartition("}")[2].upper() == wanted
    ]
    if len(found) > 1:
        tag = found[0].tag
        raise ResponseFormatError(f"<{tag}> appears {len(found)} times; expected at most once")
    return found[0] if found else None


def _try_decode(spec: RestOperationSpec[R], root: etree._Element) -> object:
    """The typed form of an error answer when it has the success shape, else the element."""
    try:
        return spec.decode(root)
    except (BindingError, ValueError, TypeError, KeyError):
        return root


__all__ = [
    "MAX_URL_BYTES",
    "ApiErrorRule",
    "RestOperationSpec",
    "RestRequest",
    "is_success",
    "normalise_names",
    "success_text",
    "success_value",
    "xml_form",
]
