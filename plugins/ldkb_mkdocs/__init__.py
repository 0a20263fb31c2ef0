"""MkDocs adapters over the `ldkb` core. Each plugin is a thin layer: no content logic here."""
