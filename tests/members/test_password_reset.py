import re

import pytest
from django.core import mail
from django.urls import reverse


@pytest.mark.django_db
def test_it_resets_a_forgotten_password_end_to_end(client, member):
    response = client.post(reverse("password_reset"), {"email": "member@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.text
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand new passphrase", "new_password2": "brand new passphrase"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("brand new passphrase")


@pytest.mark.django_db
def test_it_says_the_same_for_an_unknown_address(client, member):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert "Check your e-mail" in response.text
    assert mail.outbox == []
