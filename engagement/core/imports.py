"""Admin imports in the background: a file is checked, previewed, then imported, by Celery tasks.

A large file takes minutes, far longer than a web request may run. So the upload
only stores the file in private storage and creates an ImportJob. `check` reads
every row in a transaction that is always rolled back (django-import-export's dry
run) and keeps what the preview page shows. Once the importer confirms, `run`
imports the file in one transaction together with marking the job done: either
every row and the "done" mark are saved, or nothing is (the all-or-nothing rule).

While a step runs, its count of rows goes to the cache, not the job's row: the
step's own writes are invisible to the progress page until its transaction ends.
"""

import codecs
import functools
import time
from contextlib import contextmanager
from datetime import timedelta
from types import SimpleNamespace

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.module_loading import import_string
from import_export.exceptions import FieldError
from import_export.results import Result, RowResult
from simple_history.models import HistoricalRecords

from .models import ImportJob

# Far above any honest file (a group has about 25 members); it bounds a step's time and memory.
MAX_ROWS = 50_000
PROGRESS_EVERY = 100
PREVIEW_ROWS = 20
MAX_PROBLEMS = 500
# A step gives up by itself after STEP_DEADLINE, before Celery's soft and hard limits
# (engagement/core/tasks.py) stop it less gracefully. A step still "running" after STALE_AFTER
# has stopped (its worker was restarted): it is reported as stopped, or run again.
STEP_DEADLINE = timedelta(minutes=25)
SOFT_TIME_LIMIT = 27 * 60
TIME_LIMIT = 30 * 60
STALE_AFTER = timedelta(minutes=35)
# Finished or not, a job and its file are deleted after this (engagement/core/retention.py).
KEPT_FOR = timedelta(days=3)

Status = ImportJob.Status
ACTIONS = {
    RowResult.IMPORT_TYPE_NEW: "New",
    RowResult.IMPORT_TYPE_UPDATE: "Changed",
    RowResult.IMPORT_TYPE_SKIP: "No change",
    RowResult.IMPORT_TYPE_DELETE: "Deleted",
    RowResult.IMPORT_TYPE_INVALID: "Problem",
    RowResult.IMPORT_TYPE_ERROR: "Problem",
}
LOGGED = {
    RowResult.IMPORT_TYPE_NEW: ADDITION,
    RowResult.IMPORT_TYPE_UPDATE: CHANGE,
    RowResult.IMPORT_TYPE_DELETE: DELETION,
}
TOO_SLOW = (
    "This file took too long to import, so we stopped and nothing was changed. "
    "Split it into smaller files and import each one."
)
STOPPED = "This stopped before it finished, and nothing was changed. Upload the file again to start again."
BROKE = "Something went wrong on our side, and nothing was changed. Try again later, or ask an administrator for help."
ROW_FAILED = "This row could not be imported. Check its values, or ask an administrator for help."


class TooSlow(Exception):
    pass


