"""Staff run projects from the admin: move them along, moderate comments, record meeting comments."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from engagement.core.confirm import CONFIRMED
from feedback.models import Comment, Project, ResponseEntry
from members.models import Membership, User
from tests.conftest import make_person
from tests.feedback.conftest import close, publish

pytestmark = pytest.mark.django_db


def run_action(client, action, *projects, confirmed=True):
    """Run a list action; those that e-mail people are sent only once the confirmation is answered."""
    fields = {"action": action, "_selected_action": [p.pk for p in projects]}
    if confirmed:
        fields[CONFIRMED] = "1"
    return client.post(reverse("admin:feedback_project_changelist"), fields, follow=True)


def test_staff_open_a_draft_for_comments_and_members_are_emailed(
    client, staff, member, make_project, django_capture_on_commit_callbacks
):
    draft = make_project(status=Project.Status.DRAFT)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(client, "open_for_comments", draft)
    draft.refresh_from_db()
    assert draft.status == Project.Status.OPEN
    assert "Comments opened on 1 project; 1 member e-mailed." in response.text
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


def by_post(peg):
    person = make_person(
        "letters@example.org", "Harold Price", communication_preference=User.CommunicationPreference.POST
    )
    person.address = "1 High Street\nLeeds"
    person.save()
    Membership.objects.create(user=person, group=peg)
    return person


def test_opening_for_comments_asks_first_and_sends_nothing(
    client, staff, member, peg, make_project, django_capture_on_commit_callbacks
):
    draft = make_project(status=Project.Status.DRAFT)
    by_post(peg)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(client, "open_for_comments", draft, confirmed=False)
    draft.refresh_from_db()
    assert draft.status == Project.Status.DRAFT
    assert mail.outbox == []
    assert "1 person will be e-mailed" in response.text


def test_the_confirmation_previews_the_first_email(client, staff, member, make_project):
    draft = make_project(status=Project.Status.DRAFT)
    client.force_login(staff)
    response = run_action(client, "open_for_comments", draft, confirmed=False)
    assert "member@example.org" in response.text
    assert draft.title in response.text
    assert mail.outbox == []


def test_the_confirmation_lists_who_to_contact_by_post(client, staff, member, peg, make_project):
    draft = make_project(status=Project.Status.DRAFT)
    by_post(peg)
    client.force_login(staff)
    response = run_action(client, "open_for_comments", draft, confirmed=False)
    assert "Harold Price" in response.text
    assert "1 High Street" in response.text


def test_after_sending_it_says_who_to_contact_by_post(
    client, staff, member, peg, make_project, django_capture_on_commit_callbacks
):
    draft = make_project(status=Project.Status.DRAFT)
    by_post(peg)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(client, "open_for_comments", draft)
    assert "Comments opened on 1 project; 1 member e-mailed, 1 to contact by post." in response.text
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


def test_cancel_goes_back_to_the_list_and_sends_nothing(client, staff, member, make_project):
    draft = make_project(status=Project.Status.DRAFT)
    client.force_login(staff)
    confirmation = run_action(client, "open_for_comments", draft, confirmed=False)
    assert 'href="/admin/feedback/project/"' in confirmation.text
    assert client.get(reverse("admin:feedback_project_changelist")).status_code == 200
    draft.refresh_from_db()
    assert draft.status == Project.Status.DRAFT


def test_it_explains_why_a_project_cannot_open(client, staff, make_project):
    draft = make_project(status=Project.Status.DRAFT, closes_in=-3)
    client.force_login(staff)
    response = run_action(client, "open_for_comments", draft, confirmed=False)
    assert "its closing date must be today or later" in response.text
    draft.refresh_from_db()
    assert draft.status == Project.Status.DRAFT


def test_staff_close_comments_early(client, staff, project):
    client.force_login(staff)
    run_action(client, "close_comments", project)
    project.refresh_from_db()
    assert project.status == Project.Status.CLOSED
    assert project.closed_at is not None


def test_staff_publish_a_response_and_linked_commenters_are_emailed(
    client, staff, member, project, make_comment, make_entry, django_capture_on_commit_callbacks
):
    make_entry(project, [make_comment(project, member)])
    close(project)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        run_action(client, "publish_response", project)
    project.refresh_from_db()
    assert project.status == Project.Status.PUBLISHED
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


def test_publishing_asks_first_and_counts_the_commenters(
    client, staff, member, project, make_comment, make_entry, django_capture_on_commit_callbacks
):
    make_entry(project, [make_comment(project, member)])
    close(project)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(client, "publish_response", project, confirmed=False)
    project.refresh_from_db()
    assert project.status == Project.Status.CLOSED
    assert mail.outbox == []
    assert "1 person will be e-mailed" in response.text


def test_the_project_changelist_and_form_load(client, staff, project, question, make_comment, member):
    make_comment(project, member)
    client.force_login(staff)
    changelist = client.get(reverse("admin:feedback_project_changelist"), {"status__exact": "open", "q": "GP"})
    assert changelist.status_code == 200
    assert project.title in changelist.text
    change = client.get(reverse("admin:feedback_project_change", args=[project.pk]))
    assert change.status_code == 200
    assert question.text in change.text


def test_the_project_form_gives_the_public_page_address_once_published(client, staff, project, make_entry):
    make_entry(project)
    project.publish_publicly = True
    publish(close(project))
    client.force_login(staff)
    text = client.get(reverse("admin:feedback_project_change", args=[project.pk])).text
    assert reverse("feedback:public_response", args=["peg", project.pk]) in text


def test_the_response_entry_inline_offers_only_this_projects_comments(
    client, staff, member, project, make_project, make_comment, make_entry
):
    make_entry(project)
    make_comment(project, member, "On this project")
    make_comment(make_project(title="Another"), member, "On another project")
    client.force_login(staff)
    text = client.get(reverse("admin:feedback_project_change", args=[project.pk])).text
    assert "On this project" in text
    assert "On another project" not in text


def hide_form(comment, **fields):
    return {
        "hide": "on",
        "hidden_reason": "",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
        **fields,
    }


def test_staff_hide_a_comment_with_a_reason_and_the_author_is_told(
    client, staff, member, project, make_comment, django_capture_on_commit_callbacks
):
    comment = make_comment(project, member)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:feedback_comment_change", args=[comment.pk]),
            hide_form(comment, hidden_reason="It names a patient."),
        )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden
    assert comment.hidden_by == staff
    [message] = mail.outbox
    assert "It names a patient." in message.body


def test_hiding_needs_a_reason(client, staff, member, project, make_comment):
    comment = make_comment(project, member)
    client.force_login(staff)
    response = client.post(reverse("admin:feedback_comment_change", args=[comment.pk]), hide_form(comment))
    assert "Give a reason" in response.text
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_staff_record_a_comment_made_at_a_meeting(client, staff, member, project):
    client.force_login(staff)
    response = client.post(
        reverse("admin:feedback_comment_add"),
        {"project": project.pk, "author": member.pk, "body": "Said at the meeting", "said_at_meeting_on": "2026-03-10"},
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.author, comment.recorded_by, comment.said_at_meeting_on) == (member, staff, date(2026, 3, 10))


def test_a_meeting_comment_must_be_by_a_member_of_the_projects_groups(client, staff, panel_member, project):
    client.force_login(staff)
    response = client.post(
        reverse("admin:feedback_comment_add"),
        {"project": project.pk, "author": panel_member.pk, "body": "Hello", "said_at_meeting_on": "2026-03-10"},
    )
    assert "not a member of any of the project" in response.text
    assert not Comment.objects.exists()


def test_the_comment_changelist_filters_by_group_member_area_and_hidden(
    client, staff, member, peg, project, make_comment
):
    make_comment(project, member, "Findable words")
    client.force_login(staff)
    url = reverse("admin:feedback_comment_changelist")
    for params in [
        {"q": "Findable"},
        {"project__groups__id__exact": peg.pk},
        {"author__id__exact": member.pk},
        {"hidden": "no"},
        {"withdrawn": "no"},
        {"project__id__exact": project.pk},
    ]:
        response = client.get(url, params)
        assert response.status_code == 200, params
        assert "Findable words" in response.text, params
    assert "Findable words" not in client.get(url, {"hidden": "yes"}).text


def test_an_entry_cannot_answer_another_projects_comment(
    client, staff, member, project, make_project, make_comment, theme
):
    foreign = make_comment(make_project(title="Another"), member)
    client.force_login(staff)
    response = client.post(
        reverse("admin:feedback_responseentry_add"),
        {
            "project": project.pk,
            "theme": theme.pk,
            "what_we_heard": "Heard",
            "how_we_reflected": "Did",
            "outcome": "adopted",
            "comments": [foreign.pk],
            "position": "0",
        },
    )
    assert "Link only comments made on this project." in response.text
    assert not ResponseEntry.objects.exists()


def test_the_other_admin_pages_load(client, staff, project, make_entry):
    make_entry(project)
    client.force_login(staff)
    for name in [
        "admin:feedback_responseentry_changelist",
        "admin:feedback_responsechase_changelist",
        "admin:feedback_partner_changelist",
        "admin:feedback_theme_changelist",
        "admin:feedback_checklistarea_changelist",
        "admin:feedback_project_add",
        "admin:feedback_comment_add",
    ]:
        assert client.get(reverse(name)).status_code == 200, name


def test_closing_comments_on_two_projects_says_projects(client, staff, make_project):
    projects = [make_project(title=title) for title in ("Pharmacy opening hours", "Community transport")]
    client.force_login(staff)
    response = run_action(client, "close_comments", *projects)
    assert [str(m) for m in response.context["messages"]] == ["Comments closed on 2 projects."]
