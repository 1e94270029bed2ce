"""An invented ad site on 127.0.0.1 for the crawler's tests and benchmark, with its own access log.

    >>> with AdSite() as site:
    ...     site.url("/")                      # 'http://127.0.0.1:PORT/'
    ...     site.paths_fetched()               # Counter of paths requested, from the access log

Pages: an index, three listing pages with pagination, the ads of ads.yml (Dutch and English,
planted indicators, shared phones, near-duplicate texts, images), robots.txt disallowing
/private/, redirects to private addresses (10.0.0.1, 169.254.169.254, and a trap server on
127.0.0.2 with its own access log), and bad endpoints: malformed HTML, an endless redirect
chain, a 1 GB response, an endless stream, a slow-loris response and non-HTML content types.
Nothing here contacts anything but the test's own loopback servers.
"""

from __future__ import annotations

import contextlib
import html
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

ADS_FILE = Path(__file__).parent / "ads.yml"
PER_PAGE = 5
# Server-side caps so a misbehaving client can never keep a test server busy for long.
MAX_STREAM_BYTES = 64 * 1024 * 1024
SLOW_SECONDS = 15.0


@dataclass
class LogEntry:
    time: float
    client: str
    method: str
    path: str
    status: int
    user_agent: str


def load_ads() -> list[dict[str, Any]]:
    return list(yaml.safe_load(ADS_FILE.read_text(encoding="utf-8"))["ads"])


def png(seed: int, size: int = 32) -> bytes:
    """A small, valid PNG whose picture depends on `seed` (so pHashes differ per image)."""
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            v = ((x * (seed + 3)) ^ (y * (seed * 7 + 1)) + seed * 40) % 256
            row += bytes([v, (v * 3 + seed) % 256, (255 - v) % 256])
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def _page(title: str, body: str, nav: bool = True) -> bytes:
    menu = (
        '<nav><a href="/">Home</a> | <a href="/listings?page=1">Advertenties</a> | <a href="/about.html">Over</a></nav>'
        if nav
        else ""
    )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>'
        f"{html.escape(title)}</title></head><body>{menu}<main>{body}</main>"
        "<footer><p>Advertentiesite (fictief) - alle gegevens verzonnen voor tests</p></footer></body></html>"
    ).encode()


def ad_html(ad: dict[str, Any], version: str = "v1") -> bytes:
    body = ad["changed"] if version == "v2" and ad.get("changed") else ad["body"]
    parts = [f"<article><h1>{html.escape(ad['title'])}</h1>", f"<p>{html.escape(body)}</p>"]
    if ad.get("footer"):
        parts.append(f"<p>{html.escape(ad['footer'])}</p>")
    if ad.get("image"):
        parts.append(f'<img src="/img/{ad["image"]}.png" alt="foto">')
    parts.append('<p><a href="/listings?page=1">Terug naar de advertenties</a></p></article>')
    return _page(ad["title"], "".join(parts))


def generated_ad(n: int) -> dict[str, Any]:
    """Filler ads for the benchmark: ordinary texts with a phone each, some with indicators."""
    flavour = n % 4
    texts = [
        "Hoi, ik ben Eva en ik ontvang thuis in Utrecht op afspraak. Veilig en discreet. Bel 06-{p}.",
        "Meet Jade, new in town, available day and night for incall. Call 06-{p} now.",
        "Te koop: kinderfiets, goed onderhouden, ophalen in Delft. Bel 06-{p} na zes uur.",
        "Schoonmaker gezocht voor kantoor in Zwolle, 20 uur per week. Info: 06-{p}.",
    ]
    phone = f"{40000000 + n % 9000:08d}"
    body = (texts[flavour].format(p=phone) + " ") * 3
    return {
        "id": 1000 + n,
        "lang": "nl",
        "title": f"Advertentie {1000 + n}",
        "body": body.strip(),
        "image": (n % 7) + 10,
    }


