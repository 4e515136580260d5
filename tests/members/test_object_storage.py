"""With a bucket configured, files live in S3-compatible object storage and are served only after a permission check."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from meetings.models import Meeting, Paper
from tests.members.conftest import BUCKET

pytestmark = pytest.mark.django_db


def test_a_paper_is_stored_in_the_bucket_and_served_only_to_the_group(client, bucket, meeting, member, panel_member):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PAPERS_ISSUED)
    paper = Paper(item=meeting.items.first(), title="Briefing")
    paper.file.save("briefing.pdf", ContentFile(b"%PDF-1.4 test paper"), save=True)
    keys = [obj["Key"] for obj in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [paper.file.name] and keys[0].startswith("papers/")

    client.force_login(member)
    response = client.get(paper.get_absolute_url())
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test paper"
    client.force_login(panel_member)
    assert client.get(paper.get_absolute_url()).status_code == 404


def test_objects_are_private_and_urls_are_signed_and_short_lived(bucket):
    name = default_storage.save("papers/x/secret.pdf", ContentFile(b"%PDF"))
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=name)
    assert all(grant["Grantee"].get("URI") is None for grant in acl["Grants"])  # no AllUsers grant
    url = default_storage.url(name)
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url


def test_the_health_check_covers_the_bucket(client, bucket):
    assert client.get(reverse("health")).json()["checks"]["storage"] == "ok"
