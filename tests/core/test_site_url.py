"""`make run PORT=8101` serves on that port, and links in e-mails follow it unless SITE_URL is set."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def site_url(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT", "DJANGO_SETTINGS_MODULE"}}
    code = "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment | {"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "engagement.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_links_in_e_mails_follow_the_port_served():
    assert site_url(PORT="8101") == "http://127.0.0.1:8101"


def test_links_in_e_mails_use_port_8000_by_default():
    assert site_url() == "http://127.0.0.1:8000"


def test_a_site_url_that_is_set_wins_over_the_port():
    assert site_url(PORT="8101", SITE_URL="https://peg.example.org/") == "https://peg.example.org"


def test_make_run_serves_on_the_port_given():
    environment = {k: v for k, v in os.environ.items() if k != "PORT"}
    result = subprocess.run(
        ["make", "--dry-run", "run", "PORT=8101"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert "manage.py runserver 127.0.0.1:8101" in result.stdout
