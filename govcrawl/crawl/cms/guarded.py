"""An adapter's output read up to an exception: adapters never raise out of a spider callback."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Guarded(Generic[T]):
    """Iterates `produced` lazily; an exception ends the iteration and is kept in `error`, so the
    rows already read are still followed and the malformed list is recorded, never raised."""

    def __init__(self, produced: Iterable[T]):
        self.produced = produced
        self.error: Exception | None = None

    def __iter__(self) -> Iterator[T]:
        try:
            yield from self.produced
        except Exception as err:  # noqa: BLE001 - an adapter's bug must not drop the rows it already read
            self.error = err
