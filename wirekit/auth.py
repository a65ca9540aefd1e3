"""Client-level credentials, applied to exactly the operations whose ``security`` asks for them.

A generated client takes ``api_key=``, ``token=`` (bearer) and ``username=``/``password=``
(HTTP basic), whichever the service's ``securitySchemes`` declare. Each operation carries its
security alternatives as ``(kind, location, wire name)`` triples; ``choose`` picks the first
alternative whose credentials the client holds, preferring headers to cookies to the query (a
key in a URL ends up in logs and proxies), and an empty alternative (``security: []`` or
``{}``) means the operation needs none. When no alternative can be met the request goes out as
built: the user may authenticate through their own httpx client (PixLab's
``WWW-Authenticate`` header, say), and the server answers 401 otherwise.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass

Scheme = tuple[str, str, str]
_RANK = {"header": 0, "cookie": 1, "query": 2}


@dataclass(frozen=True, slots=True)
class Credentials:
    api_key: str | None = None
    token: str | None = None
    username: str | None = None
    password: str | None = None

    def kinds(self) -> set[str]:
        held = set()
        if self.api_key is not None:
            held.add("api_key")
        if self.token is not None:
            held.add("bearer")
        if self.username is not None and self.password is not None:
            held.add("basic")
        return held

    def secrets(self) -> dict[str, str]:
        """Credential values by a secret-sounding name, for redacting error messages."""
        named = {"api_key": self.api_key, "token": self.token, "password": self.password}
        return {k: v for k, v in named.items() if v is not None}


def choose(alternatives: Sequence[Sequence[Scheme]], held: set[str]) -> tuple[Scheme, ...] | None:
    """The alternative to apply, ``()`` when none is needed, ``None`` when none can be met."""
    if not alternatives:
        return ()
    met = [tuple(a) for a in alternatives if all(kind in held for kind, _, _ in a)]
    if not met:
        return None
    if any(not a for a in met) and len(met) == 1:
        return ()
    return min(met, key=lambda a: (not a, max((_RANK.get(loc, 3) for _, loc, _ in a), default=0)))


def apply(
    alternatives: Sequence[Sequence[Scheme]],
    creds: Credentials,
    headers: list[tuple[str, str]],
    params: list[tuple[str, str]],
) -> None:
    """Add the chosen alternative's credentials to ``headers``/``params`` in place."""
    picked = choose(alternatives, creds.kinds())
    cookies: list[str] = []
    for kind, location, wire in picked or ():
        if kind == "basic":
            pair = f"{creds.username}:{creds.password}".encode()
            headers.append(("Authorization", "Basic " + base64.b64encode(pair).decode("ascii")))
        elif kind == "bearer":
            headers.append(("Authorization", f"Bearer {creds.token}"))
        elif location == "query":
            params.append((wire, str(creds.api_key)))
        elif location == "cookie":
            cookies.append(f"{wire}={creds.api_key}")
        else:
            headers.append((wire, str(creds.api_key)))
    if cookies:
        merged = [v for k, v in headers if k.lower() == "cookie"] + cookies
        headers[:] = [(k, v) for k, v in headers if k.lower() != "cookie"]
        headers.append(("Cookie", "; ".join(merged)))


__all__ = ["Credentials", "Scheme", "apply", "choose"]
