"""hg: a Mercurial hook, loaded into Mercurial itself, that posts every push to Zulip.

Users point ``.hg/hgrc`` at ``zulip_hg_hook.py``; ``notify`` reads the new
changesets and writes the messages, with the commit lists of the git hook.
"""

from integrations.core import PluginIntegration

integration = PluginIntegration(
    name="hg",
    display_name="Mercurial",
    description="Posts the changesets pushed to a Mercurial repository, branch by branch.",
    categories=["version-control"],
    files=["zulip_hg_hook.py"],
)