@dataclass
class SiteState:
    ads: list[dict[str, Any]]
    port: int = 0
    per_page: int = PER_PAGE
    hold_ads_until_robots: int = 0
    version: str = "v1"
    log: list[LogEntry] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Any

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # the site keeps its own log
        return

    def _log(self, status: int) -> None:
        state: SiteState = self.server.state
        with state.lock:
            state.log.append(
                LogEntry(
                    time.time(),
                    self.client_address[0],
                    self.command,
                    self.path,
                    status,
                    self.headers.get("User-Agent", ""),
                )
            )

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str = "text/html; charset=utf-8",
        extra: dict[str, str] | None = None,
    ) -> None:
        self._log(status)
        head = [
            f"HTTP/1.1 {status} {self._reason(status)}",
            f"Content-Type: {ctype}",
            f"Content-Length: {len(body)}",
        ]
        head += [f"{k}: {v}" for k, v in (extra or {}).items()]
        payload = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        if self.command != "HEAD":
            payload += body
        self.wfile.write(payload)

    @staticmethod
    def _reason(status: int) -> str:
        return {
            200: "OK",
            301: "Moved Permanently",
            302: "Found",
            404: "Not Found",
            410: "Gone",
        }.get(status, "Status")

    def _redirect(self, location: str) -> None:
        self._send(302, b"", extra={"Location": location})

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_POST(self) -> None:
        self._send(405, b"no forms here")

    def do_GET(self) -> None:
        routes = self.server.routes
        path = self.path
        handler = routes.get(path.split("#")[0])
        if handler is None:
            for prefix, fn in self.server.prefixes:
                if path.startswith(prefix):
                    handler = fn
                    break
        if handler is None:
            self._send(404, _page("Niet gevonden", "<p>Deze pagina bestaat niet.</p>"))
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            handler(self)  # on the bad endpoints the client gives up, as it should


