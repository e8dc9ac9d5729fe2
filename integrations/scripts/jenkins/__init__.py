"""jenkins_pipeline: a script a Jenkins pipeline's ``post`` step runs to post the build's result.

For a Jenkins without a Zulip plugin: the script reads what Jenkins puts in
every build's environment (``JOB_NAME``, ``BUILD_NUMBER``, ``BUILD_URL``,
``GIT_COMMIT``, ``GIT_BRANCH``...) and the result the step passes it, asks
git in the workspace for the commit's message, and posts through Zulip's
API. The integration is named ``jenkins_pipeline`` because ``jenkins`` is
the webhook of Jenkins' Notification plugin (``integrations.webhooks.jenkins``),
the name Zulip's URLs use.

The files a user installs are ``zulip-jenkins`` and ``zulip_jenkins_config.py``;
``environment`` reads the build, ``message`` writes the message, ``notify``
runs it all.
"""

from integrations.core import ScriptIntegration

integration = ScriptIntegration(
    name="jenkins_pipeline",
    display_name="Jenkins Pipeline",
    description="A pipeline's post step posts each build's result: job, branch, commit, stage.",
    categories=["continuous-integration"],
    files=["zulip-jenkins", "zulip_jenkins_config.py"],
)
