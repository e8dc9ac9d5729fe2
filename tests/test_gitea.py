"""Focused tests of the Gitea integration: what the page's examples do not show.

The actions Gitea sends (each declared, posted or deliberately quiet), the
signature scheme it declares, payloads beyond the fixtures (huge pushes,
long and untrusted texts, old shapes, odd and missing fields), and the URL
options at their edges. What every fixture posts is the shared fixture
test's; the signature mechanics are the core's.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
from typing import Any
from urllib.parse import urlencode

import pytest

from integrations.core import BadPayload, BadRequest, Unauthorized, UnsupportedEvent
from integrations.core.message import MAX_CONTENT_LENGTH, MAX_TOPIC_LENGTH
from integrations.testing.webhooks import WebhookHarness, assert_inert
from integrations.zulip_markdown import render

GITEA = WebhookHarness("gitea")
ROUTES = GITEA.integration.routes
ATTACK = "@**all** [x](javascript:alert(1)) <b>hi</b>"
ZERO = "0" * 40
SECRET = "s3cret"
IGNORE = {"ignore_private_repositories": "true"}
FORM = "application/x-www-form-urlencoded"

# Payload parts, in the shapes Gitea sends (see the fixtures) ---------------


def user(login: str = "alice") -> dict[str, Any]:
    return {"id": 7, "login": login, "full_name": "", "email": f"{login}@example.com"}


def repository(*, private: bool = False, name: str = "acme/widgets") -> dict[str, Any]:
    return {
        "id": 42,
        "name": name.split("/")[-1],
        "full_name": name,
        "html_url": f"https://gitea.example.com/{name}",
        "private": private,
    }


def sha(n: int) -> str:
    return f"{n:040x}"


def commit(n: int, *, author: str = "alice", message: str | None = None) -> dict[str, Any]:
    return {
        "id": sha(n),
        "message": message if message is not None else f"Change number {n}\n\nDetails.",
        "url": f"https://gitea.example.com/acme/widgets/commit/{sha(n)}",
        "author": {"name": author.title(), "email": f"{author}@example.com", "username": author},
    }


def push_payload(
    branch: str = "main",
    commits: list[dict[str, Any]] | None = None,
    *,
    before: str = sha(1),
    after: str = sha(2),
    total: int | None = None,
    ref: str | None = None,
) -> dict[str, Any]:
    listed = [commit(3)] if commits is None else commits
    return {
        "ref": ref or f"refs/heads/{branch}",
        "before": before,
        "after": after,
        "compare_url": f"https://gitea.example.com/acme/widgets/compare/{before}...{after}",
        "commits": listed,
        "total_commits": len(listed) if total is None else total,
        "head_commit": None,
        "repository": repository(),
        "pusher": user(),
        "sender": user(),
    }


def pr_payload(action: str, **changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "action": action,
        "number": 12,
        "pull_request": {
            "id": 310,
            "number": 12,
            "title": "Add a dark theme",
            "body": "Adds a theme switcher.",
            "html_url": "https://gitea.example.com/acme/widgets/pulls/12",
            "labels": [],
            "milestone": None,
            "assignees": None,
            "merged": False,
            "base": {"ref": "main", "sha": sha(1)},
            "head": {"ref": "feature/dark-theme", "sha": sha(2)},
        },
        "repository": repository(),
        "sender": user(),
        "review": None,
    }
    payload["pull_request"].update(changes)
    return payload


def issue_payload(action: str, **changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "action": action,
        "number": 3,
        "issue": {
            "id": 8184,
            "number": 3,
            "title": "Crash on start",
            "body": "It crashes.",
            "labels": [],
            "milestone": None,
            "assignees": None,
            "pull_request": None,
        },
        "repository": repository(),
        "sender": user(),
    }
    payload["issue"].update(changes)
    return payload


def comment_payload(action: str, *, is_pull: bool | None = False, body: str = "Me too") -> Any:
    payload = issue_payload(action)
    payload["comment"] = {
        "id": 24400,
        "html_url": "https://gitea.example.com/acme/widgets/issues/3#issuecomment-24400",
        "body": body,
        "user": user(),
    }
    if is_pull is not None:  # older payloads have no is_pull
        payload["is_pull"] = is_pull
    return payload


def review_payload(content: str = "Looks good") -> dict[str, Any]:
    payload = pr_payload("reviewed")
    payload["review"] = {"type": "pull_request_review_approved", "content": content}
    return payload


def release_payload(action: str = "published", **changes: Any) -> dict[str, Any]:
    release = {
        "id": 77,
        "tag_name": "v2.3.0",
        "name": "Widgets 2.3",
        "body": "Notes",
        "html_url": "https://gitea.example.com/acme/widgets/releases/tag/v2.3.0",
        "draft": False,
        "prerelease": False,
    }
    release.update(changes)
    return {"action": action, "release": release, "repository": repository(), "sender": user()}


def status_payload(state: str, context: str = "ci/test") -> dict[str, Any]:
    return {
        "commit": {"id": sha(5), "message": "Fix\n", "url": "https://gitea.example.com/c/5"},
        "context": context,
        "description": "Build finished",
        "id": 1,
        "repository": repository(),
        "sender": user("ci"),
        "sha": sha(5),
        "state": state,
        "target_url": "https://ci.example.com/build/1",
    }


def run_payload(action: str = "completed", **changes: Any) -> dict[str, Any]:
    run = {
        "id": 1042,
        "display_title": "Add a dark theme",
        "head_branch": "main",
        "head_sha": sha(2),
        "path": "ci.yml@refs/heads/main",
        "run_number": 58,
        "status": "completed",
        "conclusion": "success",
        "html_url": "https://gitea.example.com/acme/widgets/actions/runs/58",
        "trigger_actor": user("bob"),
    }
    run.update(changes)
    return {
        "action": action,
        "workflow": {"id": 3, "name": "CI"},
        "workflow_run": run,
        "repository": repository(),
        "sender": user(),
    }


def ref_payload(ref: str, ref_type: str) -> dict[str, Any]:
    return {"ref": ref, "ref_type": ref_type, "repository": repository(), "sender": user()}


def wiki_payload(action: str, comment: str = "") -> dict[str, Any]:
    return {
        "action": action,
        "repository": repository(),
        "sender": user(),
        "page": "Getting Started",
        "comment": comment,
    }


def forgejo_run_payload(action: str = "failure", **changes: Any) -> dict[str, Any]:
    """Forgejo's ``action_run_*`` payload: the run, with its repository, and no sender."""
    run = {
        "id": 311,
        "title": "Add a dark theme",
        "repository": repository(),
        "workflow_id": "ci.yml",
        "index_in_repo": 58,
        "trigger_user": user("bob"),
        "prettyref": "main",
        "commit_sha": sha(2),
        "event": "push",
        "status": action,
        "html_url": "https://gitea.example.com/acme/widgets/actions/runs/58",
    }
    run.update(changes)
    return {"action": action, "run": run, "prior_status": "running"}


