from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.core.dates import local_today
from feedback.events.models import Event, EventFeedback
from feedback.models import Comment, Partner, Project
from feedback.planning.models import EngagementPlan, PlanComment
from feedback.planning.survey import Answer, Area, Survey, SurveyResponse
from feedback.themes import services
from members.models import Membership
from tests.conftest import make_person

# Three themes anyone would see: travel, waiting, how staff behave. The engine's result on them is pinned.
TEXTS = [
    "The car park is always full and parking costs too much.",
    "There is no bus to the new site from our village, and no parking.",
    "Parking at the hospital is impossible, I drove round for ages.",
    "The bus stops running at six so I cannot get there.",
    "I waited three weeks for an appointment.",
    "You ring at eight and every appointment has gone, so you wait weeks.",
    "The wait for an appointment at the memory service is a year.",
    "Getting an appointment takes weeks of waiting.",
    "The receptionist was rude and unhelpful.",
    "The nurses were kind and took time to listen.",
    "Staff were rude on the phone and did not listen.",
    "Kind staff made all the difference.",
]

# What staff would call the engine's three suggestions, whose labels are only their top words.
NAMES = {
    "Parking, bus and running": "Travel and parking",
    "Appointment, weeks and wait": "Waiting for appointments",
    "Kind, staff and rude": "How staff treat people",
}


def named(run):
    """The run with each suggestion given a name of its own, as confirming needs."""
    return services.rename(run, {s["key"]: NAMES.get(s["label"], f"Theme {s['key']}") for s in run.suggestions})


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Riverside County Council")


@pytest.fixture
def project(peg, partner):
    project = Project.objects.create(
        title="Improving access to GP services",
        partner=partner,
        lead_name="Priyanka Bhatt",
        summary="How you book appointments is changing.",
        status=Project.Status.CLOSED,
        closes_on=local_today() - timedelta(days=1),
        opened_at=timezone.now() - timedelta(days=14),
        closed_at=timezone.now() - timedelta(days=1),
    )
    project.groups.set([peg])
    return project


@pytest.fixture
def other_member(peg):
    user = make_person("other@example.org", "Tom Okafor")
    Membership.objects.create(user=user, group=peg)
    return user


@pytest.fixture
def comments(project, member, other_member):
    """One comment for each of TEXTS, the authors taking turns."""
    return [
        Comment.objects.create(project=project, author=[member, other_member][i % 2], body=text)
        for i, text in enumerate(TEXTS)
    ]


@pytest.fixture
def plan(project):
    return EngagementPlan.objects.start(project, summary="We will involve carers before the plan is drafted.")


@pytest.fixture
def plan_comments(plan, member, other_member):
    return [
        PlanComment.objects.create(plan=plan, author=[member, other_member][i % 2], body=text)
        for i, text in enumerate(TEXTS)
    ]


@pytest.fixture
def survey(db):
    return Survey.objects.create(
        title="How well do we involve the public?",
        opens_on=local_today() - timedelta(days=14),
        closes_on=local_today() - timedelta(days=1),
    )


@pytest.fixture
def area(db):
    return Area.objects.get_or_create(name="Regular communication")[0]


@pytest.fixture
def answers(survey, area):
    """Each of TEXTS as what could be better, with a strength that names no one."""
    found = []
    for i, text in enumerate(TEXTS):
        response = SurveyResponse.objects.create(survey=survey, respondent_name=f"Respondent {i}")
        found.append(
            Answer.objects.create(response=response, area=area, working_well="Meetings are open.", could_be_better=text)
        )
    return found


@pytest.fixture
def event(plan, venue):
    start = timezone.now().replace(microsecond=0) - timedelta(days=3)
    return Event.objects.create(
        plan=plan,
        title="Dementia services workshop",
        purpose="Tell us what works now.",
        start=start,
        end=start + timedelta(hours=3),
        venue=venue,
    )


@pytest.fixture
def event_feedback(event):
    return [EventFeedback.objects.create(event=event, text=text) for text in TEXTS]


@pytest.fixture
def run_for(staff, django_capture_on_commit_callbacks):
    """Start a run as staff would, and let its job run (in-process, as with no Redis)."""

    def run(source, obj, part="", low=3, high=10):
        from feedback.themes.sources import SOURCES

        with django_capture_on_commit_callbacks(execute=True):
            started = services.start(staff, SOURCES[source], obj, part, low, high)
        started.refresh_from_db()
        return started

    return run
