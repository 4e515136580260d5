from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from members.models import AccessNeed, LivedExperienceArea, Locality, Membership
from members.recruitment.forms import STEPS
from members.recruitment.models import (
    Application,
    BalanceTarget,
    InterviewPanelMember,
    RecruitmentChannel,
    Round,
    SelectionCriterion,
)
from tests.conftest import make_person


@pytest.fixture(autouse=True)
def _empty_cache():
    """The rate limit counts in the cache: every test starts with no submissions counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def localities(db):
    return [
        Locality.objects.create(name=name, position=i) for i, name in enumerate(["Northgate", "Eastbrook", "Southmere"])
    ]


@pytest.fixture
def areas(db):
    return [
        LivedExperienceArea.objects.create(name=name, position=i)
        for i, name in enumerate(["Carer", "Dementia", "Mental health"])
    ]


@pytest.fixture
def needs(db):
    return [
        AccessNeed.objects.create(name=name, position=i) for i, name in enumerate(["Large print", "BSL interpreter"])
    ]


@pytest.fixture
def channel(db):
    return RecruitmentChannel.objects.create(name="Healthwatch newsletter")


@pytest.fixture
def make_round(peg):
    def make(slug="peg-members", opens_in=-7, closes_in=7, **fields):
        today = timezone.localdate()
        defaults = {
            "group": peg,
            "title": "Join the Public Engagement Group",
            "summary": "We are looking for local people to join our group.",
            "about_group": "We advise the partners on how they involve the public.",
            "what_members_do": "Come to a meeting every two months.",
            "expenses": "We pay back travel and care costs.",
            "is_published": True,
        }
        return Round.objects.create(
            slug=slug,
            opens_on=today + timedelta(days=opens_in),
            closes_on=today + timedelta(days=closes_in),
            **(defaults | fields),
        )

    return make


@pytest.fixture
def open_round(make_round):
    round = make_round()
    SelectionCriterion.objects.create(round=round, position=1, title="Listens to different views")
    SelectionCriterion.objects.create(round=round, position=2, title="Speaks up for people seldom heard")
    return round


@pytest.fixture
def closed_round(make_round):
    return make_round(
        slug="reading-panel-2025",
        title="Join the Reading Panel",
        opens_in=-60,
        closes_in=-30,
        next_round_expected="spring 2027",
    )


@pytest.fixture
def chair_round(make_round):
    round = make_round(
        slug="peg-chair", title="Chair of the Public Engagement Group", role=Round.Role.CHAIR, annual_remuneration=6000
    )
    InterviewPanelMember.objects.create(round=round, name="Dr Imogen Hart", organisation="Riverside NHS Trust")
    return round


@pytest.fixture
def make_application(db):
    def make(round, name="Amara Nwosu", status=Application.Status.RECEIVED, locality=None, areas=(), **fields):
        application = Application.objects.create(
            round=round,
            full_name=name,
            email=fields.pop("email", f"{name.lower().replace(' ', '.')}@example.net"),
            why_interested="I care for my mother and want services to listen to carers.",
            status=status,
            locality=locality,
            **fields,
        )
        application.lived_experience.set(areas)
        return application

    return make


@pytest.fixture
def make_member(peg):
    def make(name, locality=None, areas=(), status=Membership.Status.ACTIVE, role=Membership.Role.MEMBER):
        person = make_person(f"{name.lower().replace(' ', '.')}@example.org", name, locality=locality)
        person.lived_experience.set(areas)
        Membership.objects.create(user=person, group=peg, status=status, role=role)
        return person

    return make


@pytest.fixture
def target(db):
    def make(round, item, minimum=2):
        field = "locality" if isinstance(item, Locality) else "lived_experience"
        return BalanceTarget.objects.create(round=round, minimum=minimum, **{field: item})

    return make


@pytest.fixture
def form_data(localities, areas, needs, channel):
    """A complete, valid expression of interest as the browser would post it."""
    return {
        "full_name": "Amara Nwosu",
        "email": "Amara.Nwosu@Example.net",
        "phone": "01632 960555",
        "address": "3 Quarry Row\nSouthmere",
        "postcode": "zz3 3aa",
        "locality": str(localities[2].pk),
        "lived_experience": [str(areas[0].pk), str(areas[2].pk)],
        "why_interested": "I care for my mother, and I want the NHS to hear from carers before it decides.",
        "access_needs": [str(needs[1].pk)],
        "access_needs_other": "Morning interviews suit me best.",
        "heard_via": str(channel.pk),
        "heard_via_other": "",
        "website": "",
    }


class _FormReader(HTMLParser):
    """Collects what a browser would post from an admin change form (<form id="<model>_form">)."""

    def __init__(self):
        super().__init__()
        self.data, self._in_form, self._select, self._textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form or "name" not in attrs and tag in {"input", "select", "textarea"}:
            return
        if tag == "input" and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.data.append((attrs["name"], attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.data.append((self._textarea, ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            name, text = self.data.pop()
            self.data.append((name, (text + data).removeprefix("\n")))


def admin_form_data(response, **changes):
    """The admin change form's current values as a dict of lists (for client.post), with `changes` applied."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    data = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    data.pop("csrfmiddlewaretoken", None)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return data


def answer_steps(client, round, data, **extra):
    """Answer each step of an expression of interest from `data`, as a browser does. Returns the first
    response that does not go on to the next step (a step with a problem, a refusal), or None."""
    for step in STEPS:
        answers = {name: data[name] for name in step.fields if name in data}
        response = client.post(reverse("recruitment:apply", args=[round.slug, step.slug]), answers, **extra)
        if response.status_code != 302:
            return response
    return None


def apply(client, round, data, **extra):
    """Answer every step, then send from "check your answers" (with `keep_equality` and `form_token`, if in
    `data`). Returns the response of a step that did not go on, or of the sending."""
    stopped = answer_steps(client, round, data, **extra)
    if stopped is not None:
        return stopped
    sent = {name: data[name] for name in ("keep_equality", "form_token") if name in data}
    return client.post(reverse("recruitment:check_answers", args=[round.slug]), sent, **extra)