def package_payload(action: str = "created", **changes: Any) -> dict[str, Any]:
    package: dict[str, Any] = {
        "id": 5,
        "owner": user("acme"),
        "repository": None,
        "creator": user(),
        "type": "pypi",
        "name": "widgets",
        "version": "2.3.0",
        "html_url": "https://gitea.example.com/acme/-/packages/pypi/widgets/2.3.0",
    }
    package.update(changes)
    return {"action": action, "repository": None, "package": package, "sender": user()}


# Checking --------------------------------------------------------------------


def content(event: str, payload: Any, **options: Any) -> str:
    return GITEA.message(event, payload, **options).content


def quoted(posted: str) -> str:
    """The body a message quotes, inside its ``~~~ quote`` fence, which ends the message."""
    _, fence, body = posted.partition("\n\n~~~ quote\n")
    assert fence, f"no quote in {posted!r}"
    assert body.endswith("\n~~~")
    return body.removesuffix("\n~~~")


def assert_cut(body: str, given: str) -> None:
    """A body of ``given``, cut to at most 6,000 characters at a word, says it was cut."""
    kept, ellipsis = body.rsplit("\n\n", 1)
    assert ellipsis == "…"
    assert 5_000 < len(kept) <= 6_000
    assert given.startswith(kept + " ")  # the beginning as written, whole words


# The signature -----------------------------------------------------------------


def test_gitea_signs_with_a_bare_hex_hmac_sha256_in_x_gitea_signature() -> None:
    body = GITEA.fixture_bytes("issues__opened.json")
    # Computed the way Gitea documents it, independently of the integration.
    digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    signed = GITEA.message("issues", body, headers={"X-Gitea-Signature": digest}, secret=SECRET)
    assert signed.topic == "test / issue #3 Test issue"
    # The prefixed form GitHub and Bitbucket send is not Gitea's.
    prefixed = {"X-Gitea-Signature": "sha256=" + digest}
    with pytest.raises(Unauthorized, match="does not match"):
        GITEA.post("issues", body, headers=prefixed, secret=SECRET)


# With the POST Content Type application/x-www-form-urlencoded, Gitea and Forgejo
# send payload=<the JSON> and sign the JSON, not the form (services/webhook).
def test_a_form_delivery_carries_and_signs_the_json_in_its_payload_field() -> None:
    body = GITEA.fixture_bytes("issues__opened.json")
    form = urlencode({"payload": body.decode()}).encode()
    digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    sent = {"headers": {"X-Gitea-Signature": digest}, "content_type": FORM, "secret": SECRET}
    assert GITEA.message("issues", form, **sent) == GITEA.message("issues", body)
    form_digest = hmac.new(SECRET.encode(), form, hashlib.sha256).hexdigest()
    with pytest.raises(Unauthorized, match="does not match"):
        GITEA.post(
            "issues",
            form,
            headers={"X-Gitea-Signature": form_digest},
            content_type=FORM,
            secret=SECRET,
        )
    with pytest.raises(BadRequest, match="'payload'"):
        GITEA.post("issues", urlencode({"other": "x"}).encode(), content_type=FORM)


# Every action Gitea sends is declared --------------------------------------------

# What Gitea's and Forgejo's webhook notifiers send under each event routed by
# action (for ``status``, the commit status states; for ``delete``, the kind of
# ref), from their ``services/webhook/notifier.go`` and ``modules/structs``.
GITEA_SENDS = {
    "issues": "opened closed reopened edited deleted assigned unassigned label_updated"
    " label_cleared milestoned demilestoned",
    "pull_request": "opened closed reopened edited deleted assigned unassigned label_updated"
    " label_cleared milestoned demilestoned synchronized review_requested review_request_removed",
    "pull_request_approved": "reviewed",
    "pull_request_rejected": "reviewed",
    "pull_request_comment": "reviewed",
    "issue_comment": "created edited deleted",
    "release": "published updated deleted",
    "wiki": "created edited deleted",
    "repository": "created deleted",
    "package": "created deleted",
    "delete": "branch tag",
    "status": "pending success error failure warning skipped",
    "workflow_run": "requested in_progress completed",
}

# Events Gitea and Forgejo send that are routed as a whole, each declared.
WHOLE_EVENTS = (
    "push create fork workflow_job action_run_success action_run_failure action_run_recover"
    " workflow_job_blocked workflow_job_cancelled workflow_job_failure workflow_job_running"
    " workflow_job_skipped workflow_job_success workflow_job_waiting"
)


