"""The extraction side of a crawl: analyse captures and write them to the store.

It runs in its own processes (project `workers: N`, default 1) so that the crawler never
waits for text extraction, signals or the database, or inside the crawler (`workers: 0`).

    >>> processor = CaptureProcessor(store, project, project_id, run_id)
    >>> processor.handle(captures)
    >>> processor.finish()
    {'new': 12, 'unchanged': 3, 'gone': 1, 'flagged_ads': 4}
"""

from __future__ import annotations

import queue
import traceback
from collections.abc import Sequence
from typing import Any

from opspoor.crawl.analysis import analyse, warm_up
from opspoor.crawl.capture import Capture
from opspoor.crawl.persist import CaptureWriter
from opspoor.crawl.project import CrawlProject
from opspoor.settings import Settings
from opspoor.signals.rules import default_rulebook
from opspoor.store.db import Store

MERGE_UP_TO = 256  # captures written in one transaction when batches queue up


class CaptureProcessor:
    def __init__(
        self, store: Store, project: CrawlProject, project_id: int, run_id: int | None
    ) -> None:
        self.store = store
        self.project = project
        self.project_id = project_id
        self.book = default_rulebook()
        self.writer = CaptureWriter(store, project, project_id, run_id)
        self.flagged = 0

    def handle(self, captures: Sequence[Capture]) -> None:
        analyses = [analyse(c, self.project, self.book) for c in captures]
        self.flagged += sum(1 for a in analyses if a.result is not None and a.result.flagged)
        self.writer.write(analyses)

    def finish(self) -> dict[str, Any]:
        """Counts of what was written (the cross-ad step runs once, after every process)."""
        self.writer.close()
        summary: dict[str, Any] = dict(self.writer.counts)
        summary["flagged_ads"] = self.flagged
        return summary


def worker_main(
    settings: Settings,
    project: CrawlProject,
    project_id: int,
    run_id: int | None,
    inbox: Any,
    outbox: Any,
) -> None:
    """Process entry point: read batches of captures until None, then report a summary."""
    store = Store(settings)
    try:
        processor = CaptureProcessor(store, project, project_id, run_id)
        warm_up(project, processor.book)
        done = False
        while not done:
            batch = inbox.get()
            if batch is None:
                break
            # take what else is waiting too: fewer, larger transactions when behind
            while len(batch) < MERGE_UP_TO:
                try:
                    more = inbox.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    done = True
                    break
                batch.extend(more)
            processor.handle(batch)
        outbox.put(("ok", processor.finish()))
    except BaseException as exc:  # report, then let the process die
        outbox.put(("error", f"{exc!r}\n{traceback.format_exc()}"))
        raise
    finally:
        store.engine.dispose()
