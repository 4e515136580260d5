"""The meeting page links to the glossary where it uses words with a special meaning."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_agenda_explains_what_its_items_are_for(client, member, meeting):
    client.force_login(member)
    text = client.get(meeting.get_absolute_url()).text
    assert f'href="{reverse("glossary")}#agenda-purposes"' in text


def test_the_reply_form_explains_apologies(client, member, meeting):
    client.force_login(member)
    text = client.get(meeting.get_absolute_url()).text
    assert f'href="{reverse("glossary")}#apologies"' in text
