"""The response to one project: members see it once published, and find from their own comment what answered it."""

import pytest

from feedback.models import ResponseEntry, Theme
from tests.feedback.conftest import close, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(project, member, make_comment, make_entry):
    """A published response with one entry answering the member's comment."""
    comment = make_comment(project, member, "Buses stop at six.")
    entry = make_entry(
        project,
        [comment],
        outcome=ResponseEntry.Outcome.PARTLY_ADOPTED,
        what_we_heard="Transport stops too early.",
        where_addressed="Transport plan, section 4",
        where_addressed_url="https://example.org/transport#section-4",
    )
    publish(close(project))
    return comment, entry


def test_a_member_sees_the_published_response_grouped_by_theme(client, member, project, answered, make_entry):
    make_entry(project, theme=Theme.objects.create(name="Digital inclusion"), what_we_heard="Not everyone is online.")
    client.force_login(member)
    text = client.get(project.get_response_url()).text
    assert text.index("Access to care") < text.index("Transport stops too early.") < text.index("Digital inclusion")
    assert "Not everyone is online." in text
    assert "Partly adopted" in text


def test_it_marks_the_entries_that_answer_your_comments(client, member, project, answered):
    client.force_login(member)
    assert "including yours" in client.get(project.get_response_url()).text


def test_a_member_sees_from_their_comment_which_entry_answered_it_and_where(client, member, project, answered):
    _, entry = answered
    client.force_login(member)
    text = client.get(project.get_absolute_url()).text
    assert "What happened to this comment" in text
    assert f"{project.get_response_url()}#entry-{entry.pk}" in text
    assert '<a href="https://example.org/transport#section-4">Transport plan, section 4</a>' in text


def test_an_unpublished_response_is_hidden_from_members(client, member, project, make_entry):
    make_entry(project)
    close(project)
    client.force_login(member)
    assert client.get(project.get_response_url()).status_code == 404


def test_staff_can_preview_an_unpublished_response(client, staff, project, make_entry):
    make_entry(project, what_we_heard="Draft entry")
    close(project)
    client.force_login(staff)
    response = client.get(project.get_response_url())
    assert "Draft entry" in response.text
    assert "Not published yet" in response.text


def test_answers_are_not_shown_on_comments_before_publication(client, member, project, make_comment, make_entry):
    make_entry(project, [make_comment(project, member)])
    close(project)
    client.force_login(member)
    assert "What happened to this comment" not in client.get(project.get_absolute_url()).text


def test_a_member_outside_the_groups_cannot_see_the_response(client, panel_member, project, answered):
    client.force_login(panel_member)
    assert client.get(project.get_response_url()).status_code == 404


def test_members_see_awaiting_response_once_the_target_has_passed(client, member, project):
    close(project, days_ago=60)
    client.force_login(member)
    text = client.get(project.get_absolute_url()).text
    assert "Awaiting response" in text
    assert "has not been published yet" in text


def test_members_see_when_the_response_is_due_before_the_target(client, member, project):
    close(project, days_ago=3)
    client.force_login(member)
    text = client.get(project.get_absolute_url()).text
    assert "Awaiting response" not in text
    assert "will say what they did with the group’s views by" in text