def dotted(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


def create(model_admin, request, form):
    """A new job for a valid upload form: the file goes to private storage under an unguessable name."""
    upload = form.cleaned_data["import_file"]
    file_format = model_admin.get_import_formats()[int(form.cleaned_data["format"])]
    job = ImportJob(
        created_by=request.user,
        model=model_admin.opts.label_lower,
        resource=dotted(model_admin.choose_import_resource_class(form, request)),
        format=dotted(file_format),
        file_name=upload.name[-200:],
    )
    job.file.save(upload.name, upload, save=False)
    job.save()
    return job


def can_see_job(user, job) -> bool:
    """An import's file and its problems are the importer's; a superuser may look too, to help.
    Each page also needs the admin's import permission (import_admin.py)."""
    return user.is_superuser or job.created_by_id == user.pk


def job_for(request, model_admin, job_id):
    """The job, if this person may see it (can_see_job); 404 otherwise, so others' jobs stay unknown."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id, model=model_admin.opts.label_lower).first()
    if job is None or not can_see_job(request.user, job):
        raise Http404
    return job


def confirm(job):
    """Move a checked job on to importing; False if it was not waiting (a second click, or too late)."""
    return (
        ImportJob.objects.filter(pk=job.pk, status=Status.READY).update(
            status=Status.IMPORTING, started_at=None, rows_done=0
        )
        == 1
    )


def rows_done(job):
    if not job.is_running:
        return job.rows_done
    # Until a step claims the job (started_at), the cache may still hold the check's count.
    return cache.get(_progress_key(job.pk), 0) if job.started_at else 0


def give_up_if_stopped(job):
    """A step whose worker stopped mid-way (a restart) never reports back: say so rather than wait for ever."""
    if job.is_running and job.started_at and job.started_at < timezone.now() - STALE_AFTER:
        # Only if no rerun has claimed it since: the claim changes started_at.
        stopped = ImportJob.objects.filter(pk=job.pk, status=job.status, started_at=job.started_at)
        if stopped.update(
            status=Status.FAILED, preview={"problems": [{"message": STOPPED}]}, finished_at=timezone.now()
        ):
            _delete_file(job)
        job.refresh_from_db()
    return job


def check(job_id):
    """The dry run: every row read and validated in a transaction that is rolled back."""
    job = _claim(job_id, Status.CHECKING)
    if job is None:
        return
    with _ended_on_error(job):
        dataset, problem = _read(job)
        if problem:
            _finish(job, Status.HAS_ERRORS, {"problems": [{"message": problem}]})
            return
        ImportJob.objects.filter(pk=job.pk).update(rows_total=len(dataset))
        resource, result = _import(job, dataset, dry_run=True)
        preview = summarise(resource, dataset, result)
        _finish(job, Status.HAS_ERRORS if _has_problems(result) else Status.READY, preview, rows_done=len(dataset))


def run(job_id):
    """The import itself, after the importer confirmed the preview; all rows or none."""
    job = _claim(job_id, Status.IMPORTING)
    if job is None:
        return
    with _ended_on_error(job):
        dataset, problem = _read(job)
        if problem:
            _finish(job, Status.FAILED, {"problems": [{"message": problem}]})
            return
        with transaction.atomic():
            resource, result = _import(job, dataset, dry_run=False)
            if not _has_problems(result):
                _log(job, result)
                _finish(job, Status.DONE, summarise(resource, dataset, result), rows_done=len(dataset))
                return
        # Valid when checked, but something changed since (another import, an edit): resource.import_data
        # has rolled every row back. The new problems are shown as the check's were.
        _finish(job, Status.HAS_ERRORS, summarise(resource, dataset, result, changed_since_check=True))


def summarise(resource, dataset, result, changed_since_check=False):
    """What the job's pages show, as JSON: counts, problems by spreadsheet row (the header is row 1), first rows."""
    headers = list(dataset.headers or [])
    columns = {field.attribute: field.column_name for field in resource.get_import_fields()}
    problems = [_file_problem(resource, error.error) for error in result.base_errors]
    errors = []
    for invalid in result.invalid_rows:
        values = dict(zip(headers, dataset[invalid.number - 1], strict=False))  # as in the file
        for key, messages in invalid.error_dict.items():
            column = "" if key == NON_FIELD_ERRORS else columns.get(key, key)
            errors.extend(
                {"row": invalid.number + 1, "column": column, "value": _cell(values.get(column)), "message": message}
                for message in messages
            )
    for number, row_errors in result.row_errors():
        errors.extend(
            {"row": number + 1, "column": "", "value": "", "message": ROW_FAILED, "detail": _detail(error.error)}
            for error in row_errors
        )
    errors.sort(key=lambda error: error["row"])
    return {
        "counts": {
            "new": result.totals[RowResult.IMPORT_TYPE_NEW],
            "changed": result.totals[RowResult.IMPORT_TYPE_UPDATE],
            "unchanged": result.totals[RowResult.IMPORT_TYPE_SKIP],
            "deleted": result.totals[RowResult.IMPORT_TYPE_DELETE],
            "problem_rows": result.totals[RowResult.IMPORT_TYPE_INVALID] + result.totals[RowResult.IMPORT_TYPE_ERROR],
        },
        "changed_since_check": changed_since_check,
        "added": getattr(resource, "added_names", {}),
        # The records the file names, if its resource lists them, for a step after the import (inviting the
        # people imported). Only a finished import's are real: the check's are rolled back.
        "record_ids": getattr(resource, "record_ids", []),
        "problems": problems,
        "errors": errors[:MAX_PROBLEMS],
        "more_errors": len(errors) > MAX_PROBLEMS or result.more_problems,
        "headers": headers,
        "rows": [
            {
                "row": number + 2,
                "action": ACTIONS.get(action, ""),
                "values": [_cell(value) for value in dataset[number]],
            }
            for number, action in enumerate(result.first_actions)
        ],
    }


def delete_expired(now=None):
    """Delete jobs past KEPT_FOR and their files, whatever state they ended in; returns how many."""
    expired = ImportJob.objects.filter(created__lt=(now or timezone.now()) - KEPT_FOR)
    files = [name for name in expired.exclude(file="").values_list("file", flat=True)]
    deleted, _ = expired.delete()
    transaction.on_commit(lambda: [ImportJob.file.field.storage.delete(name) for name in files])
    return deleted


class JobResult(Result):
    """A Result that keeps only what the job's pages use, and reports progress every few rows.

    django-import-export keeps every row's result, with a copy of each changed
    record: for a file of tens of thousands of rows, hundreds of megabytes.
    """

    def __init__(self, job_id, deadline):
        super().__init__()
        self.job_id = job_id
        self.deadline = deadline
        self.done = 0
        self.first_actions = []
        self.logged = []  # (action flag, object id, object repr) for the admin's history
        self.more_problems = False

    def append_row_result(self, row_result):
        if row_result.import_type in LOGGED:
            self.logged.append((LOGGED[row_result.import_type], row_result.object_id, row_result.object_repr))
        # Resource.after_import() looks in `rows` for a new row (to reset id sequences): one is enough.
        if row_result.is_new() and not self.rows:
            self.rows.append(row_result)

    def append_invalid_row(self, number, row, validation_error):
        if len(self.invalid_rows) < MAX_PROBLEMS:
            super().append_invalid_row(number, row, validation_error)
        else:
            self.more_problems = True

    def append_error_row(self, number, row, errors):
        if len(self.error_rows) < MAX_PROBLEMS:
            super().append_error_row(number, row, errors)
        else:
            self.more_problems = True

    def increment_row_result_total(self, row_result):
        super().increment_row_result_total(row_result)
        self.done += 1
        if len(self.first_actions) < PREVIEW_ROWS:
            self.first_actions.append(row_result.import_type)
        if self.done % PROGRESS_EVERY == 0:
            cache.set(_progress_key(self.job_id), self.done, int(STALE_AFTER.total_seconds()))
            # Raised here, outside import_row's own error handling, so it ends the whole step.
            if time.monotonic() > self.deadline:
                raise TooSlow


class NoDiff:
    """The job's pages show the file's own values, so the before-and-after copy of every
    column of every row (a query per many-to-many column) is not made."""

    def __init__(self, resource, instance, new):
        pass

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []


def _progress_key(job_id):
    return f"import-job:{job_id}:rows"


def _claim(job_id, status):
    """The job, claimed for this run; None if another run has it, or it has moved on (a repeated task)."""
    now = timezone.now()
    claimed = (
        ImportJob.objects.filter(pk=job_id, status=status)
        .filter(Q(started_at=None) | Q(started_at__lt=now - STALE_AFTER))
        .update(started_at=now)
    )
    if claimed != 1:
        return None
    cache.set(_progress_key(job_id), 0, int(STALE_AFTER.total_seconds()))
    return ImportJob.objects.select_related("created_by").get(pk=job_id)


def _read(job):
    """(dataset, None), or (None, what is wrong with the file in plain words)."""
    file_format = import_string(job.format)()
    title = file_format.get_title()
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
    except (ValueError, OSError):  # ValueError: no file, it has been deleted
        return None, "The file is no longer stored. Upload it again."
    if not file_format.is_binary():
        data = _decode(data)
        if data is None:
            return None, (
                "We could not read the letters in this file. In Excel, use Save As and choose "
                "“CSV UTF-8 (Comma delimited)”, then upload that file."
            )
    try:
        dataset = file_format.create_dataset(data)
    except Exception:  # each format's reader raises its own errors on a damaged or mislabelled file
        return None, f"We could not read this file as {title}. Check that it is a {title} file, or choose its format."
    if not dataset.headers or not len(dataset):
        return (
            None,
            "The file has no rows to import. The first row must name the columns, with a row for each record below it.",
        )
    if len(dataset) > MAX_ROWS:
        return None, (
            f"The file has {len(dataset):,} rows. We can import at most {MAX_ROWS:,} at a time: "
            "split it into smaller files."
        )
    return dataset, None


def _decode(data):
    """The text of a file as Excel saves it: UTF-8 (with or without a byte-order mark), UTF-16 ("Unicode
    text") or, from Excel's plain "CSV" on Windows, Windows-1252. None for anything else."""
    encodings = ["utf-16"] if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Text never holds a NUL: it is a binary file, or UTF-16 without its byte-order mark.
        if "\x00" not in text:
            return text
    return None


def _import(job, dataset, dry_run):
    resource = import_string(job.resource)()
    deadline = time.monotonic() + STEP_DEADLINE.total_seconds()
    # Set on this one resource: only an import through a job keeps less and skips the comparison.
    resource.get_result_class = lambda: functools.partial(JobResult, job.pk, deadline)
    resource.get_diff_class = lambda: NoDiff
    with _recorded_as(job.created_by):
        result = resource.import_data(
            dataset, dry_run=dry_run, raise_errors=False, file_name=job.file_name, user=job.created_by
        )
    return resource, result


@contextmanager
def _recorded_as(user):
    """Records' history names the importer, as for a change made in the admin (simple_history's middleware)."""
    previous = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is None:
            del HistoricalRecords.context.request
        else:
            HistoricalRecords.context.request = previous


@contextmanager
def _ended_on_error(job):
    """Anything unexpected ends the job at once, in plain words, rather than leaving its page counting.
    Whatever the step wrote has been rolled back by then (it is all in the import's transaction)."""
    try:
        yield
    except TooSlow:
        _finish(job, Status.FAILED, {"problems": [{"message": TOO_SLOW}]})
    except Exception as error:
        _finish(job, Status.FAILED, {"problems": [{"message": BROKE, "detail": _detail(error)}]})
        raise  # to be logged, as any task's error is


def _has_problems(result):
    return result.has_errors() or result.has_validation_errors()


def _finish(job, status, preview, rows_done=0):
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, preview=preview, rows_done=rows_done, finished_at=timezone.now()
    )
    # The file is needed again only to import a file that passed its check.
    if status != Status.READY:
        _delete_file(job)


