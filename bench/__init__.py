"""``python -m bench``: the generated GetImagesList binding against zeep, xsdata and floors.

The claim in ``generated/pixelz/codecs.py`` (hand-rolled per-type codecs beat generic, metadata
driven ones) is only worth keeping if it is measured, on the same bytes, in one process, against
what the libraries underneath can do at best. Modules:

* ``payload``  - the N-image SOAP 1.1 response and the typed object it stands for;
* ``parsers``, ``serialisers`` - the contenders, each with a check that it got the right answer;
* ``measure``  - best-of-N timing and tracemalloc peaks;
* ``report``   - text and markdown tables, targets, ``.bench/results.json``.
"""
