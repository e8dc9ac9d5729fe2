"""``python -m integrations`` is the ``integrations`` command."""

from integrations.cli import run

run()
