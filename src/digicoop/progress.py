"""Progress bars for long work (build, validate, push): rich on a terminal, silent otherwise.

Why silent off a terminal: CI logs and pipes want one result line, not redrawn bars; the
library functions take a plain callback, so they never know whether a bar is shown.

>>> with progress_bar("demo", total=2, enabled=False) as advance:
...     advance(); advance()
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(
    description: str, total: int | None, enabled: bool = True
) -> Iterator[Callable[..., None]]:
    """Yield ``advance(n=1, description=None)``; draws a bar on stderr only if it is a TTY."""
    if not enabled or not sys.stderr.isatty():
        yield lambda *_args, **_kwargs: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
    )  # fmt: skip
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)

        def advance(n: int = 1, description: str | None = None) -> None:
            bar.update(task, advance=n, description=description)

        yield advance
