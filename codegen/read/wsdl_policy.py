"""What a SOAP port's WS-Policy asks for that the kit does not apply, said at generation.

CXF, Metro and WCF publish their security requirements as WS-SecurityPolicy assertions in a
``wsp:Policy`` the binding (or one of its operations or messages) references: a service that
wants a ``wsse:UsernameToken`` refuses every call without one, and no declared ``soap:header``
tells the generated client so. The kit signs and encrypts nothing; it sends a UsernameToken the
user passes (``wirekit.wssecurity.UsernameToken``). A transport binding alone (HTTPS,
``sp:TransportBinding`` with an ``sp:HttpsToken``, as WCF's ``basicHttpsBinding`` publishes)
needs nothing from the client, so it is not reported.
"""

from __future__ import annotations

from lxml import etree

from ..model import Defect
from ..read.wsdl_ops import Port

WSU_ID = "{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd}Id"

#: WS-SecurityPolicy 1.1 / 1.2 / 1.3 namespaces.
SP_NAMESPACES = frozenset(
    {
        "http://schemas.xmlsoap.org/ws/2005/07/securitypolicy",
        "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702",
        "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200802",
    }
)

#: Assertions that ask the client for a token, a signature or encryption.
_DEMANDS = frozenset(
    {
        "UsernameToken",
        "X509Token",
        "IssuedToken",
        "KerberosToken",
        "SecureConversationToken",
        "SpnegoContextToken",
        "SamlToken",
        "SymmetricBinding",
        "AsymmetricBinding",
        "SignedParts",
        "EncryptedParts",
    }
)


def policy_holders(port: Port) -> list[etree._Element]:
    """The port's binding and every ``wsp:Policy`` it (or anything inside it) references by
    ``wsp:PolicyReference URI="#id"``, in document order."""
    ids = {
        ref.get("URI", "").lstrip("#")
        for ref in port.binding.iter()
        if isinstance(ref.tag, str) and etree.QName(ref).localname == "PolicyReference"
    }
    return [port.binding] + [
        el for el in port.doc.root.iter() if isinstance(el.tag, str) and el.get(WSU_ID) in ids
    ]


def security_policy_warning(port: Port) -> Defect | None:
    """A warning at the first WS-SecurityPolicy assertion of ``port`` that asks the client for
    a token, a signature or encryption; ``None`` when there is none (or only HTTPS)."""
    if not port.protocol.is_soap:
        return None
    for holder in policy_holders(port):
        for el in holder.iter():
            if not isinstance(el.tag, str):
                continue
            name = etree.QName(el)
            if name.namespace not in SP_NAMESPACES or name.localname not in _DEMANDS:
                continue
            label = f"port {port.name!r} ({port.protocol.value})"
            if name.localname == "UsernameToken":
                return Defect(
                    port.doc.at(el),
                    f"{label} asks for a WS-Security UsernameToken (WS-SecurityPolicy): the "
                    "client sends one only when given "
                    "soap_headers=wirekit.wssecurity.UsernameToken(username, password)",
                )
            return Defect(
                port.doc.at(el),
                f"{label} asks for WS-Security {name.localname} (WS-SecurityPolicy): the "
                "client does not sign, encrypt or send such tokens, which the service may "
                "require (only a UsernameToken can be given: wirekit.wssecurity.UsernameToken)",
            )
    return None