@pytest.mark.parametrize("event", sorted(GITEA_SENDS))
def test_every_action_gitea_sends_is_posted_or_ignored_with_a_reason(event: str) -> None:
    assert ROUTES.by_action(event)
    missing = set(GITEA_SENDS[event].split()) - set(ROUTES.actions_of(event))
    assert not missing, f"{event}: {sorted(missing)} would be refused as unsupported"


@pytest.mark.parametrize(
    ("event", "payload", "name"),
    [
        ("pull_request", pr_payload("converted_to_draft"), "pull_request.converted_to_draft"),
        ("pull_request_rejected", review_payload() | {"action": "dismissed"}, None),
        ("issue_comment", comment_payload("pinned"), "issue_comment.pinned"),
        ("release", release_payload("created"), "release.created"),
        ("workflow_run", run_payload("paused"), "workflow_run.paused"),
    ],
)
def test_an_action_not_declared_is_refused_naming_both(
    event: str, payload: dict[str, Any], name: str | None
) -> None:
    with pytest.raises(UnsupportedEvent) as raised:
        GITEA.post(event, payload)
    assert raised.value.event == (name or f"{event}.{payload['action']}")


@pytest.mark.parametrize("event", WHOLE_EVENTS.split())
def test_every_event_sent_whole_is_declared(event: str) -> None:
    assert ROUTES.knows(event)
    assert not ROUTES.by_action(event)


# ``schedule`` and ``workflow_dispatch`` name Actions triggers, which no webhook sends.
@pytest.mark.parametrize("event", ["schedule", "workflow_dispatch", "watch", "ping", "star"])
def test_events_without_a_declaration_are_unsupported(event: str) -> None:
    with pytest.raises(UnsupportedEvent, match=f"gitea does not support the event '{event}'"):
        GITEA.post(event, {"action": "created", "repository": repository(), "sender": user()})


# Deliveries that post nothing ------------------------------------------------------

QUIET = [
    ("create", ref_payload("feature", "branch") | {"sha": sha(1)}),
    ("create", ref_payload("v1.0", "tag") | {"sha": sha(1)}),
    ("delete", ref_payload("v1.0", "tag")),
    ("status", status_payload("pending")),
    ("workflow_run", run_payload("requested")),
    ("workflow_run", run_payload("in_progress")),
    ("workflow_job", {"action": "completed", "workflow_job": {"name": "test"}}),
    ("action_run_recover", forgejo_run_payload("recover")),
    ("workflow_job_failure", {"action": "job_completed", "job": {"name": "test"}}),
]


@pytest.mark.parametrize(
    ("event", "payload"), QUIET, ids=lambda value: value if isinstance(value, str) else ""
)
def test_deliberately_quiet_deliveries_are_ignored_with_their_reason(
    event: str, payload: dict[str, Any]
) -> None:
    processed = GITEA.process(event, payload)
    assert processed.message is None
    assert processed.skipped
    assert not processed.skipped.startswith("left out")


# Where the event is ------------------------------------------------------------


@pytest.mark.parametrize("event", ["package", "status"])
def test_an_empty_x_gitea_event_falls_back_to_x_gitea_event_type(event: str) -> None:
    # Older Gitea versions and Forgejo leave X-Gitea-Event empty for these.
    payload = package_payload() if event == "package" else status_payload("failure")
    headers = {"X-Gitea-Event": "", "X-Gitea-Event-Type": event}
    processed = GITEA.process(None, payload, headers=headers)
    assert processed.event == event
    assert processed.message is not None


def test_without_either_header_the_event_is_missing() -> None:
    with pytest.raises(BadRequest, match="X-Gitea-Event header that names the event is missing"):
        GITEA.post(None, push_payload(), headers={"X-Gitea-Event": " "})


def test_the_coarse_header_wins_over_the_detailed_one() -> None:
    headers = {"X-Gitea-Event": "issues", "X-Gitea-Event-Type": "issue_assign"}
    processed = GITEA.process(None, issue_payload("assigned"), headers=headers)
    assert processed.event == "issues"


@pytest.mark.parametrize(
    ("header", "fixture"),
    [
        ("X-Gogs-Event", "push__gogs_new_branch.json"),
        ("X-Forgejo-Event", "push__gogs_new_branch.json"),
        ("X-Forgejo-Event-Type", "pull_request__gogs_opened.json"),
    ],
)
def test_gogs_and_forgejo_event_headers_name_the_event_without_gitea_s(
    header: str, fixture: str
) -> None:
    # A Gogs server sends only X-Gogs-Event; Forgejo sends its own beside Gitea's.
    event = fixture.split("__")[0]
    processed = GITEA.process(None, GITEA.fixture(fixture), headers={header: event})
    assert processed.event == event
    assert processed.message == GITEA.message(event, GITEA.fixture(fixture))


@pytest.mark.parametrize(
    ("header", "prefix"),
    [("X-Gogs-Signature", ""), ("X-Forgejo-Signature", ""), ("X-Hub-Signature-256", "sha256=")],
)
def test_gogs_and_forgejo_signature_headers_are_checked_without_gitea_s(
    header: str, prefix: str
) -> None:
    body = GITEA.fixture_bytes("push__gogs_new_branch.json")
    digest = prefix + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    # No X-Gitea-Signature (the harness would add a good one).
    sent = {"X-Gogs-Event": "push", "X-Gitea-Signature": "", header: digest}
    assert GITEA.message(None, body, headers=sent, secret=SECRET).topic == "repo-test / master"
    with pytest.raises(Unauthorized, match=f"the {header} header does not match"):
        GITEA.post(None, body, headers=sent | {header: "0" * 64}, secret=SECRET)
    # Gitea's own header, when sent, is the one checked.
    with pytest.raises(Unauthorized, match="does not match"):
        GITEA.post(None, body, headers=sent | {"X-Gitea-Signature": "0" * 64}, secret=SECRET)


