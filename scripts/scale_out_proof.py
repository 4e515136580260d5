"""Set up and check the scale-out proof (run by scripts/scale-out-proof, which starts the services).

create-database | drop-database | setup | check
"""

import email
import http.client
import json
import os
import re
import ssl
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import requests
import urllib3

ROOT = Path(__file__).resolve().parent.parent
PROOF_DIR = Path(os.environ.get("PROOF_DIR", "/tmp"))
SITE = "https://127.0.0.1:8443"
INSTANCES = ["http://127.0.0.1:8001", "http://127.0.0.1:8002"]
PASSWORD = "proof-password-123"
MEMBERS = [f"member{i}@proof.example" for i in range(3)]
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")
    import django

    django.setup()


def admin_connection():
    import psycopg2

    url = urlparse(os.environ["ADMIN_DATABASE_URL"])
    connection = psycopg2.connect(
        dbname=url.path.lstrip("/"), user=url.username, password=url.password, host=url.hostname, port=url.port
    )
    connection.autocommit = True
    return connection


def proof_database():
    return urlparse(os.environ["DATABASE_URL"]).path.lstrip("/")


def create_database():
    with admin_connection().cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{proof_database()}"')


def drop_database():
    with admin_connection().cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{proof_database()}" WITH (FORCE)')


