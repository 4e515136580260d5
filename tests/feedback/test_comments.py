"""Members comment, reply once, and change or withdraw only their own comments; staff can hide one."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from feedback import services
from feedback.models import ChecklistArea, Comment, CommentRevision

pytestmark = pytest.mark.django_db


def add_url(project):
    return reverse("feedback:add_comment", args=[project.pk])


def landing(comment):
    """The comment's page of the discussion, at the success message (which links on to the comment)."""
    return comment.get_absolute_url().partition("#")[0] + "#maincontent"


def test_it_adds_a_comment_on_the_project_as_a_whole(client, member, project):
    client.force_login(member)
    response = client.post(add_url(project), {"question": "", "body": "Please keep the phone line."})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == landing(comment)
    assert (comment.author, comment.question, comment.body) == (member, None, "Please keep the phone line.")


def test_it_adds_a_comment_on_a_question_tagged_with_areas(client, member, project, question):
    areas = ChecklistArea.objects.filter(name__in=["Transport", "IT systems"])
    client.force_login(member)
    client.post(
        add_url(project), {"question": question.pk, "body": "Buses stop at 6pm.", "areas": [a.pk for a in areas]}
    )
    comment = Comment.objects.get()
    assert comment.question == question
    assert set(comment.areas.all()) == set(areas)


def test_it_shows_the_comment_with_its_author_on_the_project_page(client, member, other_member, project, make_comment):
    make_comment(project, other_member, "Evening appointments would help carers.")
    client.force_login(member)
    response = client.get(project.get_absolute_url())
    assert "Evening appointments would help carers." in response.text
    assert "Tom Okafor" in response.text


def test_it_explains_an_empty_comment(client, member, project):
    client.force_login(member)
    response = client.post(add_url(project), {"body": "   "})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Enter your comment" in response.text
    assert "<title>Error: " in response.text
    assert not Comment.objects.exists()


def test_it_keeps_what_was_typed_when_the_comment_is_too_long(client, member, project):
    client.force_login(member)
    too_long = "My long view. " * 800
    response = client.post(add_url(project), {"body": too_long})
    assert "must be 10,000 characters or fewer" in response.text
    assert too_long.strip() in response.text
    assert not Comment.objects.exists()


def test_it_refuses_a_question_from_another_project(client, member, project, question, make_project):
    other = make_project(title="Another project")
    foreign = other.questions.create(text="Not this one")
    client.force_login(member)
    response = client.post(add_url(project), {"question": foreign.pk, "body": "Hello"})
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_a_member_replies_to_a_comment(client, member, other_member, project, make_comment):
    parent = make_comment(project, other_member)
    client.force_login(member)
    response = client.post(reverse("feedback:reply_to_comment", args=[project.pk, parent.pk]), {"body": "I agree."})
    reply = Comment.objects.get(parent=parent)
    assert response.status_code == 302
    assert (reply.author, reply.body, reply.project) == (member, "I agree.", project)


def test_replies_go_one_level_deep_only(client, member, other_member, project, make_comment):
    parent = make_comment(project, other_member)
    reply = make_comment(project, member, "A reply", parent=parent)
    client.force_login(other_member)
    response = client.post(reverse("feedback:reply_to_comment", args=[project.pk, reply.pk]), {"body": "Deeper"})
    assert response.status_code == 403
    assert Comment.objects.count() == 2


def test_a_member_edits_their_own_comment_and_the_old_text_is_kept(client, member, project, make_comment):
    comment = make_comment(project, member, "First thoughts")
    client.force_login(member)
    response = client.post(reverse("feedback:edit_comment", args=[project.pk, comment.pk]), {"body": "Second thoughts"})
    comment.refresh_from_db()
    assert response.status_code == 302
    assert comment.body == "Second thoughts"
    assert comment.edited_at is not None
    assert list(CommentRevision.objects.values_list("body", flat=True)) == ["First thoughts"]