def test_a_review_request_named_only_in_the_detailed_header_is_posted() -> None:
    # Gitea versions whose table lacked review requests left X-Gitea-Event empty.
    headers = {"X-Gitea-Event": "", "X-Gitea-Event-Type": "pull_request_review_request"}
    payload = pr_payload("review_requested")
    processed = GITEA.process(None, payload, headers=headers)
    assert (processed.event, processed.action) == ("pull_request", "review_requested")
    assert processed.message == GITEA.message("pull_request", payload)


@pytest.mark.parametrize(
    ("detailed", "event", "payload"),
    [
        ("issue_label", "issues", issue_payload("label_updated")),
        ("issue_milestone", "issues", issue_payload("milestoned")),
        ("pull_request_sync", "pull_request", pr_payload("synchronized")),
        ("pull_request_review_request", "pull_request", pr_payload("review_requested")),
        ("pull_request_review_approved", "pull_request_approved", review_payload()),
        ("pull_request_review_comment", "pull_request_comment", review_payload()),
    ],
)
def test_a_detailed_event_name_reads_as_the_event_gitea_names_for_it(
    detailed: str, event: str, payload: dict[str, Any]
) -> None:
    # The names of X-Gitea-Event-Type and of the webhook's checkboxes; the action says the rest.
    processed = GITEA.process(None, payload, headers={"X-Gitea-Event": detailed})
    assert processed.event == event
    assert processed.message == GITEA.message(event, payload)


# Zulip's event names and topics ----------------------------------------------------

# The names Zulip's Gitea integration filters on: the X-Gitea-Event value of
# each event it posts.
ZULIP_NAMES = {
    "push": ("push", push_payload()),
    "create": ("create", ref_payload("feature", "branch") | {"sha": sha(1)}),
    "pull_request": ("pull_request", pr_payload("opened")),
    "issues": ("issues", issue_payload("opened")),
    "issue_comment": ("issue_comment", comment_payload("created")),
    "release": ("release", release_payload()),
}


@pytest.mark.parametrize("name", sorted(ZULIP_NAMES))
def test_zulip_s_event_names_filter_the_same_deliveries(name: str) -> None:
    event, payload = ZULIP_NAMES[name]
    kept = GITEA.process(event, payload, query={"only_events": json.dumps([name])})
    assert kept.skipped != "left out by only_events/exclude_events"
    dropped = GITEA.process(event, payload, query={"exclude_events": json.dumps([name])})
    assert dropped.skipped == "left out by only_events/exclude_events"
    other = "release" if name != "release" else "push"
    left_out = GITEA.process(event, payload, query={"only_events": json.dumps([other])})
    assert left_out.skipped == "left out by only_events/exclude_events"


def test_topics_name_the_repository_in_full_when_asked() -> None:
    full = {"full_repository_name": "true"}
    assert GITEA.message("push", push_payload(), query=full).topic == "acme/widgets / main"
    issue = GITEA.message("issues", issue_payload("opened"), query=full)
    assert issue.topic == "acme/widgets / issue #3 Crash on start"


def test_a_repository_without_its_short_name_is_named_from_its_full_name() -> None:
    payload = push_payload()
    del payload["repository"]["name"]
    assert GITEA.message("push", payload).topic == "widgets / main"
    payload["repository"]["full_name"] = ""
    with pytest.raises(BadPayload, match=r"^repository\.name: expected the repository's name"):
        GITEA.post("push", payload)


def test_a_pull_request_s_topic_uses_its_number_not_gitea_s_database_id() -> None:
    # Zulip's Gitea integration names this topic "PR #310 Add a dark theme".
    assert GITEA.message("pull_request", pr_payload("opened")).topic == (
        "widgets / PR #12 Add a dark theme"
    )


# Gitea's own sample payloads (services/webhook/general_test.go) leave out what
# its converters fill in for real: branches, the review type, addresses.
def test_gitea_s_sample_pull_request_without_branches_reads() -> None:
    payload = pr_payload("opened", base=None, head=None)
    assert content("pull_request", payload) == (
        "**alice** opened [PR #12](https://gitea.example.com/acme/widgets/pulls/12)."
        "\n\n~~~ quote\nAdds a theme switcher.\n~~~"
    )
    closed = content("pull_request", pr_payload("closed", base=None, head=None))
    assert closed.endswith("without merging.")


def test_gitea_s_sample_comment_without_a_body_still_reads() -> None:
    payload = comment_payload("created")
    del payload["comment"]["body"]
    assert content("issue_comment", payload).startswith("**alice** [commented](")


# Pushes ----------------------------------------------------------------------


def test_a_500_commit_push_lists_ten_and_counts_the_rest() -> None:
    posted = content("push", push_payload(commits=[commit(n) for n in range(500)]))
    lines = posted.splitlines()
    assert sum(line.startswith("* ") for line in lines) == 10
    assert posted.endswith("[and 490 more commits]")
    assert "pushed [500 commits]" in posted
    assert len(posted) < MAX_CONTENT_LENGTH


def test_gitea_s_short_commit_list_still_counts_every_commit() -> None:
    # Gitea sends a few commits and the real count in total_commits.
    posted = content("push", push_payload(commits=[commit(n) for n in range(5)], total=40))
    assert "pushed [40 commits]" in posted
    assert posted.endswith("[and 35 more commits]")


