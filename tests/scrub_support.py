"""Shared by the tests/test_scrub_*.py files: secrets to plant, a SOAP request carrying them,
and hypothesis strategies for text, names and ``name=value`` pairs with addresses inside."""

from __future__ import annotations

from hypothesis import strategies as st

SECRET_KEY = "44979dfe-5aa7-44ea-b3dd-7fae33bc37e9"
SECRET_EMAIL = "john@removethebackground.com"
RTB = "http://removethebackground.com/"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
XSD_NS = (
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
)
SOAP_REQUEST = f"""<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope {XSD_NS} xmlns:soap="{SOAP11}">
  <soap:Body>
    <getImageStatus xmlns="{RTB}">
      <contactEmail>{SECRET_EMAIL}</contactEmail>
      <contactAPIkey>{SECRET_KEY}</contactAPIkey>
      <ImageTicket>0b5a3c1e-8f52-4b8e-a1f0-6d2f3c9e7b11</ImageTicket>
    </getImageStatus>
  </soap:Body>
</soap:Envelope>""".encode()

# --- hypothesis strategies -----------------------------------------------------------------

LOCALS = st.from_regex(r"[a-z][a-z0-9._+-]{0,10}[a-z0-9]", fullmatch=True)
DOMAINS = st.from_regex(r"[a-z][a-z0-9-]{0,8}[a-z0-9]\.(com|org|co\.uk|example)", fullmatch=True)
EMAILS = st.builds(lambda local, domain: f"{local}@{domain}", LOCALS, DOMAINS)
WORDS = st.from_regex(r"[A-Za-z0-9]{1,8}", fullmatch=True)
#: Free text in which the generated addresses sit among words and punctuation.
TEXTS = st.lists(st.one_of(WORDS, EMAILS, st.sampled_from([" ", ", ", "<", "-", "(", ")"]))).map(
    " ".join
)
NAMES = st.sampled_from(
    ["page", "templateId", "contactEmail", "contactAPIkey", "token", "note", "key", "keyword"]
)
PAIRS = st.lists(st.tuples(st.one_of(NAMES, WORDS), TEXTS), max_size=8)


def no_generated_email_survives(pairs: list[tuple[str, str]], scrubbed_text: str) -> None:
    for _, value in pairs:
        for token in value.split(" "):
            if "@" in token:
                assert token not in scrubbed_text
