"""``python -m bench``: the generated GetImagesList binding against zeep, xsdata and floors.

The claim in ``generated/pixelz/codecs.py`` (hand-rolled per-type codecs beat generic, metadata
driven ones) is only worth keeping if it is measured, on the same bytes, in one process, against
what the libraries underneath can do at best. Modules:

* ``payload``  - the N-image SOAP 1.1 response and the typed object it stands for;
* ``parsers``, ``serialisers`` - the codec contenders (floors included), each with a check that
  it got the right answer;
* ``roundtrip`` - whole calls over ``httpx.MockTransport``: generated clients, raw httpx+lxml,
  zeep; sync and async;
* ``measure``  - interleaved rounds, per-round ratios, tracemalloc peaks;
* ``scaling``  - generation and import time of synthetic WSDLs of 10 to 3000 operations;
* ``results``  - what a run found and the targets; ``report`` - text, markdown, JSON.
"""
