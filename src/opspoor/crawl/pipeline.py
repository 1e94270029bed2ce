"""Item pipeline: hand captures to the extraction process (or process them in place).

Captures are sent in batches over a bounded queue; when the extraction side falls behind,
the queue fills and the crawler waits - memory stays bounded. If the extraction process dies,
the crawl stops with its error instead of hanging.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import queue
from typing import Any

from opspoor.crawl.capture import Capture
from opspoor.crawl.worker import CaptureProcessor, worker_main
from opspoor.store.db import Store

logger = logging.getLogger(__name__)
BATCH = 32
QUEUE_BATCHES = 16
FINISH_TIMEOUT = 3600.0


class ExtractionFailed(RuntimeError):
    pass


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
        self.summary: dict[str, Any] = {}
        self.error: str | None = None
        self.process: Any = None
        self.inbox: Any = None
        self.outbox: Any = None
        self.processor: CaptureProcessor | None = None
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CapturePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        if self.workers:
            ctx = mp.get_context("spawn")
            self.inbox = ctx.Queue(maxsize=QUEUE_BATCHES)
            self.outbox = ctx.Queue()
            self.process = ctx.Process(
                target=worker_main,
                args=(self.store_settings, self.project, self.project_id, self.run_id, self.inbox, self.outbox),
                name="opspoor-extract",
                daemon=True,
            )
            self.process.start()
        else:
            self.store = Store(self.store_settings)
            self.processor = CaptureProcessor(self.store, self.project, self.project_id, self.run_id)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Capture) and self.error is None:
            self.batch.append(item)
            self.crawler.stats.inc_value(f"opspoor/captures/{item.kind}")
            if len(self.batch) >= BATCH:
                try:
                    self._flush()
                except ExtractionFailed as exc:
                    self.error = str(exc)
                    logger.error("extraction failed, stopping the crawl: %s", exc)
                    self.crawler.engine.close_spider(self.crawler.spider, "extraction_failed")
        return None

    def _flush(self) -> None:
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        if self.processor is not None:
            self.processor.handle(batch)
            return
        self._put(batch)

    def _put(self, batch: list[Capture] | None) -> None:
        while True:
            if self.process is None or not self.process.is_alive():
                raise ExtractionFailed(self._worker_error() or "the extraction process stopped")
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
        if self.error is not None:
            if self.process is not None:
                self.process.join(timeout=5)
            return
        try:
            self._flush()
            if self.processor is not None:
                self.summary = self.processor.finish()
                return
            self._put(None)
            status, payload = self.outbox.get(timeout=FINISH_TIMEOUT)
            if status != "ok":
                raise ExtractionFailed(str(payload))
            self.summary = dict(payload)
        except ExtractionFailed as exc:
            self.error = str(exc)
            logger.error("extraction failed: %s", exc)
        finally:
            if self.process is not None:
                self.process.join(timeout=30)
            if self.store is not None:
                self.store.engine.dispose()
