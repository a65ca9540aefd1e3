"""``polybind mock``: every service of ``specs/`` served on one port, validating every request
against its contract (see ``app``)."""

from .app import MockApp
from .serve import mock_app, running, serve
from .services import MockService, load_services

__all__ = ["MockApp", "MockService", "load_services", "mock_app", "running", "serve"]
