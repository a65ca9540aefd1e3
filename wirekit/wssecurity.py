"""WS-Security UsernameToken: the ``wsse:Security`` SOAP header a user passes to a client.

Services built on CXF, Metro or WCF publish their security requirements as WS-SecurityPolicy
in the WSDL (``sp:SupportingTokens/sp:UsernameToken``), not as a declared ``soap:header``, so
no generated header class carries it. ``UsernameToken`` is a header value the SOAP clients take
beside the declared ones (``Client(soap_headers=UsernameToken("u", "p"))``) and send with every
SOAP call, in the form the OASIS UsernameToken Profile 1.0 gives (and zeep's ``UsernameToken``
writes): ``PasswordText``, or ``PasswordDigest`` with a fresh nonce and creation time per call.
Signatures, encryption and X.509 or issued tokens are not supported.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

from wirekit.codec import esc

WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
_PROFILE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0"
_MESSAGE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0"


@dataclass(frozen=True, slots=True)
class UsernameToken:
    """A ``wsse:Security`` header with a ``wsse:UsernameToken``.

    ``digest``: send ``PasswordDigest`` (Base64(SHA-1(nonce + created + password))) with a
    ``wsse:Nonce`` and ``wsu:Created`` instead of the password itself. ``nonce`` and
    ``created`` are fixed values for tests; left ``None``, each call gets fresh ones (a
    service rejects a replayed nonce).
    """

    username: str
    password: str = field(repr=False)
    digest: bool = False
    nonce: bytes | None = field(default=None, repr=False)
    created: datetime | None = None

    def header_xml(self) -> str:
        """The whole ``wsse:Security`` element, as sent in the SOAP Header."""
        if not self.digest:
            password = (
                f'<wsse:Password Type="{_PROFILE}#PasswordText">{esc(self.password)}'
                "</wsse:Password>"
            )
        else:
            nonce = self.nonce if self.nonce is not None else os.urandom(16)
            when = (self.created or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
            created = when.isoformat().replace("+00:00", "Z")
            value = hashlib.sha1(nonce + created.encode() + self.password.encode()).digest()
            password = (
                f'<wsse:Password Type="{_PROFILE}#PasswordDigest">'
                f"{base64.b64encode(value).decode('ascii')}</wsse:Password>"
                f'<wsse:Nonce EncodingType="{_MESSAGE}#Base64Binary">'
                f"{base64.b64encode(nonce).decode('ascii')}</wsse:Nonce>"
                f'<wsu:Created xmlns:wsu="{WSU_NS}">{created}</wsu:Created>'
            )
        return (
            f'<wsse:Security xmlns:wsse="{WSSE_NS}"><wsse:UsernameToken>'
            f"<wsse:Username>{esc(self.username)}</wsse:Username>{password}"
            "</wsse:UsernameToken></wsse:Security>"
        )


__all__ = ["WSSE_NS", "WSU_NS", "UsernameToken"]
