"""git: a post-receive hook that posts every push to Zulip.

The files a user installs are ``post-receive`` and ``zulip_git_config.py``;
the work is done by ``hook`` (reading the push), ``repository`` (asking git)
and ``format`` (the message, reusable for other services' pushes).
"""

from integrations.core import ScriptIntegration

integration = ScriptIntegration(
    name="git",
    display_name="Git",
    description="Posts every push to a git repository: commits, branches, tags, force pushes.",
    categories=["version-control"],
    files=["post-receive", "zulip_git_config.py"],
)
