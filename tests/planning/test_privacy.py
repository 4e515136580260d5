"""A member's comments on plans are in their data download, and stay, under a former member, after erasure."""

import io
import json
import zipfile

import pytest

from feedback.planning.models import PlanComment
from members import privacy

pytestmark = pytest.mark.django_db


def test_the_download_has_the_members_comments_on_plans_only(member, chair, plan):
    PlanComment.objects.create(plan=plan, author=member, body="Afternoon workshops, please.")
    PlanComment.objects.create(plan=plan, author=chair, body="Not theirs")
    data = json.loads(zipfile.ZipFile(io.BytesIO(privacy.export_zip(member))).read("data.json"))
    plans = data["Engagement plans, survey and reports"]["Comments on engagement plans"]
    assert [c["Comment"] for c in plans] == ["Afternoon workshops, please."]


def test_erasing_keeps_comments_on_plans_under_a_former_member(client, member, chair, plan):
    PlanComment.objects.create(plan=plan, author=member, body="Afternoon workshops, please.")
    privacy.erase(member)
    client.force_login(chair)
    text = client.get(plan.get_absolute_url()).text
    assert "Afternoon workshops, please." in text
    assert "A former member" in text and "Olivia" not in text
