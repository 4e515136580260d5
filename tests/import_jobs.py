"""Helpers for tests that import through the admin: upload, then the background check and import.

Tasks run in the test process, queued when the request's transaction commits; each
test runs inside a transaction that never commits, so the helpers run those callbacks.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

CSV_FORMAT = "0"  # the first of django-import-export's formats on the upload form


def upload(client, admin_name, text, capture, file_name="file.csv"):
    """Send a CSV (text, or bytes as saved) to an admin's import page (e.g. "members_user"), run the check;
    the job's page after."""
    with capture(execute=True):
        response = client.post(
            reverse(f"admin:{admin_name}_import"),
            {
                "format": CSV_FORMAT,
                "resource": "0",
                "import_file": SimpleUploadedFile(
                    file_name, text.encode() if isinstance(text, str) else text, content_type="text/csv"
                ),
            },
        )
    assert response.status_code == 302, response.content[:2000]
    return client.get(response.url)


def confirm(client, admin_name, job_page, capture):
    """Press Confirm on a checked job's page and run the import; the job's page after."""
    job = job_page.context["job"]
    with capture(execute=True):
        response = client.post(reverse(f"admin:{admin_name}_import_job_confirm", args=[job.pk]))
    assert response.status_code == 302
    return client.get(response.url)
