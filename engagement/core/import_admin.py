"""The admin's import pages, run as background jobs (engagement/core/imports.py).

The upload form is django-import-export's own. Sending it stores the file and
starts a check; the job's page then shows the check's progress, the preview with
any problems, a Confirm button, the import's progress and the end, in turn.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from . import imports, tasks
from .models import ImportJob

TEMPLATE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class BackgroundImportMixin:
    """Put before ImportExportModelAdmin (or its subclass) in an admin's bases."""

    import_job_template = "admin/import_jobs/job.html"
    import_template_name = "admin/import_jobs/import.html"

    def get_urls(self):
        jobs = [
            path(
                "import/<int:job_id>/",
                self.admin_site.admin_view(self.import_job_view),
                name=self._url_name("import_job"),
            ),
            path(
                "import/<int:job_id>/confirm/",
                self.admin_site.admin_view(self.confirm_import_job),
                name=self._url_name("import_job_confirm"),
            ),
            path(
                "import/template.<str:file_format>",
                self.admin_site.admin_view(self.import_template),
                name=self._url_name("import_template"),
            ),
        ]
        # django-import-export's own confirm step imports a file during the request: only jobs import.
        return jobs + [
            url for url in super().get_urls() if getattr(url, "name", None) != self._url_name("process_import")
        ]

    def import_action(self, request, **kwargs):
        if request.method == "POST":
            if not self.has_import_permission(request):
                raise PermissionDenied
            form = self.create_import_form(request)
            if form.is_valid():
                with transaction.atomic():
                    job = imports.create(self, request, form)
                    tasks.queue_import_check(job)
                return redirect(self._import_job_url(job))
        # The form as it was, with any errors: django-import-export shows it (an invalid form changes nothing).
        response = super().import_action(request, **kwargs)
        response.context_data["column_guide"] = self._import_resource(request).column_guide
        response.context_data["template_urls"] = {
            file_format: reverse(f"admin:{self._url_name('import_template')}", args=[file_format])
            for file_format in TEMPLATE_TYPES
        }
        return response

    def import_template(self, request, file_format):
        """The file to fill in: the columns, one example row and (in XLSX) what goes in each column."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if file_format not in TEMPLATE_TYPES:
            raise Http404
        content = self._import_resource(request).template(file_format)
        if file_format == "csv":
            # With its byte-order mark, Excel opens the file as UTF-8 rather than guessing.
            content = content.encode("utf-8-sig")
        name = f"{self.opts.verbose_name_plural} import template.{file_format}".capitalize()
        return HttpResponse(
            content,
            content_type=TEMPLATE_TYPES[file_format],
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    def import_job_view(self, request, job_id):
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = imports.give_up_if_stopped(imports.job_for(request, self, job_id))
        done = imports.rows_done(job)
        progress = {
            "rows_done": f"{done:,}",
            "rows_total": f"{job.rows_total:,}" if job.rows_total is not None else "",
            "percent": round(100 * done / job.rows_total) if job.rows_total else 0,
        }
        if request.GET.get("progress") == "check":
            # Asked every few seconds by static/js/import-progress.js, which updates the page in place.
            return JsonResponse({"running": job.is_running, **progress}, headers={"Cache-Control": "no-store"})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Import {self.opts.verbose_name_plural}",
            "job": job,
            "Status": ImportJob.Status,
            "preview": job.preview,
            **progress,
            "import_url": reverse(f"admin:{self._url_name('import')}"),
            "changelist_url": reverse(f"admin:{self._url_name('changelist')}"),
            "confirm_url": reverse(f"admin:{self._url_name('import_job_confirm')}", args=[job.pk]),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.import_job_template, context)

    @method_decorator(require_POST)
    def confirm_import_job(self, request, job_id):
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = imports.job_for(request, self, job_id)
        # A second click, or a job no longer waiting to be confirmed, just shows the job as it is.
        with transaction.atomic():
            if imports.confirm(job):
                tasks.queue_import(job)
        return redirect(self._import_job_url(job))

    def _import_resource(self, request):
        # Each admin here imports with one resource.
        return self.get_import_resource_classes(request)[0]

    def _import_job_url(self, job):
        return reverse(f"admin:{self._url_name('import_job')}", args=[job.pk])

    def _url_name(self, view):
        app_label, model_name = self.get_model_info()
        return f"{app_label}_{model_name}_{view}"
