"""Uploaded documents checked by their real structure, not their name, type header or first bytes.

A PDF must parse and have pages, an Office file must be a sound OOXML archive with its format's
parts (and no bomb or nested archive inside), an image must decode within Pillow's pixel limit.
An EXE behind a `%PDF-` prefix, or a zip bomb named `.xlsx`, is refused. When CLAMAV_SOCKET is set
every accepted file is also scanned by clamd (`inputs.virus`).
"""

import io
import logging

from django.utils.translation import gettext as _

from inputs.archives import DOCUMENT_LIMITS, check_archive, is_zip
from inputs.errors import InputRefused

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

OOXML_PARTS = {DOCX: ("[Content_Types].xml", "word/document.xml"), XLSX: ("[Content_Types].xml", "xl/workbook.xml")}
MAX_PIXELS = 60_000_000  # a 60-megapixel photo is plenty; more is a decompression bomb
MAX_PDF_PAGES = 2000

logger = logging.getLogger(__name__)


def _read(fileobj):
    if isinstance(fileobj, bytes | bytearray):
        return bytes(fileobj)
    fileobj.seek(0)
    data = fileobj.read()
    fileobj.seek(0)
    return data


def _check_pdf(data):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise InputRefused(_("The PDF is encrypted; upload it without a password."))
        pages = len(reader.pages)
    except InputRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
        raise InputRefused(_("The file starts like a PDF but is not a readable PDF.")) from None
    except Exception:  # pypdf can raise other kinds on hostile input; all mean "not a PDF"
        logger.info("pdf parse failed", exc_info=True)
        raise InputRefused(_("The file starts like a PDF but is not a readable PDF.")) from None
    if pages < 1 or pages > MAX_PDF_PAGES:
        raise InputRefused(_("The PDF has no pages or too many pages."))


def _check_image(data, expected_format):
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected_format:
                raise InputRefused(_("The image is not what its first bytes say."))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise InputRefused(_("The image has too many pixels."))
            image.load()  # decodes every pixel: a truncated or forged image fails here
    except InputRefused:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise InputRefused(_("The image cannot be decoded.")) from None


def document_type(fileobj):
    """The content type the bytes really are (PDF, DOCX, XLSX, PNG, JPEG); InputRefused otherwise."""
    data = _read(fileobj)
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_image(data, "PNG")
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        _check_image(data, "JPEG")
        return JPEG
    if is_zip(data):
        names = check_archive(data, limits=DOCUMENT_LIMITS)
        for content_type, parts in OOXML_PARTS.items():
            if all(part in names for part in parts):
                return content_type
    raise InputRefused(_("The content is none of the accepted kinds."))


def check_upload(fileobj):
    """document_type() plus the virus scan when one is configured."""
    from inputs.virus import scan

    content_type = document_type(fileobj)
    scan(_read(fileobj))
    return content_type
