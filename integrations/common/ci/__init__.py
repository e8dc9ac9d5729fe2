"""What CI integrations share: results, the headline, the commit, the details, what failed.

CircleCI, Travis CI, Semaphore, Buildbot, Jenkins (its webhook and the
``jenkins_pipeline`` script) and Azure Pipelines each read their service's
payload and keep their own topics (those of Zulip's integrations); what
they mean the same way is told here, by one piece of code, a module per job:

``results``
    a run's result: the word a message opens with (**Failed**, **Fixed**,
    **Still failing**...), its kind and emoji, and the statuses services
    share; ``streak`` says **Fixed** or **Still failing** from the
    previous run's result;
``text``
    the headline (``**Failed**: build [#7](…) on `main` in 4 min 32 s.``),
    the commit line (``[9f2c4e1](…) Add a dark theme — **Ada**``), the
    dotted details line (``Commit … · for **Ada** · took 4 min``), lists of
    what failed, build links and the branch's topic;
``readers``
    optional text, numbers sent as text or numbers, how long a run took
    (the core's ``duration`` between two of the core's ``parse_time``
    times), people named with their address;
``pages``
    the page of a commit, a pull request or a tag on GitHub, GitLab or
    Bitbucket, from the repository's address or clone address;
``jenkins``
    what Jenkins' webhook and its pipeline script both say.

A commit is the code-hosting family's ``Commit``, and its short SHA link and
first line are that family's too, so a commit reads the same in a push and
in a build.
"""

from integrations.common.ci.pages import page, repository_page
from integrations.common.ci.readers import (
    number_text,
    person_name,
    text_of,
    time_of,
    time_taken,
)
from integrations.common.ci.results import (
    CANCELED,
    FAILED,
    FINISHED,
    FIXED,
    PASSED,
    PENDING,
    STARTED,
    STILL_FAILING,
    STOPPED,
    SUCCEEDED,
    Kind,
    Result,
    finished,
    result_of,
    spelled_out,
    streak,
)
from integrations.common.ci.text import (
    LISTED,
    PEOPLE,
    branch_topic,
    commit_line,
    commit_part,
    details,
    failed_line,
    headline,
    lines,
    named,
    numbered,
    on_branch,
    people,
    run_link,
    took,
)
from integrations.common.code_hosting.records import Commit

__all__ = [
    "CANCELED",
    "FAILED",
    "FINISHED",
    "FIXED",
    "LISTED",
    "PASSED",
    "PENDING",
    "PEOPLE",
    "STARTED",
    "STILL_FAILING",
    "STOPPED",
    "SUCCEEDED",
    "Commit",
    "Kind",
    "Result",
    "branch_topic",
    "commit_line",
    "commit_part",
    "details",
    "failed_line",
    "finished",
    "headline",
    "lines",
    "named",
    "number_text",
    "numbered",
    "on_branch",
    "page",
    "people",
    "person_name",
    "repository_page",
    "result_of",
    "run_link",
    "spelled_out",
    "streak",
    "text_of",
    "time_of",
    "time_taken",
    "took",
]
