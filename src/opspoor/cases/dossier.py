"""The referral dossier: HTML and PDF for people, an FtM bundle for the receiving agency's tools.

    >>> result = build_dossier(store, actor, case_id=4, out_dir=Path("out"))
    >>> result.files   # dossier.html, dossier.pdf, bundle.ftm.json, statements.ftm.json, manifest.json

The dossier has a summary, the network picture (SVG drawn here), every fact with its source
(list version with date and SHA-256, document sentence, web capture with hash and time) and
the review trail (who decided what on which alert or item, when and why). Each fact links to
its statement in the store (`{base_url}/sources/{id}?statement={key}`), so a reader inside the
organisation can open the evidence; the appendix of sources carries the hashes and dates a
reader outside needs. Building a dossier is logged as a read of the case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.types import registry
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select

from opspoor.cases import audit
from opspoor.cases.access import Actor
from opspoor.cases.casework import CaseView, item_status, read_case
from opspoor.cases.evidence import Evidence, Fact, gather_evidence
from opspoor.cases.pdf import html_to_pdf
from opspoor.cases.picture import ScreeningHit, case_graph, render_svg
from opspoor.errors import OpspoorError
from opspoor.store.db import Store

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
FILES = ("dossier.html", "dossier.pdf", "bundle.ftm.json", "statements.ftm.json", "manifest.json")

_env = Environment(
    loader=PackageLoader("opspoor.cases", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass
class DossierResult:
    case_id: int
    out_dir: Path
    files: dict[str, Path] = field(default_factory=dict)
    fact_count: int = 0
    source_count: int = 0
    entity_count: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "out_dir": str(self.out_dir),
            "files": {k: str(v) for k, v in self.files.items()},
            "facts": self.fact_count,
            "sources": self.source_count,
            "entities": self.entity_count,
        }


def fact_url(base_url: str, source_id: int, statement_id: str) -> str:
    """Where a fact's statement can be opened in the web app."""
    return f"{base_url.rstrip('/')}/sources/{source_id}?statement={statement_id}"


