"""QR codes on printed covers, made offline with segno (pinned): vector SVG, the same bytes for
the same address."""
from __future__ import annotations

import segno


def qr_data_uri(text: str) -> str:
    """An SVG data URI of the QR code of `text`, black on white, with its quiet zone, medium
    error correction (a printed cover gets folded and scuffed)."""
    return segno.make(text, error="m", micro=False).svg_data_uri(scale=4, border=4, dark="#000",
                                                                 light="#fff", xmldecl=False)
