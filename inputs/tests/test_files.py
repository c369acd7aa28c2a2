"""Uploaded documents are judged by their structure: real files pass, disguised or damaged ones do not."""

import io
import os
import socket
import struct
import threading
import zipfile

import pytest

from inputs import files, samples
from inputs.errors import InputRefused

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (samples.pdf_bytes(), files.PDF),
        (samples.image_bytes("PNG"), files.PNG),
        (samples.image_bytes("JPEG"), files.JPEG),
        (samples.ooxml_bytes("word/document.xml"), files.DOCX),
        (samples.ooxml_bytes("xl/workbook.xml"), files.XLSX),
    ],
)
def test_real_files_are_recognised(data, content_type):
    assert files.document_type(io.BytesIO(data)) == content_type


def _bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (120 * 1024 * 1024))
    return buffer.getvalue()


def _nested():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<x/>")
        archive.writestr("word/media/inner.bin", samples.ooxml_bytes("xl/workbook.xml"))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\nMZ\x90\x00" + os.urandom(2000),  # an EXE behind a PDF signature
        b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",  # a PDF without pages
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,  # a PNG signature on nothing
        b"\xff\xd8\xff\xe0" + b"\x00" * 64,
        b"MZ\x90\x00" + b"\x00" * 64,
        b"PK\x03\x04 not a zip",
        samples.ooxml_bytes("content.xml"),  # a zip, but not OOXML
        _nested(),
    ],
    ids=["exe-behind-pdf", "pdf-no-pages", "png-sig", "jpeg-sig", "exe", "broken-zip", "odt-like", "nested"],
)
def test_disguised_or_damaged_files_are_refused(data):
    with pytest.raises(InputRefused):
        files.document_type(io.BytesIO(data))


def test_a_zip_bomb_named_xlsx_is_refused_without_unpacking():
    with pytest.raises(InputRefused, match="unpacked|разархивиран"):
        files.document_type(io.BytesIO(_bomb()))


class _FakeClamd(threading.Thread):
    """clamd's INSTREAM protocol on a UNIX socket: 'FOUND' when the stream holds the EICAR string."""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(1)

    def run(self):
        conn, _ = self.server.accept()
        with conn:
            command = b""
            while not command.endswith(b"\0"):
                command += conn.recv(1)
            data = b""
            while True:
                size = struct.unpack("!L", conn.recv(4, socket.MSG_WAITALL))[0]
                if not size:
                    break
                data += conn.recv(size, socket.MSG_WAITALL)
            verdict = b"stream: Eicar-Signature FOUND\0" if EICAR in data else b"stream: OK\0"
            conn.sendall(verdict)


@pytest.fixture
def clamd(settings, tmp_path):
    path = str(tmp_path / "clamd.sock")
    server = _FakeClamd(path)
    server.start()
    settings.CLAMAV_SOCKET = path
    yield path
    server.server.close()


def test_the_virus_scanner_refuses_the_eicar_test_file(clamd):
    data = samples.pdf_bytes() + b"\n%" + EICAR
    with pytest.raises(InputRefused):
        files.check_upload(io.BytesIO(data))


def test_the_virus_scanner_passes_a_clean_file(clamd):
    assert files.check_upload(io.BytesIO(samples.pdf_bytes())) == files.PDF


def test_an_unreachable_scanner_refuses_the_file(settings, tmp_path):
    settings.CLAMAV_SOCKET = str(tmp_path / "nothing.sock")
    with pytest.raises(InputRefused):
        files.check_upload(io.BytesIO(samples.pdf_bytes()))


@pytest.mark.skipif(not os.environ.get("CLAMAV_SOCKET"), reason="no clamd socket on this machine")
def test_a_real_clamd_finds_eicar(settings):
    settings.CLAMAV_SOCKET = os.environ["CLAMAV_SOCKET"]
    with pytest.raises(InputRefused):
        files.check_upload(io.BytesIO(EICAR))
