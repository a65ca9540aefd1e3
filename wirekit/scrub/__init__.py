"""Secrets never land on disk: API keys and e-mail addresses are scrubbed wherever they travel.

Cassettes and logs are committed, shared and pasted into tickets, and the services this kit
binds take the account's e-mail address and API key as ordinary parameters of every call: in
the query string, the form body, the SOAP body and sometimes headers. Every function here is
idempotent (scrubbing scrubbed data changes nothing), so a recording can be re-scrubbed safely
and a live request scrubbed before matching compares equal to its scrubbed cassette.

Two kinds of evidence mark a value for replacement:

* its *name* (parameter, element, attribute, JSON key, header): see ``is_secret_name`` and
  ``is_email_name``;
* its *shape*: anything that looks like an e-mail address, whatever its name.

Values are replaced by placeholders of the same kind (``REDACTED_EMAIL`` is itself an e-mail
address), so scrubbed requests still pass a server's or a test's validation.

The rules shared by every scrubber live in ``names``; each format has its own module
(``query``: query strings, URLs and forms; ``markup``: XML; ``jsonbody``: JSON; ``messages``:
headers and body dispatch; ``vcrhooks``: the vcrpy hooks; ``logs``: the logging filter).
"""

from __future__ import annotations

from wirekit.scrub.jsonbody import scrub_json
from wirekit.scrub.logs import ScrubbingFilter, install_scrubbing
from wirekit.scrub.markup import scrub_xml
from wirekit.scrub.messages import scrub_body, scrub_headers
from wirekit.scrub.names import (
    REDACTED,
    REDACTED_EMAIL,
    add_secret_names,
    is_email_name,
    is_secret_name,
    scrub_loose,
    scrub_text,
)
from wirekit.scrub.query import scrub_form, scrub_query, scrub_url
from wirekit.scrub.vcrhooks import scrub_vcr_request, scrub_vcr_response

__all__ = [
    "REDACTED",
    "REDACTED_EMAIL",
    "ScrubbingFilter",
    "add_secret_names",
    "install_scrubbing",
    "is_email_name",
    "is_secret_name",
    "scrub_body",
    "scrub_form",
    "scrub_headers",
    "scrub_json",
    "scrub_loose",
    "scrub_query",
    "scrub_text",
    "scrub_url",
    "scrub_vcr_request",
    "scrub_vcr_response",
    "scrub_xml",
]
