"""Property-based tests: whatever is typed or imported, nothing raises a server error and nothing half-saves."""

import pytest
import tablib
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback.models import Comment, Partner, Project
from meetings.models import Reply
from members.models import Locality, User
from members.recruitment.models import Application, Round
from members.resources import MemberResource, MembershipResource
from tests.recruitment.conftest import apply

# Any text a person or a file might hold, NUL bytes and other oddities included.
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400)
CHOICE = st.one_of(st.sampled_from(["", "email", "post", "phone", "attending", "apologies", "1", "-1", "99999"]), TEXT)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))

pytestmark = pytest.mark.django_db


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {name: TEXT for name in ["preferred_name", "phone", "address", "postcode", "access_needs_other"]}
        | {"communication_preference": CHOICE, "locality": CHOICE, "access_needs": CHOICE}
    )
)
def test_profile_changes(client, member, data):
    client.force_login(member)
    response = client.post(reverse("edit_profile"), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        member.refresh_from_db()
        assert member.preferred_name != data["preferred_name"] or data["preferred_name"] == ""


@FUZZ
@given(data=st.fixed_dictionaries({"response": CHOICE, "note": TEXT}))
def test_meeting_replies(client, member, meeting, data):
    client.force_login(member)
    before = Reply.objects.count()
    response = client.post(reverse("meetings:reply", args=[meeting.pk]), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Reply.objects.count() == before


@FUZZ
@given(data=st.fixed_dictionaries({"body": TEXT, "question": CHOICE, "areas": CHOICE}))
def test_comments(client, member, peg, data):
    project = Project.objects.filter(title="Fuzz").first()
    if project is None:
        project = Project.objects.create(
            title="Fuzz",
            partner=Partner.objects.get_or_create(name="P")[0],
            lead_name="L",
            summary="S",
            status=Project.Status.OPEN,
            closes_on="2099-01-01",
        )
        project.groups.add(peg)
    client.force_login(member)
    before = Comment.objects.count()
    response = client.post(reverse("feedback:add_comment", args=[project.pk]), data)
    assert response.status_code in (200, 302)
    assert Comment.objects.count() == before + (1 if response.status_code == 302 else 0)


@FUZZ
@given(draw=st.data())
def test_expressions_of_interest(client, peg, draw):
    cache.clear()
    locality = Locality.objects.get_or_create(name="Northgate")[0]
    round_ = Round.objects.get_or_create(
        slug="fuzz",
        defaults={
            "group": peg,
            "title": "Join",
            "summary": "S",
            "about_group": "A",
            "what_members_do": "W",
            "expenses": "E",
            "is_published": True,
            "opens_on": "2000-01-01",
            "closes_on": "2099-01-01",
        },
    )[0]
    # Mostly well-formed choices, so the saving path is exercised as well as the refusals.
    data = {
        name: draw.draw(TEXT)
        for name in [
            "full_name",
            "phone",
            "address",
            "postcode",
            "why_interested",
            "access_needs_other",
            "heard_via_other",
        ]
    }
    data |= {
        "email": draw.draw(st.one_of(st.emails(), TEXT)),
        "locality": draw.draw(st.one_of(st.just(str(locality.pk)), CHOICE)),
        "lived_experience": draw.draw(CHOICE),
        "heard_via": draw.draw(CHOICE),
        "consent": draw.draw(st.sampled_from(["", "on"])),
        "website": "",
    }
    before = Application.objects.count()
    response = apply(client, round_, data)
    assert response.status_code in (200, 302)
    assert Application.objects.count() == before + (1 if response.status_code == 302 else 0)


ROW = st.lists(TEXT, min_size=0, max_size=8)


@FUZZ
@given(rows=st.lists(ROW, max_size=6))
def test_member_imports(rows):
    headers = [
        "email",
        "full_name",
        "phone",
        "locality",
        "lived_experience",
        "communication_preference",
        "access_needs",
        "postcode",
    ]
    dataset = tablib.Dataset(*[(row + [""] * len(headers))[: len(headers)] for row in rows], headers=headers)
    before = User.objects.count()
    result = MemberResource().import_data(dataset)
    if result.has_errors() or result.has_validation_errors():
        assert User.objects.count() == before


@FUZZ
@given(rows=st.lists(ROW, max_size=6))
def test_membership_imports(peg, rows):
    headers = ["email", "group", "role", "status", "term_start", "term_end"]
    dataset = tablib.Dataset(*[(row + [""] * len(headers))[: len(headers)] for row in rows], headers=headers)
    before = peg.memberships.count()
    result = MembershipResource().import_data(dataset)
    if result.has_errors() or result.has_validation_errors():
        assert peg.memberships.count() == before
