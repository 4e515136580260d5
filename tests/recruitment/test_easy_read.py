"""A recruitment round's easy-read version: offered to everyone on its public page."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.sample_files import one_page_pdf

pytestmark = pytest.mark.django_db

LINK = "Read this page in easy read"


@pytest.fixture
def with_easy_read(open_round):
    open_round.easy_read.save("join-easy-read.pdf", ContentFile(one_page_pdf()))
    return open_round


def test_the_rounds_page_offers_its_easy_read_version(client, with_easy_read):
    assert LINK in client.get(with_easy_read.get_absolute_url()).text


def test_a_round_without_one_offers_none(client, open_round):
    assert LINK not in client.get(open_round.get_absolute_url()).text


def test_anyone_can_download_it(client, with_easy_read):
    response = client.get(reverse("recruitment:easy_read", args=[with_easy_read.slug]))
    assert b"".join(response.streaming_content) == one_page_pdf()


def test_an_unpublished_rounds_easy_read_version_is_not_found(client, with_easy_read):
    with_easy_read.is_published = False
    with_easy_read.save()
    assert client.get(reverse("recruitment:easy_read", args=[with_easy_read.slug])).status_code == 404


def test_staff_attach_it_on_the_rounds_admin_page(client, staff, open_round):
    client.force_login(staff)
    text = client.get(reverse("admin:recruitment_round_change", args=[open_round.pk])).text
    assert 'name="easy_read"' in text
