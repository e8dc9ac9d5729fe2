"""Settings of the Zulip git hook (post-receive). Edit freely: upgrades never touch this file.

Settings left as None are read from the environment (ZULIP_EMAIL,
ZULIP_API_KEY, ZULIP_SITE) or from the [api] section of ~/.zuliprc.
"""

from __future__ import annotations

from integrations.core import Markdown, code, link, md
from integrations.scripts.git.format import Commit

# The bot that posts: its email, its API key and your Zulip server's address.
ZULIP_EMAIL: str | None = None  # e.g. "git-bot@example.zulipchat.com"
ZULIP_API_KEY: str | None = None  # the bot's API key, from its settings
ZULIP_SITE: str | None = None  # e.g. "https://example.zulipchat.com"

# The channel pushes go to (zulip_destination below may choose another).
CHANNEL = "commits"

# How many commits a message lists before it says "[and N more commits]".
MAX_COMMITS = 20

# A link for each commit: {repository} and {id} (the full commit id) are
# filled in, e.g. "https://git.example.com/{repository}/commit/{id}".
COMMIT_URL: str | None = None


def zulip_destination(repository: str, ref: str) -> dict[str, str] | None:
    """Where the update of ``ref`` (``refs/heads/main``, ``refs/tags/v1.0``) is posted.

    Return {"channel": ..., "topic": ...}, or None to post nothing.
    """
    if ref.startswith("refs/heads/"):
        branch = ref.removeprefix("refs/heads/")
        return {"channel": CHANNEL, "topic": f"{repository} / {branch}"}
    if ref.startswith("refs/tags/"):
        return {"channel": CHANNEL, "topic": f"{repository} / tags"}
    return None


def format_commit_line(commit: Commit) -> Markdown:
    """One line of a commit list. ``md(...).format`` escapes what it is given."""
    commit_id = link(commit.short_id, commit.url) if commit.url else code(commit.short_id)
    return md("{subject} ({id}) by {author}").format(
        subject=commit.subject or "(no message)", id=commit_id, author=commit.author
    )
