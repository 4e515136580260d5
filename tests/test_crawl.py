"""Follow every link from the home page on the demo site, as a visitor and as each demo login.

No link may lead to an error or to a missing page. The staff admin is left to
tests/test_url_walk.py, which covers it from the admin's registry.
"""

import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest
from django.core.management import call_command
from django.test import Client

LOGINS = [None, "member@example.org", "chair@example.org", "panel@example.org", "staff@example.org"]
SKIP = ("/admin/", "/static/", "/accounts/sign-out/")
HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo")


def crawl(client, limit=400):
    seen, queue, problems = set(), deque(["/"]), []
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code >= 400:
            problems.append((path, response.status_code, response.get("X-Linked-From", "")))
            continue
        if response.status_code in (301, 302):
            location = urlparse(response["Location"])
            if not location.netloc:
                queue.append(location.path + (f"?{location.query}" if location.query else ""))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            if href.startswith("/") and not href.startswith(SKIP) and href not in seen:
                queue.append(href)
    return seen, problems


@pytest.mark.django_db
@pytest.mark.parametrize("login", LOGINS, ids=lambda login: login or "visitor")
def test_every_link_from_the_home_page_works(login, demo):
    client = Client()
    if login:
        response = client.post("/accounts/sign-in/", {"username": login, "password": "demo-password"})
        assert response.status_code == 302, f"could not sign in as {login}"
    seen, problems = crawl(client)
    assert problems == [], problems
    assert len(seen) > (5 if login is None else 15)
