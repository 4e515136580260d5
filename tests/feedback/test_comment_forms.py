"""After a comment: landing on the message; changing a comment's question; withdrawing a reply; the
checklist's unanswered areas on one line."""

import re

import pytest
from django.urls import reverse

from feedback.models import ChecklistAnswer, ChecklistArea, Question

pytestmark = pytest.mark.django_db


def test_after_posting_the_page_lands_on_the_message_which_links_to_the_comment(client, member, project):
    client.force_login(member)
    response = client.post(reverse("feedback:add_comment", args=[project.pk]), {"body": "Keep the phone line."})
    assert response.url.endswith("#maincontent")
    page = client.get(response.url)
    comment = project.comments.get()
    assert f'Thank you. Your comment has been added. <a href="#comment-{comment.pk}">Go to your comment</a>' in (
        page.text
    )


def test_a_member_moves_their_comment_to_another_question(client, member, other_member, project, make_comment):
    first = Question.objects.create(project=project, text="What gets in the way?", position=1)
    second = Question.objects.create(project=project, text="What would help?", position=2)
    comment = make_comment(project, member, "Evening slots", question=first)
    reply = make_comment(project, other_member, "Yes", parent=comment, question=first)
    client.force_login(member)
    client.post(
        reverse("feedback:edit_comment", args=[project.pk, comment.pk]),
        {"question": second.pk, "body": "Evening slots"},
    )
    comment.refresh_from_db()
    reply.refresh_from_db()
    assert (comment.question, reply.question) == (second, second)


def test_a_comment_can_move_to_the_project_as_a_whole(client, member, project, question, make_comment):
    comment = make_comment(project, member, "Evening slots", question=question)
    client.force_login(member)
    client.post(reverse("feedback:edit_comment", args=[project.pk, comment.pk]), {"question": "", "body": "Evening"})
    comment.refresh_from_db()
    assert comment.question is None


def test_a_question_of_another_project_is_refused(client, member, project, make_project, make_comment):
    elsewhere = Question.objects.create(project=make_project(title="Other"), text="Elsewhere?", position=1)
    Question.objects.create(project=project, text="Here?", position=1)
    comment = make_comment(project, member, "Evening slots")
    client.force_login(member)
    response = client.post(
        reverse("feedback:edit_comment", args=[project.pk, comment.pk]), {"question": elsewhere.pk, "body": "x"}
    )
    assert response.status_code == 200
    comment.refresh_from_db()
    assert (comment.question, comment.body) == (None, "Evening slots")


def test_changing_a_reply_offers_no_question(client, member, other_member, project, question, make_comment):
    parent = make_comment(project, other_member, "The phone queue", question=question)
    reply = make_comment(project, member, "Agreed", parent=parent, question=question)
    client.force_login(member)
    page = client.get(reverse("feedback:edit_comment", args=[project.pk, reply.pk]))
    assert 'name="question"' not in page.text


def test_withdrawing_a_reply_says_reply(client, member, other_member, project, make_comment):
    parent = make_comment(project, other_member, "The phone queue")
    reply = make_comment(project, member, "Agreed", parent=parent)
    client.force_login(member)
    url = reverse("feedback:withdraw_comment", args=[project.pk, reply.pk])
    assert '<h1 class="nhsuk-heading-xl">Withdraw your reply</h1>' in client.get(url).text
    assert "Your reply has been withdrawn." in client.post(url, follow=True).text


def test_unanswered_areas_are_one_line(client, member, project):
    answered = ChecklistArea.objects.first()
    ChecklistAnswer.objects.create(project=project, area=answered, answer="We asked carers.")
    client.force_login(member)
    text = client.get(project.get_absolute_url()).text
    unanswered = ChecklistArea.objects.count() - 1
    assert f'<span class="nhsuk-details__summary-text">{unanswered} areas not answered yet</span>' in text
    assert "We asked carers." in text
    assert "Not answered yet" not in text


def radios(page):
    """The comment form's question radios on a page, as (value, checked, label)."""
    found = re.findall(
        r'<input class="nhsuk-radios__input" id="(id_question_\d+)" name="question" type="radio" value="(\d*)"'
        r'( checked)?[^>]*>\s*<label class="nhsuk-label nhsuk-radios__label" for="\1">([^<]*)</label>',
        page.text,
    )
    return [(value, bool(checked), label) for _, value, checked, label in found]


def test_the_comment_form_checks_the_question_linked_to(client, member, project):
    question = Question.objects.create(project=project, text="What gets in the way?", position=1)
    client.force_login(member)
    url = reverse("feedback:project_detail", args=[project.pk])
    assert [checked for _, checked, _ in radios(client.get(url, {"question": question.pk}))] == [False, True]
    assert [checked for _, checked, _ in radios(client.get(url))] == [True, False]


def test_an_unknown_question_in_the_link_leaves_the_project_as_a_whole_chosen(client, member, project):
    Question.objects.create(project=project, text="What gets in the way?", position=1)
    client.force_login(member)
    page = client.get(reverse("feedback:project_detail", args=[project.pk]), {"question": "999999"})
    assert [checked for _, checked, _ in radios(page)] == [True, False]


def test_the_comment_form_shows_a_question_as_it_is_now_worded(client, member, project):
    question = Question.objects.create(project=project, text="What gets in the way?", position=1)
    client.force_login(member)
    url = reverse("feedback:project_detail", args=[project.pk])
    client.get(url)
    Question.objects.filter(pk=question.pk).update(text="What stops you taking part?")
    assert [label for _, _, label in radios(client.get(url))] == [
        "The project as a whole",
        "What stops you taking part?",
    ]


def test_a_comment_sent_without_text_comes_back_with_its_question_and_an_error(client, member, project):
    question = Question.objects.create(project=project, text="What gets in the way?", position=1)
    client.force_login(member)
    page = client.post(reverse("feedback:add_comment", args=[project.pk]), {"question": question.pk, "body": ""})
    assert "Enter your comment" in page.text
    assert radios(page)[1] == (str(question.pk), True, "What gets in the way?")
