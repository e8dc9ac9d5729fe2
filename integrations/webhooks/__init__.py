"""Incoming webhooks, one package each; the registry finds them here."""
