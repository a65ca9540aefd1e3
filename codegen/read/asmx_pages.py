"""Read captured ASMX operation help pages (``service.asmx?op=Name``) into documented exchanges.

A help page is the only contract many ASMX users can still capture. The captures are messy:
plain-text copies, markdown with code fences, HTML form fragments, trailing spaces, fragments
pasted twice. This module only splits a page into its four protocol sections and their HTTP
messages, remembering line numbers; what the messages *mean* is ``asmx_infer``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import SpecError
from ..model import HttpMessage, Protocol, SourceLine

SECTION_TITLES: dict[str, Protocol] = {
    "SOAP 1.1": Protocol.SOAP11,
    "SOAP 1.2": Protocol.SOAP12,
    "HTTP GET": Protocol.HTTP_GET,
    "HTTP POST": Protocol.HTTP_POST,
}
_REQUEST_LINE = re.compile(r"^(GET|POST) (/\S*) HTTP/1\.[01]$")
_STATUS_LINE = re.compile(r"^HTTP/1\.[01] (\d{3})\b ?(.*)$")
_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_FORM_PARAM = re.compile(r"^([A-Za-z_][\w.]*):(?:\s.*)?$")


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass(frozen=True)
class PageSection:
    """One protocol section of a help page: the sample request and response."""

    protocol: Protocol
    title: SourceLine
    request: HttpMessage
    response: HttpMessage


@dataclass(frozen=True)
class HelpPage:
    path: str
    operation_heading: Line | None
    form_parameters: tuple[Line, ...]
    sections: tuple[PageSection, ...]

    def section(self, protocol: Protocol) -> PageSection | None:
        return next((s for s in self.sections if s.protocol == protocol), None)


def looks_like_help_page(text: str) -> bool:
    """Cheap test used to route a capture to this reader rather than another one."""
    return ".asmx" in text and any(line.strip() in SECTION_TITLES for line in text.splitlines())


def read_help_page(path: Path, display_path: str | None = None) -> HelpPage:
    """Split one capture into sections; raises ``SpecError`` naming file and line."""
    shown = display_path or str(path)
    text = path.read_text(encoding="utf-8")
    # Keep line numbers of the capture; drop what only decorates it (fences, trailing blanks).
    lines = [
        Line(n, "" if _FENCE.match(raw) else raw.rstrip())
        for n, raw in enumerate(text.splitlines(), start=1)
    ]
    titles = [i for i, line in enumerate(lines) if line.text.strip() in SECTION_TITLES]
    if not titles or ".asmx" not in text:
        raise SpecError(
            SourceLine(shown, 1),
            "not an ASMX help page (no 'SOAP 1.1', 'SOAP 1.2', "
            "'HTTP GET' or 'HTTP POST' section with an .asmx request)",
        )
    sections: list[PageSection] = []
    for k, start in enumerate(titles):
        end = titles[k + 1] if k + 1 < len(titles) else len(lines)
        title = lines[start]
        protocol = SECTION_TITLES[title.text.strip()]
        if any(s.protocol == protocol for s in sections):
            raise SpecError(
                SourceLine(shown, title.number), f"section {title.text!r} appears twice"
            )
        request, response = _read_messages(lines[start + 1 : end], shown, title)
        sections.append(PageSection(protocol, SourceLine(shown, title.number), request, response))
    return HelpPage(
        path=shown,
        operation_heading=_operation_heading(lines[: titles[0]]),
        form_parameters=_form_parameters(lines[: titles[0]]),
        sections=tuple(sections),
    )


def _operation_heading(preamble: list[Line]) -> Line | None:
    """The operation name ASMX prints under 'Click here for a complete list of operations.'"""
    for i, line in enumerate(preamble):
        if "complete list of operations" in line.text:
            return next((ln for ln in preamble[i + 1 :] if ln.text.strip()), None)
    return None


def _form_parameters(preamble: list[Line]) -> tuple[Line, ...]:
    """Parameter names of the 'Test' form (``name:`` lines after the 'Parameter Value' row)."""
    found: list[Line] = []
    in_form = False
    for line in preamble:
        stripped = line.text.strip()
        if stripped.startswith("Parameter") and "Value" in stripped:
            in_form = True
            continue
        match = _FORM_PARAM.match(stripped) if in_form else None
        if match:
            found.append(Line(line.number, match.group(1)))
        elif in_form and found and not stripped.startswith("<"):
            break
    return tuple(found)


def _read_messages(body: list[Line], path: str, title: Line) -> tuple[HttpMessage, HttpMessage]:
    starts = [i for i, ln in enumerate(body) if _REQUEST_LINE.match(ln.text.strip())]
    statuses = [i for i, ln in enumerate(body) if _STATUS_LINE.match(ln.text.strip())]
    if not starts:
        raise SpecError(
            SourceLine(path, title.number),
            f"section {title.text!r} has no sample request line ('POST /x.asmx HTTP/1.1')",
        )
    req_at = starts[0]
    resp_after = [i for i in statuses if i > req_at]
    if not resp_after:
        raise SpecError(
            SourceLine(path, body[req_at].number),
            f"section {title.text!r} has a request but no sample response ('HTTP/1.1 200 OK')",
        )
    resp_at = resp_after[0]
    return (
        _message(body[req_at:resp_at], path),
        _message(body[resp_at:], path),
    )


def _message(lines: list[Line], path: str) -> HttpMessage:
    start = lines[0]
    headers: list[tuple[str, str]] = []
    i = 1
    while i < len(lines) and lines[i].text.strip():
        match = _HEADER.match(lines[i].text.strip())
        if not match:
            break
        headers.append((match.group(1), match.group(2).strip()))
        i += 1
    while i < len(lines) and not lines[i].text.strip():
        i += 1
    body_lines = [ln.text for ln in lines[i:]]
    while body_lines and not body_lines[-1].strip():
        body_lines.pop()
    body_start = lines[i].number if i < len(lines) else start.number
    request = _REQUEST_LINE.match(start.text.strip())
    status = _STATUS_LINE.match(start.text.strip())
    return HttpMessage(
        where=SourceLine(path, start.number),
        method=request.group(1) if request else "",
        target=request.group(2) if request else "",
        status=int(status.group(1)) if status else 0,
        reason=status.group(2) if status else "",
        headers=tuple(headers),
        body="\n".join(body_lines),
        body_line=body_start,
    )
