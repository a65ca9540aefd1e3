"""A logging filter that scrubs records before any handler writes them."""

from __future__ import annotations

import logging

from wirekit.scrub.names import scrub_loose
from wirekit.scrub.values import scrub_known

_LOG_FORMATTER = logging.Formatter()


class ScrubbingFilter(logging.Filter):
    """Scrub log records before any handler writes them: labelled secrets and e-mail shapes
    (``names``), and the values of live credentials and the current call's secret arguments
    wherever they appear (``values``).

    The message is formatted here and the arguments dropped, because a secret usually arrives
    as an argument (``log.info("GET %s", url)``) and handlers format after filters run. The
    traceback is formatted and scrubbed too: exception messages quote URLs and bodies.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub_known(scrub_loose(_message(record)))
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = _LOG_FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_known(scrub_loose(record.exc_text))
        if record.stack_info:
            record.stack_info = scrub_known(scrub_loose(record.stack_info))
        return True


#: Every logger httpx, httpcore and this kit create records on. A filter on a logger applies
#: only to records created on that very logger, not to its children's, so each is listed.
LIBRARY_LOGGERS = (
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.connection_pool",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "wirekit",
    "wirekit.webhook",
)


def install_scrubbing(names: tuple[str, ...] = LIBRARY_LOGGERS) -> None:
    """Put one ``ScrubbingFilter`` on each named logger (idempotent).

    httpx logs every request at INFO with its full URL, and the services bound here take the
    API key as a query parameter: without this, enabling INFO logging writes keys to disk.
    """
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, ScrubbingFilter) for f in logger.filters):
            logger.addFilter(ScrubbingFilter())


def _message(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception:  # a filter must not raise; the handler would have reported it anyway
        return f"{record.msg!s} {record.args!r}"


__all__ = ["LIBRARY_LOGGERS", "ScrubbingFilter", "install_scrubbing"]
