"""A file for a multipart upload, with the name and media type the server should see.

A ``format: binary`` field of a ``multipart/form-data`` body (ASP.NET ``IFormFile``, FastAPI
``UploadFile``, Spring ``MultipartFile``) takes plain ``bytes`` (sent as
``filename="<field name>"`` with the media type the document's ``encoding`` gives, else
``application/octet-stream``) or a ``FileUpload``, whose ``filename`` and ``media_type`` are
sent instead: servers store the name, image endpoints check ``image/png``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FileUpload:
    """``FileUpload(data, "scan.pdf", "application/pdf")``; empty strings keep the defaults."""

    content: bytes
    filename: str = ""
    media_type: str = ""


__all__ = ["FileUpload"]