def alert_details(store: Store, alert_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Alerts with the subject screened and the reviewers' decisions on them."""
    if not alert_ids:
        return {}
    from opspoor.screening.tables import alerts, decisions, subjects

    out: dict[int, dict[str, Any]] = {}
    with store.connect() as conn:
        q = (
            select(
                alerts,
                subjects.c.name.label("subject_name"),
                subjects.c.properties.label("subject_properties"),
            )
            .join(subjects, subjects.c.id == alerts.c.subject_id)
            .where(alerts.c.id.in_(alert_ids))
        )
        for row in conn.execute(q):
            data = dict(row._mapping)
            data["decisions"] = []
            out[int(data["id"])] = data
        q_dec = (
            select(decisions)
            .where(decisions.c.alert_id.in_(alert_ids))
            .order_by(decisions.c.decided_at)
        )
        for row in conn.execute(q_dec):
            out[int(row.alert_id)]["decisions"].append(dict(row._mapping))
    return out


def screening_hits(alerts_by_id: dict[int, dict[str, Any]]) -> list[ScreeningHit]:
    """The case's alerts as picture edges (screened name -> list entry); cleared ones left out."""
    return [
        ScreeningHit(
            alert_id=a["id"],
            subject_id=a["subject_id"],
            name=a["subject_name"],
            schema=str((a.get("match") or {}).get("schema") or "LegalEntity"),
            entity_id=a["entity_id"],
            score=float(a["score"]),
        )
        for a in alerts_by_id.values()
        if a["status"] != "false_positive"
    ]


def review_trail(view: CaseView, alerts_by_id: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every decision about the case and its alerts, oldest first."""
    labels = {int(i["id"]): i.get("label") or i["ref"] for i in view.items}
    trail: list[dict[str, Any]] = []
    for alert in alerts_by_id.values():
        for dec in alert["decisions"]:
            trail.append(
                {
                    "when": _iso(dec["decided_at"]),
                    "who": dec["reviewer"],
                    "what": f"alert {alert['id']} ({alert['subject_name']} ↔ {alert['caption']})",
                    "decision": dec["decision"].replace("_", " "),
                    "reason": dec["reason"],
                }
            )
    for dec in view.decisions:
        if dec["item_id"] is not None:
            what = f"item {dec['item_id']}: {labels.get(int(dec['item_id']), '')}"
        else:
            what = "the case"
        trail.append(
            {
                "when": _iso(dec["decided_at"]),
                "who": dec["reviewer"],
                "what": what,
                "decision": dec["decision"].replace("status:", "status → "),
                "reason": dec["reason"],
            }
        )
    return sorted(trail, key=lambda t: t["when"])


def _iso(value: Any) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return str(value)


def identifiers_of(ev: Evidence) -> dict[str, list[str]]:
    """Phones, e-mail addresses and accounts across the case's facts."""
    found: dict[str, set[str]] = {"phones": set(), "e-mail addresses": set(), "accounts": set()}
    for fact in ev.facts:
        schema = model.get(fact.schema)
        prop = schema.get(fact.prop) if schema is not None else None
        type_name = prop.type.name if prop is not None else ""
        if type_name == "phone":
            found["phones"].add(fact.value)
        elif type_name == "email":
            found["e-mail addresses"].add(fact.value)
        elif fact.prop in ("iban", "ibanMentioned", "accountNumber"):
            found["accounts"].add(fact.value)
    return {k: sorted(v) for k, v in found.items() if v}


def render_html(
    view: CaseView,
    ev: Evidence,
    svg: str,
    trail: list[dict[str, Any]],
    alerts_by_id: dict[int, dict[str, Any]],
    actor: Actor,
    generated_at: dt.datetime,
    base_url: str,
) -> str:
    status = item_status(view)
    return _env.get_template("dossier.html").render(
        case=view.case,
        items=view.items,
        item_status=status,
        evidence=ev,
        entities=list(ev.entities.values()),
        sources=sorted(ev.sources.values(), key=lambda s: s.id),
        svg=svg,
        trail=trail,
        alerts=[alerts_by_id[k] for k in sorted(alerts_by_id)],
        identifiers=identifiers_of(ev),
        generated_at=_iso(generated_at),
        generated_by=actor.username,
        fact_url=lambda f: fact_url(base_url, f.source_id, f.statement_id),
        shown=lambda f: display_value(ev, f),
        iso=_iso,
    )


def display_value(ev: Evidence, fact: Fact) -> str:
    """A fact's value as a reader wants it: country names, not codes; captions, not entity ids."""
    schema = model.get(fact.schema)
    prop = schema.get(fact.prop) if schema is not None else None
    if prop is None:
        return fact.value
    if prop.type == registry.entity:
        linked = ev.entities.get(fact.value)
        return linked.caption if linked is not None else fact.value
    caption = prop.type.caption(fact.value)
    return str(caption) if caption and caption != fact.value else fact.value


def ftm_bundle(ev: Evidence) -> list[dict[str, Any]]:
    """The case's entities as FtM JSON, each carrying exactly the dossier's facts."""
    out = []
    for ef in ev.entities.values():
        proxy = model.make_entity(ef.entity.schema)
        proxy.id = ef.entity.id
        for fact in ef.facts:
            prop = proxy.schema.get(fact.prop)
            if prop is not None:
                proxy.unsafe_add(prop, fact.value, cleaned=True)
        data = proxy.to_dict()
        data["datasets"] = sorted({ev.sources[f.source_id].dataset for f in ef.facts})
        out.append(data)
    return out


def fact_statements(ev: Evidence) -> list[dict[str, Any]]:
    """One FtM statement per fact, its `origin` naming the source and its SHA-256."""
    rows = []
    for fact in ev.facts:
        src = ev.sources[fact.source_id]
        rows.append(
            {
                "id": fact.statement_id,
                "entity_id": fact.entity_id,
                "schema": fact.schema,
                "prop": fact.prop,
                "value": fact.value,
                "dataset": src.dataset,
                "first_seen": fact.first_seen,
                "last_seen": fact.last_seen,
                "origin": f"opspoor-source:{src.id} sha256:{src.sha256}",
                "location": fact.location,
                "fact": fact.key,
            }
        )
    return rows


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_dossier(
    store: Store,
    actor: Actor,
    case_id: int,
    out_dir: Path,
    base_url: str = DEFAULT_BASE_URL,
    pdf: bool = True,
) -> DossierResult:
    """Write the dossier files for a case into `out_dir` (created if needed)."""
    view = read_case(store, actor, case_id, purpose="dossier")
    if view.case.get("pseudonymised_at") is not None:
        raise OpspoorError(
            f"case {case_id} was pseudonymised by the retention policy; no dossier can be made"
        )
    ev = gather_evidence(store, view)
    if not ev.facts:
        raise OpspoorError(
            f"case {case_id} has no facts yet: attach alerts, entities, documents or captures"
        )
    alert_ids = [
        int(i["ref"]) for i in view.items if i["kind"] == "alert" and str(i["ref"]).isdigit()
    ]
    alerts_by_id = alert_details(store, alert_ids)
    attached = [eid for eid, ef in ev.entities.items() if ef.role == "attached"]
    svg = render_svg(
        case_graph(ev.proxies(), highlight=attached, hits=screening_hits(alerts_by_id)),
        title=f"Network of case {case_id}",
    )
    generated_at = dt.datetime.now(dt.UTC)
    trail = review_trail(view, alerts_by_id)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = DossierResult(
        case_id=case_id,
        out_dir=out_dir,
        fact_count=len(ev.facts),
        source_count=len(ev.sources),
        entity_count=len(ev.entities),
    )
    html_path = out_dir / "dossier.html"
    html_path.write_text(
        render_html(view, ev, svg, trail, alerts_by_id, actor, generated_at, base_url),
        encoding="utf-8",
    )
    result.files["html"] = html_path
    if pdf:
        result.files["pdf"] = html_to_pdf(
            html_path, out_dir / "dossier.pdf", footer=f"opspoor case {case_id}"
        )
    bundle_path = out_dir / "bundle.ftm.json"
    with open(bundle_path, "w", encoding="utf-8") as fh:
        for entity in ftm_bundle(ev):
            fh.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    result.files["bundle"] = bundle_path
    statements_path = out_dir / "statements.ftm.json"
    with open(statements_path, "w", encoding="utf-8") as fh:
        for row in fact_statements(ev):
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    result.files["statements"] = statements_path
    manifest = {
        "case_id": case_id,
        "title": view.case["title"],
        "generated_at": generated_at.isoformat(),
        "generated_by": actor.username,
        "facts": len(ev.facts),
        "entities": len(ev.entities),
        "sources": [
            {
                "id": s.id,
                "kind": s.kind,
                "dataset": s.dataset,
                "label": s.label,
                "sha256": s.sha256,
                "published_at": s.published_at,
                "imported_at": s.imported_at,
            }
            for s in sorted(ev.sources.values(), key=lambda s: s.id)
        ],
        "files": {p.name: _sha256(p) for p in result.files.values()},
    }
    manifest_path = out_dir / "manifest.json"
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    result.files["manifest"] = manifest_path
    audit.record_now(
        store,
        actor,
        "case.dossier",
        object_type="case",
        object_id=case_id,
        case_id=case_id,
        detail={"facts": len(ev.facts), "sources": len(ev.sources), "files": manifest["files"]},
    )
    return result
