"""One message format for every code-hosting service: GitHub, GitLab, Bitbucket, Gitea.

Each integration reads its service's payload into the small records of
``records`` and calls the builders here, so a push, a pull request or a
failed build reads the same whichever service sent it, and topics follow one
convention (see ``records``). The URL options they share are in
``options``; pushes go through one skeleton (``pushes.ref_pushed``), edits
through one model (``edits``).

Everything that comes from a payload is untrusted and goes through the
safe-markup helpers: titles and names stay text, bodies keep their author's
Markdown in a quote they cannot leave. Topics longer than Zulip's 60
characters are cut by ``Message``; long lists end with a count of what was
left out.
"""

from integrations.common.code_hosting.builds import CI_RESULTS, ci_result, ci_run, deployment
from integrations.common.code_hosting.conversations import (
    REVIEW_STATES,
    comment,
    commit_comment,
    edited,
    issue,
    pull_request,
    review,
)
from integrations.common.code_hosting.edits import (
    Edit,
    Told,
    changed_field,
    new_description,
    new_target,
    renamed,
    renamed_from,
    retargeted,
    told,
    unique,
)
from integrations.common.code_hosting.family import code_host
from integrations.common.code_hosting.options import (
    BRANCHES,
    FULL_REPOSITORY_NAME,
    IGNORE_PRIVATE_REPOSITORIES,
    branch_wanted,
    private_repositories,
    topic_name,
)
from integrations.common.code_hosting.pushes import (
    COMMIT_LIMIT,
    PushedRef,
    branch_deleted,
    commit_line,
    commit_list,
    push,
    ref_pushed,
    refs_pushed,
    tag,
)
from integrations.common.code_hosting.records import (
    Commit,
    Ref,
    Repo,
    User,
    area_topic,
    branch_topic,
    deployment_topic,
    discussion_topic,
    is_zero,
    issue_topic,
    pr_topic,
    releases_topic,
    short,
    strip_ref,
    wiki_topic,
)
from integrations.common.code_hosting.repository import activity, fork, release, wiki
from integrations.common.code_hosting.text import (
    NAMED_LIMIT,
    first_line,
    listing,
    paragraphs,
    people,
    plural,
    quoted,
    ref_link,
    repo_link,
    sha_link,
    who,
)

__all__ = [
    "BRANCHES",
    "CI_RESULTS",
    "COMMIT_LIMIT",
    "FULL_REPOSITORY_NAME",
    "IGNORE_PRIVATE_REPOSITORIES",
    "NAMED_LIMIT",
    "REVIEW_STATES",
    "Commit",
    "Edit",
    "PushedRef",
    "Ref",
    "Repo",
    "Told",
    "User",
    "activity",
    "area_topic",
    "branch_deleted",
    "branch_topic",
    "branch_wanted",
    "changed_field",
    "ci_result",
    "ci_run",
    "code_host",
    "comment",
    "commit_comment",
    "commit_line",
    "commit_list",
    "deployment",
    "deployment_topic",
    "discussion_topic",
    "edited",
    "first_line",
    "fork",
    "is_zero",
    "issue",
    "issue_topic",
    "listing",
    "new_description",
    "new_target",
    "paragraphs",
    "people",
    "plural",
    "pr_topic",
    "private_repositories",
    "pull_request",
    "push",
    "quoted",
    "ref_link",
    "ref_pushed",
    "refs_pushed",
    "release",
    "releases_topic",
    "renamed",
    "renamed_from",
    "repo_link",
    "retargeted",
    "review",
    "sha_link",
    "short",
    "strip_ref",
    "tag",
    "told",
    "topic_name",
    "unique",
    "who",
    "wiki",
    "wiki_topic",
]
