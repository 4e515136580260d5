"""Admin imports run as background jobs: upload, check with progress, preview, confirm, import, done."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from import_export.admin import ImportMixin

from engagement.core import imports, retention, tasks
from engagement.core.import_admin import BackgroundImportMixin
from engagement.core.models import ImportJob
from members.models import EngagementGroup, Locality, Membership, User
from members.resources import MemberResource
from tests.import_jobs import confirm, upload
from tests.members.test_account_powers import make_role

pytestmark = pytest.mark.django_db

PEOPLE = "members_user"
GOOD = "email,full_name,locality\nok@example.org,Ok Person,Northgate\nnew@example.org,New Person,\n"


@pytest.fixture
def northgate(db):
    return Locality.objects.create(name="Northgate")


def job_url(job, view="import_job"):
    return reverse(f"admin:members_user_{view}", args=[job.pk])


def make_job(user, status=ImportJob.Status.CHECKING, **fields):
    defaults = {
        "model": "members.user",
        "resource": "members.resources.MemberResource",
        "format": "import_export.formats.base_formats.CSV",
        "file_name": "people.csv",
    }
    job = ImportJob(created_by=user, status=status, **(defaults | fields))
    job.file.save("people.csv", ContentFile(GOOD.encode()), save=False)
    job.save()
    return job


def test_it_checks_previews_confirms_and_imports_people(client, staff, northgate, django_capture_on_commit_callbacks):
    client.force_login(staff)
    preview = upload(client, PEOPLE, GOOD, django_capture_on_commit_callbacks, "people.csv")
    assert preview.context["job"].status == ImportJob.Status.READY
    assert "Confirm import" in preview.text
    assert "New people: 2" in preview.text
    assert "Ok Person" in preview.text  # the first rows, as in the file
    assert not User.objects.filter(email="ok@example.org").exists()

    done = confirm(client, PEOPLE, preview, django_capture_on_commit_callbacks)

    assert done.context["job"].status == ImportJob.Status.DONE
    assert "Every row has been imported." in done.text
    assert reverse("admin:members_user_changelist") in done.text
    assert User.objects.get(email="ok@example.org").locality == northgate
    assert User.objects.filter(email="new@example.org").exists()


def test_the_progress_page_counts_rows_and_updates_without_reloading(client, staff):
    job = make_job(staff, rows_total=10_000, started_at=timezone.now())
    cache.set(f"import-job:{job.pk}:rows", 3_200)
    client.force_login(staff)
    response = client.get(job_url(job))
    assert "Checked 3,200 of 10,000 rows" in response.text
    assert "js/import-progress" in response.text
    assert 'http-equiv="refresh"' not in response.text
    assert "<script>" not in response.text


def test_the_progress_check_gives_the_count_for_the_page_to_show(client, staff):
    job = make_job(staff, rows_total=10_000, started_at=timezone.now())
    cache.set(f"import-job:{job.pk}:rows", 3_200)
    client.force_login(staff)
    progress = client.get(job_url(job) + "?progress=check").json()
    assert progress == {"running": True, "rows_done": "3,200", "rows_total": "10,000", "percent": 32}


def test_a_file_with_an_error_imports_nothing_and_shows_the_spreadsheet_row(
    client, staff, northgate, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    text = "email,full_name,locality\nok@example.org,Ok Person,Northgate\nbad@example.org,Bad Person,Atlantis\n"
    page = upload(client, PEOPLE, text, django_capture_on_commit_callbacks)
    job = page.context["job"]
    assert job.status == ImportJob.Status.HAS_ERRORS
    assert job.preview["errors"] == [
        {
            "row": 3,  # the header is row 1
            "column": "locality",
            "value": "Atlantis",
            "message": "There is no locality called “Atlantis”. Check the spelling, or add it in the admin first.",
        }
    ]
    assert "Confirm import" not in page.text
    assert "<td>3</td>" in page.text and "Atlantis" in page.text
    assert not User.objects.filter(email__in=["ok@example.org", "bad@example.org"]).exists()
    # Nothing can be imported from it: the file is deleted and Confirm is refused.
    assert not job.file
    client.post(job_url(job, "import_job_confirm"))
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.HAS_ERRORS


def test_a_file_without_the_email_column_says_which_column_is_needed(client, staff, django_capture_on_commit_callbacks):
    client.force_login(staff)
    page = upload(client, PEOPLE, "e-mail,full_name\na@example.org,A Person\n", django_capture_on_commit_callbacks)
    assert "The file must have a column for: email." in page.text
    assert "FieldError" not in page.text  # technical detail is for superusers only
    assert not User.objects.filter(email="a@example.org").exists()


def test_a_superuser_also_sees_the_technical_detail(client, django_capture_on_commit_callbacks):
    admin = make_role("superuser", "admin@example.org")
    client.force_login(admin)
    page = upload(client, PEOPLE, "e-mail,full_name\na@example.org,A Person\n", django_capture_on_commit_callbacks)
    assert "FieldError" in page.text


def test_another_staff_user_cannot_open_or_confirm_someone_elses_job(client, staff):
    job = make_job(staff, status=ImportJob.Status.READY)
    other = make_role("officer", "officer@example.org")
    client.force_login(other)
    assert client.get(job_url(job)).status_code == 404
    assert client.post(job_url(job, "import_job_confirm")).status_code == 404
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.READY


def test_a_superuser_can_open_anyones_job(client, staff):
    job = make_job(staff, status=ImportJob.Status.READY, preview={"counts": {"new": 2}})
    client.force_login(make_role("superuser", "admin@example.org"))
    assert client.get(job_url(job)).status_code == 200


def test_a_member_cannot_reach_a_job(client, member, staff):
    job = make_job(staff)
    client.force_login(member)
    assert client.get(job_url(job)).status_code == 302  # to the admin's sign-in page


def test_every_step_needs_the_import_permission(client):
    # Importing the finance file needs the change permission on claims, which a bare staff account lacks.
    bare = make_role("bare", "bare@example.org")
    job = make_job(bare, model="expenses.expenseclaim")
    client.force_login(bare)
    assert client.get(reverse("admin:expenses_expenseclaim_import_job", args=[job.pk])).status_code == 403
    assert client.post(reverse("admin:expenses_expenseclaim_import_job_confirm", args=[job.pk])).status_code == 403


def test_the_old_confirm_step_that_imported_during_the_request_is_gone():
    with pytest.raises(NoReverseMatch):
        reverse("admin:members_user_process_import")


def test_the_refused_account_rule_still_applies_through_the_job(client, django_capture_on_commit_callbacks):
    officer, strong = make_role("officer", "officer@example.org"), make_role("strong", "strong@example.org")
    client.force_login(officer)
    page = upload(client, PEOPLE, f"email,full_name\n{strong.email},Taken Over\n", django_capture_on_commit_callbacks)
    assert page.context["job"].status == ImportJob.Status.HAS_ERRORS
    assert "You cannot change this account" in page.text
    strong.refresh_from_db()
    assert strong.full_name != "Taken Over"


def test_a_2000_row_people_file_completes_through_the_job(client, staff, django_capture_on_commit_callbacks):
    rows = "".join(f"person{number}@example.org,Person {number}\n" for number in range(2000))
    client.force_login(staff)
    preview = upload(client, PEOPLE, "email,full_name\n" + rows, django_capture_on_commit_callbacks)
    assert preview.context["job"].preview["counts"]["new"] == 2000
    assert len(preview.context["job"].preview["rows"]) == imports.PREVIEW_ROWS

    done = confirm(client, PEOPLE, preview, django_capture_on_commit_callbacks)

    job = done.context["job"]
    assert (job.status, job.rows_total, job.rows_done) == (ImportJob.Status.DONE, 2000, 2000)
    assert User.objects.filter(email__endswith="@example.org", full_name__startswith="Person ").count() == 2000


def test_if_the_records_change_after_the_check_nothing_is_imported(
    client, staff, northgate, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    preview = upload(client, PEOPLE, GOOD, django_capture_on_commit_callbacks)
    northgate.delete()
    page = confirm(client, PEOPLE, preview, django_capture_on_commit_callbacks)
    assert page.context["job"].status == ImportJob.Status.HAS_ERRORS
    assert "changed since" in page.text
    assert not User.objects.filter(email__in=["ok@example.org", "new@example.org"]).exists()


def test_a_repeated_task_does_nothing_more(staff, northgate, django_capture_on_commit_callbacks):
    job = make_job(staff)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.check_import(job.pk)
        tasks.check_import(job.pk)
    assert imports.confirm(job) and not imports.confirm(job)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_import(job.pk)
    User.objects.filter(email="ok@example.org").update(full_name="Edited since")
    tasks.run_import(job.pk)
    assert User.objects.get(email="ok@example.org").full_name == "Edited since"
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE


def test_the_file_is_deleted_when_the_import_is_done(staff, northgate, django_capture_on_commit_callbacks):
    job = make_job(staff)
    name = job.file.name
    assert name.startswith("imports/") and default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.check_import(job.pk)
        imports.confirm(job)
        tasks.run_import(job.pk)
    assert not default_storage.exists(name)
    assert not ImportJob.objects.get(pk=job.pk).file


def test_history_and_the_admin_log_name_the_importer(client, staff, member, peg, django_capture_on_commit_callbacks):
    EngagementGroup.objects.create(name="Reading Panel", slug="reading-panel")
    client.force_login(staff)
    preview = upload(
        client,
        "members_membership",
        f"email,group,role\n{member.email},Reading Panel,member\n",
        django_capture_on_commit_callbacks,
    )
    confirm(client, "members_membership", preview, django_capture_on_commit_callbacks)
    membership = Membership.objects.get(user=member, group__slug="reading-panel")
    assert membership.history.get().history_user == staff
    entry = LogEntry.objects.get(object_id=str(membership.pk))
    assert (entry.user, entry.change_message) == (staff, "Imported from file.csv")


def test_a_file_that_cannot_be_read_is_explained(client, staff, django_capture_on_commit_callbacks):
    job = make_job(staff, format="import_export.formats.base_formats.XLSX")
    tasks.check_import(job.pk)
    client.force_login(staff)
    assert "We could not read this file as xlsx" in client.get(job_url(job)).text


def test_a_file_with_too_many_rows_is_refused(staff, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 1)
    job = make_job(staff)
    tasks.check_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.HAS_ERRORS
    assert job.preview["problems"][0]["message"].startswith("The file has 2 rows. We can import at most 1")


def test_a_step_that_runs_out_of_time_changes_nothing(staff, northgate, monkeypatch):
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 1)
    monkeypatch.setattr(imports, "STEP_DEADLINE", timedelta(seconds=-1))
    job = make_job(staff, status=ImportJob.Status.IMPORTING)
    tasks.run_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "took too long" in job.preview["problems"][0]["message"]
    assert not User.objects.filter(email="ok@example.org").exists()


def test_an_unexpected_error_ends_the_job_at_once(staff, northgate, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(MemberResource, "import_data", broken)
    job = make_job(staff, status=ImportJob.Status.IMPORTING)
    with pytest.raises(RuntimeError):
        tasks.run_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.preview["problems"][0]["message"].startswith(
        "Something went wrong on our side, and nothing was changed."
    )


def test_a_step_whose_worker_stopped_is_reported_as_stopped(client, staff):
    job = make_job(staff, status=ImportJob.Status.IMPORTING, started_at=timezone.now() - timedelta(hours=1))
    client.force_login(staff)
    page = client.get(job_url(job))
    assert "This stopped before it finished, and nothing was changed." in page.text
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.FAILED


def test_a_step_is_run_again_after_its_worker_stopped(staff, northgate):
    job = make_job(staff, started_at=timezone.now() - timedelta(hours=1))
    tasks.check_import(job.pk)
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.READY


def test_retention_deletes_jobs_and_files_after_three_days(staff, django_capture_on_commit_callbacks):
    old, recent = make_job(staff, status=ImportJob.Status.READY), make_job(staff)
    ImportJob.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=4))
    with django_capture_on_commit_callbacks(execute=True):
        counts = retention.apply()
    assert counts["imports"] == 1
    assert list(ImportJob.objects.all()) == [recent]
    assert not default_storage.exists(old.file.name)
    assert default_storage.exists(recent.file.name)


def test_pages_use_uk_dates_and_plain_words(client, staff):
    job = make_job(staff, status=ImportJob.Status.FAILED, preview={"problems": [{"message": imports.STOPPED}]})
    ImportJob.objects.filter(pk=job.pk).update(created=timezone.make_aware(timezone.datetime(2026, 3, 4, 9, 5)))
    client.force_login(staff)
    page = client.get(job_url(job)).text
    content = page[page.index('<div id="content-main">') :]
    assert "on 4 March 2026 at 09:05" in content
    for word in ["Celery", "queue", "task", "Traceback"]:
        assert word not in content


def test_every_import_in_the_admin_runs_as_a_job():
    importing = [model_admin for model_admin in admin.site._registry.values() if isinstance(model_admin, ImportMixin)]
    assert len(importing) == 8  # people, memberships, projects, responses, stakeholders, two finance files, training
    assert all(isinstance(model_admin, BackgroundImportMixin) for model_admin in importing)


def test_staff_without_permission_to_change_people_cannot_import_them(client):
    from tests.members.test_account_powers import make_role

    bare = make_role("bare", "bare@example.org")
    bare.user_permissions.add(Permission.objects.get(codename="view_user"))
    client.force_login(bare)
    assert client.get(reverse("admin:members_user_import")).status_code == 403
