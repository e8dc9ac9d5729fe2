"""Test helpers: a Zulip stand-in server and real repositories with the hooks installed.

``zulip_standin`` holds the server, ``repos`` the repositories, ``trac`` a
Trac environment with the plugin enabled, and ``pytest_plugin`` the fixtures
built from them (registered by the top-level ``conftest.py``).
"""
