"""The ISKP dossier pipeline: load → validate → link → render → write.

Each stage is a module of pure functions from data to data; only `load` reads files and only
`write` writes them. `scripts/build_pages.py` is the command line over these stages.
"""
