"""Modules loaded on first use, so a client of a service with thousands of operations imports
in milliseconds: its codecs and models are compiled only when a call needs them.

The stdlib's own recipe (``importlib.util.LazyLoader``): the module object exists at once and
runs its code the first time an attribute is read.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """The module ``name``, executed on first attribute access (at once if already loaded)."""
    loaded = sys.modules.get(name)
    if loaded is not None:
        return loaded
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"no module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


__all__ = ["lazy_module"]
