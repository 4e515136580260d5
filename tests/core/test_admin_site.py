"""The admin builds its list of apps only on the pages that show it."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_list_page_does_not_build_the_app_list(client, staff, monkeypatch):
    built = []
    real = admin.AdminSite._build_app_dict
    monkeypatch.setattr(
        admin.AdminSite, "_build_app_dict", lambda *args, **kwargs: built.append(1) or real(*args, **kwargs)
    )
    client.force_login(staff)
    assert client.get(reverse("admin:members_user_changelist")).status_code == 200
    assert built == []


def test_the_index_still_lists_the_apps(client, staff):
    client.force_login(staff)
    page = client.get(reverse("admin:index"))
    assert "Meetings" in page.text and "Projects and responses" in page.text


def test_an_app_page_still_lists_its_models(client, staff):
    client.force_login(staff)
    assert "Venues" in client.get(reverse("admin:app_list", args=["meetings"])).text