def test_changing_a_reply_offers_no_areas_and_says_reply(client, member, other_member, project, make_comment):
    parent = make_comment(project, other_member, "The phone queue")
    reply = make_comment(project, member, "Agreed", parent=parent)
    client.force_login(member)
    page = client.get(reverse("feedback:edit_comment", args=[project.pk, reply.pk]))
    assert "Change your reply" in page.text
    assert 'name="areas"' not in page.text
    response = client.post(
        reverse("feedback:edit_comment", args=[project.pk, reply.pk]), {"body": "Agreed, and mornings too"}
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "Agreed, and mornings too"
    assert not reply.areas.exists()


def test_it_shows_that_a_comment_was_edited(client, member, other_member, project, make_comment):
    comment = make_comment(project, member, "First thoughts")
    comment.edit("Second thoughts")
    client.force_login(other_member)
    assert "(edited)" in client.get(project.get_absolute_url()).text


def test_a_member_cannot_edit_another_members_comment(client, member, other_member, project, make_comment):
    comment = make_comment(project, other_member, "Mine")
    client.force_login(member)
    url = reverse("feedback:edit_comment", args=[project.pk, comment.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"body": "Hijacked"}).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_it_offers_change_links_only_on_your_own_comments(client, member, other_member, project, make_comment):
    own = make_comment(project, member, "Mine")
    theirs = make_comment(project, other_member, "Theirs")
    client.force_login(member)
    text = client.get(project.get_absolute_url()).text
    assert reverse("feedback:edit_comment", args=[project.pk, own.pk]) in text
    assert reverse("feedback:edit_comment", args=[project.pk, theirs.pk]) not in text


def test_a_member_withdraws_their_own_comment(client, member, other_member, project, make_comment):
    comment = make_comment(project, member, "Changed my mind")
    client.force_login(member)
    response = client.post(reverse("feedback:withdraw_comment", args=[project.pk, comment.pk]))
    comment.refresh_from_db()
    assert response.status_code == 302
    assert comment.withdrawn_at is not None
    client.force_login(other_member)
    assert "Changed my mind" not in client.get(project.get_absolute_url()).text


def test_a_member_cannot_withdraw_another_members_comment(client, member, other_member, project, make_comment):
    comment = make_comment(project, other_member)
    client.force_login(member)
    assert client.post(reverse("feedback:withdraw_comment", args=[project.pk, comment.pk])).status_code == 403
    comment.refresh_from_db()
    assert comment.withdrawn_at is None


def test_a_comment_recorded_at_a_meeting_shows_the_date_and_cannot_be_edited_by_the_member(
    client, member, staff, project, make_comment
):
    comment = make_comment(project, member, "Said aloud", said_at_meeting_on=date(2026, 3, 10), recorded_by=staff)
    client.force_login(member)
    assert "Said at the meeting on 10 March 2026" in client.get(project.get_absolute_url()).text
    assert client.get(reverse("feedback:edit_comment", args=[project.pk, comment.pk])).status_code == 403


def test_a_hidden_comment_is_invisible_to_other_members_but_kept(
    client, member, other_member, staff, project, make_comment
):
    comment = make_comment(project, member, "Something unkind")
    services.hide_comment(comment, staff, "It names a member of staff.")
    client.force_login(other_member)
    assert "Something unkind" not in client.get(project.get_absolute_url()).text
    assert Comment.objects.filter(pk=comment.pk, body="Something unkind").exists()


def test_a_hidden_comment_cannot_be_opened_by_other_members(client, member, other_member, staff, project, make_comment):
    comment = make_comment(project, member, "Something unkind")
    services.hide_comment(comment, staff, "It names a member of staff.")
    client.force_login(other_member)
    assert client.get(reverse("feedback:reply_to_comment", args=[project.pk, comment.pk])).status_code == 404


def test_the_author_sees_their_hidden_comment_with_the_reason(client, member, staff, project, make_comment):
    comment = make_comment(project, member, "Something unkind")
    services.hide_comment(comment, staff, "It names a member of staff.")
    client.force_login(member)
    text = client.get(project.get_absolute_url()).text
    assert "Something unkind" in text
    assert "It names a member of staff." in text


def test_staff_see_hidden_comments(client, member, staff, project, make_comment):
    comment = make_comment(project, member, "Something unkind")
    services.hide_comment(comment, staff, "It names a member of staff.")
    client.force_login(staff)
    text = client.get(project.get_absolute_url()).text
    assert "Something unkind" in text
    assert "Hidden from members" in text


def test_hiding_a_comment_emails_its_author_the_reason(
    member, staff, project, make_comment, django_capture_on_commit_callbacks
):
    comment = make_comment(project, member)
    with django_capture_on_commit_callbacks(execute=True):
        services.hide_comment(comment, staff, "It names a member of staff.")
    [message] = mail.outbox
    assert message.to == ["member@example.org"]
    assert "It names a member of staff." in message.body


def test_replies_to_a_hidden_comment_keep_a_placeholder(client, member, other_member, staff, project, make_comment):
    parent = make_comment(project, member, "Something unkind")
    make_comment(project, other_member, "A calm reply", parent=parent)
    services.hide_comment(parent, staff, "Unkind")
    client.force_login(other_member)
    text = client.get(project.get_absolute_url()).text
    assert "A calm reply" in text
    assert "This comment is no longer shown." in text
    assert "Something unkind" not in text


@pytest.mark.parametrize("odd", ["¹", "٣", str(2**64), "abc"])
@pytest.mark.parametrize("parameter", ["comment", "question"])
def test_an_odd_comment_or_question_in_the_address_still_opens_the_project(client, member, project, parameter, odd):
    client.force_login(member)
    response = client.get(project.get_absolute_url(), {parameter: odd})
    assert response.status_code == 200
    assert project.title in response.text
