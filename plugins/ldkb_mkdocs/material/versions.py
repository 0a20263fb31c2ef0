"""The MkDocs and Material versions our adapters were read from and tested with.

Every module of this package uses behaviour of these two that they do not document; each names
the version it was read from. A build with a version outside the tested range stops at once with
a message saying what to do, instead of building a site that is wrong in ways no test caught.
"""
from __future__ import annotations

import material
import mkdocs
from mkdocs.exceptions import PluginError
from packaging.version import InvalidVersion, Version

# Package name -> (lowest tested, first untested). Widen only after reading every touchpoint of
# ldkb_mkdocs.material against the new version and running tests/adapters/test_material.py.
TESTED = {
    "mkdocs": ("1.6.1", "1.7"),
    "mkdocs-material": ("9.8.1", "9.9"),
}


def installed() -> dict[str, str]:
    """The versions of this process (the packages' own `__version__`)."""
    return {"mkdocs": mkdocs.__version__, "mkdocs-material": material.__version__}


def check_versions(versions: dict[str, str] | None = None) -> None:
    """Raise PluginError (shown by MkDocs without a traceback) when a version is outside TESTED."""
    versions = installed() if versions is None else versions
    for name, (low, high) in TESTED.items():
        found = versions[name]
        try:
            ok = Version(low) <= Version(found) < Version(high)
        except InvalidVersion:
            ok = False
        if not ok:
            raise PluginError(
                f"Phiên bản {name} đang cài là {found}, ngoài khoảng đã kiểm thử (từ {low} đến trước {high}). "
                "Các plugin của kho dựa vào cách hoạt động bên trong của MkDocs và Material ở những phiên bản "
                "này, nên bản dựng dừng lại để không làm ra một trang web sai. Cách sửa: chạy `make build` "
                "(cài lại đúng các phiên bản đã ghim trong requirements/site.txt); người bảo trì muốn nâng cấp "
                "thì xem plugins/ldkb_mkdocs/material/ trước rồi mới nới khoảng phiên bản ở đó."
            )
