"""Settings of Zulip's Jenkins pipeline script (zulip-jenkins). Edit freely: upgrades keep it.

Settings left as None are read from the environment (ZULIP_EMAIL,
ZULIP_API_KEY, ZULIP_SITE) or from the [api] section of ~/.zuliprc. In a
pipeline, the API key is best kept in a Jenkins credential and handed over
as ZULIP_API_KEY with withCredentials.
"""

from __future__ import annotations

from urllib.parse import unquote

# The bot that posts: its email, its API key and your Zulip server's address.
ZULIP_EMAIL: str | None = None  # e.g. "jenkins-bot@example.zulipchat.com"
ZULIP_API_KEY: str | None = None  # the bot's API key, from its settings
ZULIP_SITE: str | None = None  # e.g. "https://example.zulipchat.com"

# The channel results go to (zulip_destination below may choose another).
CHANNEL = "jenkins"

# True to post a success only when the build before did not succeed, as the
# "smart notification" of Zulip's Jenkins plugin does (needs --previous).
SMART_NOTIFICATIONS = False

# A link for the commit: {commit} (the full id) is filled in, e.g.
# "https://git.example.com/shop/commit/{commit}". Unset, commits of GitHub,
# GitLab and Bitbucket repositories are linked from GIT_URL, others shown as code.
COMMIT_URL: str | None = None


def zulip_destination(job: str, branch: str | None) -> dict[str, str] | None:
    """Where the result of a build of ``job`` goes: JOB_NAME, folders then the job (``shop/main``).

    Jenkins encodes a name's own slashes (``shop/feature%2Flogin``).
    ``branch`` is the branch built (``main``), or None. Return
    {"channel": ..., "topic": ...}, or None to post nothing. The topic is the
    job with its folders, "shop » main", as Zulip's Jenkins plugin names it.
    """
    return {"channel": CHANNEL, "topic": " » ".join(unquote(part) for part in job.split("/"))}
