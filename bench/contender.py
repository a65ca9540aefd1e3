"""What a contender is, and the correctness gate every contender passes before it is timed.

A time is only comparable if every contender did the same job; ``verify`` is how each proves,
on the exact input it is timed on, that its answer matches what the payload is known to hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.measure import Timer, loop_timer
from generated.pixelz.models import ImagesListResponse, ImageStatus


class BenchError(RuntimeError):
    """A contender gave a wrong answer: its timing would be meaningless, so the bench stops."""


@dataclass(frozen=True)
class Contender:
    #: Short column name: ``generated``, ``zeep``, ``xsdata``, ``floor``, ``typed floor``, …
    key: str
    #: Exactly what the timed call does, for the legend.
    label: str
    #: Untimed: the shared input (body bytes or typed object) -> the argument the call takes.
    prepare: Callable[[Any], Any]
    #: Timed: one call.
    run: Callable[[Any], Any]
    #: Raises ``BenchError`` unless ``run``'s result matches what the input is known to hold.
    verify: Callable[[Any, Any], None]
    #: The prepared argument -> a timer of ``number`` calls; by default a plain loop over
    #: ``run``. Async contenders time their awaits inside one event-loop turn instead.
    timer: Callable[[Any], Timer] | None = None

    def make_timer(self, arg: Any) -> Timer:
        return self.timer(arg) if self.timer is not None else loop_timer(self.run, arg)


def expect(ok: bool, what: str) -> None:
    """A check that survives ``python -O`` (unlike ``assert``)."""
    if not ok:
        raise BenchError(what)


def present(response: ImagesListResponse) -> list[ImageStatus]:
    """The response's images; the bench payload has no nil item, so a None is a wrong answer."""
    images = [im for im in response.images if im is not None]
    expect(len(images) == len(response.images), "a nil image where the payload has none")
    return images


def expect_tickets(key: str, tickets: list[str], expected: ImagesListResponse) -> None:
    """Same number of images and the same tickets, in order (first and last included)."""
    want = [str(im.image_ticket) for im in present(expected)]
    got = [t.strip().lower() for t in tickets]
    expect(len(got) == len(want), f"{key}: {len(got)} images, expected {len(want)}")
    expect(got[:1] == want[:1], f"{key}: first ticket {got[:1]}, expected {want[:1]}")
    expect(got[-1:] == want[-1:], f"{key}: last ticket {got[-1:]}, expected {want[-1:]}")
    expect(got == want, f"{key}: tickets differ from the payload's")
