"""svn: a Subversion post-commit hook that posts every commit to Zulip.

The files a user installs are ``post-commit`` and ``zulip_svn_config.py``;
``hook`` reads the revision with ``svnlook`` and writes the message.
"""

from integrations.core import ScriptIntegration

integration = ScriptIntegration(
    name="svn",
    display_name="Subversion",
    description="Posts every commit to a Subversion repository: author, revision, paths and log.",
    categories=["version-control"],
    files=["post-commit", "zulip_svn_config.py"],
)
