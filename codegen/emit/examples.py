"""Deterministic, typed example values for the placeholders of documented samples.

The same (placeholder, element name, item position) always gives the same value, whichever
protocol's sample it sits in: that is what lets a test assert that every protocol variant of an
operation parses to the same result. Secrets get the scrubbed form directly, so a cassette never
holds one, and a test that sends a real-looking secret proves the scrubber runs.
"""

from __future__ import annotations

import base64
import uuid
import zlib

from wirekit.scrub import REDACTED, REDACTED_EMAIL, is_email_name, is_secret_name

_EPOCH_DAYS = 28


def example(placeholder: str, name: str, position: tuple[int, ...] = ()) -> str:  # noqa: C901
    # One flat case per xsd placeholder reads better than a table of lambdas.
    """The example value for ``placeholder`` in element/parameter ``name`` at list ``position``."""
    seed = zlib.crc32(f"{name}/{'.'.join(map(str, position))}".encode())
    n = seed % 1000
    if " or " in placeholder:  # enumeration
        values = placeholder.split(" or ")
        return values[n % len(values)]
    match placeholder:
        case "string" | "anyURI" | "QName":
            if is_email_name(name):
                return REDACTED_EMAIL
            if is_secret_name(name):
                return REDACTED
            suffix = "".join(f"-{p + 1}" for p in position)
            # Characters XML must escape: a contract that never carries them could not tell an
            # escaping binding from one that writes malformed XML.
            return f"{name}{suffix} <&>" if placeholder == "string" else f"{name}{suffix}"
        case "int" | "long" | "short" | "integer" | "unsignedInt" | "unsignedLong":
            return str(n)
        case "byte" | "unsignedByte":
            return str(n % 100)
        case "unsignedShort" | "char":
            return str(65 + n % 26)
        case "boolean":
            return "true" if n % 2 else "false"
        case "decimal":
            return f"{n}.{seed % 100:02d}"
        case "double" | "float":
            return f"{n}.5"
        case "dateTime":
            day = f"2024-{1 + n % 12:02d}-{1 + n % _EPOCH_DAYS:02d}"
            return f"{day}T{n % 24:02d}:{n % 60:02d}:{seed % 60:02d}"
        case "date":
            return f"2024-{1 + n % 12:02d}-{1 + n % _EPOCH_DAYS:02d}"
        case "time":
            return f"{n % 24:02d}:{n % 60:02d}:{seed % 60:02d}"
        case "guid":
            return str(uuid.uuid5(uuid.NAMESPACE_URL, f"example:{name}/{position}"))
        case "base64Binary":
            return base64.b64encode(f"{name}{position}".encode()).decode("ascii")
        case "duration":
            return f"PT{n % 24}H"
        case _:
            return placeholder
