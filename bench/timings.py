"""Time the heavy jobs on the generated data set; every change is rolled back afterwards.

python bench/timings.py
"""

import io
import json
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

import tablib  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import TestCase  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from pypdf import PdfWriter  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402

from engagement.core.documents import STYLESHEET  # noqa: E402
from engagement.core.models import Notification  # noqa: E402
from feedback import documents as feedback_documents  # noqa: E402
from feedback.models import Project, ResponseEntry, Theme  # noqa: E402
from meetings import documents as meeting_documents  # noqa: E402
from meetings import tasks  # noqa: E402
from meetings.models import AgendaItem, Meeting, Paper  # noqa: E402
from members.expenses.models import ExpenseClaim  # noqa: E402
from members.expenses.resources import FinanceClaimResource  # noqa: E402
from members.models import EngagementGroup, Membership  # noqa: E402
from members.resources import MemberResource  # noqa: E402


class Rollback(Exception):
    pass


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def weasyprint_alone(document):
    """WeasyPrint rendering the same final HTML, with nothing of ours around it."""
    return timed(
        lambda: HTML(string=document.html, base_url=str(ROOT)).write_pdf(
            stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1"
        )
    )[0]


def pdf_timings(build):
    """Our whole build (template, WeasyPrint, merging) and WeasyPrint alone, after one warm-up run."""
    build().render()
    document = build()
    full, pdf = timed(document.render)
    return {"seconds": round(full, 2), "weasyprint_alone": round(weasyprint_alone(document), 2), "bytes": len(pdf)}


def report_300_rows():
    project = Project.objects.filter(status=Project.Status.PUBLISHED).first()
    themes = list(Theme.objects.all()[:4])
    project.response_entries.all().delete()
    ResponseEntry.objects.bulk_create(
        ResponseEntry(
            project=project,
            theme=themes[i % 4],
            what_we_heard=f"We heard point {i} from members about access.",
            how_we_reflected=f"We changed section {i} of the plan to reflect it.",
            where_addressed="Plan, section 4",
            outcome="adopted",
            position=i,
        )
        for i in range(300)
    )
    return pdf_timings(lambda: feedback_documents.project_report(project))


def twenty_page_pdf():
    writer = PdfWriter()
    html = "".join(f"<h2>Section {i}</h2><p>{'Paper text. ' * 300}</p>" for i in range(20))
    source = HTML(string=f"<html lang='en-GB'><body>{html}</body></html>").write_pdf()
    writer.append(io.BytesIO(source), pages=(0, 20))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def pack_10_items_10_papers():
    meeting = Meeting.objects.order_by("-start").first()
    meeting.items.all().delete()
    paper = twenty_page_pdf()
    for position in range(10):
        item = AgendaItem.objects.create(
            meeting=meeting, position=position, title=f"Item {position}", minutes_allotted=15
        )
        stored = Paper(item=item, title=f"Paper for item {position}")
        stored.file.save(f"paper-{position}.pdf", ContentFile(paper), save=True)
    return pdf_timings(lambda: meeting_documents.meeting_pack(meeting))


def import_5000_members():
    rows = tablib.Dataset(headers=["email", "full_name", "communication_preference"])
    for i in range(5000):
        rows.append([f"imported{i}@bench.example", f"Imported Person {i}", "email"])
    seconds, result = timed(lambda: MemberResource().import_data(rows))
    assert not result.has_errors() and not result.has_validation_errors()
    return {"seconds": round(seconds, 2), "rows": 5000}


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def reminders_500_meetings():
    from engagement.celery import app

    app.conf.task_always_eager = True
    from django.core import mail

    start = timezone.now() + timedelta(hours=20)
    meetings = list(Meeting.objects.order_by("pk")[:500])
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(
        start=start, end=start + timedelta(hours=3), status="scheduled"
    )
    EngagementGroup.objects.update(reminder_days="1")
    # 25 active members a group, as the sizing says; the rest are on leave for this run.
    for group in EngagementGroup.objects.all():
        keep = list(
            group.memberships.filter(role__in=Membership.Role.voting()).order_by("pk").values_list("pk", flat=True)[:25]
        )
        group.memberships.exclude(pk__in=keep).update(status=Membership.Status.ON_LEAVE)
    # Invitations went out long ago: only reminders are chosen and sent now.
    content_type = ContentType.objects.get_for_model(Meeting)
    Notification.objects.bulk_create(
        [
            Notification(user_id=user_id, content_type=content_type, object_id=m.pk, event="invitation", status="sent")
            for m in meetings
            for user_id in m.invitees().values_list("pk", flat=True)
        ],
        batch_size=5000,
    )
    choosing, _ = timed(
        lambda: [
            tasks.plan_for_meeting(m, timezone.now())
            for m in Meeting.objects.filter(pk__in=[m.pk for m in meetings]).select_related("group")
        ]
    )
    Notification.objects.filter(event="reminder-1").delete()
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        for meeting in Meeting.objects.filter(pk__in=[m.pk for m in meetings[:10]]).select_related("group"):
            tasks.plan_for_meeting(meeting, timezone.now())
    choosing_queries = len(queries)
    Notification.objects.filter(event="reminder-1").delete()
    mail.outbox = []

    def choose_and_send():
        # Each job runs in a transaction that is rolled back afterwards, so the deliveries the
        # outbox queues at commit are run here, as the worker would run them.
        with TestCase.captureOnCommitCallbacks(execute=True):
            tasks.plan_meeting_emails()

    total, _ = timed(choose_and_send)
    return {
        "choosing_seconds": round(choosing, 2),
        "queries_to_choose_for_10_meetings": choosing_queries,
        "choose_and_send_seconds": round(total, 2),
        "reminders_sent_to_those_without_apologies": len(mail.outbox),
    }


def finance_export_10000():
    ExpenseClaim.objects.update(status="approved", paid_on=None, payment_reference="", rejection_reason="")
    seconds, dataset = timed(lambda: FinanceClaimResource().export().export("xlsx"))
    return {"seconds": round(seconds, 2), "claims": ExpenseClaim.objects.count(), "bytes": len(dataset)}


def main():
    results = {}
    for name, job in [
        ("yswd_report_300_rows", report_300_rows),
        ("meeting_pack_10_papers_of_20_pages", pack_10_items_10_papers),
        ("import_5000_members", import_5000_members),
        ("reminders_500_meetings", reminders_500_meetings),
        ("finance_export_10000_claims", finance_export_10000),
    ]:
        try:
            with transaction.atomic():
                results[name] = job()
                raise Rollback
        except Rollback:
            pass
    print(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