def setup():
    import boto3

    django_setup()
    from datetime import timedelta

    from django.contrib.auth.models import Group
    from django.utils import timezone
    from django_celery_beat.models import IntervalSchedule, PeriodicTask
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from feedback.models import Partner, Project
    from meetings.models import AgendaItem, Meeting, Venue
    from members import roles
    from members.models import EngagementGroup, Membership, User

    boto3.client(
        "s3",
        endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"],
        region_name="eu-west-2",
        aws_access_key_id="proof",
        aws_secret_access_key="proof",
    ).create_bucket(
        Bucket=os.environ["AWS_STORAGE_BUCKET_NAME"], CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )

    roles.sync_staff_roles()
    group = EngagementGroup.objects.create(name="Proof Group", slug="proof")
    other = EngagementGroup.objects.create(name="Other Group", slug="other")
    staff = User.objects.create_user("staff@proof.example", PASSWORD, full_name="Proof Staff", is_staff=True)
    staff.groups.add(Group.objects.get(name=roles.ENGAGEMENT_STAFF))
    device = TOTPDevice.objects.create(user=staff, name="Proof phone", confirmed=True)
    for address in MEMBERS:
        Membership.objects.create(
            user=User.objects.create_user(address, PASSWORD, full_name=address.split("@")[0]), group=group
        )
    Membership.objects.create(
        user=User.objects.create_user("outsider@proof.example", PASSWORD, full_name="Outsider"), group=other
    )
    venue = Venue.objects.create(name="Proof Hall", address="1 Test Street", step_free=True)
    start = timezone.now() + timedelta(hours=20)
    meeting = Meeting.objects.create(
        group=group, title="Proof meeting", start=start, end=start + timedelta(hours=2), venue=venue
    )
    item = AgendaItem.objects.create(meeting=meeting, title="Papers to read", minutes_allotted=30)
    project = Project.objects.create(
        title="Proof project",
        partner=Partner.objects.create(name="Proof partner"),
        lead_name="Lead",
        summary="A project to comment on.",
        status=Project.Status.OPEN,
        closes_on=timezone.localdate() + timedelta(days=7),
    )
    project.groups.add(group)
    # Beat plans meeting e-mails every few seconds here (every 15 minutes in real life),
    # so both beats fire many times while two workers race for the work.
    every_5s, _ = IntervalSchedule.objects.get_or_create(every=5, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.filter(task="meetings.tasks.plan_meeting_emails").update(interval=every_5s, crontab=None)
    (PROOF_DIR / "proof.json").write_text(
        json.dumps(
            {
                "meeting": meeting.pk,
                "item": item.pk,
                "project": project.pk,
                "group": group.pk,
                "device": device.persistent_id,
                "key": device.key,
            }
        )
    )


class Browser:
    """A person's session through nginx (TLS), as a browser would keep it."""

    def __init__(self):
        self.session = requests.Session()
        self.session.verify = False
        self.served_by = []

    def request(self, method, path, **kwargs):
        # verify=False on each call: a session-wide setting is overridden by REQUESTS_CA_BUNDLE.
        response = self.session.request(method, SITE + path, allow_redirects=False, timeout=30, verify=False, **kwargs)
        self.served_by.append(response.headers.get("X-Served-By", ""))
        return response

    def csrf(self, path):
        page = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert match, f"no CSRF token on {path} ({page.status_code})"
        return match.group(1)

    def post(self, path, data, files=None, form_path=None):
        token = self.csrf(form_path or path)
        return self.request(
            "POST",
            path,
            data={"csrfmiddlewaretoken": token, **data},
            files=files,
            headers={"Referer": SITE + (form_path or path)},
        )

    def sign_in(self, email):
        response = self.post("/accounts/sign-in/", {"username": email, "password": PASSWORD})
        assert response.status_code == 302, f"sign-in failed for {email}: {response.status_code}"
        return self


def direct(instance, path, browser):
    """Ask one web instance directly, with the browser's session cookie, as nginx would."""
    cookie = "; ".join(f"{c.name}={c.value}" for c in browser.session.cookies)
    return requests.get(
        instance + path,
        headers={"Cookie": cookie, "X-Forwarded-Proto": "https", "Host": "127.0.0.1"},
        allow_redirects=False,
        timeout=30,
    )


def sent_messages():
    """The e-mails the workers wrote with Django's file-based backend (messages are separated by a line of dashes)."""
    for path in (PROOF_DIR / "mail").glob("*"):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                yield email.message_from_string(chunk.strip())


def today_in_boxes(name):
    """Today as a date field's day, month and year boxes send it."""
    from django.utils import timezone

    today = timezone.localdate()
    return {f"{name}_0": str(today.day), f"{name}_1": str(today.month), f"{name}_2": str(today.year)}


def wait_for(condition, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(1)
    return False


def check():
    django_setup()
    from django.core.files.storage import default_storage
    from django_otp.oath import TOTP

    from engagement.core.models import Notification
    from feedback.models import Comment
    from meetings.models import Paper, Reply
    from members.expenses.models import ClaimLine

    proof = json.loads((PROOF_DIR / "proof.json").read_text())
    results = []

    def record(name, ok, detail):
        results.append((name, ok, detail))

    member = Browser().sign_in(MEMBERS[0])
    statuses = [member.request("GET", "/dashboard/").status_code for _ in range(20)]
    instances = {s for s in member.served_by if s}
    record(
        "Signed in once, signed in on every instance",
        statuses == [200] * 20 and len(instances) == 2,
        f"20 pages, all {set(statuses)}, served by {sorted(instances)}",
    )

    meeting_path = f"/meetings/{proof['meeting']}/"
    response = member.post(f"{meeting_path}reply/", {"response": "apologies", "note": "Away"}, form_path=meeting_path)
    replied = Reply.objects.filter(meeting_id=proof["meeting"], user__email=MEMBERS[0], response="apologies").exists()
    record("Apologies sent through nginx", response.status_code == 302 and replied, f"HTTP {response.status_code}")

    staff = Browser()
    key = bytes.fromhex(proof["key"])
    code = f"{TOTP(key).token():06d}"
    response = staff.post(
        "/admin/login/?next=/admin/",
        {"username": "staff@proof.example", "password": PASSWORD, "otp_device": proof["device"], "otp_token": code},
    )
    record(
        "Staff signed in to the admin with password and code",
        response.status_code == 302 and staff.request("GET", "/admin/").status_code == 200,
        f"HTTP {response.status_code}",
    )

    item_path = f"/admin/meetings/agendaitem/{proof['item']}/change/"
    paper_bytes = b"%PDF-1.4\n% scale-out proof paper\n"
    # The page's other inlines (declarations, decisions...) posted as the page has them, with no new rows.
    management = dict(
        re.findall(
            r'name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d+)"',
            staff.request("GET", item_path).text,
        )
    )
    other_inlines = {
        name: management[name.replace("TOTAL", "INITIAL")] if name.endswith("TOTAL_FORMS") else value
        for name, value in management.items()
        if not name.startswith("papers-")
    }
    response = staff.post(
        item_path,
        {
            **other_inlines,
            "meeting": proof["meeting"],
            "position": "0",
            "title": "Papers to read",
            "purpose": "discussion",
            "presenter": "",
            "minutes_allotted": "30",
            "outcome": "",
            "minutes": "",
            "papers-TOTAL_FORMS": "1",
            "papers-INITIAL_FORMS": "0",
            "papers-MIN_NUM_FORMS": "0",
            "papers-MAX_NUM_FORMS": "1000",
            "papers-0-title": "Proof paper",
            "papers-0-id": "",
            "papers-0-item": proof["item"],
        },
        files={"papers-0-file": ("proof.pdf", paper_bytes, "application/pdf")},
    )
    paper = Paper.objects.filter(item_id=proof["item"]).first()
    in_bucket = bool(paper) and default_storage.exists(paper.file.name)
    record(
        "Paper uploaded through the admin lands in the object store",
        response.status_code == 302 and in_bucket,
        paper.file.name if paper else f"HTTP {response.status_code}",
    )

    # Issuing papers e-mails the group, so the admin shows a confirmation first; send, as an officer would.
    issue_papers = {"action": "issue_papers", "_selected_action": proof["meeting"]}
    staff.post("/admin/meetings/meeting/", issue_papers)
    staff.post("/admin/meetings/meeting/", {**issue_papers, "_send_confirmed": "1"})
    outsider = Browser().sign_in("outsider@proof.example")
    downloads = {instance: direct(instance, f"/meetings/papers/{paper.pk}/", member) for instance in INSTANCES}
    refused = {
        instance: direct(instance, f"/meetings/papers/{paper.pk}/", outsider).status_code for instance in INSTANCES
    }
    record(
        "Paper downloads from either instance for a member",
        all(r.status_code == 200 and r.content == paper_bytes for r in downloads.values()),
        ", ".join(f"{i[-4:]}: {r.status_code}" for i, r in downloads.items()),
    )
    record(
        "Paper refused to someone outside the group, on either instance",
        set(refused.values()) == {404},
        ", ".join(f"{i[-4:]}: {s}" for i, s in refused.items()),
    )

    reminders = Notification.objects.filter(event="reminder-1", object_id=proof["meeting"])
    wait_for(lambda: reminders.filter(status="sent").count() == len(MEMBERS) - 1)
    time.sleep(8)  # let both beats fire again: a duplicate, if any, would arrive now
    per_member = {email: 0 for email in MEMBERS}
    for message in sent_messages():
        if message["Subject"].startswith("Reminder:"):
            per_member[message["To"]] += 1
    # The member who sent apologies before the reminder was planned may or may not be reminded; never twice.
    record(
        "One reminder per person, with two workers and two beats",
        all(n <= 1 for n in per_member.values()) and sum(per_member.values()) >= len(MEMBERS) - 1,
        json.dumps(per_member),
    )

    receipt_bytes = b"%PDF-1.4\n% scale-out proof receipt\n"
    response = member.post(
        "/expenses/new/",
        {
            "group": proof["group"],
            "meeting": "",
            **today_in_boxes("activity_date"),
            "description": "Bus to the proof meeting",
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "0",
            "lines-MAX_NUM_FORMS": "20",
            "lines-0-kind": "public_transport",
            "lines-0-details": "Bus",
            "lines-0-amount": "4.50",
        },
        files={"lines-0-receipt": ("ticket.pdf", receipt_bytes, "application/pdf")},
        form_path="/expenses/new/",
    )
    line = ClaimLine.objects.filter(claim__claimant__email=MEMBERS[0]).exclude(receipt="").first()
    stored = bool(line) and default_storage.exists(line.receipt.name)
    record(
        "Receipt uploaded with a claim lands in the object store",
        response.status_code == 302 and stored,
        line.receipt.name if line else f"HTTP {response.status_code}",
    )
    receipt_path = f"/expenses/{line.claim_id}/receipts/{line.pk}/" if line else "/expenses/0/receipts/0/"
    own = {instance: direct(instance, receipt_path, member) for instance in INSTANCES}
    others = {instance: direct(instance, receipt_path, outsider).status_code for instance in INSTANCES}
    record(
        "Receipt downloads from either instance for its owner only",
        all(r.status_code == 200 and r.content == receipt_bytes for r in own.values())
        and set(others.values()) == {404},
        ", ".join(f"{i[-4:]}: owner {own[i].status_code}, other {others[i]}" for i in INSTANCES),
    )

    project_path = f"/projects/{proof['project']}/"
    response = member.post(f"{project_path}comments/", {"body": "Please use plain English."}, form_path=project_path)
    commented = Comment.objects.filter(project_id=proof["project"], body="Please use plain English.").exists()
    record("Comment posted through nginx", response.status_code == 302 and commented, f"HTTP {response.status_code}")

    record(*double_click(member, project_path, proof["project"]))
    record(*request_size_limits())
    record(*failover(member, project_path, proof["project"]))
    for result in database_outage(proof["meeting"]):
        record(*result)

    width = max(len(name) for name, _, _ in results)
    print(f"\n{'Check'.ljust(width)}  Result  Detail")
    for name, ok, detail in results:
        print(f"{name.ljust(width)}  {'PASS' if ok else 'FAIL'}    {detail}")
    failed = [name for name, ok, _ in results if not ok]
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def double_click(member, project_path, project_id):
    """Two copies of one comment sent at the same moment, as a double click sends them: one is saved."""
    from feedback.models import Comment

    page = member.request("GET", project_path)
    fields = {
        name: re.search(rf'name="{name}" value="([^"]+)"', page.text).group(1)
        for name in ("csrfmiddlewaretoken", "form_token")
    }
    body = "Sent with a double click."
    both_ready = threading.Barrier(2)
    responses = []

    def send():
        both_ready.wait()
        responses.append(
            member.request(
                "POST",
                f"{project_path}comments/",
                data={**fields, "body": body},
                headers={"Referer": SITE + project_path},
            )
        )

    senders = [threading.Thread(target=send) for _ in range(2)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    saved = Comment.objects.filter(project_id=project_id, body=body).count()
    places = {response.headers.get("Location") for response in responses}
    statuses = sorted(response.status_code for response in responses)
    return (
        "A double click saves one comment, even with both copies at once",
        saved == 1 and statuses == [302, 302] and len(places) == 1,
        f"{saved} saved, HTTP {statuses}, {len(places)} place(s) sent to",
    )


def claimed_length_status(port, path, length, tls):
    """The status for a POST whose headers claim `length` bytes; no body is sent, so only a refusal from the headers answers."""
    if tls:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=30, context=ssl._create_unverified_context()
        )
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("POST", path)
    connection.putheader("Content-Type", "application/x-www-form-urlencoded")
    connection.putheader("Content-Length", str(length))
    connection.putheader("X-Forwarded-Proto", "https")
    connection.endheaders()
    response = connection.getresponse()
    served_by = response.getheader("X-Served-By", "")
    connection.close()
    return response.status, served_by


def request_size_limits():
    """nginx refuses a body over its limit from the headers; behind it, each instance does the same."""
    from engagement.core.limits import PUBLIC_FORM_LIMIT, UPLOAD_LIMIT

    by_nginx = [
        claimed_length_status(8443, "/join/proof/", PUBLIC_FORM_LIMIT + 1, tls=True),
        claimed_length_status(8443, "/expenses/new/", UPLOAD_LIMIT + 1, tls=True),
    ]
    by_django = [
        claimed_length_status(int(instance.rsplit(":", 1)[1]), "/join/proof/", PUBLIC_FORM_LIMIT + 1, tls=False)
        for instance in INSTANCES
    ]
    ok = by_nginx == [(413, "")] * 2 and [status for status, _ in by_django] == [413] * 2
    return (
        "Oversized bodies refused by nginx, and by Django before reading them",
        ok,
        f"nginx: {by_nginx}, instances: {by_django}",
    )


def failover(member, project_path, project_id):
    """Keep commenting while one web instance is stopped: every acknowledged comment must be saved."""
    from feedback.models import Comment

    acknowledged, errors = [], []
    stop = threading.Event()

    def send():
        n = 0
        while not stop.is_set():
            n += 1
            body = f"Failover comment {n}"
            try:
                response = member.post(f"{project_path}comments/", {"body": body}, form_path=project_path)
                (acknowledged if response.status_code == 302 else errors).append((body, response.status_code))
            except (requests.RequestException, AssertionError) as error:
                errors.append((body, str(error)[:80]))

    sender = threading.Thread(target=send)
    sender.start()
    time.sleep(2)
    os.kill(int((PROOF_DIR / "web-8001.pid").read_text()), 15)  # graceful stop, as a deploy or scale-in would
    time.sleep(4)
    stop.set()
    sender.join()
    saved = set(
        Comment.objects.filter(project_id=project_id, body__startswith="Failover").values_list("body", flat=True)
    )
    lost = [body for body, _ in acknowledged if body not in saved]
    ok = bool(acknowledged) and not lost and not errors
    return (
        "Stopping one instance mid-run loses no acknowledged request",
        ok,
        f"{len(acknowledged)} acknowledged, {len(lost)} lost, {len(errors)} errors {errors[:2] if errors else ''}",
    )


OUTAGE_SECONDS = 60


def running(pid_file):
    """Whether the process is alive (one that exited and waits for the shell to reap it is not)."""
    try:
        stat = Path(f"/proc/{int(pid_file.read_text())}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(") ", 1)[1][0] != "Z"


def database_outage(meeting_id):
    """Cut every process off from the database for a minute, as a PostgreSQL restart or failover does;
    then both beats must still be running, and plan the e-mails of a meeting added once it is back."""
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from engagement.core.models import Notification
    from meetings.models import Meeting

    database = proof_database()
    admin = admin_connection()
    with admin.cursor() as cursor:
        # New connections are refused and open ones ended: to the app, the database has gone.
        cursor.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
    time.sleep(OUTAGE_SECONDS)
    with admin.cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
    admin.close()
    back = time.monotonic()
    connection.close()  # this process's own connection was ended with the others
    meeting = Meeting.objects.get(pk=meeting_id)
    start = timezone.now() + timedelta(hours=20)
    later = Meeting.objects.create(
        group_id=meeting.group_id,
        title="Added after the outage",
        start=start,
        end=start + timedelta(hours=2),
        venue_id=meeting.venue_id,
    )
    planned = wait_for(lambda: Notification.objects.for_object(later).exists(), seconds=30)
    waited = time.monotonic() - back
    alive = {name: running(PROOF_DIR / f"{name}.pid") for name in ("beat1", "beat2")}
    failed_reads = (PROOF_DIR / "beat2.log").read_text().count("Beat could not reach the database")
    return [
        (
            f"Both beats keep running through a {OUTAGE_SECONDS}-second database outage",
            all(alive.values()) and failed_reads > 0,
            f"running: {alive}; the second beat lived through {failed_reads} failed reads of its schedule",
        ),
        (
            "Beat plans e-mails again once the database is back",
            planned,
            f"a meeting added after the outage had its e-mails planned within {waited:.0f} s"
            if planned
            else f"nothing planned in {waited:.0f} s",
        ),
    ]


if __name__ == "__main__":
    command = sys.argv[1]
    actions = {"create-database": create_database, "drop-database": drop_database, "setup": setup}
    if command == "check":
        sys.exit(check())
    actions[command]()
