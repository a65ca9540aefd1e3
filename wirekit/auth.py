"""Client-level credentials, applied to exactly the operations whose ``security`` asks for them.

A generated client takes ``api_key=``, ``token=`` (bearer) and ``username=``/``password=``
(HTTP basic), whichever the service's ``securitySchemes`` declare, and, where it declares
several API-key schemes, ``api_keys={scheme name: value}``: an operation that needs two keys
together (an application id and a key, IBM API Connect's client id and secret) sends each its
own value; one ``api_key=`` is never copied into two schemes. Each operation carries its
security alternatives as ``(kind, location, wire name)`` triples; ``choose`` picks the first
alternative whose credentials the client holds, preferring headers to cookies to the query (a
key in a URL ends up in logs and proxies), and an empty alternative (``security: []`` or
``{}``) means the operation needs none. When no alternative can be met the request goes out as
built: the user may authenticate through their own httpx client (PixLab's
``WWW-Authenticate`` header, say), and the server answers 401 otherwise.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Scheme = tuple[str, str, str]
_RANK = {"header": 0, "cookie": 1, "query": 2}


def key_name(location: str, wire: str) -> str:
    """What ``choose`` calls one API-key scheme's own value (``api_key header X-Api-Id``)."""
    return f"api_key {location} {wire}"


def scheme_keys(
    given: Mapping[str, str] | None, schemes: Sequence[tuple[str, str, str]]
) -> tuple[tuple[str, str, str], ...]:
    """``api_keys=`` by scheme name (as the document names them), as (location, wire, value);
    a name the service does not declare raises ``ValueError`` naming those it does."""
    if not given:
        return ()
    known = {name: (location, wire) for name, location, wire in schemes}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise ValueError(
            f"unknown API-key scheme(s) {', '.join(unknown)}; "
            f"this service's: {', '.join(known) or 'none'}"
        )
    return tuple((*known[name], str(value)) for name, value in sorted(given.items()))


@dataclass(frozen=True, slots=True)
class Credentials:
    api_key: str | None = None
    token: str | None = None
    username: str | None = None
    password: str | None = None
    #: Per-scheme API keys, (location, wire name, value): see ``scheme_keys``.
    api_keys: tuple[tuple[str, str, str], ...] = ()

    def kinds(self) -> set[str]:
        held = {key_name(location, wire) for location, wire, _ in self.api_keys}
        if self.api_key is not None:
            held.add("api_key")
        if self.token is not None:
            held.add("bearer")
        if self.username is not None and self.password is not None:
            held.add("basic")
        return held

    def key(self, location: str, wire: str) -> str:
        """The value of one API-key scheme: its own, else the client's ``api_key``."""
        own = next((v for loc, w, v in self.api_keys if (loc, w) == (location, wire)), None)
        return str(own if own is not None else self.api_key)

    def secrets(self) -> dict[str, str]:
        """Credential values by a secret-sounding name, for redacting error messages."""
        named = {"api_key": self.api_key, "token": self.token, "password": self.password}
        named |= {f"api_key_{i}": v for i, (_, _, v) in enumerate(self.api_keys)}
        return {k: v for k, v in named.items() if v is not None}


def _met(alternative: Sequence[Scheme], held: set[str]) -> bool:
    """Whether ``held`` meets every scheme of ``alternative``: each API key by its own value,
    except one, which the generic ``api_key`` may fill (one value never goes into two
    schemes)."""
    unheld = [
        (location, wire)
        for kind, location, wire in alternative
        if kind == "api_key" and key_name(location, wire) not in held
    ]
    others = all(kind in held for kind, _, _ in alternative if kind != "api_key")
    return others and (not unheld or (len(unheld) == 1 and "api_key" in held))


def choose(alternatives: Sequence[Sequence[Scheme]], held: set[str]) -> tuple[Scheme, ...] | None:
    """The alternative to apply, ``()`` when none is needed, ``None`` when none can be met."""
    if not alternatives:
        return ()
    met = [tuple(a) for a in alternatives if _met(a, held)]
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
            params.append((wire, creds.key(location, wire)))
        elif location == "cookie":
            cookies.append(f"{wire}={creds.key(location, wire)}")
        else:
            headers.append((wire, creds.key(location, wire)))
    if cookies:
        merged = [v for k, v in headers if k.lower() == "cookie"] + cookies
        headers[:] = [(k, v) for k, v in headers if k.lower() != "cookie"]
        headers.append(("Cookie", "; ".join(merged)))


__all__ = ["Credentials", "Scheme", "apply", "choose", "key_name", "scheme_keys"]
