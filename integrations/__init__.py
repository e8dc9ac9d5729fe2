"""Zulip integrations: the framework, every integration, and their executable docs."""

__version__ = "0.1.0"
