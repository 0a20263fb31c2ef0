"""The one serif face of every PDF: Times-New-Roman metrics with every Vietnamese letter.

The faces are declared with @font-face pointing at the installed files under a private
family name, so fontconfig can never substitute Liberation Serif 1.07 (same family name,
92 Vietnamese letters missing) or any other face.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

FAMILY = "LDKB Serif"

# (style, weight) -> file name, per candidate family, in order of preference.
_CANDIDATES = [
    ("Liberation Serif", Path("/usr/share/fonts/truetype/liberation2"), {
        ("normal", 400): "LiberationSerif-Regular.ttf",
        ("normal", 700): "LiberationSerif-Bold.ttf",
        ("italic", 400): "LiberationSerif-Italic.ttf",
        ("italic", 700): "LiberationSerif-BoldItalic.ttf",
    }),
    ("Tinos", Path("/usr/share/fonts/truetype/croscore"), {
        ("normal", 400): "Tinos-Regular.ttf",
        ("normal", 700): "Tinos-Bold.ttf",
        ("italic", 400): "Tinos-Italic.ttf",
        ("italic", 700): "Tinos-BoldItalic.ttf",
    }),
]


class FontMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class SerifFont:
    name: str  # family name of the files, e.g. "Liberation Serif"
    files: dict[tuple[str, int], Path]  # (style, weight) -> Path

    @property
    def postscript_prefix(self) -> str:
        """What pdffonts shows for this family (before `-Bold`, after the subset tag)."""
        return self.name.replace(" ", "")

    def font_face_css(self) -> str:
        rules = []
        for (style, weight), path in sorted(self.files.items()):
            rules.append(
                f'@font-face {{ font-family: "{FAMILY}"; font-style: {style}; font-weight: {weight}; '
                f'src: url("{path.as_uri()}"); }}'
            )
        return "\n".join(rules) + "\n"

    def digest(self) -> str:
        """Content hash of the font files: a font update invalidates the PDF cache."""
        return _digest(tuple(sorted(self.files.items())))


@lru_cache(maxsize=4)
def _digest(files: tuple[Any, ...]) -> str:
    h = hashlib.sha256()
    for key, path in files:
        h.update(repr(key).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=1)
def find_serif() -> SerifFont:
    for name, folder, faces in _CANDIDATES:
        files = {k: folder / v for k, v in faces.items()}
        if all(p.is_file() for p in files.values()):
            return SerifFont(name, files)
    raise FontMissing(
        "Không tìm thấy phông chữ có đủ chữ tiếng Việt (Liberation Serif 2 hoặc Tinos). "
        "Chạy `make build` để cài gói Debian `fonts-liberation2`."
    )
