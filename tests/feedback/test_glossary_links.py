"""Where a project page uses a word with a special meaning, it links to the glossary's explanation."""

import pytest
from django.urls import reverse

from tests.feedback.conftest import close, publish

pytestmark = pytest.mark.django_db


def glossary(anchor):
    return f'href="{reverse("glossary")}#{anchor}"'


def test_the_project_page_explains_the_person_centred_checklist(client, project, member):
    client.force_login(member)
    assert glossary("person-centred-checklist") in client.get(project.get_absolute_url()).text


def test_a_response_explains_its_outcomes(client, project, make_entry, member):
    make_entry(project)
    publish(close(project))
    client.force_login(member)
    assert glossary("outcomes") in client.get(project.get_response_url()).text


def test_you_said_we_did_explains_its_outcomes(client, member):
    client.force_login(member)
    assert glossary("outcomes") in client.get(reverse("feedback:you_said_we_did")).text
