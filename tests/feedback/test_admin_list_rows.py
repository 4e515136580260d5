"""The comments and response-entry lists draw their rows themselves (engagement/core/changelists.py): the page
must come out as Django's own result_list tag draws it, dates, links to related rows and yes/no icons included."""

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Comment, ResponseEntry
from tests.feedback.conftest import close, publish
from tests.members.test_admin_changelist_rows import drawn_as_django_draws_it

pytestmark = pytest.mark.django_db


def test_the_comment_list_is_drawn_as_django_draws_it(client, staff, member, project, make_comment, monkeypatch):
    make_comment(project, member, body="Tom & <Jerry>")
    make_comment(project, member, hidden_at=timezone.now(), hidden_reason="Names a patient")
    client.force_login(staff)
    page = drawn_as_django_draws_it(client, Comment, reverse("admin:feedback_comment_changelist"), monkeypatch)
    assert "Tom &amp; &lt;Jerry&gt;" in page


def test_the_response_entry_list_is_drawn_as_django_draws_it(
    client, staff, member, project, make_comment, make_entry, monkeypatch
):
    make_entry(project, [make_comment(project, member)])
    make_entry(project, outcome="")
    publish(close(project))
    client.force_login(staff)
    url = reverse("admin:feedback_responseentry_changelist")
    page = drawn_as_django_draws_it(client, ResponseEntry, url, monkeypatch)
    assert page.count('name="_selected_action"') == 2
