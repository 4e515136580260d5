"""A comment and its areas are saved together or not at all (engagement/core/idempotency.py runs every
create form in one transaction): a database error after the comment's own row leaves nothing behind."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from feedback.forms import CommentForm
from feedback.models import ChecklistArea, Comment

pytestmark = pytest.mark.django_db

TOKEN = "a-one-time-token-from-the-page"


@pytest.fixture
def areas_fail():
    """Saving the areas fails, after the comment's row is written, as a dropped database connection would."""

    def fail(form):
        raise OperationalError("server closed the connection unexpectedly")

    fault = pytest.MonkeyPatch()
    fault.setattr(CommentForm, "_save_m2m", fail)
    yield fault
    fault.undo()


@pytest.fixture
def send(client, member, project):
    client.force_login(member)
    areas = [area.pk for area in ChecklistArea.objects.filter(name__in=["Transport", "IT systems"])]

    def post(**extra):
        data = {"question": "", "body": "Buses stop at 6pm.", "areas": areas, **extra}
        return client.post(reverse("feedback:add_comment", args=[project.pk]), data)

    return post


def test_a_comment_whose_areas_fail_is_not_kept(send, areas_fail):
    with pytest.raises(OperationalError):
        send()
    assert not Comment.objects.exists()


def test_a_comment_sent_with_its_token_whose_areas_fail_is_not_kept(send, areas_fail):
    with pytest.raises(OperationalError):
        send(form_token=TOKEN)
    assert not Comment.objects.exists()


def test_sending_it_again_once_the_database_is_back_keeps_it_once_with_its_areas(send, areas_fail):
    with pytest.raises(OperationalError):
        send(form_token=TOKEN)
    areas_fail.undo()
    send(form_token=TOKEN)
    assert [comment.areas.count() for comment in Comment.objects.all()] == [2]
