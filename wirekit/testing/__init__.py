"""Contract tooling for your own tests and CI: replay, pytest plugin, mock server, live check.

* ``contract_transport(service)`` — an httpx transport answering from ``contracts/<service>/``;
* ``load_contracts``/``Contract`` — the cassettes, with what routes a request to each;
* ``ContractMismatch`` — raised, with a canonical diff, when a request departs from its contract.

Needs the ``testing`` extra (``pip install "polybind[testing]"``) for YAML.
"""

from wirekit.testing.contracts import Contract, Documented, load_contracts, read_contract, services
from wirekit.testing.matching import ContractMismatch, canonical_body, check, departures
from wirekit.testing.transport import ContractTransport, contract_transport

__all__ = [
    "Contract",
    "ContractMismatch",
    "ContractTransport",
    "Documented",
    "canonical_body",
    "check",
    "contract_transport",
    "departures",
    "load_contracts",
    "read_contract",
    "services",
]
