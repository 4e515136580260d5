"""A member's comments are in their data download; erasing them keeps the group's record."""

import pytest

from feedback import privacy as feedback_privacy
from feedback.models import Comment, FeedbackPreference
from members import privacy

pytestmark = pytest.mark.django_db


def test_the_download_has_the_members_comments_and_earlier_versions_only(member, other_member, project, make_comment):
    comment = make_comment(project, member, "First thoughts")
    comment.edit("Second thoughts")
    make_comment(project, other_member, "Not theirs")
    data = feedback_privacy.personal_data(member)
    assert [c["Comment"] for c in data["project_comments"]] == ["Second thoughts"]
    assert [r["What it said"] for r in data["earlier_versions_of_your_comments"]] == ["First thoughts"]


def test_erasing_keeps_comments_under_a_former_member(client, member, other_member, project, make_comment):
    make_comment(project, member, "Buses stop at six.")
    FeedbackPreference.objects.create(user=member, closing_reminders=False)
    privacy.erase(member)
    assert Comment.objects.filter(body="Buses stop at six.").exists()
    assert not FeedbackPreference.objects.exists()
    client.force_login(other_member)
    text = client.get(project.get_absolute_url()).text
    assert "A former member" in text
    assert "Olivia" not in text
