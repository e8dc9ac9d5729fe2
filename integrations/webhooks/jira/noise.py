"""What Jira can send that this integration leaves out, and why."""

from __future__ import annotations

from integrations.webhooks.jira.declaration import integration

integration.ignores(
    "worklog_created",
    "worklog_updated",
    "worklog_deleted",
    "jira:worklog_updated",
    reason="Logged work is time keeping, posted by the dozen a day; it is not news to a channel.",
)
integration.ignores(
    "attachment_deleted",
    reason="A removed attachment is told with its issue, by the issue's update (`Attachment` in "
    "its changelog); this event does not say which issue.",
)
integration.ignores(
    "issuelink_created",
    "issuelink_deleted",
    reason="A link between issues is told by the update of each issue (`Link` in its changelog).",
)
integration.ignores(
    "issue_property_set",
    "issue_property_deleted",
    reason="Issue properties are data apps keep on an issue, not something people did.",
)
integration.ignores(
    "jira:version_updated",
    "jira:version_moved",
    "jira:version_merged",
    reason="Editing, reordering or merging versions is housekeeping of a project's release list.",
)
integration.ignores(
    "project_created",
    "project_updated",
    "project_deleted",
    "project_soft_deleted",
    "project_restored_deleted",
    "project_archived",
    "project_restored_archived",
    "user_created",
    "user_updated",
    "user_deleted",
    "filter_created",
    "filter_updated",
    "filter_deleted",
    "board_created",
    "board_updated",
    "board_deleted",
    "board_configuration_changed",
    "component_created",
    "component_updated",
    "component_deleted",
    "component_archived",
    "component_unarchived",
    "issuetype_created",
    "issuetype_updated",
    "issuetype_deleted",
    "option_voting_changed",
    "option_watching_changed",
    "option_unassigned_issues_changed",
    "option_subtasks_changed",
    "option_attachments_changed",
    "option_issuelinks_changed",
    "option_timetracking_changed",
    "option_timetracking_provider_changed",
    reason="Administration of the site (projects, components, users, filters, boards, issue types, "
    "settings) is for its administrators' audit log, not a channel.",
)
integration.ignores(
    "app_access_to_objects_blocked",
    "app_access_to_objects_in_container_blocked",
    "jira_expression_evaluation_failed",
    reason="Jira sends these to apps about themselves, not to a site's webhooks.",
)
