"""50 members commenting and replying at once for 60 seconds; then count that every acknowledged write was saved.

    python bench/load_comments.py setup            # members, a group and an open project
    python bench/load_comments.py run [--seconds 60] [--members 50] [--base http://127.0.0.1:8200]

Run by bench/load-comments, which starts gunicorn (production settings) on PostgreSQL.
"""

import argparse
import json
import random
import re
import statistics
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from feedback.models import Comment, Partner, Project  # noqa: E402
from members.models import EngagementGroup, Membership, User  # noqa: E402

STATE = ROOT / "bench" / "results" / "load-comments-state.json"


def setup(members):
    group = EngagementGroup.objects.create(name="Load test group", slug="load-test")
    people = User.objects.bulk_create(
        [User(email=f"load{i}@bench.example", full_name=f"Load {i}") for i in range(members)]
    )
    Membership.objects.bulk_create([Membership(user=person, group=group) for person in people])
    project = Project.objects.create(
        title="Load test project",
        partner=Partner.objects.create(name="Load partner"),
        lead_name="Lead",
        summary="Comment on me.",
        status=Project.Status.OPEN,
        closes_on=timezone.localdate() + timezone.timedelta(days=7),
    )
    project.groups.add(group)
    sessions = []
    for person in people:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(person)
        sessions.append({"user": person.pk, "session": client.cookies["sessionid"].value})
    STATE.parent.mkdir(parents=True, exist_ok=True)
    STATE.write_text(json.dumps({"project": project.pk, "sessions": sessions}))


def member_loop(base, project, session, deadline, results, lock):
    http = requests.Session()
    http.cookies.set("sessionid", session["session"])
    page = http.get(f"{base}/projects/{project}/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    # Production cookies are Secure; over plain HTTP on loopback, send the CSRF cookie by hand.
    http.cookies.set("csrftoken", page.cookies["csrftoken"])
    mine = []
    n = 0
    while time.monotonic() < deadline:
        n += 1
        body = f"Load comment {session['user']}-{n}"
        if mine and random.random() < 0.4:
            url, data = f"{base}/projects/{project}/comments/{random.choice(mine)}/reply/", {"body": body}
        else:
            url, data = f"{base}/projects/{project}/comments/", {"body": body}
        started = time.perf_counter()
        try:
            response = http.post(url, data={"csrfmiddlewaretoken": token, **data}, allow_redirects=False, timeout=30)
            ok = response.status_code == 302
            if ok and "/reply/" not in url:
                found = re.search(r"comment=(\d+)", response.headers.get("Location", ""))
                if found:
                    mine.append(int(found.group(1)))
        except requests.RequestException:
            ok = False
        with lock:
            results.append((ok, time.perf_counter() - started, body))


def run(base, seconds):
    state = json.loads(STATE.read_text())
    results, lock = [], threading.Lock()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=member_loop, args=(base, state["project"], s, deadline, results, lock))
        for s in state["sessions"]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    acknowledged = {body for ok, _, body in results if ok}
    saved = set(
        Comment.objects.filter(project_id=state["project"], body__startswith="Load comment").values_list(
            "body", flat=True
        )
    )
    latencies = sorted(seconds for _, seconds, _ in results)
    percentile = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000  # noqa: E731
    summary = {
        "members": len(state["sessions"]),
        "seconds": seconds,
        "requests": len(results),
        "errors": sum(1 for ok, _, _ in results if not ok),
        "acknowledged": len(acknowledged),
        "saved": len(saved),
        "lost": len(acknowledged - saved),
        "requests_per_second": round(len(results) / seconds, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(percentile(0.95), 1),
        "p99_ms": round(percentile(0.99), 1),
    }
    print(json.dumps(summary, indent=2))
    return 0 if summary["errors"] == 0 and summary["lost"] == 0 else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["setup", "run"])
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--base", default="http://127.0.0.1:8200")
    args = parser.parse_args()
    if args.what == "setup":
        setup(args.members)
    else:
        sys.exit(run(args.base, args.seconds))
