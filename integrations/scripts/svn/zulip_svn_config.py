"""Settings of the Zulip Subversion hook (post-commit). Edit freely: upgrades never touch this file.

Settings left as None are read from the environment (ZULIP_EMAIL,
ZULIP_API_KEY, ZULIP_SITE) or from the [api] section of ~/.zuliprc. Note that
Subversion runs hooks with an empty environment, so ~ is the home folder of
the account the server runs as.
"""

from __future__ import annotations

from collections.abc import Sequence

# The bot that posts: its email, its API key and your Zulip server's address.
ZULIP_EMAIL: str | None = None  # e.g. "svn-bot@example.zulipchat.com"
ZULIP_API_KEY: str | None = None  # the bot's API key, from its settings
ZULIP_SITE: str | None = None  # e.g. "https://example.zulipchat.com"

# The channel commits go to (zulip_destination below may choose another).
CHANNEL = "commits"

# How many changed paths a message lists before it says "[and N more paths]".
MAX_PATHS = 10

# A link for the revision: {repository} and {revision} (a number) are filled
# in, e.g. "https://svn.example.com/viewvc/{repository}?view=revision&revision={revision}".
REVISION_URL: str | None = None

# The svnlook command; a full path if it is not in /usr/bin or /bin, since
# Subversion runs hooks without a PATH.
SVNLOOK = "svnlook"


def zulip_destination(repository: str, paths: Sequence[str]) -> dict[str, str] | None:
    """Where a commit to ``repository`` changing ``paths`` (``trunk/README``...) is posted.

    Return {"channel": ..., "topic": ...}, or None to post nothing.
    """
    return {"channel": CHANNEL, "topic": repository}
