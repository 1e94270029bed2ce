"""Readers turn files into text with offsets, and refuse bad files with a clear error."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opspoor.documents.readers import MB, ReadLimits, read_bytes, read_document
from opspoor.errors import InputError
from tests.documents.conftest import example
from tests.documents.makers import make_docx, make_eml, make_pdf, make_zip, make_zip_bomb


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_text_keeps_sha256_and_language(tmp_path: Path) -> None:
    data = b"De commandant van de kustwacht in Zawiya werkt nauw samen met smokkelaars.\r\n"
    doc = read_document(write(tmp_path, "a.txt", data))
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert (
        doc.text == "De commandant van de kustwacht in Zawiya werkt nauw samen met smokkelaars.\n"
    )
    assert doc.language == "nl"
    assert doc.kind == "text" and doc.encoding == "utf-8"


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    text = "Coördinator Müller zei dat de smokkelaars naar Italië gingen, één voor één, via café Zawiya."
    doc = read_document(write(tmp_path, "oud.txt", text.encode("cp1252")))
    assert doc.text == text
    assert doc.encoding != "utf-8"  # guessed (chardet), and said so when unsure
    assert all("guessed" in w for w in doc.warnings)


def test_binary_file_with_txt_name_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    )
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.path == str(path)
    assert "binary" in str(err.value)


def test_unknown_encoding_is_refused(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    data = bytes(rng.choice([*range(0x80, 0x100), 0x20]) for _ in range(3000))
    path = write(tmp_path, "garbled.txt", data)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert "encoding" in str(err.value) and str(path) in str(err.value)


def test_fifty_megabyte_text_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * MB)  # sparse: the limit is checked on the size, not by reading
    with pytest.raises(InputError) as err:
        read_document(path)
    assert "50 MB" in str(err.value) and "huge.txt" in str(err.value)
    assert read_document_allows(tmp_path, limits=ReadLimits(max_file_bytes=60 * MB))


def read_document_allows(tmp_path: Path, limits: ReadLimits) -> bool:
    """The limit is a setting: a big (but real) text passes a raised limit."""
    path = write(tmp_path, "big.txt", b"Mohammed Kachlaf werd gezien in Zawiya. " * 2000)
    return len(read_document(path, limits).text) == 40 * 2000


def test_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        read_document(write(tmp_path, "leeg.txt", b""))


def test_html_keeps_main_text_not_menus() -> None:
    doc = read_document(example("en-ngo-report-coast-guard.html"))
    assert doc.kind == "html"
    assert doc.title == "Coast guard trained by EU worked with smugglers, NGO says"
    assert doc.text.startswith(doc.title)
    assert "Abd al-Rahman al-Milad" in doc.text
    assert "Piet Pienter" not in doc.text  # menu and footer
    assert "Hans Wurst" not in doc.text  # related-links aside


def test_html_fallback_reads_short_pages(tmp_path: Path) -> None:
    html = b"<html><body><nav>Menu Jan Modaal</nav><p>Kort bericht over Idris Ben Salem.</p></body></html>"
    doc = read_document(write(tmp_path, "kort.html", html))
    assert "Idris Ben Salem" in doc.text
    assert "Jan Modaal" not in doc.text


def test_pdf_text_layer_and_pages() -> None:
    doc = read_document(example("en-panel-summary.pdf"))
    assert doc.kind == "pdf" and doc.title == "Panel summary (opspoor example)"
    assert len(doc.page_starts) == 2
    pos = doc.text.index("Northwind Demo Maritime")
    assert doc.page_of(pos) == 2
    assert doc.page_of(doc.text.index("Ahmad Oumar al-Fitouri")) == 1


def test_corrupt_pdf_is_refused(tmp_path: Path) -> None:
    good = make_pdf([["Hello Zawiya"]])
    path = write(tmp_path, "broken.pdf", good[:60] + b"\x00garbage" * 20)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert "broken.pdf" in str(err.value) and "PDF" in str(err.value)


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.pdf", make_pdf([[]]))
    with pytest.raises(InputError, match="no text layer"):
        read_document(path)


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    data = make_docx(
        ["Eerste alinea over Hamza Trabelsi."],
        title="Brief",
        table=[["naam", "rol"], ["Idris Ben Salem", "smokkelaar"]],
    )
    doc = read_document(write(tmp_path, "brief.docx", data))
    assert doc.kind == "docx" and doc.title == "Brief"
    assert "Hamza Trabelsi" in doc.text
    assert "Idris Ben Salem | smokkelaar" in doc.text


def test_corrupt_docx_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "kapot.docx", make_zip({"word/document.xml": b"<not xml"}))
    with pytest.raises(InputError) as err:
        read_document(path)
    assert "kapot.docx" in str(err.value) and "DOCX" in str(err.value)


def test_email_with_attachments_is_read_recursively() -> None:
    doc = read_document(example("nl-tip-met-bijlagen.eml"))
    assert doc.kind == "email"
    assert doc.headers["subject"] == ["Melding mensensmokkel Zuwara"]
    assert doc.text.startswith("From: Tipgever <tipgever@example.org>")
    assert "Idris Ben Salem" in doc.text
    [attachment] = doc.attachments
    assert attachment.path.endswith("nl-tip-met-bijlagen.eml > berichten.txt")
    assert "Hamza Ben Salem" in attachment.text
    assert attachment.sha256 == hashlib.sha256(attachment.text.encode()).hexdigest()


def test_zip_bomb_attachment_is_an_error_and_the_mail_is_still_read(tmp_path: Path) -> None:
    bomb = make_zip_bomb(200)
    assert len(bomb) < MB  # small on the wire
    mail = make_eml(
        "Bijlagen",
        "Zie bijlage van Idris Ben Salem.",
        [
            ("bom.zip", bomb, "application/zip"),
            ("notitie.txt", b"Hamza Trabelsi belde.", "text/plain"),
        ],
    )
    doc = read_document(write(tmp_path, "mail.eml", mail))
    assert "Idris Ben Salem" in doc.text
    assert [a.file_name for a in doc.attachments] == ["notitie.txt"]
    [error] = doc.errors
    assert error.path and error.path.endswith("mail.eml > bom.zip")
    assert "zip bomb" in str(error)


def test_zip_whose_headers_lie_is_stopped(tmp_path: Path) -> None:
    import zipfile

    bomb = bytearray(make_zip({"a.txt": b"Kachlaf " * 200_000}))
    # make the central directory and local header claim a tiny size
    with zipfile.ZipFile(write(tmp_path, "probe.zip", bytes(bomb))) as zf:
        info = zf.infolist()[0]
        assert info.file_size == 1_600_000
    patched = bytes(bomb).replace((1_600_000).to_bytes(4, "little"), (100).to_bytes(4, "little"))
    with pytest.raises(InputError):
        read_bytes(patched, "lies.zip", "lies.zip", ReadLimits(max_ratio=50))


def test_archives_nest_only_so_deep() -> None:
    inner = make_zip({"a.txt": b"Idris Ben Salem"})
    for _ in range(4):
        inner = make_zip({"nested.zip": inner})
    doc = read_bytes(inner, "deep.zip", "deep.zip", ReadLimits(max_depth=3))
    errors = [e for d in doc.walk() for e in d.errors]
    assert any("nested more than 3" in str(e) for e in errors)


def test_unsupported_type_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unsupported file type"):
        read_document(write(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100))


@settings(max_examples=150, deadline=None)
@given(
    st.binary(max_size=1500),
    st.sampled_from(["x.txt", "x.html", "x.eml", "x.pdf", "x.docx", "x.zip", "x"]),
)
def test_any_bytes_give_a_document_or_an_input_error(data: bytes, name: str) -> None:
    try:
        doc = read_bytes(data, name, name)
    except InputError as exc:
        assert exc.path == name
        return
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert "\r" not in doc.text and "\x00" not in doc.text
