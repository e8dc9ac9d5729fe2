"""Python script integrations (hooks the tool runs), one package each.

The registry finds them here.
"""
