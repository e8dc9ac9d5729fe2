"""hubot: a Hubot adapter, in JavaScript, that lets a Hubot read and answer Zulip messages.

The adapter is an npm package in this folder (``package.json``, ``src/``),
installed into a Hubot with ``npm install --install-links``. Python has no
part in it at run time: this module declares it for the registry, and
``sandbox`` runs a real Hubot with it against the Zulip stand-in, for the
tests and the examples of ``docs/integrations/hubot.md``.
"""

from integrations.core import PluginIntegration

integration = PluginIntegration(
    name="hubot",
    display_name="Hubot",
    description=(
        "Runs a Hubot in Zulip: it reads messages as they come and answers in the same topic or DM."
    ),
    categories=["bots"],
    files=["package.json", "src/index.mjs"],
)
