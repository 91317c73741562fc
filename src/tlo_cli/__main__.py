"""`python -m tlo_cli`."""

from tlo_cli.cli.app import run

run()
