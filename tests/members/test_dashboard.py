"""The dashboard runs a fixed number of queries, however much each of its panels lists."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.core.dates import local_today
from feedback.models import Comment, Partner, Project
from meetings.models import Action, Reply
from members.expenses.models import ClaimLine, ExpenseClaim

pytestmark = pytest.mark.django_db

# 1 session, 2 user, 3 the member's groups (which also say whether they can claim expenses),
# 4 the next meeting with their reply, 5 projects open for comment with "you have commented",
# 6 their open actions, 7 their latest claims with totals.
DASHBOARD_QUERIES = 7


def add_rows(member, peg, make_meeting, count):
    partner, _ = Partner.objects.get_or_create(name="Riverside County Council")
    for i in range(count):
        meeting = make_meeting(days=10 + i)
        Reply.objects.create(meeting=meeting, user=member, response=Reply.Response.ATTENDING)
        Action.objects.create(meeting=meeting, description=f"Action {i}", owner=member, due=local_today())
        project = Project.objects.create(
            title=f"Project {i}",
            partner=partner,
            lead_name="Lead",
            summary="About it",
            status=Project.Status.OPEN,
            closes_on=local_today() + timedelta(days=i + 1),
        )
        project.groups.set([peg])
        Comment.objects.create(project=project, author=member, body="A view")
        claim = ExpenseClaim.objects.create(
            claimant=member, group=peg, activity_date=timezone.localdate(), description=f"Claim {i}"
        )
        ClaimLine.objects.create(claim=claim, kind=ClaimLine.Kind.PARKING, amount=Decimal("2.00"))


def test_it_runs_fixed_queries_however_much_there_is(client, member, peg, make_meeting, django_assert_num_queries):
    client.force_login(member)
    add_rows(member, peg, make_meeting, 1)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        assert client.get(reverse("dashboard")).status_code == 200
    add_rows(member, peg, make_meeting, 12)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("dashboard"))
    assert response.text.count("You have commented") == 13
    assert "Start a new expense claim" in response.text
