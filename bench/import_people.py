"""Time a 10,000-row people import through the admin's background job, end to end.

    DEBUG=1 python bench/import_people.py [rows]

Makes a throwaway database (PostgreSQL when DATABASE_URL is set, otherwise SQLite),
signs in as a superuser with Django's test client, uploads a generated CSV to the
people admin's import page, follows the job to its preview, confirms, and follows
it to the end. Tasks run in this process (as without Redis), so each step's time is
the worker's time. The database is dropped afterwards.
"""

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from engagement.celery import app  # noqa: E402
from engagement.core.models import ImportJob  # noqa: E402
from members.models import LivedExperienceArea, Locality, User  # noqa: E402

LOCALITIES = ["Northgate", "Riverside", "Eastwood", "Hillcrest", "Southmoor"]
AREAS = ["Carer", "Dementia", "Mental health", "Learning disability", "Long-term condition"]


def people_csv(rows):
    lines = ["email,full_name,preferred_name,phone,postcode,locality,lived_experience,communication_preference"]
    for number in range(rows):
        areas = ";".join(AREAS[(number + shift) % len(AREAS)] for shift in range(number % 3))
        lines.append(
            f"person{number}@bench.example,Person {number},P{number},01632 {number % 1_000_000:06d},"
            f"AB1 {number % 9}CD,{LOCALITIES[number % len(LOCALITIES)]},{areas},{'post' if number % 10 == 0 else 'email'}"
        )
    return ("\n".join(lines) + "\n").encode()


def follow(client, url, label):
    """Load the job's page until it stops refreshing itself; the job as it ended."""
    while True:
        page = client.get(url)
        if 'http-equiv="refresh"' not in page.text:
            return page.context["job"]
        print(f"  {label}: {page.context['rows_done']} of {page.context['rows_total']} rows", flush=True)
        time.sleep(1)


def main(rows):
    setup_test_environment()
    app.conf.task_always_eager = True
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(MEDIA_ROOT=tempfile.mkdtemp()):
            run(rows)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(rows):
    for name in LOCALITIES:
        Locality.objects.create(name=name)
    for name in AREAS:
        LivedExperienceArea.objects.create(name=name)
    User.objects.bulk_create(
        # A tenth of the file's people are already there: the file changes them and adds the rest.
        [User(email=f"person{number}@bench.example", full_name="Before", password="!") for number in range(rows // 10)]
    )
    admin = User.objects.create_superuser("bench-admin@bench.example", "a-long-bench-password", full_name="Bench Admin")
    client = Client()
    client.force_login(admin)
    data = people_csv(rows)
    print(f"Database: {connection.vendor}; file: {rows:,} rows, {len(data) / 1024:.0f} KB")

    started = time.perf_counter()
    upload = client.post(
        reverse("admin:members_user_import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("people.csv", data, content_type="text/csv"),
        },
    )
    job = follow(client, upload.url, "checking")
    checked = time.perf_counter() - started
    assert job.status == ImportJob.Status.READY, job.preview
    counts = job.preview["counts"]
    print(f"Check (upload, dry run, preview): {checked:.1f} s, {rows / checked:.0f} rows/s; {counts}")

    started = time.perf_counter()
    client.post(reverse("admin:members_user_import_job_confirm", args=[job.pk]))
    job = follow(client, upload.url, "importing")
    imported = time.perf_counter() - started
    assert job.status == ImportJob.Status.DONE, job.preview
    assert User.objects.filter(email__endswith="@bench.example").count() == rows + 1
    print(f"Import (confirm, import, done page): {imported:.1f} s, {rows / imported:.0f} rows/s")
    print(f"End to end: {checked + imported:.1f} s; peak memory of this process: {peak_mb():.0f} MB")


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
