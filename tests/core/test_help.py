"""The "Get help" box on every page, the glossary it links to, and the links to it where its words appear."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

GLOSSARY_ANCHORS = [
    "apologies",
    "lived-experience",
    "response",
    "outcomes",
    "declarations-of-interest",
    "agenda-purposes",
    "involvement-payment",
    "person-centred-checklist",
    "easy-read",
]


def test_every_page_gives_the_engagement_teams_e_mail_address(client, settings):
    settings.ENGAGEMENT_TEAM_EMAIL = "help@example.org"
    assert 'href="mailto:help@example.org"' in client.get(reverse("home")).text


def test_every_page_gives_the_engagement_teams_phone_number_to_call_from_a_phone(client, settings):
    settings.ENGAGEMENT_TEAM_PHONE = "01632 960123"
    assert '<a href="tel:01632960123">01632 960123</a>' in client.get(reverse("home")).text


def test_no_phone_number_is_shown_when_none_is_set(client, settings):
    settings.ENGAGEMENT_TEAM_PHONE = ""
    assert 'href="tel:' not in client.get(reverse("home")).text


def test_the_help_box_links_to_the_glossary_on_a_members_page(client, member):
    client.force_login(member)
    assert f'href="{reverse("glossary")}"' in client.get(reverse("dashboard")).text


@pytest.mark.parametrize("anchor", GLOSSARY_ANCHORS)
def test_the_glossary_explains_each_word_members_meet(client, anchor):
    assert f'id="{anchor}"' in client.get(reverse("glossary")).text
