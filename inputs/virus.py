"""An optional virus scan through clamd's INSTREAM command, on when CLAMAV_SOCKET is set.

Off by default (no scanner on development machines); with a socket configured, a file is refused
when clamd finds something and also when clamd cannot be reached (fail closed).
"""

import socket
import struct

from django.conf import settings
from django.utils.translation import gettext as _

from inputs.errors import InputRefused

CHUNK = 64 * 1024
TIMEOUT = 30


def _connect(address):
    if ":" in address and not address.startswith("/"):
        host, port = address.rsplit(":", 1)
        return socket.create_connection((host, int(port)), timeout=TIMEOUT)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(TIMEOUT)
    sock.connect(address)
    return sock


def clamd_verdict(data, address):
    """clamd's answer for the bytes, e.g. 'stream: OK' or 'stream: Eicar-Signature FOUND'."""
    with _connect(address) as sock:
        sock.sendall(b"zINSTREAM\0")
        for start in range(0, len(data), CHUNK):
            chunk = data[start : start + CHUNK]
            sock.sendall(struct.pack("!L", len(chunk)) + chunk)
        sock.sendall(struct.pack("!L", 0))
        answer = b""
        while not answer.endswith(b"\0"):
            part = sock.recv(4096)
            if not part:
                break
            answer += part
    return answer.rstrip(b"\0").decode("utf-8", "replace")


def scan(data):
    address = getattr(settings, "CLAMAV_SOCKET", "")
    if not address:
        return
    try:
        verdict = clamd_verdict(data, address)
    except OSError:
        raise InputRefused(_("The virus scanner cannot be reached; try again later.")) from None
    if not verdict.endswith("OK"):
        raise InputRefused(_("The virus scanner refused the file."))