def test_a_200_character_branch_name_fits_the_topic() -> None:
    branch = "feature/" + "very-long-name-" * 13
    assert len(branch) >= 200
    result = GITEA.message("push", push_payload(branch))
    assert len(result.topic) == MAX_TOPIC_LENGTH
    assert result.topic.startswith("widgets / feature/very-long-name-")
    assert result.topic.endswith("...")
    assert f"[{branch}](" in result.content  # the body keeps the whole name, linked


def test_untrusted_branch_pusher_and_author_stay_text() -> None:
    payload = push_payload(ATTACK, [commit(3, author="mallory", message=ATTACK)])
    payload["pusher"] = payload["sender"] = user(ATTACK)
    payload["commits"][0]["author"]["name"] = ATTACK
    result = GITEA.message("push", payload)
    assert_inert(result.content)
    assert result.topic == f"widgets / {ATTACK}"


def test_commits_read_oldest_first_naming_authors_other_than_the_pusher() -> None:
    # Gitea lists the newest commit first.
    posted = content("push", push_payload(commits=[commit(4, author="bob"), commit(3)]))
    first, second = [line for line in posted.splitlines() if line.startswith("* ")]
    assert sha(3)[:7] in first
    assert "—" not in first
    assert second.endswith("— Bob")


def test_a_push_deleting_a_branch_reports_the_deletion() -> None:
    result = GITEA.message("push", push_payload("old", [], after=ZERO))
    assert result.topic == "widgets / old"
    assert result.content == "**alice** deleted branch `old`."


# Gitea's Test Delivery (TestWebhook) sends the latest commit with before == after.
def test_test_delivery_reads_as_a_push_of_the_latest_commit() -> None:
    tested = push_payload("main", [commit(5)], before=sha(5), after=sha(5))
    assert content("push", tested) == (
        "**alice** pushed 1 commit to [main](https://gitea.example.com/acme/widgets/src/branch/main)."
        f"\n\n* Change number 5 ([{sha(5)[:7]}](https://gitea.example.com/acme/widgets/commit/{sha(5)}))"
    )
    # Only a real deletion, from a commit to none, deletes the branch.
    empty = GITEA.fixture("push__test_delivery_empty_repository.json")
    assert "deleted" not in content("push", empty)


def test_a_tag_push_goes_to_the_releases_topic_whatever_the_branch_filter() -> None:
    payload = push_payload(ref="refs/tags/v1.0", commits=[], before=ZERO)
    result = GITEA.message("push", payload, query={"branches": "main"})
    assert result.topic == "widgets / releases"
    assert result.content == (
        "**alice** pushed tag [v1.0](https://gitea.example.com/acme/widgets/src/tag/v1.0)."
    )


def test_the_branch_filter_with_wildcards() -> None:
    query = {"branches": "main, release-*"}
    assert GITEA.post("push", push_payload("release-2.3"), query=query) is not None
    assert GITEA.post("push", push_payload("main"), query=query) is not None
    assert GITEA.post("push", push_payload("feature/x"), query=query) is None


def test_deleting_a_branch_follows_the_branch_filter() -> None:
    payload = ref_payload("feature/x", "branch")
    assert content("delete", payload) == "**alice** deleted branch `feature/x`."
    assert GITEA.post("delete", payload, query={"branches": "main"}) is None


def test_a_push_without_pusher_names_the_sender() -> None:
    payload = push_payload()
    del payload["pusher"]
    payload["sender"] = user("carol")
    assert content("push", payload).startswith("**carol** pushed")


def test_old_gitea_users_with_only_a_username_are_read() -> None:
    payload = push_payload()
    payload["pusher"] = {"id": 7, "username": "dora"}
    assert content("push", payload).startswith("**dora** pushed")


def test_a_user_without_any_name_is_a_clear_error() -> None:
    payload = push_payload()
    payload["pusher"] = {"id": 7, "login": ""}
    with pytest.raises(BadPayload, match=r"^pusher\.login: expected the user's login"):
        GITEA.post("push", payload)


def test_an_empty_compare_url_is_not_linked() -> None:
    payload = push_payload()
    payload["compare_url"] = ""
    assert "pushed 1 commit to [main](" in content("push", payload)


# Pull requests -----------------------------------------------------------------


def test_a_20000_character_description_is_cut_in_its_quote() -> None:
    body = ("A long paragraph of words. " * 800)[:20_000]
    result = GITEA.message("pull_request", pr_payload("opened", body=body))
    assert_cut(quoted(result.content), body)
    assert result.topic == "widgets / PR #12 Add a dark theme"


def test_a_300_character_title_fits_the_topic() -> None:
    result = GITEA.message("pull_request", pr_payload("opened", title="T" * 300))
    assert len(result.topic) == MAX_TOPIC_LENGTH
    assert result.topic.startswith("widgets / PR #12 TTT")


def test_untrusted_title_description_and_branches_stay_text() -> None:
    payload = pr_payload("opened", title=ATTACK, body=ATTACK)
    payload["pull_request"]["head"]["ref"] = ATTACK
    assert_inert(GITEA.message("pull_request", payload).content)


