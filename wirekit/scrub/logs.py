"""A logging filter that scrubs records before any handler writes them."""

from __future__ import annotations

import logging

from wirekit.scrub.names import _scrub_loose

_LOG_FORMATTER = logging.Formatter()


class ScrubbingFilter(logging.Filter):
    """Scrub log records before any handler writes them.

    The message is formatted here and the arguments dropped, because a secret usually arrives
    as an argument (``log.info("GET %s", url)``) and handlers format after filters run. The
    traceback is formatted and scrubbed too: exception messages quote URLs and bodies.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _scrub_loose(_message(record))
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = _LOG_FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = _scrub_loose(record.exc_text)
        if record.stack_info:
            record.stack_info = _scrub_loose(record.stack_info)
        return True


def _message(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception:  # a filter must not raise; the handler would have reported it anyway
        return f"{record.msg!s} {record.args!r}"


__all__ = ["ScrubbingFilter"]
