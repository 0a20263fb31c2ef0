"""Core of the knowledge base: content model, Vietnamese text handling, rendering.

Nothing in this package imports MkDocs: the plugins in `ldkb_mkdocs` adapt it.
"""
