"""'You Said, We Did' reports as PDFs (see engagement/core/documents.py for the machinery)."""

from datetime import date

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from engagement.core.dates import start_of_day
from engagement.core.documents import Document

from .models import Project, ResponseEntry

# Above this many entries (about five pages: 16 long entries made 3 pages in 0.5 s,
# measured on the bench set) the report is built by a Celery task, so no web
# request builds more than a few pages.
LARGE_REPORT_ROWS = 30


def entries_by_theme(entries):
    """Entries with the number of comments each answers, in theme order, ready for {% regroup %}."""
    # A subquery, not a join and GROUP BY over every entry: counted only for the entries a page
    # shows, and a pager's count() leaves it out.
    answers = (
        ResponseEntry.comments.through.objects.filter(responseentry=OuterRef("pk"))
        .order_by()
        .values("responseentry")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        entries.select_related("theme", "project")
        .annotate(answers=Coalesce(Subquery(answers), 0))
        .order_by(
            "theme__position", "theme__name", "theme", "-project__response_published_at", "project", "position", "pk"
        )
    )


def group_entries(group, since=None, outcome=""):
    """The published entries for a group's page or report, optionally since a date and with one outcome."""
    entries = ResponseEntry.objects.filter(project__status=Project.Status.PUBLISHED, project__groups=group)
    if since:
        entries = entries.filter(project__response_published_at__gte=start_of_day(since))
    if outcome:
        entries = entries.filter(outcome=outcome)
    return entries_by_theme(entries)


def _report(name, context, entries):
    entries = list(entries)
    return Document(
        name=name,
        template="documents/you_said_we_did.html",
        context=context | {"entries": entries, "produced": date.today()},
        large=len(entries) > LARGE_REPORT_ROWS,
    )


def project_report(project):
    return _report(
        f"you-said-we-did-project-{project.pk}",
        {"project": project, "groups": list(project.groups.all())},
        entries_by_theme(project.response_entries.all()),
    )


def group_report(group, since=None, outcome=""):
    outcome_label = dict(ResponseEntry.Outcome.choices).get(outcome, "")
    return _report(
        f"you-said-we-did-{group.slug}-{since or 'all'}-{outcome or 'all'}",
        {"group": group, "since": since, "outcome": outcome_label},
        group_entries(group, since, outcome),
    )
