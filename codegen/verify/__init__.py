"""``polybind verify``: live verification of a service against its documented contract."""

from .drift import Drift, compare, flatten
from .run import Report, verify

__all__ = ["Drift", "Report", "compare", "flatten", "verify"]
