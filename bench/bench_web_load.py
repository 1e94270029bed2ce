"""The web app under load: `/match` and the main pages with 50 concurrent clients for 60 s each.

    python -m bench.run web_load          # or: .venv/bin/python -m bench.bench_web_load [--seconds 60]

Serves the demo store (tests/web/demo_data.py: the example list, a document, a captured ad,
alerts, users and cases) with `opspoor serve` on 127.0.0.1 and drives it with wrk (Debian's
HTTP load tool, C, one event loop per thread; installed with apt-get when missing). Each run
keeps 50 connections busy: one run POSTs yente-style /match queries, one cycles through the
main pages as a logged-in analyst (overview, alert queue and an alert, documents, a document,
crawl findings, cases, a case and its network data — the case reads write audit entries as
in real use). The goal is zero errors: no socket errors, no timeouts, no non-2xx/3xx answers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.report import ROOT, write_section

CONNECTIONS = 50
THREADS = 2
SECONDS = 60
TIMEOUT = "10s"
MATCH_NAMES = [
    "KOSHLAF, Mohamed",
    "DABBASHI, Ahmed",
    "Ahmad 'Al Ammu' Dabbashi",
    "ABU GREIN, Musab",
    "MILAD, Abd al-Rahman",
    "Mohammed Al Amin",
    "Vilmar Demovic",
    "Anna Lindqvist",
]
LUA = r"""
local requests = {}
local n = 0
%(requests)s
local counter = 0
request = function()
  counter = counter + 1
  local r = requests[(counter %% #requests) + 1]
  return wrk.format(r[1], r[2], r[3], r[4])
end
done = function(summary, latency, requests)
  io.write(string.format(
    'WRK_JSON {"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"status": %%d, "timeout": %%d, "p50": %%d, "p90": %%d, "p99": %%d, "max": %%d, "mean": %%.1f}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("installing wrk from Debian")
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is needed for this benchmark (apt-get install wrk)")
    return found


def lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string literal is a valid Lua string literal for this content


def wrk_script(requests: list[tuple[str, str, dict[str, str], str | None]]) -> str:
    lines = []
    for method, path, headers, body in requests:
        head = (
            "{"
            + ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
            + "}"
        )
        lines.append(
            f"requests[#requests + 1] = {{{lua_string(method)}, {lua_string(path)}, {head}, "
            f"{lua_string(body) if body is not None else 'nil'}}}"
        )
    return LUA % {"requests": "\n".join(lines)}


def run_wrk(wrk: str, url: str, script: Path, seconds: int) -> dict[str, Any]:
    proc = subprocess.run(
        [
            wrk,
            "-t",
            str(THREADS),
            "-c",
            str(CONNECTIONS),
            "-d",
            f"{seconds}s",
            "--timeout",
            TIMEOUT,
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    m = re.search(r"WRK_JSON (\{.*\})", proc.stdout)
    if m is None:
        raise SystemExit(f"wrk gave no summary:\n{proc.stdout}\n{proc.stderr}")
    data: dict[str, Any] = json.loads(m.group(1))
    data["errors"] = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def start_server(home: Path, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "OPSPOOR_HOME": str(home)}
    env.pop("OPSPOOR_DB", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "opspoor", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"opspoor serve did not start: {proc.stderr.read() if proc.stderr else ''}")


def session_cookie(url: str, username: str, password: str) -> str:
    with httpx.Client(base_url=url) as client:
        page = client.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None
        resp = client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": token.group(1)},
        )
        assert resp.status_code == 303, resp.text
        return f"opspoor_session={client.cookies['opspoor_session']}"


def check_all(url: str, requests: list[tuple[str, str, dict[str, str], str | None]]) -> None:
    """Every request answers 200 before the load starts (a broken page would only add errors)."""
    with httpx.Client(base_url=url, timeout=60) as client:
        for method, path, headers, body in requests:
            resp = client.request(method, path, headers=headers, content=body)
            if resp.status_code != 200:
                raise SystemExit(f"{method} {path} answers {resp.status_code}: {resp.text[:300]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=SECONDS)
    args = parser.parse_args(argv or [])
    sys.path.insert(0, str(ROOT))
    from tests.web.demo_data import PASSWORD, seed

    from opspoor.settings import Settings
    from opspoor.store.db import open_store

    wrk = ensure_wrk()
    with tempfile.TemporaryDirectory(prefix="opspoor-bench-web-") as tmp:
        home = Path(tmp) / "home"
        store = open_store(Settings.from_env({}, home=home))
        demo = seed(store)
        store.engine.dispose()
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = start_server(home, port)
        try:
            cookie = {"Cookie": session_cookie(url, "amina", PASSWORD)}
            json_head = {"Content-Type": "application/json"}
            match_requests = [
                (
                    "POST",
                    "/match/default?limit=5",
                    json_head,
                    json.dumps(
                        {"queries": {"q1": {"schema": "Person", "properties": {"name": [name]}}}}
                    ),
                )
                for name in MATCH_NAMES
            ]
            case_id = demo.cases["hotline"]
            page_requests = [
                ("GET", path, cookie, None)
                for path in (
                    "/",
                    "/alerts",
                    f"/alerts/{demo.alerts['Vilmar Demovic']}",
                    "/documents",
                    f"/documents/{demo.document_source}",
                    "/crawl",
                    f"/crawl/projects/{demo.crawl_project}",
                    f"/crawl/captures/{demo.capture_source}",
                    "/cases",
                    f"/cases/{case_id}",
                    f"/network/graph.json?case={case_id}",
                    "/entities/unsc-lyi-025",
                )
            ]
            results = []
            for label, requests in (
                ("POST /match (yente-style, 1 query each)", match_requests),
                (f"main pages ({len(page_requests)} pages, logged in)", page_requests),
            ):
                check_all(url, requests)
                script = Path(tmp) / "load.lua"
                script.write_text(wrk_script(requests), encoding="utf-8")
                print(f"{label}: {CONNECTIONS} connections for {args.seconds} s ...")
                data = run_wrk(wrk, url, script, args.seconds)
                print(
                    f"  {data['requests']} requests, {data['rps']:.0f}/s, p50 {data['p50'] / 1000:.0f} ms, "
                    f"p99 {data['p99'] / 1000:.0f} ms, errors {data['errors']}"
                )
                results.append((label, data))
        finally:
            server.terminate()
            server.wait(timeout=30)
    ok = all(d["errors"] == 0 for _, d in results)
    rows = "\n".join(
        f"| {label} | {d['requests']} | {d['rps']:.0f} | {d['p50'] / 1000:.0f} | {d['p90'] / 1000:.0f} | "
        f"{d['p99'] / 1000:.0f} | {d['max'] / 1000:.0f} | {d['errors']} "
        f"({d['connect']}/{d['read']}/{d['write']}/{d['timeout']}/{d['status']}) |"
        for label, d in results
    )
    body = f"""Goal (issue 7): `/match` and the main pages hold {CONNECTIONS} concurrent clients on loopback for
{args.seconds} s with zero errors. **{"Met" if ok else "NOT met"}.**

Load tool: wrk ({THREADS} threads, {CONNECTIONS} connections, {TIMEOUT} timeout) against one `opspoor serve`
process (uvicorn, SQLite store) holding the demo data; wrk and the server share the machine's cores.
Page requests carry an analyst's session cookie; case pages and the case network data write an audit
entry per request, as in real use.

| run | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors (connect/read/write/timeout/status) |
|---|---|---|---|---|---|---|---|
{rows}
"""
    write_section(
        "web_load", f"Web app under load ({CONNECTIONS} clients, {args.seconds} s per run)", body
    )
    if not ok:
        raise SystemExit("errors under load: see docs/benchmarks.md")


if __name__ == "__main__":
    main(sys.argv[1:])
