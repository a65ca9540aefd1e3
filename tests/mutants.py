"""Deliberate wire mutations of the generated bindings and the runtime: each one is a bug a
contract suite must notice. ``tests/test_mutations.py`` applies them one at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest

import wirekit.asmx as asmx
import wirekit.codec as codec
import wirekit.rest as rest

_ESC = codec.esc
NS = "{http://removethebackground.com/}"
DC = "{http://schemas.datacontract.org/2004/07/RemoveTheBackground}"


@dataclass(frozen=True)
class Mutant:
    name: str
    service: str
    #: A generated module of the service, or "" for a runtime mutant.
    file: str = ""
    old: str = ""
    new: str = ""
    #: Runtime mutants patch ``wirekit`` instead (a fresh copy of the package then binds it).
    patch: Callable[[pytest.MonkeyPatch], None] | None = None


def _setting(owner: Any, name: str, value: Any) -> Callable[[pytest.MonkeyPatch], None]:
    """A runtime mutant replacing ``owner.name`` with ``value``."""
    return lambda mp: mp.setattr(owner, name, value)


def _bent(owner: Any, change: Callable[[Any], Any]) -> Callable[[pytest.MonkeyPatch], None]:
    """A runtime mutant passing every ``RequestParts`` that ``owner.request`` makes through
    ``change``."""

    def patch(mp: pytest.MonkeyPatch) -> None:
        real = owner.request
        mp.setattr(owner, "request", lambda self, *args: change(real(self, *args)))

    return patch


_SOAP11 = "text/xml; charset=utf-8"
_soap11_unquoted = _setting(
    asmx.Soap11, "headers", lambda self, a: [("Content-Type", _SOAP11), ("SOAPAction", a)]
)
_soap11_no_charset = _setting(
    asmx.Soap11, "headers", lambda self, a: [("Content-Type", "text/xml"), ("SOAPAction", f'"{a}"')]
)
_soap12_no_action = _setting(
    asmx.Soap12,
    "headers",
    lambda self, a: [("Content-Type", "application/soap+xml; charset=utf-8")],
)
_soap12_wrong_envelope = _setting(
    asmx.Soap12, "envelope_ns", "http://schemas.xmlsoap.org/soap12/envelope/"
)
_no_escaping = _setting(codec, "esc", lambda text: text)
_double_escaping = _setting(codec, "esc", lambda text: _ESC(text).replace("&amp;", "&amp;amp;"))
_get_as_post = _bent(asmx.HttpGet, lambda parts: replace(parts, method="POST"))
_form_charset = _bent(
    asmx.HttpPost,
    lambda parts: replace(
        parts, headers=[("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
    ),
)
_json_spacing = _bent(
    rest.RestOperationSpec,
    lambda parts: replace(
        parts,
        content=parts.content.replace(b'"ImageURL"', b'"ImageUrl"') if parts.content else None,
    ),
)


#: The codecs module of the operation each mutant changes (``codecs/<method>.py``).
_PIXELZ_OP = "codecs/get_images_list.py"
_RTB_OP = "codecs/get_image_status.py"

_FROM = '("" if from_date is None else "<fromDate>" + esc(from_date) + "</fromDate>"),'
_TO = '("" if to_date is None else "<toDate>" + esc(to_date) + "</toDate>"),'
_FROM_TO = f"{_FROM}\n            {_TO}"
_TO_FROM = f"{_TO}\n            {_FROM}"

MUTANTS = [
    # --- the action and the names on the wire -----------------------------------------------
    Mutant(
        "action",
        "pixelz",
        _PIXELZ_OP,
        'soap_action="http://removethebackground.com/GetImagesList"',
        'soap_action="http://removethebackground.com/GetImageList"',
    ),
    Mutant(
        "action-case",
        "removethebackground",
        _RTB_OP,
        'soap_action="http://removethebackground.com/getImageStatus"',
        'soap_action="http://removethebackground.com/GetImageStatus"',
    ),
    Mutant("soapaction-quoting", "pixelz", patch=_soap11_unquoted),
    Mutant("soap11-charset", "pixelz", patch=_soap11_no_charset),
    Mutant("soap12-action-param", "pixelz", patch=_soap12_no_action),
    Mutant("soap12-envelope", "removethebackground", patch=_soap12_wrong_envelope),
    Mutant(
        "request-element-case",
        "pixelz",
        _PIXELZ_OP,
        '"<page>" + esc(page) + "</page>"',
        '"<Page>" + esc(page) + "</Page>"',
    ),
    Mutant(
        "request-element-name",
        "removethebackground",
        _RTB_OP,
        '"<ImageTicket>" + esc(str(image_ticket)) + "</ImageTicket>"',
        '"<Ticket>" + esc(str(image_ticket)) + "</Ticket>"',
    ),
    Mutant(
        "request-wrapper",
        "pixelz",
        _PIXELZ_OP,
        "'<GetImagesList xmlns=\"http://removethebackground.com/\">'",
        "'<GetImagesList xmlns=\"http://removethebackground.com\">'",
    ),
    Mutant(
        "request-padding",
        "pixelz",
        _PIXELZ_OP,
        '"<page>" + esc(page) + "</page>"',
        '"<page> " + esc(page) + "</page>"',
    ),
    Mutant(
        "request-order",
        "pixelz",
        _PIXELZ_OP,
        _FROM_TO,
        _TO_FROM,
    ),
    Mutant("escaping", "pixelz", patch=_no_escaping),
    Mutant("double-escaping", "pixelz", patch=_double_escaping),
    Mutant(
        "http-path",
        "pixelz",
        _PIXELZ_OP,
        'http_path="/GetImagesList"',
        'http_path="/GetImagesLists"',
    ),
    Mutant("http-get-method", "removethebackground", patch=_get_as_post),
    Mutant("form-content-type", "pixelz", patch=_form_charset),
    Mutant(
        "pair-name",
        "pixelz",
        _PIXELZ_OP,
        'pairs.append(("page", "" if page is None else page))',
        'pairs.append(("Page", "" if page is None else page))',
    ),
    Mutant(
        "pair-value",
        "pixelz",
        _PIXELZ_OP,
        'pairs.append(("page", "" if page is None else page))',
        'pairs.append(("page", "" if page is None else page.replace("&", "and")))',
    ),
    # --- reading the answer ------------------------------------------------------------------
    Mutant(
        "answer-element-name",
        "pixelz",
        _PIXELZ_OP,
        f'elif tag == "{NS}StatusName":',
        f'elif tag == "{NS}Statusname":',
    ),
    Mutant(
        "answer-type",
        "pixelz",
        _PIXELZ_OP,
        'status_id = dec_int(child.text or "")',
        'status_id = dec_int(child.text or "") + 1',
    ),
    Mutant(
        "answer-bool",
        "pixelz",
        _PIXELZ_OP,
        'is_paid = dec_bool(child.text or "")',
        'is_paid = not dec_bool(child.text or "")',
    ),
    Mutant(
        "nil",
        "pixelz",
        _PIXELZ_OP,
        "                None\n                if is_nil(child)\n                else [",
        "                []\n                if is_nil(child)\n                else [",
    ),
    Mutant(
        "required-check",
        "pixelz",
        _PIXELZ_OP,
        '        raise missing("ImageStatus", "ImageTicket")',
        "        pass",
    ),
    Mutant(
        "response-element",
        "pixelz",
        _PIXELZ_OP,
        f'response_element="{NS}GetImagesListResponse"',
        f'response_element="{NS}GetImagesListResponses"',
    ),
    Mutant(
        "result-element",
        "removethebackground",
        _RTB_OP,
        f'result_element="{NS}getImageStatusResult"',
        f'result_element="{NS}GetImageStatusResult"',
    ),
    Mutant(
        "http-root",
        "pixelz",
        _PIXELZ_OP,
        f'http_root="{NS}ImagesListResponse"',
        f'http_root="{NS}ImageListResponse"',
    ),
    # --- REST ----------------------------------------------------------------------------------
    Mutant(
        "rest-path",
        "removethebackground_rest",
        "operations.py",
        'path="/Templates/"',
        'path="/Template/"',
    ),
    Mutant(
        "rest-method",
        "removethebackground_rest",
        "operations.py",
        'method="POST",',
        'method="PUT",',
    ),
    Mutant("rest-body-key", "removethebackground_rest", patch=_json_spacing),
    Mutant(
        "rest-query-name",
        "removethebackground_rest",
        "operations.py",
        'query.append(("ContactEmail", contact_email))',
        'query.append(("contactEmail", contact_email))',
    ),
    Mutant(
        "rest-path-param",
        "removethebackground_rest",
        "operations.py",
        'path["ImageTicket"] = enc_uuid(as_uuid(image_ticket))',
        'path["ImageTicket"] = enc_uuid(as_uuid(image_ticket)).upper()',
    ),
    Mutant(
        "rest-success-code",
        "removethebackground_rest",
        "operations.py",
        'ApiErrorRule(code="ErrorCode", success=("noError",), message="Message")',
        'ApiErrorRule(code="ErrorCode", success=("NoErrors",), message="Message")',
    ),
    Mutant(
        "rest-element-map",
        "removethebackground_rest",
        "operations.py",
        f'"IMAGETICKET": "{DC}ImageTicket"',
        f'"IMAGETICKET": "{DC}Ticket"',
    ),
    Mutant(
        "json-query-name",
        "pixlab",
        "operations.py",
        'query.append(("link", link))',
        'query.append(("url", link))',
    ),
    Mutant(
        "json-answer",
        "pixlab",
        "operations.py",
        "return DeleteResponse.model_validate(data)",
        'return DeleteResponse.model_validate({**data, "deleted": False})',
    ),
    Mutant(
        "json-status-rule",
        "pixlab",
        "operations.py",
        'ApiErrorRule(code="status", success=("200",), message="error")',
        'ApiErrorRule(code="status", success=("201",), message="error")',
    ),
]
