"""The synthetic 47-TLO sample of data/sample: its roster (roster.py), the deterministic
generator of its ledgers (generate.py) and the files `tlo sample` writes (files.py)."""
