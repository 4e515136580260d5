"""A file store that cannot be written: the admin's paper upload keeps what staff typed and saves nothing,
and a meeting pack is still downloaded, built for the request."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from engagement.core.uploads import NOT_STORED
from meetings.models import AgendaItem, Paper
from tests.recruitment.conftest import admin_form_data
from tests.sample_files import one_page_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload_paper(client, staff, meeting):
    client.force_login(staff)
    item = meeting.items.get(title="GP access")
    url = reverse("admin:meetings_agendaitem_change", args=[item.pk])

    def upload():
        data = admin_form_data(client.get(url), title="GP access and booking", **{"papers-0-title": "Access briefing"})
        return client.post(url, data | {"papers-0-file": SimpleUploadedFile("briefing.pdf", one_page_pdf())})

    return upload


def test_staff_are_told_to_try_again(upload_paper, unwritable_storage):
    response = upload_paper()
    assert response.status_code == 200 and NOT_STORED in response.text


def test_what_staff_typed_is_kept(upload_paper, unwritable_storage):
    text = upload_paper().text
    assert 'value="Access briefing"' in text and 'value="GP access and booking"' in text


def test_nothing_is_saved(upload_paper, meeting, unwritable_storage):
    upload_paper()
    assert not Paper.objects.exists() and AgendaItem.objects.filter(title="GP access").exists()


def test_the_paper_is_saved_once_the_store_recovers(upload_paper, unwritable_storage):
    upload_paper()
    unwritable_storage.undo()
    assert upload_paper().status_code == 302 and Paper.objects.get().title == "Access briefing"


def test_the_pack_is_downloaded_when_its_copy_cannot_be_stored(client, staff, meeting, unwritable_storage):
    client.force_login(staff)
    response = client.get(reverse("meetings:pack_pdf", args=[meeting.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_pack_keeps_its_download_name_when_its_copy_cannot_be_stored(client, staff, meeting, unwritable_storage):
    client.force_login(staff)
    response = client.get(reverse("meetings:pack_pdf", args=[meeting.pk]))
    assert (
        f'filename="meeting-pack-{timezone.localdate(meeting.start):%Y-%m-%d}.pdf"' in response["Content-Disposition"]
    )
