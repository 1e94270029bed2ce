"""Browser tests: Playwright drives Debian's Chromium against `opspoor serve` started here on
127.0.0.1 with a temporary OPSPOOR_HOME holding the demo data.

Covers log-in, screening a name, clearing an alert, opening a case and downloading its dossier,
and saves a screenshot of each main page to test-artifacts/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pypdf
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from opspoor.cases.pdf import CHROMIUM_ARGS
from tests.web.demo_data import PASSWORD, Demo
from tests.web.fixtures import free_port

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[3]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def served(
    demo_template: tuple[Path, Demo], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Demo]]:
    """`opspoor serve` in a subprocess on a copy of the demo store."""
    template_home, demo = demo_template
    home = tmp_path_factory.mktemp("browser") / "home"
    shutil.copytree(template_home, home)
    port = free_port()
    env = {**os.environ, "OPSPOOR_HOME": str(home)}
    env.pop("OPSPOOR_DB", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "opspoor", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"opspoor serve exited: {proc.stdout.read() if proc.stdout else ''}"
            )
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise AssertionError("opspoor serve did not answer within 60 s")
    yield url, demo
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        raise AssertionError(
            f"{CHROMIUM} is missing: run `bash scripts/ensure-chromium.sh` (make test does)"
        )
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    # Refused log-ins and pages (401/403) are logged by Chromium as failed loads: expected here.
    # Anything else on the console (a CSP violation, a script error) or a server error fails the test.
    pg.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on(
        "response",
        lambda resp: errors.append(f"{resp.status} {resp.url}") if resp.status >= 500 else None,
    )
    # a download ends its navigation with ERR_ABORTED: that is how Chromium hands it over
    pg.on(
        "requestfailed",
        lambda req: (
            errors.append(f"failed: {req.url} {req.failure}")
            if req.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    yield pg
    context.close()
    assert errors == [], f"browser errors (CSP violations and script errors show up here): {errors}"


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def log_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/cases")
    expect(page).to_have_url(f"{url}/login?next=/cases")
    shot(page, "01-login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{url}/cases")
    expect(page.locator("header .who")).to_contain_text(username)


def test_log_in_and_screen_a_name(served: tuple[str, Demo], page: Page) -> None:
    url, _ = served
    page.goto(f"{url}/login")
    page.get_by_label("User name").fill("amina")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".error")).to_contain_text("Wrong user name or password")
    log_in(page, url, "amina")
    page.goto(url + "/")
    expect(page.locator("h1")).to_have_text("Overview")
    shot(page, "02-overview")
    page.get_by_role("link", name="Search & screen").click()
    page.get_by_label("Name").fill("KOSHLAF, Mohamed")
    page.get_by_label("Birth date").fill("1985-12-12")
    page.get_by_role("button", name="Screen against the lists").click()
    results = page.locator("#screen-results")
    expect(results).to_contain_text("LYi.025")
    expect(results.locator("tr.is-match").first).to_contain_text("Kashlaf")
    shot(page, "03-screening")


def test_clear_an_alert(served: tuple[str, Demo], page: Page) -> None:
    url, _demo = served
    log_in(page, url, "amina")
    page.get_by_role("link", name="Alerts").click()
    expect(page.locator("#alert-queue")).to_contain_text("Northwind Demo Shipping")
    shot(page, "04-alert-queue")
    page.locator("#alert-queue").get_by_role("link", name="Northwind Demo Shipping").click()
    expect(page.locator("#alert-status")).to_have_text("open")
    page.get_by_label("Clear: false positive").check()
    page.get_by_label("Reason").fill("our customer is a different company (other register number)")
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("#alert-status")).to_have_text("false positive")
    expect(page.locator("#alert-trail")).to_contain_text("other register number")
    shot(page, "05-alert-cleared")


def test_open_a_case_and_download_its_dossier(
    served: tuple[str, Demo], page: Page, tmp_path: Path
) -> None:
    url, _demo = served
    log_in(page, url, "amina")
    page.get_by_role("link", name="Apartments near the station").click()
    expect(page.locator("h1")).to_contain_text("Apartments near the station")
    expect(page.locator("#case-items")).to_contain_text("Escort Mia, new in town")
    shot(page, "06-case")
    page.get_by_role("button", name="Build dossier (HTML, PDF, FtM bundle)").click()
    expect(page.locator(".flash")).to_contain_text("Dossier ready", timeout=60_000)
    with page.expect_download() as download_info:
        page.locator("a.dossier-file[data-file='dossier.pdf']").first.click()
    target = tmp_path / "dossier.pdf"
    download_info.value.save_as(target)
    reader = pypdf.PdfReader(str(target))
    text = " ".join(p.extract_text() or "" for p in reader.pages)
    assert "Apartments near the station" in " ".join(text.split())
    shot(page, "07-case-with-dossier")


def test_main_pages_render(served: tuple[str, Demo], page: Page) -> None:
    url, demo = served
    log_in(page, url, "ada")
    page.goto(f"{url}/documents")
    expect(page.locator("#documents")).to_contain_text("hotline-statement-2025-03-14.txt")
    shot(page, "08-documents")
    page.goto(f"{url}/documents/{demo.document_source}")
    expect(page.locator("#doc-text mark.m-phone")).to_have_text("+61 491 570 156")
    shot(page, "09-document")
    page.goto(f"{url}/crawl/projects/{demo.crawl_project}")
    expect(page.locator("#findings")).to_contain_text("Escort Mia, new in town")
    shot(page, "09a-crawl-findings")
    page.get_by_role("link", name="Escort Mia, new in town").click()
    expect(page.locator("#flags")).to_contain_text("new in town")
    shot(page, "09b-crawl-capture")
    page.goto(f"{url}/network?case={demo.cases['hotline']}")
    expect(page.locator("#graph[data-ready='1']")).to_be_visible(timeout=30_000)
    expect(page.locator("#graph-status")).to_contain_text("nodes")
    assert page.locator("#graph canvas").count() > 0
    shot(page, "10-network")
    page.goto(f"{url}/entities/unsc-xxi-001")
    expect(page.locator("#entity-props")).to_contain_text("XXi.001")
    shot(page, "11-entity")
    page.goto(f"{url}/cases")
    expect(page.locator("#cases-table")).to_contain_text("Payments to a listed smuggler")
    shot(page, "12-cases")
    page.goto(f"{url}/admin")
    expect(page.locator("#users")).to_contain_text("victor")
    shot(page, "13-admin")
    page.goto(f"{url}/admin/audit")
    expect(page.locator("#audit-entries")).to_contain_text("case.read")
    shot(page, "14-audit")


def test_viewer_sees_no_write_forms(served: tuple[str, Demo], page: Page) -> None:
    url, demo = served
    log_in(page, url, "victor")
    page.goto(f"{url}/cases/{demo.cases['hotline']}")
    expect(page.locator("h1")).to_contain_text("Apartments near the station")
    assert page.locator("form#add-note, form#build-dossier, form#add-item").count() == 0
    page.goto(f"{url}/cases/{demo.cases['police']}")
    expect(page.locator(".error")).to_contain_text("another team")
    shot(page, "15-viewer-refused")
