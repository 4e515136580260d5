"""A local fake of GOV.UK Notify's HTTP API, for the Notify tests: never the real service."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
EMAIL_TEMPLATE = str(uuid.uuid4())
SMS_TEMPLATE = str(uuid.uuid4())
CALLBACK_TOKEN = "a-long-callback-token-from-notify"


class FakeNotify:
    """What the fake was asked (`requests`: (method, path, JSON body)) and holds (`notifications`, by id).
    `fail_next` holds HTTP statuses to answer the next requests with instead."""

    def __init__(self):
        self.requests = []
        self.notifications = {}
        self.fail_next = []
        self.lock = threading.Lock()

    @property
    def sent(self):
        return [(path, body) for method, path, body in self.requests if method == "POST"]

    def hold(self, kind, reference, status="sending", **fields):
        """A message Notify already has, as if sent earlier."""
        notification = {"id": str(uuid.uuid4()), "reference": reference, "type": kind, "status": status, **fields}
        self.notifications[notification["id"]] = notification
        return notification

    def answer(self, method, path, query, body):
        with self.lock:
            self.requests.append((method, path, body))
            if self.fail_next:
                status = self.fail_next.pop(0)
                return status, {
                    "status_code": status,
                    "errors": [{"error": "Exception", "message": "Internal server error"}],
                }
        if method == "POST" and path in {"/v2/notifications/email", "/v2/notifications/sms"}:
            kind = path.rsplit("/", 1)[1]
            notification = self.hold(kind, body.get("reference"), status="created", request=body)
            content = {"body": body["personalisation"]["body"]}
            if kind == "email":
                content |= {
                    "subject": body["personalisation"]["subject"],
                    "from_email": "engagement@notifications.service.gov.uk",
                }
            else:
                content |= {"from_number": "GOVUK"}
            return 201, {
                "id": notification["id"],
                "reference": body.get("reference"),
                "content": content,
                "uri": f"https://api.notifications.service.gov.uk/v2/notifications/{notification['id']}",
                "template": {
                    "id": body["template_id"],
                    "version": 1,
                    "uri": "https://api.notifications.service.gov.uk/v2/template/x",
                },
            }
        if method == "POST" and path == "/v2/notifications/letter":
            notification = self.hold("letter", body["reference"], status="pending-virus-check", request=body)
            return 201, {
                "id": notification["id"],
                "reference": body["reference"],
                "postage": body.get("postage", "second"),
            }
        if method == "GET" and path == "/v2/notifications":
            reference = query.get("reference", [None])[0]
            found = [n for n in self.notifications.values() if reference is None or n["reference"] == reference]
            return 200, {
                "notifications": found,
                "links": {"current": "https://api.notifications.service.gov.uk/v2/notifications"},
            }
        if method == "GET" and path.startswith("/v2/notifications/"):
            notification = self.notifications.get(path.rsplit("/", 1)[1])
            if notification is None:
                return 404, {"status_code": 404, "errors": [{"error": "NoResultFound", "message": "No result found"}]}
            return 200, notification
        return 404, {"status_code": 404, "errors": [{"error": "NotFound", "message": "Not found"}]}


def _handler(fake):
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, method):
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            try:
                # The client signs each request with the key's secret, as Notify checks.
                claims = jwt.decode(token, SECRET, algorithms=["HS256"])
                assert claims["iss"] == SERVICE_ID
            except (jwt.InvalidTokenError, AssertionError):
                status, answer = (
                    403,
                    {"status_code": 403, "errors": [{"error": "AuthError", "message": "Invalid token"}]},
                )
            else:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                url = urlsplit(self.path)
                status, answer = fake.answer(method, url.path, parse_qs(url.query), body)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            self._reply("GET")

        def do_POST(self):
            self._reply("POST")

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def fake_notify(settings):
    """Notify configured, and pointed at a fake on a free port of 127.0.0.1."""
    fake = FakeNotify()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFY_API_KEY = f"engagement_test-{SERVICE_ID}-{SECRET}"
    settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.NOTIFY_EMAIL_TEMPLATE_ID = EMAIL_TEMPLATE
    settings.NOTIFY_SMS_TEMPLATE_ID = SMS_TEMPLATE
    settings.NOTIFY_LETTERS_ENABLED = True
    settings.NOTIFY_CALLBACK_TOKEN = CALLBACK_TOKEN
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def quick_letters(monkeypatch):
    """Letters made without WeasyPrint, for the tests about sending rather than about the letter."""
    from engagement.core import letters

    monkeypatch.setattr(letters, "render_letter", lambda *args, **kwargs: b"%PDF-1.7 a letter")


def person_by_post(number):
    from members.models import User
    from tests.conftest import make_person

    return make_person(
        f"post{number}@example.org",
        f"Post Person {number}",
        communication_preference=User.CommunicationPreference.POST,
        address="1 Station Road\nReading",
        postcode="RG1 1AA",
    )


def published_response(peg, member, outcome, **entry):
    """A published response with one "Access to care" entry answering a comment of member's: for the
    e-mail and the letter that tell people what happened to their views. entry: more of the entry's fields."""
    from datetime import date

    from feedback.models import Comment, Partner, Project, ResponseEntry, Theme

    project = Project.objects.create(
        title="Improving access to GP services",
        partner=Partner.objects.create(name="Riverside County Council"),
        summary="How you book appointments is changing.",
        status=Project.Status.PUBLISHED,
        closes_on=date(2026, 11, 1),
    )
    project.groups.set([peg])
    comment = Comment.objects.create(project=project, author=member, body="The 8am phone queue is the problem.")
    response_entry = ResponseEntry.objects.create(
        project=project,
        theme=Theme.objects.create(name="Access to care"),
        what_we_heard="People cannot get through on the phone at 8am.",
        outcome=outcome,
        **{"how_we_reflected": "We will tell practices."} | entry,
    )
    response_entry.comments.set([comment])
    return project


@pytest.fixture
def waiting(fake_notify, meeting):
    """Two letters waiting for staff approval: a meeting's invitation to two people who asked for post."""
    from engagement.core import notifications
    from engagement.core.models import Notification

    notifications.plan(meeting, "invitation", [person_by_post(1), person_by_post(2)])
    return list(Notification.objects.filter(channel=Notification.Channel.LETTER).order_by("pk"))
