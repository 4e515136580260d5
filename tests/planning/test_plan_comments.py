"""Members comment on the plan itself, with the same rules as comments on the project."""

import pytest
from django.urls import reverse

from feedback.models import Project
from feedback.planning import privacy as planning_privacy
from feedback.planning.models import PlanComment
from members.models import Membership
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def add_url(plan):
    return reverse("planning:add_plan_comment", args=[plan.project.pk])


def close(project):
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED)


@pytest.fixture
def comment(plan, member):
    return PlanComment.objects.create(plan=plan, author=member, body="Hold the workshops in the afternoon.")


def test_a_member_comments_on_the_plan(client, member, plan):
    client.force_login(member)
    response = client.post(add_url(plan), {"body": "Please include carers' groups."}, follow=True)
    comment = PlanComment.objects.get()
    assert (comment.plan, comment.author, comment.body) == (plan, member, "Please include carers' groups.")
    assert response.redirect_chain[-1][0].endswith(f"#plan-comment-{comment.pk}")
    assert "Thank you. Your comment on the plan has been added." in response.text
    assert "Please include carers&#x27; groups." in response.text


def test_an_empty_comment_is_refused_with_an_error_summary(client, member, plan):
    client.force_login(member)
    response = client.post(add_url(plan), {"body": ""})
    assert response.status_code == 200
    assert "<title>Error: Engagement plan" in response.text
    assert "There is a problem" in response.text and "Enter your comment" in response.text
    assert not PlanComment.objects.exists()


def test_a_comment_that_is_too_long_keeps_what_was_typed(client, member, plan):
    client.force_login(member)
    text = "Carers need afternoon sessions. " * 400
    response = client.post(add_url(plan), {"body": text})
    assert "10,000 characters or fewer" in response.text
    assert text.strip() in response.text


def test_after_comments_close_the_member_gets_back_what_they_wrote(client, member, plan):
    close(plan.project)
    client.force_login(member)
    response = client.post(add_url(plan), {"body": "Too late, but here it is."})
    assert "Comments on this project have closed" in response.text
    assert "Too late, but here it is." in response.text
    assert not PlanComment.objects.exists()
    assert "Comment on the plan</h2>" not in client.get(plan.get_absolute_url()).text


def test_staff_and_observers_read_but_do_not_comment(client, staff, peg, plan):
    observer = make_person("observer@example.org", "Oona Observer")
    Membership.objects.create(user=observer, group=peg, role=Membership.Role.OBSERVER)
    for person in (staff, observer):
        client.force_login(person)
        assert client.post(add_url(plan), {"body": "A view"}).status_code == 403
    assert not PlanComment.objects.exists()


def test_another_group_cannot_comment(client, panel_member, plan):
    client.force_login(panel_member)
    assert client.post(add_url(plan), {"body": "A view"}).status_code == 404


def test_the_author_changes_their_comment_while_the_project_is_open(client, member, comment):
    client.force_login(member)
    edit = reverse("planning:edit_plan_comment", args=[comment.plan.project.pk, comment.pk])
    assert "Hold the workshops in the afternoon." in client.get(edit).text
    client.post(edit, {"body": "Hold the workshops in the afternoon, with parking."})
    comment.refresh_from_db()
    assert comment.body == "Hold the workshops in the afternoon, with parking."
    assert comment.edited_at is not None


def test_a_changed_comment_keeps_what_it_said_before(client, member, comment):
    client.force_login(member)
    edit = reverse("planning:edit_plan_comment", args=[comment.plan.project.pk, comment.pk])
    client.post(edit, {"body": "Hold the workshops in the afternoon, with parking."})
    assert list(comment.revisions.values_list("body", flat=True)) == ["Hold the workshops in the afternoon."]


def test_the_earlier_versions_are_in_the_authors_own_data(member, comment):
    comment.edit("Changed my mind: mornings.")
    assert planning_privacy.personal_data(member)["earlier_versions_of_your_comments_on_plans"][0]["What it said"] == (
        "Hold the workshops in the afternoon."
    )


def test_the_plan_page_offers_changes_only_on_the_readers_own_comment(client, member, chair, comment):
    edit = reverse("planning:edit_plan_comment", args=[comment.plan.project.pk, comment.pk])
    client.force_login(member)
    text = client.get(comment.plan.get_absolute_url()).text
    assert "Olivia Bennett (you)" in text and edit in text
    client.force_login(chair)
    text = client.get(comment.plan.get_absolute_url()).text
    assert "Olivia Bennett" in text and "(you)" not in text and edit not in text


def test_no_one_else_can_change_a_comment(client, chair, comment):
    client.force_login(chair)
    edit = reverse("planning:edit_plan_comment", args=[comment.plan.project.pk, comment.pk])
    assert client.post(edit, {"body": "Changed by someone else"}).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Hold the workshops in the afternoon."


def test_a_comment_cannot_be_changed_once_the_project_closes(client, member, comment):
    close(comment.plan.project)
    client.force_login(member)
    edit = reverse("planning:edit_plan_comment", args=[comment.plan.project.pk, comment.pk])
    assert "Comments on this project have closed" in client.post(edit, {"body": "Changed"}).text
    comment.refresh_from_db()
    assert comment.edited_at is None


def test_a_withdrawn_comment_is_hidden_from_members_but_not_staff(client, member, chair, staff, comment):
    client.force_login(member)
    withdraw = reverse("planning:withdraw_plan_comment", args=[comment.plan.project.pk, comment.pk])
    assert "Withdraw your comment on the plan" in client.get(withdraw).text
    client.post(withdraw)
    comment.refresh_from_db()
    assert comment.is_withdrawn
    client.force_login(chair)
    assert "Hold the workshops" not in client.get(comment.plan.get_absolute_url()).text
    client.force_login(staff)
    assert "Withdrawn by its author" in client.get(comment.plan.get_absolute_url()).text