class AdSite:
    """The test ad site (and a trap server on 127.0.0.2) running in background threads."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        extra_ads: int = 0,
        trap: bool = True,
        per_page: int = PER_PAGE,
        hold_ads_until_robots: int = 0,
    ) -> None:
        """`hold_ads_until_robots=N`: ad pages wait (up to 60 s) until robots.txt has been
        fetched N times, i.e. until N crawler processes are at work (distributed tests)."""
        ads = load_ads() + [generated_ad(n) for n in range(extra_ads)]
        self.state = SiteState(
            ads=ads, per_page=per_page, hold_ads_until_robots=hold_ads_until_robots
        )
        self.server = ThreadingHTTPServer((host, port), _Handler)
        self.server.daemon_threads = True
        self.server.state = self.state  # type: ignore[attr-defined]
        self.state.port = self.server.server_address[1]
        self.host = host
        self.trap: TrapServer | None = TrapServer() if trap else None
        self.server.routes, self.server.prefixes = self._routes()  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self.server.serve_forever, name="adsite", daemon=True
        )

    # -- lifecycle --------------------------------------------------------------------------------
    def start(self) -> AdSite:
        if self.trap:
            self.trap.start()
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        if self.trap:
            self.trap.stop()

    def __enter__(self) -> AdSite:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- facts for the tests ----------------------------------------------------------------------
    @property
    def port(self) -> int:
        return self.state.port

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def set_version(self, version: str) -> None:
        self.state.version = version

    @property
    def log(self) -> list[LogEntry]:
        with self.state.lock:
            return list(self.state.log)

    def paths_fetched(self) -> Counter[str]:
        return Counter(e.path for e in self.log)

    def ad(self, ad_id: int) -> dict[str, Any]:
        return next(a for a in self.state.ads if a["id"] == ad_id)

    def listing_pages(self) -> int:
        return max(1, -(-len(self.state.ads) // self.state.per_page))

    def allowed_pages(self) -> set[str]:
        """Every HTML page a polite crawler reaches and may fetch (robots.txt allows it)."""
        pages = {"/", "/about.html", "/bad/", "/bad/malformed.html", "/bad/empty.html"}
        pages |= {f"/listings?page={n}" for n in range(1, self.listing_pages() + 1)}
        pages |= {f"/ad/{a['id']}.html" for a in self.state.ads}
        return pages

    def images(self) -> set[str]:
        return {f"/img/{a['image']}.png" for a in self.state.ads if a.get("image")}

    # -- pages ------------------------------------------------------------------------------------
    def _routes(self) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
        st = self.state
        by_id = {a["id"]: a for a in st.ads}
        trap_port = self.trap.port if self.trap else 9

        def index(h: _Handler) -> None:
            h._send(
                200,
                _page(
                    "Advertenties (fictief)",
                    (
                        "<h1>Welkom</h1><p>Een verzonnen advertentiesite voor de tests van opspoor.</p><ul>"
                        '<li><a href="/listings?page=1">Alle advertenties</a></li>'
                        '<li><a href="/about.html">Over deze site</a></li>'
                        '<li><a href="/bad/">Rare pagina\'s</a></li>'
                        '<li><a href="/go/metadata">Cloud metadata</a></li>'
                        '<li><a href="/go/intranet">Intranet</a></li>'
                        '<li><a href="/go/trap">Elders</a></li>'
                        '<li><a href="/go/private">Verhuisd</a></li>'
                        '<li><a href="mailto:info@example.org">Mail ons</a></li>'
                        "</ul>"
                        '<form method="post" action="/contact"><input name="msg"><button>Stuur</button></form>'
                    ),
                ),
            )

        def about(h: _Handler) -> None:
            h._send(
                200,
                _page(
                    "Over",
                    (
                        "<h1>Over deze site</h1><p>Alles op deze site is verzonnen.</p>"
                        f'<p><a href="http://127.0.0.2:{trap_port}/direct.html">Partnersite</a></p>'
                        '<p><a href="/login">Inloggen</a></p>'
                    ),
                ),
            )

        def listings(h: _Handler) -> None:
            try:
                n = int(h.path.split("page=")[1].split("&")[0])
            except (IndexError, ValueError):
                n = 0
            total = -(-len(st.ads) // st.per_page)
            if not 1 <= n <= total:
                h._send(404, _page("Niet gevonden", "<p>Geen pagina.</p>"))
                return
            chunk = st.ads[(n - 1) * st.per_page : n * st.per_page]
            items = "".join(
                f'<li><a href="/ad/{a["id"]}.html">{html.escape(a["title"])}</a></li>'
                for a in chunk
            )
            pager = ""
            if n > 1:
                pager += f'<a href="/listings?page={n - 1}">vorige</a> '
            if n < total:
                pager += f'<a href="/listings?page={n + 1}">volgende</a>'
            pager += " | " + " ".join(
                f'<a href="/listings?page={k}">{k}</a>' for k in range(1, total + 1)
            )
            extra = '<p><a href="/private/secret.html">Alleen voor leden</a></p>' if n == 2 else ""
            h._send(
                200,
                _page(
                    f"Advertenties pagina {n}",
                    f"<h1>Pagina {n}</h1><ul>{items}</ul><p>{pager}</p>{extra}",
                ),
            )

        def ad_page(h: _Handler) -> None:
            deadline = time.time() + 60
            while st.hold_ads_until_robots and time.time() < deadline:
                with st.lock:
                    robots = sum(1 for e in st.log if e.path == "/robots.txt")
                if robots >= st.hold_ads_until_robots:
                    break
                time.sleep(0.05)
            try:
                ad = by_id[int(h.path.split("/ad/")[1].split(".")[0])]
            except (IndexError, ValueError, KeyError):
                h._send(404, _page("Niet gevonden", "<p>Deze advertentie bestaat niet.</p>"))
                return
            if st.version == "v2" and ad.get("v2_status"):
                h._send(
                    int(ad["v2_status"]),
                    _page("Verlopen", "<p>Deze advertentie is verwijderd.</p>"),
                )
                return
            h._send(200, ad_html(ad, st.version))

        def image(h: _Handler) -> None:
            try:
                seed = int(h.path.split("/img/")[1].split(".")[0])
            except (IndexError, ValueError):
                h._send(404, b"")
                return
            h._send(200, png(seed), "image/png")

        def robots(h: _Handler) -> None:
            h._send(200, b"User-agent: *\nDisallow: /private/\nDisallow: /login\n", "text/plain")

        def private(h: _Handler) -> None:  # robots.txt forbids it: a polite crawler never comes
            h._send(200, _page("Privé", "<p>Alleen voor leden.</p>"))

        def go(h: _Handler) -> None:
            target = {
                "/go/metadata": "http://169.254.169.254/latest/meta-data/",
                "/go/intranet": "http://10.0.0.1/admin/",
                "/go/trap": f"http://127.0.0.2:{trap_port}/redirected.html",
                "/go/private": "/private/moved.html",
            }.get(h.path)
            if target is None:
                h._send(404, b"")
            else:
                h._redirect(target)

        def bad_index(h: _Handler) -> None:
            links = [
                "malformed.html",
                "empty.html",
                "loop/1",
                "huge.html",
                "stream.html",
                "slow.html",
                "report.html",
                "data",
                "feed.html",
            ]
            items = "".join(f'<li><a href="/bad/{x}">{x}</a></li>' for x in links)
            h._send(200, _page("Rare pagina's", f"<h1>Rare pagina's</h1><ul>{items}</ul>"))

        def malformed(h: _Handler) -> None:
            body = (
                b"<html><head><title>Kapot</title><body><div><p>Escort Nora <b>jong meisje <i>zonder"
                b" sluit\xff\xfe tags <table><tr><td>24/7\x00 beschikbaar<p><p><script>var x = '</div>"
                b"<a href='/ad/1.html'>link</a>"
            )
            h._send(200, body)

        def empty(h: _Handler) -> None:
            h._send(200, b"")

        def loop(h: _Handler) -> None:
            try:
                n = int(h.path.rsplit("/", 1)[1])
            except ValueError:
                n = 0
            h._redirect(f"/bad/loop/{n + 1}")

        def huge(h: _Handler) -> None:  # claims 1 GB and starts sending it
            h._log(200)
            h.wfile.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1073741824\r\n\r\n"
            )
            _stream(h, MAX_STREAM_BYTES)

        def stream(h: _Handler) -> None:  # no length, never ends (until the cap)
            h._log(200)
            h.close_connection = True
            h.wfile.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>"
            )
            _stream(h, MAX_STREAM_BYTES)

        def slow(h: _Handler) -> None:  # slow loris: one byte now and then
            h._log(200)
            h.wfile.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
            )
            h.wfile.flush()
            deadline = time.time() + SLOW_SECONDS
            while time.time() < deadline:
                h.wfile.write(b"<")
                h.wfile.flush()
                time.sleep(0.25)
            h.close_connection = True

        def report(h: _Handler) -> None:  # a PDF behind an .html name
            h._send(200, b"%PDF-1.4\n" + b"0" * 200_000, "application/pdf")

        def data(h: _Handler) -> None:
            h._send(200, b"\x00\x01binary" * 100_000, "application/octet-stream")

        def feed(h: _Handler) -> None:
            h._send(200, b'{"ads": []}', "application/json")

        routes = {
            "/": index,
            "/about.html": about,
            "/robots.txt": robots,
            "/bad/": bad_index,
            "/bad/malformed.html": malformed,
            "/bad/empty.html": empty,
            "/bad/huge.html": huge,
            "/bad/stream.html": stream,
            "/bad/slow.html": slow,
            "/bad/report.html": report,
            "/bad/data": data,
            "/bad/feed.html": feed,
        }
        prefixes = [
            ("/listings", listings),
            ("/ad/", ad_page),
            ("/img/", image),
            ("/private/", private),
            ("/login", private),
            ("/go/", go),
            ("/bad/loop/", loop),
        ]
        return routes, prefixes


def _stream(h: _Handler, limit: int) -> None:
    sent = 0
    chunk = b"<p>" + b"x" * 65_000 + b"</p>"
    while sent < limit:
        h.wfile.write(chunk)
        sent += len(chunk)
    h.close_connection = True


class TrapServer:
    """A server on 127.0.0.2 that the crawler must never reach; it only records visits."""

    def __init__(self) -> None:
        self.log: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                outer.log.append(self.path)
                body = b"<html><body>you should not be here</body></html>"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, name="trap", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
