"""'You Said, We Did' reports as PDFs, also in large print (see engagement/core/documents.py for the
machinery), and as Word documents (engagement/core/word.py)."""

from datetime import date

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.timezone import localdate

from engagement.core.dates import start_of_day
from engagement.core.documents import Document
from engagement.core.word import WordDocument

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
    return group_entries_from(group, start_of_day(since) if since else None, outcome)


def group_entries_from(group, moment=None, outcome=""):
    """group_entries() from a moment rather than a day (the page's prepared query is given the moment)."""
    entries = ResponseEntry.objects.filter(project__status=Project.Status.PUBLISHED, project__groups=group)
    if moment is not None:
        entries = entries.filter(project__response_published_at__gte=moment)
    if outcome:
        entries = entries.filter(outcome=outcome)
    return entries_by_theme(entries)


def _report(name, context, entries, large_print):
    entries = list(entries)
    return Document(
        name=f"{name}{'-large-print' if large_print else ''}",
        template="documents/you_said_we_did.html",
        context=context | {"entries": entries, "produced": date.today(), "large_print": large_print},
        large=len(entries) > LARGE_REPORT_ROWS,
    )


def project_report(project, large_print=False):
    return _report(
        f"you-said-we-did-project-{project.pk}",
        {"project": project, "groups": list(project.groups.all())},
        entries_by_theme(project.response_entries.all()),
        large_print,
    )


def group_report(group, since=None, outcome="", large_print=False):
    outcome_label = dict(ResponseEntry.Outcome.choices).get(outcome, "")
    return _report(
        f"you-said-we-did-{group.slug}-{since or 'all'}-{outcome or 'all'}",
        {"group": group, "since": since, "outcome": outcome_label},
        group_entries(group, since, outcome),
        large_print,
    )


def report_word(report):
    """The report (from project_report or group_report) as an editable Word document: a heading and
    a table for each theme, with the same three columns as the PDF."""
    context = report.context
    project = context.get("project")
    word = WordDocument(f"You said, we did: {project.title if project else context['group'].name}")
    if project:
        facts = [("Project", project.title), ("Partner", str(project.partner))]
        facts.append(("Reviewed by", ", ".join(group.name for group in context["groups"])))
        if project.response_published_at:
            facts.append(("Response published", date_format(localdate(project.response_published_at), "j F Y")))
    else:
        since = context["since"]
        facts = [
            ("Group", context["group"].name),
            (
                "Period",
                f"Responses published since {date_format(since, 'j F Y')}" if since else "All published responses",
            ),
        ]
        if context["outcome"]:
            facts.append(("Outcome", f"{context['outcome']} only"))
    facts.append(("Produced", date_format(context["produced"], "j F Y")))
    word.table([], facts, label_column=True)
    themes = {}
    for entry in context["entries"]:
        themes.setdefault(entry.theme.name, []).append(entry)
    if not themes:
        word.heading("No responses yet")
        word.paragraph("No responses have been published for this yet.")
    for name, entries in themes.items():
        word.heading(name)
        word.table(
            ["What we heard", "How we reflected this", "Where this is addressed"],
            [_word_row(entry, project) for entry in entries],
        )
    return word


def _word_row(entry, project):
    heard = entry.what_we_heard if project else f"{entry.what_we_heard}\n(Project: {entry.project.title})"
    reflected = entry.how_we_reflected
    if entry.outcome:
        reflected += f"\n{entry.get_outcome_display()}"
    if entry.difference_made:
        reflected += f"\nWhat changed ({date_format(entry.followed_up_on, 'j F Y')}): {entry.difference_made}"
    where = "\n".join(text for text in (entry.where_addressed, entry.where_addressed_url) if text)
    return [heard, reflected, where]
