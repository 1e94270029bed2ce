"""HTML to PDF with the machine's Chromium (print-to-PDF, driven by Playwright).

    >>> html_to_pdf(Path("dossier.html"), Path("dossier.pdf"), footer="Case 4")

Uses Debian's /usr/bin/chromium (or `chromium` / `chromium-browser` on the PATH); nothing is
downloaded. Links in the HTML stay clickable in the PDF. JavaScript is off: the dossier is static.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from opspoor.errors import OpspoorError

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str:
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        found = shutil.which(candidate)
        if found:
            return found
    raise OpspoorError(
        "the PDF needs Chromium, which is not installed (run: bash scripts/ensure-chromium.sh, "
        "or apt-get install chromium)"
    )


def html_to_pdf(html_path: Path, pdf_path: Path, footer: str = "") -> Path:
    """Print `html_path` to `pdf_path` (A4, page numbers in the footer)."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a dependency
        raise OpspoorError("the PDF needs the playwright package (pip install playwright)") from exc
    executable = find_chromium()
    footer_html = (
        '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
        f"{html.escape(footer)} · page <span class=pageNumber></span> of <span class=totalPages></span></div>"
    )
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(java_script_enabled=False, offline=True)
                page = context.new_page()
                page.goto(html_path.resolve().as_uri(), wait_until="load")
                page.pdf(
                    path=str(pdf_path),
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<div></div>",
                    footer_template=footer_html,
                    margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
                )
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise OpspoorError(f"Chromium could not print the dossier: {exc}") from exc
    return pdf_path
