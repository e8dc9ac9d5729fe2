"""The URL options only GitLab has: Zulip's ``use_merge_request_title``, and CI progress."""

from __future__ import annotations

from integrations.core import FlagOption

USE_MERGE_REQUEST_TITLE = FlagOption(
    "use_merge_request_title",
    help="Put a merge request's title in its topic (false: the topic is only 'MR #N').",
    default=True,
)

PIPELINE_PROGRESS = FlagOption(
    "pipeline_progress",
    help="Also post pipelines and jobs when they are queued and when they start running.",
)