def _delete_file(job):
    name = job.file.name
    if name:
        ImportJob.objects.filter(pk=job.pk).update(file="")
        transaction.on_commit(lambda: ImportJob.file.field.storage.delete(name))


def _log(job, result):
    """The admin's history for each record added or changed, as the admin's own import writes it."""
    model_admin = _model_admin(job)
    if model_admin.get_skip_admin_log():
        return
    content_type = ContentType.objects.get_for_model(model_admin.model)
    message = f"Imported from {job.file_name}"
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                user_id=job.created_by_id,
                content_type=content_type,
                object_id=str(object_id),
                object_repr=(object_repr or "")[:200],
                action_flag=flag,
                change_message=message,
            )
            for flag, object_id, object_repr in result.logged
        ],
        batch_size=1000,
    )


def _model_admin(job):
    return admin.site.get_model_admin(apps.get_model(job.model))


def _file_problem(resource, error):
    if isinstance(error, FieldError):  # a column named in import_id_fields is missing
        needed = ", ".join(
            resource.fields[name].column_name if name in resource.fields else name
            for name in resource.get_import_id_fields()
        )
        return {
            "message": f"The file must have a column for: {needed}. Check the first row names the columns, "
            "as in a file exported from this page.",
            "detail": _detail(error),
        }
    return {"message": "The file could not be checked. Ask an administrator for help.", "detail": _detail(error)}


def _detail(error):
    # Shown to superusers only: enough for an administrator to look into it.
    return f"{type(error).__name__}: {error}"[:500]


def _cell(value):
    if value is None:
        return ""
    if hasattr(value, "strftime"):  # a date cell in a spreadsheet
        return value.strftime("%d/%m/%Y %H:%M" if hasattr(value, "hour") else "%d/%m/%Y")
    return str(value)[:200]
