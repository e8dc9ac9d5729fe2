"""Loads the Zulip ticket notifier into Trac.

Copy this file into the plugins/ folder of your Trac environment, then enable
the component in trac.ini:

    [components]
    integrations.plugins.trac.* = enabled

The component itself is in the zulip-integrations package, which must be
installed for the Python that runs Trac; this file holds no code of its own,
so upgrading the package upgrades the plugin.
"""

from integrations.plugins.trac.component import ZulipTicketNotifier

__all__ = ["ZulipTicketNotifier"]
