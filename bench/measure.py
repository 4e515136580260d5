"""Measure the key pages: SQL queries per page (in-process) and throughput with wrk against gunicorn.

    python bench/measure.py queries --dataset demo|generated
    python bench/measure.py load --dataset demo|generated --base http://127.0.0.1:8100 [--seconds 10]

Run by bench/run, which prepares the database and starts gunicorn.
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from feedback.models import Project  # noqa: E402
from feedback.planning.models import EngagementPlan  # noqa: E402
from meetings.models import Meeting  # noqa: E402
from members.expenses.models import ExpenseClaim  # noqa: E402
from members.models import EngagementGroup, User  # noqa: E402


def accounts(dataset):
    """(member, staff, pages): the people to sign in as and the pages to load, for each data set."""
    if dataset == "generated":
        logins = json.loads((ROOT / "bench" / "logins.json").read_text())
        member, staff = User.objects.get(email=logins["member"]), User.objects.get(email=logins["staff"])
        group = EngagementGroup.objects.get(slug=logins["group"])
        meeting, project, claim = logins["meeting"], logins["project"], logins["claim"]
    else:
        member, staff = User.objects.get(email="member@example.org"), User.objects.get(email="staff@example.org")
        group = EngagementGroup.objects.get(slug="peg")
        # The next meeting, the one with its papers out (the demo names meetings after their months).
        meeting = Meeting.objects.get(group=group, status=Meeting.Status.PAPERS_ISSUED).pk
        # Open, like the large set's busiest: a closed one with a response runs other queries.
        project = (
            Project.objects.filter(groups=group, status=Project.Status.OPEN)
            .annotate(comment_count=Count("comments"))
            .order_by("-comment_count")
            .first()
            .pk
        )
        claim = ExpenseClaim.objects.filter(claimant=member).order_by("-pk").first().pk
        if not EngagementPlan.objects.filter(project_id=project).exists():
            EngagementPlan.objects.start(Project.objects.get(pk=project))
    member_pages = {
        "Floor: a bare view loading the user": "/health/session/",
        "Dashboard": "/dashboard/",
        "Meeting list": "/meetings/",
        "Meeting page": f"/meetings/{meeting}/",
        "Project list": "/projects/",
        "Project page (most comments)": f"/projects/{project}/",
        "You Said, We Did": f"/projects/you-said-we-did/?group={group.pk}&period=all",
        "Expenses list": "/expenses/",
        "Expense claim": f"/expenses/{claim}/",
        "Profile": "/profile/",
        "Plan page": f"/plans/project/{project}/",
    }
    staff_pages = {
        "Admin: people": "/admin/members/user/",
        "Admin: comments": "/admin/feedback/comment/",
        "Admin: expense claims": "/admin/expenses/expenseclaim/",
        "Admin: memberships": "/admin/members/membership/",
        "Admin: response entries": "/admin/feedback/responseentry/",
    }
    return member, staff, member_pages, staff_pages


def signed_in_client(user):
    """Signed in, and holding the CSRF cookie a browser gets from its first page, as every real visitor has."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get("/dashboard/")
    return client


def queries_for(client, path, name):
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    assert status == 200, f"{name}: HTTP {status}"
    return len(queries)


def count_queries(dataset):
    """Queries to render each page."""
    member, staff, member_pages, staff_pages = accounts(dataset)
    counts = {}
    for user, pages in [(member, member_pages), (staff, staff_pages)]:
        client = signed_in_client(user)
        for name, path in pages.items():
            client.get(path)  # warm per-process caches (content types, permissions)
            counts[name] = queries_for(client, path, name)
    return counts


def wrk(base, path, cookie, seconds):
    output = subprocess.run(
        ["wrk", "-t2", "-c20", f"-d{seconds}s", "--latency", "-H", f"Cookie: {cookie}", base + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def latency(percent):
        # No line when no request finished within wrk's timeout.
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        if not found:
            return None
        value, unit = found.groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rps, "p50": latency(50), "p99": latency(99), "non_2xx": int(errors.group(1)) if errors else 0}


def load(dataset, base, seconds):
    member, staff, member_pages, staff_pages = accounts(dataset)
    results = {}
    for user, pages in [(member, member_pages), (staff, staff_pages)]:
        cookies = signed_in_client(user).cookies
        cookie = f"sessionid={cookies['sessionid'].value}; csrftoken={cookies['csrftoken'].value}"
        for name, path in pages.items():
            results[name] = wrk(base, path, cookie, seconds)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["queries", "load"])
    parser.add_argument("--dataset", choices=["demo", "generated"], default="generated")
    parser.add_argument("--base", default="http://127.0.0.1:8100")
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    result = count_queries(args.dataset) if args.what == "queries" else load(args.dataset, args.base, args.seconds)
    print(json.dumps(result, indent=2))
