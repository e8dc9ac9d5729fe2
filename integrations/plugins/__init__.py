"""Plugin integrations (code loaded into the host program), one package each.

The registry finds them here.
"""