@pytest.mark.parametrize(
    ("action", "changes", "expected"),
    [
        ("unassigned", {}, "**alice** removed the last assignee from [PR #12]("),
        (
            "unassigned",
            {"assignees": [user("bob")]},
            "removed an assignee from [PR #12](https://gitea.example.com/acme/widgets/pulls/12)."
            "\n\nAssigned now: **bob**.",
        ),
        ("assigned", {"assignees": [user("bob")]}, "**alice** assigned **bob** to [PR #12]("),
        (
            "assigned",
            {"assignees": [user("bob"), user("carol")]},
            "added an assignee to [PR #12](https://gitea.example.com/acme/widgets/pulls/12)."
            "\n\nAssigned now: **bob** and **carol**.",
        ),
        # Older payloads may leave the milestone out.
        ("milestoned", {}, "**alice** set a milestone on [PR #12]("),
    ],
)
def test_pull_request_actions_at_their_edges(
    action: str, changes: dict[str, Any], expected: str
) -> None:
    result = GITEA.message("pull_request", pr_payload(action, **changes))
    assert expected in result.content
    assert result.topic == "widgets / PR #12 Add a dark theme"


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("review_requested", "**alice** requested a review on [PR #12]("),
        ("review_request_removed", "**alice** withdrew a review request on [PR #12]("),
    ],
)
def test_a_review_request_without_its_reviewer_still_reads(action: str, expected: str) -> None:
    assert content("pull_request", pr_payload(action)).startswith(expected)


def test_an_edited_description_is_quoted_and_a_new_target_named() -> None:
    payload = pr_payload("edited", body="The new description.")
    payload["changes"] = {"body": {"from": "Old."}, "ref": {"from": "develop"}}
    posted = content("pull_request", payload)
    assert "The target branch is now `main` (was `develop`)." in posted
    assert posted.endswith("~~~ quote\nThe new description.\n~~~")


def test_an_edit_without_changes_only_says_so() -> None:
    assert content("pull_request", pr_payload("edited")) == (
        "**alice** edited [PR #12](https://gitea.example.com/acme/widgets/pulls/12)."
    )


def test_the_top_level_number_wins_over_a_wrong_one_in_the_pull_request() -> None:
    # pull_request__merged.json carries pull_request.number 1905 for PR #4.
    body = GITEA.fixture("pull_request__merged.json")
    assert body["pull_request"]["number"] == 1905
    assert GITEA.message("pull_request", body).topic.startswith("zulip-terminal / PR #4 ")
    del body["number"]
    assert GITEA.message("pull_request", body).topic.startswith("zulip-terminal / PR #1905 ")


def test_a_review_without_text_is_one_line() -> None:
    assert content("pull_request_approved", review_payload("")) == (
        "**alice** approved [PR #12](https://gitea.example.com/acme/widgets/pulls/12)."
    )


# Issues and comments -------------------------------------------------------------


def test_an_untrusted_milestone_title_stays_text() -> None:
    result = GITEA.message("issues", issue_payload("milestoned", milestone={"title": ATTACK}))
    assert_inert(result.content)
    # Read as written, the mention as a plain name, in the template's bold and nothing more.
    assert (
        "set milestone <strong>@all [x](javascript:alert(1)) &lt;b&gt;hi&lt;/b&gt;</strong> on"
        in render(result.content)
    )


@pytest.mark.parametrize(
    ("event", "payload", "link"),
    [
        (
            "issues",
            issue_payload("closed", url="https://gitea.example.com/api/v1/repos/acme/w/issues/3"),
            "[issue #3](https://gitea.example.com/acme/widgets/issues/3)",
        ),
        (
            "pull_request_comment",
            comment_payload("created", is_pull=True),
            "[PR #3](https://gitea.example.com/acme/widgets/pulls/3)",
        ),
    ],
)
def test_a_link_is_built_when_gitea_sends_only_the_api_address(
    event: str, payload: dict[str, Any], link: str
) -> None:
    assert link in content(event, payload)


def test_an_issue_with_its_own_page_address_uses_it() -> None:
    payload = issue_payload("closed", html_url="https://git.example.org/acme/widgets/issues/3")
    assert "(https://git.example.org/acme/widgets/issues/3)" in content("issues", payload)


def test_a_deleted_comment_on_a_pull_request_goes_to_its_topic() -> None:
    result = GITEA.message("issue_comment", comment_payload("deleted", is_pull=True, body="x"))
    assert result.topic == "widgets / PR #3 Crash on start"
    assert result.content == (
        "**alice** deleted a comment on [PR #3](https://gitea.example.com/acme/widgets/pulls/3)."
    )


def test_without_is_pull_the_issue_s_pull_request_field_decides() -> None:
    payload = comment_payload("created", is_pull=None)
    payload["issue"]["pull_request"] = {"merged": False, "merged_at": None}
    assert GITEA.message("issue_comment", payload).topic == "widgets / PR #3 Crash on start"
    payload["issue"]["pull_request"] = None
    assert GITEA.message("issue_comment", payload).topic == ("widgets / issue #3 Crash on start")


def test_a_20000_character_comment_is_cut_in_its_quote() -> None:
    body = "word " * 4_000
    assert_cut(quoted(content("issue_comment", comment_payload("created", body=body))), body)


def test_an_issue_opened_already_assigned_says_to_whom() -> None:
    payload = issue_payload("opened", assignees=[user("bob"), user("carol")])
    assert content("issues", payload) == (
        "**alice** opened [issue #3](https://gitea.example.com/acme/widgets/issues/3)."
        "\n\nAssigned to **bob** and **carol**.\n\n~~~ quote\nIt crashes.\n~~~"
    )


# Gitea before multiple assignees sent one ``assignee`` and no ``assignees`` list
# (fixture adapted from drone/go-scm's capture of 2017).
def test_the_single_assignee_of_older_gitea_is_named() -> None:
    payload = GITEA.fixture("issues__assigned_single_assignee.json")
    assert "assignees" not in payload["issue"]
    assert content("issues", payload) == (
        "**unknwon** assigned **unknwon** to"
        " [issue #1](http://try.gitea.io/gogits/hello-world/issues/1)."
    )
    opened = copy.deepcopy(payload)
    opened["action"] = "opened"
    assert "\n\nAssigned to **unknwon**.\n\n" in content("issues", opened)


