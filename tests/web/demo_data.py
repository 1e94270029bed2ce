"""Demo data for the web and cases tests, the browser tests and the web load benchmark.

A store with the example list (examples/lists/un-demo.xml: real UN LYi.021-026 entries plus
invented XX entries), a hotline statement and a captured web ad that share an invented phone
number, screening alerts from examples/people.csv plus the name found in the statement, users
in two teams, and one case per team. Every person in the statement and the ad is invented;
phone, e-mail and IBAN are from ranges reserved for examples (the Australian regulator's
numbers for fiction, 0491 570 156-159; example.org; the IBAN from IBAN documentation).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from opspoor.cases.access import cli_actor
from opspoor.cases.casework import attach_item, create_case, set_status
from opspoor.cases.users import create_user
from opspoor.lists.versions import import_list
from opspoor.match import MatchIndex
from opspoor.screening.screen import effective_threshold, screen_subjects
from opspoor.screening.subjects import read_subjects, subject_from_fields
from opspoor.store.db import Store, make_entity
from opspoor.store.records import Record

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_LIST = ROOT / "examples" / "lists" / "un-demo.xml"
EXAMPLE_PEOPLE = ROOT / "examples" / "people.csv"
PASSWORD = "correct horse battery"  # every demo user's password

STATEMENT = (
    "Statement taken by the hotline on 14 March 2025.\n"
    "The caller said that Vilmar Demovic arranges the rooms and the transport for the women. "
    "Amira Exemplara, a business partner of Vilmar Demovic, collects the money. "
    "Bookings are taken on +61 491 570 156 or by e-mail to bookings@example.org. "
    "Payments go to GB33BUKB20201555555555.\n"
)
AD_TEXT = (
    "Escort Mia, new in town! Our girls are ready for you, day and night available. "
    "Call or WhatsApp +61 491 570 156."
)
AD_URL = "https://ads.example.org/listing/4711"
PHONE = "+61491570156"
CAPTURED_AT = dt.datetime(2025, 3, 10, 21, 14, 3, tzinfo=dt.UTC)


@dataclass
class Demo:
    store: Store
    users: dict[str, str] = field(default_factory=dict)  # username -> role
    list_source: int = 0
    document_source: int = 0
    capture_source: int = 0
    crawl_project: int = 0
    link_group: str = ""  # the group opspoor.network found: the statement and the ad share a phone
    alerts: dict[str, int] = field(default_factory=dict)  # subject name -> alert id
    cases: dict[str, int] = field(default_factory=dict)  # team -> case id


def add_statement_document(store: Store, folder: Path) -> int:
    """The hotline statement, read, extracted and stored by opspoor.documents."""
    from opspoor.documents.extract import extract_document
    from opspoor.documents.readers import read_document
    from opspoor.documents.storing import store_extraction

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hotline-statement-2025-03-14.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    return store_extraction(store, extract_document(read_document(path))).source_id


def add_capture(store: Store) -> tuple[int, int]:
    """A captured ad as the crawl contract keeps it: a project, the page, the capture (WARC
    record, payload SHA-256, time), the signal flags on its text, and a store source (kind
    "capture") holding the ad's HyperText entity. Returns (source id, project id)."""
    from opspoor.crawl.tables import crawl_captures, crawl_flags, crawl_pages, crawl_projects
    from opspoor.signals.engine import scan_text

    sha = hashlib.sha256(AD_TEXT.encode()).hexdigest()
    page = make_entity("HyperText", f"ad-{hashlib.sha256(AD_URL.encode()).hexdigest()[:16]}")
    page.add("sourceUrl", AD_URL)
    page.add("title", "Escort Mia, new in town")
    page.add("bodyText", AD_TEXT)
    page.add("contentHash", sha)
    page.add("phoneMentioned", PHONE)
    start = AD_TEXT.index("+61")
    record = Record(
        page, location=AD_URL, locations={("phoneMentioned", PHONE): f"chars {start}-{start + 15}"}
    )
    scan = scan_text(AD_TEXT)
    with store.transaction() as conn:
        source_id = store.add_source(
            conn,
            kind="capture",
            dataset="crawl:demo-ads",
            sha256=sha,
            format="warc",
            label=AD_URL,
            published_at=CAPTURED_AT.isoformat(),
            meta={
                "url": AD_URL,
                "warc_file": "crawl/demo-ads/demo-ads-20250310.warc.gz",
                "warc_record_id": "<urn:uuid:7c1e2f3a-0000-4000-8000-000000004711>",
                "fetched_at": CAPTURED_AT.isoformat(),
                "project": "demo-ads",
            },
        )
        store.write_records(
            conn, source_id, "crawl:demo-ads", [record], seen=CAPTURED_AT.isoformat()[:19]
        )
        now = dt.datetime.now(dt.UTC)
        project_id = conn.execute(
            crawl_projects.insert().values(
                name="demo-ads",
                config={"seeds": ["https://ads.example.org/"]},
                created_at=now,
                updated_at=now,
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        page_id = conn.execute(
            crawl_pages.insert().values(
                project_id=project_id,
                url=AD_URL,
                url_key=hashlib.sha256(AD_URL.encode()).hexdigest(),
                kind="ad",
                status="online",
                http_status=200,
                first_seen_online=CAPTURED_AT,
                last_seen_online=CAPTURED_AT,
                gone_count=0,
                last_fetched_at=CAPTURED_AT,
                fetch_count=1,
                change_count=0,
                content_sha256=sha,
                entity_id=page.id,
                score=scan.score,
                depth=1,
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        capture_id = conn.execute(
            crawl_captures.insert().values(
                page_id=page_id,
                url=AD_URL,
                fetched_at=CAPTURED_AT,
                http_status=200,
                content_type="text/html",
                size=len(AD_TEXT),
                sha256=sha,
                warc_file="crawl/demo-ads/demo-ads-20250310.warc.gz",
                warc_offset=0,
                warc_length=1024,
                warc_record_id="<urn:uuid:7c1e2f3a-0000-4000-8000-000000004711>",
                outcome="new",
                source_id=source_id,
                title="Escort Mia, new in town",
                text=AD_TEXT,
                language="en",
                score=scan.score,
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        conn.execute(
            crawl_pages.update()
            .where(crawl_pages.c.id == page_id)
            .values(content_capture_id=capture_id)
        )
        for flag in scan.flags:
            conn.execute(
                crawl_flags.insert().values(
                    capture_id=capture_id,
                    page_id=page_id,
                    rule=flag.rule,
                    indicator=flag.indicator,
                    source=flag.source,
                    text=flag.text,
                    span_start=flag.start,
                    span_end=flag.end,
                    weight=flag.weight,
                    cross_ad=False,
                )
            )
    return source_id, int(project_id)


def seed(store: Store) -> Demo:
    demo = Demo(store=store)
    demo.list_source = import_list(store, [EXAMPLE_LIST]).source.id
    demo.document_source = add_statement_document(store, store.settings.home / "incoming")
    demo.capture_source, demo.crawl_project = add_capture(store)
    from opspoor.network.link_runs import link_store, stored_groups

    link_store(store)
    demo.link_group = stored_groups(store)[0]["group"]
    index = MatchIndex.from_store(store)
    threshold = effective_threshold(None)
    subjects = [
        *read_subjects(EXAMPLE_PEOPLE),
        subject_from_fields({"id": "hotline-1", "name": "Vilmar Demovic", "schema": "Person"}),
    ]
    for res in screen_subjects(store, index, subjects, threshold, label="demo"):
        # the best hit on a list entry (the matcher may also offer people named in documents)
        for match, outcome in zip(res.matches, res.outcomes, strict=True):
            if match.get("reference") and match["reference"] != match["id"]:
                demo.alerts.setdefault(res.subject.entity.get("name")[0], outcome.alert_id)
    admin = cli_actor("demo-setup")
    for username, role, team in (
        ("ada", "admin", None),
        ("amina", "analyst", "hotline"),
        ("victor", "viewer", "hotline"),
        ("bruno", "analyst", "police"),
        ("vera", "viewer", "police"),
    ):
        create_user(store, username, PASSWORD, role=role, team=team, by=admin)
        demo.users[username] = role
    hotline = create_case(
        store,
        admin,
        "Apartments near the station",
        team="hotline",
        summary="Ads for women in a flat near the station share a phone number with a "
        "hotline statement naming a listed person.",
    )
    attach_item(
        store,
        admin,
        hotline,
        "alert",
        str(demo.alerts["Vilmar Demovic"]),
        note="the man named in the statement is on the demo list",
    )
    attach_item(
        store, admin, hotline, "document", str(demo.document_source), note="hotline statement"
    )
    attach_item(
        store, admin, hotline, "capture", str(demo.capture_source), note="ad with the same phone"
    )
    police = create_case(
        store,
        admin,
        "Payments to a listed smuggler",
        team="police",
        summary="A payee in a bank's customer file matches a UN-listed smuggler.",
    )
    attach_item(store, admin, police, "alert", str(demo.alerts["KOSHLAF, Mohamed"]))
    set_status(store, admin, police, "review", "hit confirmed by the bank, needs police review")
    demo.cases = {"hotline": hotline, "police": police}
    return demo
