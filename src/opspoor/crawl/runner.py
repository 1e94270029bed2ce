"""Run a crawl project with Scrapy: settings from the project, one run recorded in the store.

    >>> report = run_crawl(store, load_project(Path("project.yml")))
    >>> report.stats["opspoor/warc_records"], report.summary["new"]

Scrapy's Twisted reactor starts once per process, so `run_crawl` runs once per process:
the `opspoor crawl run` command is that process (tests start it as a subprocess).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opspoor.crawl.persist import due_urls, finish_run, start_run, utcnow
from opspoor.crawl.project import CrawlProject
from opspoor.crawl.warc import warc_name
from opspoor.errors import OpspoorError
from opspoor.store.db import Store

logger = logging.getLogger(__name__)
REVISIT_MODES = ("due", "all", "none")


@dataclass
class CrawlReport:
    project: str
    run_id: int
    job: str | None
    status: str
    warc_file: str
    log_file: str
    revisited: int
    stats: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        keep = {k: v for k, v in self.stats.items() if isinstance(v, int | float | str)}
        return {
            "project": self.project,
            "run_id": self.run_id,
            "job": self.job,
            "status": self.status,
            "warc_file": self.warc_file,
            "log_file": self.log_file,
            "revisited": self.revisited,
            "summary": self.summary,
            "stats": keep,
            "error": self.error,
        }


def crawl_dir(home: Path, project: str) -> Path:
    return home / "crawl" / project


def base_settings(project: CrawlProject, log_level: str = "INFO") -> dict[str, Any]:
    """The Scrapy settings every opspoor spider uses: politeness, limits and the safety checks."""
    settings: dict[str, Any] = {
        "BOT_NAME": "opspoor",
        "USER_AGENT": project.user_agent,
        "ROBOTSTXT_OBEY": True,
        "ROBOTSTXT_USER_AGENT": "opspoor",
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "HTTPERROR_ALLOW_ALL": True,
        "DEPTH_LIMIT": project.max_depth,
        "DOWNLOAD_MAXSIZE": project.max_page_bytes,
        "DOWNLOAD_WARNSIZE": project.max_page_bytes,
        "DOWNLOAD_TIMEOUT": project.timeout_seconds,
        "DOWNLOAD_FAIL_ON_DATALOSS": False,
        "REDIRECT_MAX_TIMES": project.max_redirects,
        "METAREFRESH_MAXDELAY": 10,
        "RETRY_TIMES": project.retries,
        "DOWNLOAD_DELAY": project.delay_seconds,
        "DOWNLOAD_DELAY_JITTER": 0.5 if project.delay_seconds > 0 else 0,
        "AUTOTHROTTLE_ENABLED": project.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(project.delay_seconds, 1.0),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "CONCURRENT_REQUESTS": project.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": project.concurrency_per_host,
        # Scrapy starts this many tasks for every callback's output; the pipeline only queues
        # captures, so a few are plenty (the default 100 costs more than the page itself).
        "CONCURRENT_ITEMS": 4,
        "DEFAULT_REQUEST_HEADERS": {
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Language": "nl,en;q=0.8",
            # Ask for the bytes as they are, so the WARC record is the page as served.
            "Accept-Encoding": "identity",
        },
        "TWISTED_DNS_RESOLVER": "opspoor.crawl.safety.GuardedResolver",
        "OPSPOOR_ALLOW_ADDRESSES": [str(n) for n in project.allow_addresses],
        "OPSPOOR_IMAGES": project.images,
        "OPSPOOR_MAX_IMAGE_BYTES": project.max_image_bytes,
        "DOWNLOADER_MIDDLEWARES": {
            # after OffsiteMiddleware (50), before RobotsTxtMiddleware (100): robots.txt is
            # only fetched from hosts that passed the address check
            "opspoor.crawl.safety.AddressGuardMiddleware": 60,
        },
        "EXTENSIONS": {
            "opspoor.crawl.safety.ContentGuard": 100,
            # no remote control port and no telnet console on a machine that holds evidence
            "scrapy.extensions.remote_control.RemoteControl": None,
        },
        "LOG_INSTALL_ROOT_HANDLER": False,
        "LOG_LEVEL": log_level,
    }
    return settings


def crawl_settings(
    project: CrawlProject,
    store: Store,
    project_id: int,
    run_id: int,
    warc_path: Path,
    warc_relative: str,
    job: str | None,
) -> dict[str, Any]:
    settings = base_settings(project)
    settings["DOWNLOADER_MIDDLEWARES"]["opspoor.crawl.evidence.EvidenceMiddleware"] = 950
    settings.update(
        {
            "ITEM_PIPELINES": {"opspoor.crawl.pipeline.CapturePipeline": 300},
            "OPSPOOR_WARC_PATH": str(warc_path),
            "OPSPOOR_WARC_NAME": warc_relative,
            "OPSPOOR_SETTINGS": store.settings,
            "OPSPOOR_PROJECT": project,
            "OPSPOOR_PROJECT_ID": project_id,
            "OPSPOOR_RUN_ID": run_id,
            "OPSPOOR_WORKERS": project.workers,
        }
    )
    if project.redis_url:
        prefix = f"opspoor:{project.name}:{job}"
        settings.update(
            {
                "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
                "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
                "SCHEDULER_PERSIST": True,
                "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
                "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
                "REDIS_URL": project.redis_url,
            }
        )
    return settings


def run_crawl(
    store: Store,
    project: CrawlProject,
    revisit: str = "due",
    job: str | None = None,
    now: dt.datetime | None = None,
    extra_settings: dict[str, Any] | None = None,
) -> CrawlReport:
    """Crawl the project once; returns what happened. Runs Scrapy in this process."""
    from scrapy.crawler import CrawlerProcess

    from opspoor.crawl.pipeline import CapturePipeline, start_extraction
    from opspoor.crawl.spider import ProjectSpider

    if revisit not in REVISIT_MODES:
        raise OpspoorError(f"--revisit must be one of {', '.join(REVISIT_MODES)}")
    if project.redis_url and not job:
        job = uuid.uuid4().hex[:12]
    home = store.settings.home
    base = crawl_dir(home, project.name)
    name = warc_name(project.name)
    warc_relative = f"crawl/{project.name}/warc/{name}"
    project_id, run_id = start_run(store, project, job, warc_relative)
    log_file = base / "logs" / f"run-{run_id}.log"
    revisit_urls = due_urls(store, project_id, now or utcnow(), revisit)
    settings = crawl_settings(
        project, store, project_id, run_id, home / warc_relative, warc_relative, job
    )
    settings.update(extra_settings or {})
    if project.workers:
        settings["OPSPOOR_POOL"] = start_extraction(store.settings, project, project_id, run_id)
    process = CrawlerProcess(settings)
    _log_to_file(log_file, settings.get("LOG_LEVEL", "INFO"))
    crawler = process.create_crawler(ProjectSpider)
    process.crawl(crawler, project=project, revisit_urls=revisit_urls)
    process.start()
    stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
    pipeline = crawler.get_item_pipeline(CapturePipeline)
    summary = dict(pipeline.summary) if pipeline is not None else {}
    error = pipeline.error if pipeline is not None else None
    status = "failed" if error else "finished"
    finish_run(store, run_id, status, _jsonable(stats) | {"summary": summary})
    return CrawlReport(
        project=project.name,
        run_id=run_id,
        job=job,
        status=status,
        warc_file=warc_relative,
        log_file=str(log_file),
        revisited=len(revisit_urls),
        stats=stats,
        summary=summary,
        error=error,
    )


def _log_to_file(path: Path, level: str) -> None:
    """Send Scrapy's and opspoor's log lines to the run's log file (not the terminal)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)


def _jsonable(stats: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in stats.items():
        if isinstance(v, dt.datetime):
            out[k] = v.isoformat()
        elif isinstance(v, int | float | str | bool) or v is None:
            out[k] = v
    return out
