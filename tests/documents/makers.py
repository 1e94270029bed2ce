"""Build test documents in memory: PDF with a text layer, DOCX, e-mail with attachments, zip bombs.

Also used once to make the committed examples in examples/documents/ (see `main`).
"""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from pathlib import Path


def _pdf_escape(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF whose pages hold these lines of text (Helvetica, WinAnsi), written by hand."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)  # pages object comes after all page/content pairs
    page_ids = []
    for lines in pages:
        stream = (
            b"BT /F1 11 Tf 14 TL 50 790 Td "
            + b" ".join(b"(" + _pdf_escape(line) + b") Tj T*" for line in lines)
            + b" ET"
        )
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, font, content)
            )
        )
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = add(b"<< /Title (" + _pdf_escape(title or "") + b") /Producer (opspoor tests) >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, info, xref)
    )
    return out.getvalue()


def make_docx(
    paragraphs: list[str], title: str | None = None, table: list[list[str]] | None = None
) -> bytes:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_eml(
    subject: str,
    body: str,
    attachments: list[tuple[str, bytes, str]] = (),  # type: ignore[assignment]
    sender: str = "Tipgever <tipgever@example.org>",
    to: str = "Meldpunt <meldpunt@example.org>",
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = "Mon, 03 Jun 2024 09:15:00 +0200"
    msg.set_content(body)
    for name, data, mime in attachments:
        maintype, subtype = mime.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(msg)


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def make_zip_bomb(unpacked_mb: int = 200) -> bytes:
    """A small archive that unpacks to `unpacked_mb` MB of zeros (ratio about 1000:1)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf,
        zf.open("zeros.txt", "w", force_zip64=True) as fh,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(unpacked_mb):
            fh.write(chunk)
    return out.getvalue()


# -- the committed examples --------------------------------------------------------------------
PDF_PAGES = [
    [
        "Panel summary: smuggling networks in western Libya",
        "",
        "This summary was written for the opspoor examples. It restates public facts from the",
        "sanctions listing of June 2018 and adds invented details for testing.",
        "",
        "Ahmad Oumar al-Fitouri, commander of the Anas al-Dabbashi militia, controlled departures",
        'from the beaches west of Sabratha. Mussab Abu-Quarin, known as "The Doctor", organised',
        "crossings from Zuwara.",
    ],
    [
        "Vessels and payments",
        "",
        'The fishing vessel "Sea Falcon" (IMO 9301237, MMSI 642123456) is owned by',
        "Northwind Demo Maritime, whose director Vilmar Demovic works closely with Jamal Fictioni.",
        "Payments went to TRON wallet TFXzbajji6pAKBsW9KR7nocaAzeJxJFF8Z and to",
        "DE89 3704 0044 0532 0130 00. Contact: +44 20 7946 0991.",
    ],
]

DOCX_PARAGRAPHS = [
    "Ministerie van Justitie en Veiligheid",
    "Aan: de voorzitter van de Tweede Kamer",
    "Onderwerp: mensensmokkel via Libië en Italië",
    "Geachte voorzitter,",
    "Naar aanleiding van vragen van het lid Fatima el Amrani informeer ik u over de stand van zaken. "
    "Het Openbaar Ministerie vervolgt de verdachte Salem Barghathi, die volgens het onderzoek de oom is "
    'van Khalid Zentani. Barghathi werkt nauw samen met Idris Ben Salem, bijgenaamd "de Kapitein".',
    "De Koninklijke Marechaussee onderschepte in maart een bestelbus bij Budel. De chauffeur reisde op "
    "een paspoort met nummer LY8812345. Betalingen liepen via NL20 INGB 0001 2345 67.",
    "Hoogachtend,",
    "De Minister van Justitie en Veiligheid,",
    "mr. J.P. van der Berg",
]

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Coast guard trained by EU worked with smugglers, NGO says</title></head>
<body>
<header><nav class="menu"><a href="/">Home</a> <a href="/about">About us</a> <a href="/team">Our editor Piet Pienter</a> <a href="/donate">Donate</a></nav></header>
<main><article>
<h1>Coast guard trained by EU worked with smugglers, NGO says</h1>
<p class="byline">By Layla Haddad, Tunis</p>
<p>A report published on Tuesday by the rescue organisation Sea-Watch accuses units of the Libyan Coast Guard in Zawiya of handing intercepted migrants back to traffickers. The report names Abd al-Rahman al-Milad, known as Bija, who commanded the coast guard in Zawiya when the UN Security Council placed him under sanctions in 2018.</p>
<p>Survivors told the organisation that a man called Yonas Tesfay collected payments in cash and through the Telegram channel t.me/zawiya_crossings. Tesfay is a close associate of Ermias Ghermay, according to the report.</p>
<p>The European Commission said it would study the findings. A spokesman, Martin Keller, said EU funding "never goes to listed individuals".</p>
<p>Contact the author: layla.haddad@example.org or @layla_reports.</p>
</article></main>
<aside class="related"><h2>Related</h2><ul><li>Interview with Hans Wurst about fishing</li></ul></aside>
<footer class="site-footer">Copyright Example News. Webmaster: Piet Pienter, webmaster@example.org</footer>
</body></html>
"""

EML_BODY = """Beste meldpunt,

Ik wil anoniem iets melden. Een man die zich Idris Ben Salem noemt, biedt via WhatsApp
(wa.me/31612345678) overtochten aan vanaf Zuwara voor 2500 euro per persoon. Hij zegt dat hij
samenwerkt met de kustwacht in Zawiya. Betalen moet contant of op rekening NL20 INGB 0001 2345 67.

In de bijlage de berichten die ik kreeg en een foto van de advertentie.

Met vriendelijke groet,
een bezorgde buurtbewoner
"""

EML_ATTACHMENT = """Berichten van +31 6 12345678 (Idris):

"Vertrek vanaf Zuwara met de boot van Hamza Ben Salem. Vraag naar de Kapitein."
"Betaling via bitcoin naar 1PRw6Hwv95CD18zYMrfu8it5vpyhKZaEeq mag ook."
"""


def main(folder: Path = Path(__file__).resolve().parents[2] / "examples" / "documents") -> None:
    """Write the binary examples (PDF, DOCX, HTML, EML) into examples/documents/."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "en-panel-summary.pdf").write_bytes(
        make_pdf(PDF_PAGES, title="Panel summary (opspoor example)")
    )
    (folder / "nl-kamerbrief-mensensmokkel.docx").write_bytes(
        make_docx(DOCX_PARAGRAPHS, title="Kamerbrief mensensmokkel (opspoor-voorbeeld)")
    )
    (folder / "en-ngo-report-coast-guard.html").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "nl-tip-met-bijlagen.eml").write_bytes(
        make_eml(
            "Melding mensensmokkel Zuwara",
            EML_BODY,
            [("berichten.txt", EML_ATTACHMENT.encode("utf-8"), "text/plain")],
        )
    )


if __name__ == "__main__":
    main()
