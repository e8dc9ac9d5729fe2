"""trac: a Trac component that posts ticket events to Zulip.

Users copy ``zulip_trac.py`` into their environment's ``plugins/`` folder and
enable ``integrations.plugins.trac.*`` in ``trac.ini``. The component lives in
``component`` (the only module that imports Trac); ``messages`` writes the
messages and knows nothing of Trac.
"""

from integrations.core import PluginIntegration

integration = PluginIntegration(
    name="trac",
    display_name="Trac",
    description="Posts Trac tickets as they are created, changed, commented on and deleted.",
    categories=["project-management"],
    files=["zulip_trac.py"],
)
