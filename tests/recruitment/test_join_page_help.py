"""The round's page points to its form, which is at the end of a long page."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_closing_date_box_links_to_the_form(client, open_round):
    text = client.get(open_round.get_absolute_url()).text
    assert '<a href="#form">Go to the form to tell us you are interested</a>' in text
    assert 'id="form"' in text