def test_a_deleted_issue_is_not_linked() -> None:
    result = GITEA.message("issues", issue_payload("deleted"))
    assert result.topic == "widgets / issue #3 Crash on start"
    assert result.content == "**alice** deleted issue #3."


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"added_labels": [{"name": "bug"}, {"name": "ui"}], "removed_labels": []},
            "**alice** added the `bug` and `ui` labels to [issue #3](",
        ),
        (
            {"added_labels": None, "removed_labels": [{"name": "bug"}]},
            "**alice** removed the `bug` label from [issue #3](",
        ),
        # Older Gitea: no lists, the labels after the change.
        ({}, "Labels now: none."),
    ],
)
def test_labels_say_what_changed_where_gitea_says(changes: dict[str, Any], expected: str) -> None:
    payload = issue_payload("label_updated")
    payload["changes"] = changes
    assert expected in content("issues", payload)


def test_labels_cleared_name_those_removed_where_gitea_says() -> None:
    payload = issue_payload("label_cleared")
    payload["changes"] = {"removed_labels": [{"name": "bug"}, {"name": "ui"}]}
    assert content("issues", payload).endswith("\n\nRemoved 2 labels: `bug` and `ui`.")


def test_a_removed_description_is_said_rather_than_quoted() -> None:
    payload = issue_payload("edited", body="")
    payload["changes"] = {"body": {"from": "It crashes."}}
    assert content("issues", payload).endswith("\n\nThe description was removed.")


# Releases, wiki, forks ---------------------------------------------------------------


def test_a_pre_release_says_so_before_its_notes_unless_deleted() -> None:
    assert content("release", release_payload(prerelease=True)) == (
        "**alice** published release "
        "[Widgets 2.3](https://gitea.example.com/acme/widgets/releases/tag/v2.3.0) (`v2.3.0`)."
        "\n\nThis is a pre-release.\n\n~~~ quote\nNotes\n~~~"
    )
    gone = content("release", release_payload("deleted", prerelease=True))
    assert gone == "**alice** deleted release **Widgets 2.3** (`v2.3.0`)."


def test_an_unnamed_release_updated_is_called_by_its_tag() -> None:
    assert content("release", release_payload("updated", name="", body="")) == (
        "**alice** updated release "
        "[v2.3.0](https://gitea.example.com/acme/widgets/releases/tag/v2.3.0)."
    )


def test_a_created_wiki_page_is_linked_with_its_address_escaped() -> None:
    result = GITEA.message("wiki", wiki_payload("created", comment=ATTACK))
    assert "(https://gitea.example.com/acme/widgets/wiki/Getting%20Started)" in result.content
    assert_inert(result.content)


@pytest.mark.parametrize(
    ("page", "summary", "quoted"),
    [
        ("Home", "Add 'Home'", False),  # what Gitea writes when the summary is left empty
        ("Getting-Started", "Update 'Getting Started'", False),  # the title, not the path
        ("Home", "\u201eHome\u201c aktualisiert", False),  # a translation of it
        ("Home", "Update 'home'", False),
        ("Home", "Fix the link to 'Home' in the sidebar", True),
        ("Home", "Update Home", True),  # not quoted as Gitea quotes it
        ("Home", "Document the theme setting", True),
    ],
)
def test_only_summaries_their_authors_wrote_are_quoted(
    page: str, summary: str, quoted: bool
) -> None:
    payload = wiki_payload("edited", comment=summary) | {"page": page}
    assert ("~~~ quote" in content("wiki", payload)) is quoted


def test_a_fork_without_an_address_is_named_in_bold() -> None:
    fork = repository(name="dave/widgets")
    del fork["html_url"]
    payload = {"forkee": repository(), "repository": fork, "sender": user("dave")}
    result = GITEA.message("fork", payload)
    assert result.topic == "widgets"
    assert result.content == "**dave** forked the repository into **dave/widgets**."


# Checks and Actions ------------------------------------------------------------------


def test_a_status_without_context_or_address_still_reads() -> None:
    payload = status_payload("failure", context="")
    payload["target_url"] = ""
    assert content("status", payload).startswith("**A status check** failed for [")


def test_a_status_has_no_branch_to_filter() -> None:
    result = GITEA.message("status", status_payload("failure"), query={"branches": "main"})
    assert result.topic == "widgets"


def test_a_run_names_who_triggered_it_rather_than_the_sender() -> None:
    result = GITEA.message("workflow_run", run_payload())
    assert result.topic == "widgets / main"
    assert result.content == (
        "[CI #58](https://gitea.example.com/acme/widgets/actions/runs/58) succeeded on `main`"
        f" for [{sha(2)[:7]}](https://gitea.example.com/acme/widgets/commit/{sha(2)})"
        " (Add a dark theme). Triggered by **bob**."
    )


def test_a_run_s_commit_title_comes_from_its_head_commit_when_there_is_one() -> None:
    head = {"id": sha(2), "message": "Cache the theme\n\nIt was read twice."}
    titled = content("workflow_run", run_payload(head_commit=head))
    assert f"/commit/{sha(2)}) (Cache the theme). Triggered" in titled
    untitled = content("workflow_run", run_payload(display_title=None))
    assert f"/commit/{sha(2)}). Triggered" in untitled


def test_a_run_follows_the_branch_filter() -> None:
    assert GITEA.post("workflow_run", run_payload(), query={"branches": "release-*"}) is None
    assert GITEA.post("workflow_run", run_payload(), query={"branches": "ma*"}) is not None


