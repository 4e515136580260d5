import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from engagement.core.models import Notification, QueuedTask
from members import passwords
from members.recruitment import throttle

pytestmark = pytest.mark.django_db


def ask(client, email, **kwargs):
    return client.post(reverse("password_reset"), {"email": email}, **kwargs)


def test_it_resets_a_forgotten_password_end_to_end(client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "member@example.org")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.text
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand new passphrase", "new_password2": "brand new passphrase"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("brand new passphrase")


def test_it_says_the_same_for_an_unknown_address(client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "nobody@example.org", follow=True)
    assert "Check your e-mail" in response.text
    assert mail.outbox == []


def test_it_sends_nothing_during_the_request(client, member):
    ask(client, "member@example.org")
    assert mail.outbox == []
    assert QueuedTask.objects.get().task == "engagement.core.tasks.deliver_notification"


def test_what_waits_to_be_sent_holds_no_link_only_whom_to_tell(client, member):
    ask(client, "member@example.org")
    notification = Notification.objects.get()
    assert (notification.user, notification.event.startswith("password-reset-")) == (member, True)
    assert QueuedTask.objects.get().args == [notification.pk]


def test_it_sends_at_most_three_an_hour_for_an_address(client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            ask(client, "member@example.org")
    assert len(mail.outbox) == 3


def test_the_address_limit_ignores_capitals(client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for email in ["member@example.org", "Member@example.org", "MEMBER@example.org", "member@EXAMPLE.org"]:
            ask(client, email)
    assert len(mail.outbox) == 3


def test_it_sends_at_most_three_an_hour_for_an_account(client, member, django_capture_on_commit_callbacks):
    for _ in range(3):
        throttle.count(passwords._account_key(member))  # as if asked for by other spellings of the address
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "member@example.org")
    assert mail.outbox == []


def test_over_the_limit_it_says_the_same(client, member):
    for _ in range(3):
        ask(client, "member@example.org")
    response = ask(client, "member@example.org", follow=True)
    assert "Check your e-mail" in response.text
    assert QueuedTask.objects.count() == 3


def test_the_limit_lifts_after_an_hour(client, member, django_capture_on_commit_callbacks):
    for _ in range(3):
        ask(client, "member@example.org")
    with time_machine.travel(timedelta(hours=1, minutes=1)), django_capture_on_commit_callbacks(execute=True):
        ask(client, "member@example.org")
    assert len(mail.outbox) == 1


def test_the_cache_holds_no_email_address(member):
    assert "member@example.org" not in passwords._address_key("member@example.org")


def test_nothing_is_sent_if_the_password_was_made_unusable_before_the_task_ran(
    client, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        ask(client, "member@example.org")
    member.set_unusable_password()
    member.save()
    for callback in callbacks:
        callback()
    assert mail.outbox == []
