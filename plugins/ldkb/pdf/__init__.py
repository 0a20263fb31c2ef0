"""Printable PDFs: per-document PDFs in the NĐ 30/2020 layout and handbooks, rendered with WeasyPrint.

Plain Python, no MkDocs import: `build_pdf.py` drives `build.build_all` after the site build.
"""
