"""Changes to the markup of Material's templates, on finished pages.

Read from Material 9.8.1 (templates/partials/search.html, partials/source.html). Each leaves the
page as it is when its pattern is absent; tests/adapters/test_material.py checks that the
patterns are still in the installed templates.
"""
from __future__ import annotations

import re

# The search overlay is a dialog without a name (axe: aria-dialog-name, serious).
_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(?![^>]*aria-label)')
SEARCH_DIALOG_LABEL = "Tìm kiếm trong kho văn bản"
# The repository widget fetches stars and forks from the GitHub/GitLab API when this marker is
# on its link; without it the link stays a plain link (no third-party request).
REPO_WIDGET_MARKER = ' data-md-component="source"'


def label_search_dialog(html: str) -> str:
    return _SEARCH_DIALOG.sub(rf'\1 aria-label="{SEARCH_DIALOG_LABEL}"', html, count=1)


def quiet_repo_widget(html: str) -> str:
    return html.replace(REPO_WIDGET_MARKER, "")
