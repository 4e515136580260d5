"""Staff see the e-mails that failed, or may not have gone, in plain words, and can have a failed one
tried again: never one that has been sent, or may have been."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse

from engagement.core import failed_emails
from engagement.core.models import Notification
from members.models import User
from tests.conftest import make_person
from tests.members.test_account_powers import make_role

pytestmark = pytest.mark.django_db
URL = reverse("admin:failed_emails")
REFUSED = "SMTPRecipientsRefused: {'member@example.org': (550, b'No such user')}"


def email_to(person, status=Notification.Status.FAILED, last_error=REFUSED, event="invitation-1"):
    return Notification.objects.create(
        user=person,
        content_type=ContentType.objects.get_for_model(User),
        object_id=person.pk,
        event=event,
        status=status,
        attempts=9,
        last_error=last_error,
    )


def page(client, user):
    client.force_login(user)
    return client.get(URL)


def test_staff_see_who_what_and_why_in_plain_words(client, staff, member):
    email_to(member)
    [row] = page(client, staff).context["rows"]
    assert (row["who"], row["address"], row["what"], row["why"]) == (
        "Olivia Bennett",
        "member@example.org",
        "You are invited to join public engagement groups: choose your password",
        failed_emails.REASONS[0][1],
    )


def test_the_page_shows_no_internals(client, staff, member):
    email_to(member)
    text = page(client, staff).text
    assert "invitation-1" not in text and "SMTPRecipientsRefused" not in text


def test_an_email_that_may_have_gone_is_explained_and_cannot_be_tried_again(client, staff, member):
    email_to(member, status=Notification.Status.UNKNOWN, last_error="Handed to the mail server.")
    [row] = page(client, staff).context["rows"]
    assert (row["why"], row["can_try_again"]) == (failed_emails.UNKNOWN_REASON, False)


def test_an_unexpected_error_is_explained_without_its_text(client, staff, member):
    email_to(member, last_error="KeyError: 'group'")
    [row] = page(client, staff).context["rows"]
    assert row["why"] == failed_emails.OTHER_REASON


def test_emails_sent_or_waiting_are_not_listed(client, staff, member):
    email_to(member, status=Notification.Status.SENT, event="invitation-2")
    email_to(member, status=Notification.Status.PENDING, event="invitation-3")
    assert page(client, staff).context["rows"] == []


def test_try_again_sends_a_failed_email(client, staff, member, django_capture_on_commit_callbacks):
    failed = email_to(member)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"notification": failed.pk}, follow=True)
    assert [message.to for message in mail.outbox] == [["member@example.org"]]
    assert [str(m) for m in response.context["messages"]] == ["1 e-mail will be sent again in the next few minutes."]


def test_try_again_never_sends_an_email_that_has_gone_since(client, staff, member, django_capture_on_commit_callbacks):
    sent = email_to(member, status=Notification.Status.SENT)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"notification": sent.pk})
    assert mail.outbox == []


def test_try_again_never_sends_an_email_that_may_have_gone(client, staff, member, django_capture_on_commit_callbacks):
    unknown = email_to(member, status=Notification.Status.UNKNOWN)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"notification": unknown.pk})
    assert (mail.outbox, Notification.objects.get(pk=unknown.pk).status) == ([], Notification.Status.UNKNOWN)


def test_members_cannot_reach_the_page(client, member):
    assert page(client, member).status_code == 302  # to the admin's sign-in page


def test_staff_without_the_email_role_cannot_see_the_page(client):
    assert page(client, make_role("bare", "bare@example.org")).status_code == 403


def test_the_staff_home_says_how_many_failed_and_how_many_may_have_gone(client, staff, member):
    other = make_person("other@example.org", "Sam Other")
    email_to(member)
    email_to(other, status=Notification.Status.UNKNOWN)
    client.force_login(staff)
    assert "1 e-mail could not be sent and 1 e-mail may not have gone." in client.get(reverse("admin:index")).text


@pytest.mark.parametrize("emails", [1, 3])
def test_the_page_takes_a_fixed_number_of_queries_per_email_shown(client, staff, emails, django_assert_num_queries):
    for number in range(emails):
        email_to(make_person(f"person{number}@example.org", f"Person {number}"))
    client.force_login(staff)
    # session, user, the user's permissions and their groups' (one query), the page of e-mails with their people and
    # the count of all. Then each e-mail's subject, made by its own sender as the confirmation's preview makes it:
    # savepoint, (an invitation's) the person's invitation time and their memberships, rollback, release.
    with django_assert_num_queries(4 + 5 * emails):
        assert client.get(URL).status_code == 200


def test_try_again_with_a_value_that_is_no_id_does_nothing(client, staff):
    client.force_login(staff)
    response = client.post(URL, {"notification": "abc"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Nothing was sent again: that e-mail has been sent or dealt with since."
    ]