@pytest.mark.parametrize("trigger", ["pull_request", "pull_request_sync"])
def test_a_pull_request_s_run_is_not_filtered_by_branch(trigger: str) -> None:
    payload = run_payload(event=trigger, head_branch="feature/dark-theme")
    result = GITEA.message("workflow_run", payload, query={"branches": "main"})
    assert result.topic == "widgets / feature/dark-theme"


def test_a_run_with_missing_details_falls_back() -> None:
    payload = run_payload(conclusion="", trigger_actor=None, run_number=None)
    payload["workflow"] = None
    posted = content("workflow_run", payload)
    assert posted.startswith(
        "[ci.yml@refs/heads/main](https://gitea.example.com/acme/widgets/actions/runs/58)"
        " finished (completed) on `main`"
    )
    assert posted.endswith("Triggered by **alice**.")


# Forgejo Actions ---------------------------------------------------------------------


def test_a_forgejo_run_reads_like_a_gitea_run() -> None:
    result = GITEA.message("action_run_success", forgejo_run_payload("success"))
    assert result.topic == "widgets / main"
    assert result.content == (
        "[ci.yml #58](https://gitea.example.com/acme/widgets/actions/runs/58) succeeded on `main`"
        f" for [{sha(2)[:7]}](https://gitea.example.com/acme/widgets/commit/{sha(2)})"
        " (Add a dark theme). Triggered by **bob**."
    )


def test_a_cancelled_forgejo_run_comes_as_a_failure_and_says_cancelled() -> None:
    posted = content("action_run_failure", forgejo_run_payload("failure", status="cancelled"))
    assert "was cancelled on `main`" in posted


def test_a_forgejo_run_of_a_pull_request_is_not_filtered_and_names_no_branch() -> None:
    payload = forgejo_run_payload(event="pull_request", prettyref="#12")
    result = GITEA.message("action_run_failure", payload, query={"branches": "main"})
    assert result.topic == "widgets"
    assert "`#12`" not in result.content
    assert GITEA.post("action_run_failure", forgejo_run_payload(), query=IGNORE) is not None


def test_a_forgejo_run_follows_the_branch_filter() -> None:
    payload = forgejo_run_payload(prettyref="feature/x")
    assert GITEA.post("action_run_failure", payload, query={"branches": "main"}) is None


def test_a_forgejo_run_with_missing_details_falls_back() -> None:
    payload = forgejo_run_payload(
        status=None, index_in_repo=None, commit_sha=None, trigger_user=None, workflow_id=""
    )
    assert content("action_run_failure", payload) == (
        "[Workflow](https://gitea.example.com/acme/widgets/actions/runs/58) failed on `main`."
    )


# Packages ------------------------------------------------------------------------------


def test_a_package_no_repository_claims_goes_to_its_owner_s_topic() -> None:
    result = GITEA.message("package", package_payload())
    assert result.topic == "acme"
    assert result.content == (
        "**alice** published the pypi package "
        "[widgets 2.3.0](https://gitea.example.com/acme/-/packages/pypi/widgets/2.3.0)."
    )


def test_a_package_without_owner_type_or_version_still_reads() -> None:
    payload = package_payload("deleted", owner=None, type="", version="")
    assert GITEA.message("package", payload).topic == "alice"  # the sender, last resort
    assert content("package", payload) == "**alice** deleted the package **widgets**."


def test_a_package_of_a_private_repository_can_be_ignored() -> None:
    private = package_payload(repository=repository(private=True))
    assert GITEA.post("package", private, query=IGNORE) is None
    public = package_payload(repository=repository())
    assert GITEA.message("package", public, query=IGNORE).topic == "widgets"
    # A package no repository claims does not say who may see it.
    assert GITEA.post("package", package_payload(), query=IGNORE) is None


# Unusable payloads ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "payload", "path"),
    [
        ("push", push_payload() | {"repository": None}, "repository.name"),
        ("push", push_payload() | {"commits": [{"message": "Fix"}]}, "commits[0].id"),
        ("pull_request", pr_payload("opened") | {"sender": None}, "sender.login"),
        ("issues", issue_payload("opened") | {"issue": "3"}, "issue"),
        ("status", status_payload("success") | {"state": 1}, "state"),
    ],
)
def test_odd_payloads_name_the_field(event: str, payload: dict[str, Any], path: str) -> None:
    with pytest.raises(BadPayload) as raised:
        GITEA.post(event, copy.deepcopy(payload))
    assert raised.value.path == path


# Private repositories ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("push", push_payload()),
        ("pull_request", pr_payload("opened")),
        ("issues", issue_payload("opened")),
        ("issue_comment", comment_payload("created")),
        ("pull_request_approved", review_payload()),
        ("release", release_payload()),
        ("workflow_run", run_payload()),
        ("status", status_payload("failure")),
    ],
)
def test_private_repositories_can_be_ignored(event: str, payload: dict[str, Any]) -> None:
    private = copy.deepcopy(payload)
    private["repository"]["private"] = True
    assert GITEA.post(event, private, query=IGNORE) is None
    assert GITEA.post(event, private) is not None  # only when asked
    assert GITEA.post(event, payload, query=IGNORE) is not None  # public ones still post


@pytest.mark.parametrize(
    ("repository_fields", "posted"),
    [
        ({"private": False}, True),
        ({"private": False, "internal": True}, False),  # visible to signed-in users only
        ({"private": True}, False),
        ({}, False),  # does not say: counted as private
        ({"private": None}, False),
    ],
)
def test_only_repositories_known_to_be_public_post_under_the_option(
    repository_fields: dict[str, Any], posted: bool
) -> None:
    payload = push_payload()
    del payload["repository"]["private"]
    payload["repository"].update(repository_fields)
    assert (GITEA.post("push", payload, query=IGNORE) is not None) is posted
    assert GITEA.post("push", payload) is not None  # without the option, visibility is not read
