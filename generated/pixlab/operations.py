# Generated from specs/pixlab/openapi.yaml by `make generate`. Do not edit.
"""REST operations of the pixlab service: where each argument travels, how answers decode.

The client hands these specs to ``wirekit.rest``, which builds the request and maps every
failure (HTTP status, unreadable answer, the vendor's in-band error) to a ``BindingError``.
"""

from __future__ import annotations

from typing import Any

from wirekit.rest import ApiErrorRule, RestOperationSpec, RestRequest
from wirekit.scalars import encode_int as enc_int

from .json_models import DeleteResponse, OilpaintResponse


def encode_delete(
    *,
    link: str,
    key: str | None = None,
) -> RestRequest:
    query: list[tuple[str, str]] = []
    query.append(("link", link))
    if key is not None:
        query.append(("key", key))
    return RestRequest(
        query=query,
    )


def decode_delete(data: Any) -> DeleteResponse:
    return DeleteResponse.model_validate(data)


DELETE: RestOperationSpec[DeleteResponse] = RestOperationSpec(
    name="delete",
    method="GET",
    path="/delete",
    encode=encode_delete,
    response_format="json",
    decode=decode_delete,
    root=None,
    api_error=ApiErrorRule(code="status", success=("200",), message="error"),
)


def encode_oilpaint(
    *,
    img: str,
    radius: int | None = None,
    key: str | None = None,
) -> RestRequest:
    query: list[tuple[str, str]] = []
    query.append(("img", img))
    if radius is not None:
        query.append(("radius", enc_int(radius)))
    if key is not None:
        query.append(("key", key))
    return RestRequest(
        query=query,
    )


def decode_oilpaint(data: Any) -> OilpaintResponse:
    return OilpaintResponse.model_validate(data)


OILPAINT: RestOperationSpec[OilpaintResponse] = RestOperationSpec(
    name="oilpaint",
    method="GET",
    path="/oilpaint",
    encode=encode_oilpaint,
    response_format="json",
    decode=decode_oilpaint,
    root=None,
    api_error=ApiErrorRule(code="status", success=("200",), message="error"),
)
