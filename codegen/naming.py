"""Python names for wire names: one rule, used by every emitter so models, codecs and clients agree.

``contactAPIkey`` must become ``contact_api_key`` (not ``contact_ap_ikey`` as generic
camel-case splitters make it), ``FinalImagesURL`` ``final_images_url``, ``ImageURL2``
``image_url2``. A run of capitals is one word; a known acronym followed by lower case ends there.
"""

from __future__ import annotations

import keyword
import re

ACRONYMS = (
    "API",
    "URL",
    "URI",
    "ID",
    "XML",
    "HTTP",
    "HTTPS",
    "SOAP",
    "JSON",
    "HTML",
    "GUID",
    "UUID",
    "UTC",
    "IP",
    "PDF",
    "SKU",
    "FTP",
    "SMS",
    "CSV",
    "JPG",
    "PNG",
    "RGB",
    "DPI",
    "IDs",
)
_RESERVED = set(keyword.kwlist) | set(keyword.softkwlist) | {"self", "cls"}


def words(name: str) -> list[str]:
    """Split a wire name into words (camelCase, PascalCase, ACRONYMS, digits, separators)."""
    out: list[str] = []
    for part in re.split(r"[^A-Za-z0-9]+", name):
        out.extend(_camel_words(part))
    return out


def _camel_words(part: str) -> list[str]:
    found: list[str] = []
    i = 0
    while i < len(part):
        j = i
        if part[i].isupper():
            while j < len(part) and part[j].isupper():
                j += 1
            run = part[i:j]
            lower_end = j
            while lower_end < len(part) and part[lower_end].islower():
                lower_end += 1
            tail = part[j:lower_end]
            if len(run) > 1 and tail and (run in ACRONYMS and tail != "s"):
                found.append(run)  # APIkey -> API key
                i = j
                continue
            if len(run) > 1 and tail == "s" and run in ACRONYMS:
                found.append(run + tail)  # URLs -> urls
                i = lower_end
                continue
            if len(run) > 1 and tail:
                found.append(run[:-1])  # HTMLParser -> HTML Parser
                i = j - 1
                continue
            found.append(part[i:lower_end])
            i = lower_end
        elif part[i].isdigit():
            while j < len(part) and part[j].isdigit():
                j += 1
            found.append(part[i:j])
            i = j
        else:
            while j < len(part) and part[j].islower():
                j += 1
            found.append(part[i:j])
            i = j
    return found


def snake(name: str) -> str:
    """The snake_case Python identifier for a wire name."""
    text = "_".join(w.lower() for w in words(name)) or "value"
    text = re.sub(r"_(\d)", r"\1", text)
    if text[0].isdigit():
        text = f"n{text}"
    return f"{text}_" if text in _RESERVED else text


#: The public names of every generated client's own API (``wirekit.client``,
#: ``wirekit.soap_client`` and the REST client): lifecycle methods and the attributes users
#: read. An operation method of one of these names would silently replace it (an operation
#: ``Close`` would be called on leaving ``with Client() as c:``), so ``method_name`` suffixes
#: it. Shared by the SOAP and REST emitters.
CLIENT_API = frozenset(
    {
        "aclose",
        "base_url",
        "close",
        "credentials",
        "last_response_headers",
        "limits",
        "protocol",
        "response_header",
        "server_url",
        "soap_headers",
    }
)


def method_name(name: str) -> str:
    """The client method of operation ``name``: its snake_case, with ``_`` appended when that
    is a name of the client's own API (``Close`` → ``close_``), deterministically."""
    text = snake(name)
    return f"{text}_" if text in CLIENT_API else text


def pascal(name: str) -> str:
    """A class name: the wire name's parts (split at anything not a letter or digit) each with
    its first letter upper-cased, the rest kept as published (``Customer_Info`` →
    ``CustomerInfo``, ``order.line`` → ``OrderLine``): CapWords, as ruff's N801 wants."""
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", name) if p]
    text = "".join(p[:1].upper() + p[1:] for p in parts)
    if not text or text[0].isdigit():
        text = f"T{text}"
    return text


def constant(name: str) -> str:
    return snake(name).rstrip("_").upper()


def unique(names: list[str]) -> list[str]:
    """The same names with later duplicates suffixed ``_2``, ``_3``…, order kept."""
    seen: dict[str, int] = {}
    out = []
    for n in names:
        count = seen.get(n, 0) + 1
        seen[n] = count
        out.append(n if count == 1 else f"{n}_{count}")
    return out


def package_name(folder: str, where: str = "") -> str:
    """The Python package name of a spec folder: ``my-service`` → ``my_service``,
    ``class`` → ``class_``, ``2fa`` → ``svc_2fa``. Always importable; the CLI says when it
    differs from the folder's name."""
    name = re.sub(r"\W", "_", folder, flags=re.ASCII)
    if not name.strip("_"):
        raise ValueError(f"{where or folder}: no usable package name in {folder!r}")
    if name[0].isdigit():
        name = f"svc_{name}"
    return f"{name}_" if keyword.iskeyword(name) or keyword.issoftkeyword(name) else name
