"""Item pipeline: hand captures to the extraction processes (or process them in place).

Captures are sent in batches over one bounded queue that every extraction process reads from;
when extraction falls behind, the queue fills and the crawler waits - memory stays bounded. If an
extraction process dies, the crawl stops with its error instead of hanging. When the crawl ends,
the cross-ad signals are computed once over every ad of the project.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import queue
from dataclasses import dataclass
from typing import Any

from scrapy.utils.defer import deferred_from_coro

from opspoor.crawl.capture import Capture
from opspoor.crawl.persist import update_cross_ad_flags
from opspoor.crawl.worker import CaptureProcessor, worker_main
from opspoor.settings import Settings
from opspoor.signals.rules import default_rulebook
from opspoor.store.db import Store

logger = logging.getLogger(__name__)
BATCH = 32  # captures per batch ...
BATCH_BYTES = 2 * 1024 * 1024  # ... or fewer when their bodies add up to this
# Batches waiting for extraction. Enough to cover the extraction processes' start-up (loading
# models) without stalling the crawl; bounded, so memory stays bounded when they fall behind.
QUEUE_BATCHES = 64
FINISH_TIMEOUT = 3600.0


class ExtractionFailed(RuntimeError):
    pass


@dataclass
class ExtractionPool:
    """The extraction processes of one run and the queues that feed them."""

    inbox: Any
    outbox: Any
    processes: list[Any]

    def __deepcopy__(self, memo: dict[int, Any]) -> ExtractionPool:
        return self  # Scrapy deep-copies its settings; processes and queues are not copied


def start_extraction(
    settings: Settings, project: Any, project_id: int, run_id: int | None
) -> ExtractionPool:
    """Start `project.workers` extraction processes. `run_crawl` starts them before Scrapy, so
    their start-up (imports, language model, name lists) overlaps Scrapy's own."""
    ctx = mp.get_context("spawn")
    inbox, outbox = ctx.Queue(maxsize=QUEUE_BATCHES), ctx.Queue()
    processes = []
    for n in range(project.workers):
        process = ctx.Process(
            target=worker_main,
            args=(settings, project, project_id, run_id, inbox, outbox),
            name=f"opspoor-extract-{n}",
            daemon=True,
        )
        process.start()
        processes.append(process)
    return ExtractionPool(inbox, outbox, processes)


class CapturePipeline:
    def __init__(self, crawler: Any) -> None:
        s = crawler.settings
        self.crawler = crawler
        self.store_settings = s.get("OPSPOOR_SETTINGS")
        self.project = s.get("OPSPOOR_PROJECT")
        self.project_id = s.getint("OPSPOOR_PROJECT_ID")
        self.run_id = s.getint("OPSPOOR_RUN_ID") or None
        self.workers = s.getint("OPSPOOR_WORKERS", 1)
        self.batch: list[Capture] = []
        self.batch_bytes = 0
        self.summary: dict[str, Any] = {}
        self.error: str | None = None
        self.processes: list[Any] = []
        self.inbox: Any = None
        self.outbox: Any = None
        self.processor: CaptureProcessor | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CapturePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        if not self.workers:
            store = Store(self.store_settings)
            self.processor = CaptureProcessor(store, self.project, self.project_id, self.run_id)
            return
        pool = self.crawler.settings.get("OPSPOOR_POOL") or start_extraction(
            self.store_settings, self.project, self.project_id, self.run_id
        )
        self.inbox, self.outbox, self.processes = pool.inbox, pool.outbox, pool.processes

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Capture) and self.error is None:
            self.batch.append(item)
            self.batch_bytes += len(item.body or b"")
            self.crawler.stats.inc_value(f"opspoor/captures/{item.kind}")
            if len(self.batch) >= BATCH or self.batch_bytes >= BATCH_BYTES:
                try:
                    self._flush()
                except ExtractionFailed as exc:
                    self.error = str(exc)
                    logger.error("extraction failed, stopping the crawl: %s", exc)
                    deferred_from_coro(
                        self.crawler.engine.close_spider_async(reason="extraction_failed")
                    )
        return None

    def _flush(self) -> None:
        if not self.batch:
            return
        batch, self.batch, self.batch_bytes = self.batch, [], 0
        if self.processor is not None:
            self.processor.handle(batch)
            return
        self._put(batch)

    def _put(self, batch: list[Capture] | None) -> None:
        while True:
            if not all(p.is_alive() for p in self.processes):
                raise ExtractionFailed(self._worker_error() or "an extraction process stopped")
            try:
                self.inbox.put(batch, timeout=1.0)
                return
            except queue.Full:
                continue

    def _worker_error(self) -> str | None:
        try:
            status, payload = self.outbox.get_nowait()
        except (queue.Empty, OSError, ValueError):
            return None
        return str(payload) if status == "error" else None

    def close_spider(self) -> None:
        try:
            if self.error is None:
                self._finish()
        except ExtractionFailed as exc:
            self.error = str(exc)
            logger.error("extraction failed: %s", exc)
        finally:
            for process in self.processes:
                process.join(timeout=30)
            if self.processor is not None:
                self.processor.store.engine.dispose()

    def _finish(self) -> None:
        self._flush()
        if self.processor is not None:
            self.summary = self.processor.finish()
            store = self.processor.store
        else:
            for _ in self.processes:
                self._put(None)
            summary: dict[str, Any] = {}
            for _ in self.processes:
                status, payload = self.outbox.get(timeout=FINISH_TIMEOUT)
                if status != "ok":
                    raise ExtractionFailed(str(payload))
                for key, value in payload.items():
                    summary[key] = summary.get(key, 0) + value
            self.summary = summary
            store = Store(self.store_settings)
        try:
            self.summary["cross_ad_flags"] = update_cross_ad_flags(
                store, self.project_id, default_rulebook(), self.project.region
            )
        finally:
            if self.processor is None:
                store.engine.dispose()
