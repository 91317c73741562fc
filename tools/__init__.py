"""Developer tools: the generators of the docs (not part of the installed package)."""
