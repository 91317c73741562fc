"""Reading ledgers: workbook → cells → labelled lines → canonical items in yen."""

from tlo_cli.ledger.load import Cohort, FileReport, Skipped, expand_paths, load_cohort, read_file

__all__ = ["Cohort", "FileReport", "Skipped", "expand_paths", "load_cohort", "read_file"]
