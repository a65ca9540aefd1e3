"""Failure #12: a multipart file field takes ``bytes`` (sent as before: the field's name as
file name, the document's media type) or a ``wirekit.uploads.FileUpload`` carrying the file
name and media type the server should see (ASP.NET ``IFormFile.FileName``, FastAPI
``UploadFile.content_type``); anything else is refused before sending."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.openapi_real_support import Real, real
from wirekit.errors import RequestError
from wirekit.uploads import FileUpload

__all__ = ["real"]

IMAGE = {"id": "00000000-0000-4000-8000-000000000001", "status": "ready"}


def _upload(real: Real, service: str, method: str, answer: Any, **args: Any) -> httpx.Request:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(201, json=answer)

    creds = {"api_key": "k"} if service == "image_editing" else {"token": "t"}
    http = httpx.Client(transport=httpx.MockTransport(handler))
    with real.modules[service].Client(http_client=http, **creds) as c:
        try:
            getattr(c, method)(**args)
        except RequestError:
            raise
        except Exception:
            pass
    return sent[0]


def _file_headers(request: httpx.Request) -> list[bytes]:
    return [
        line
        for line in request.content.split(b"\r\n")
        if b"filename=" in line or (line.startswith(b"Content-Type: ") and b"json" not in line)
    ]


def test_a_file_upload_names_its_file_and_media_type(real: Real) -> None:
    scan = FileUpload(b"\x89PNG...", 'my "cat".png', "image/png")
    request = _upload(real, "image_editing", "upload_image", IMAGE, file=scan)
    heads = _file_headers(request)
    assert b'Content-Disposition: form-data; name="file"; filename="my \\"cat\\".png"' in heads
    assert b"Content-Type: image/png" in heads
    assert b"\x89PNG...\r\n" in request.content


def test_plain_bytes_keep_the_field_name_and_lists_mix_both(real: Real) -> None:
    request = _upload(real, "image_editing", "upload_image", IMAGE, file=b"raw")
    assert b'name="file"; filename="file"' in request.content
    files = [b"one", FileUpload(b"two", "two.mp3", "audio/mpeg")]
    request = _upload(real, "media_library", "upload_files", [], files=files)
    assert b'filename="files"' in request.content
    assert b'filename="two.mp3"\r\nContent-Type: audio/mpeg' in request.content


def test_anything_else_is_refused_before_sending(real: Real) -> None:
    with pytest.raises(RequestError, match="expected bytes or FileUpload"):
        _upload(real, "image_editing", "upload_image", IMAGE, file=("a.png", b"x", "image/png"))
