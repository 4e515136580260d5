"""The event report (planning template, step 5: "collate and theme feedback… place into report format"):
who came by category, what was heard by theme, the evaluation, access needs met and next steps.
As a PDF, also in large print (engagement/core/documents.py), and as a Word document (core/word.py).

It counts people and never names them: no attendee's name, organisation or contact details
reach the report. A few pages of figures, quick enough to build during the request.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.formats import date_format

from engagement.core.documents import Document
from engagement.core.word import WordDocument
from feedback.rules import with_chairing
from meetings.wording import span_in_words
from members.rules import is_engagement_staff

from . import outcomes
from .models import Evaluation, Event, Registration

# Said at the top of every version of the report, so a reader knows no one is named in it.
NAMES_NO_ONE = "This report counts people by the kind of organisation or group they came from. It names no one."
# Quotes shown under each theme: enough to give its flavour; the count says how many there were.
QUOTES_PER_THEME = 3


@dataclass
class CategoryRow:
    label: str
    invited: int
    coming: int
    came: int


@dataclass
class ThemeRow:
    name: str
    count: int
    quotes: list

    @property
    def more(self):
        """How many things said under the theme are not quoted: the report says "and 3 more"."""
        return self.count - len(self.quotes)


@dataclass
class EventReport:
    event: Event
    categories: list
    totals: CategoryRow
    register_taken: bool
    themes: list
    unthemed: int
    usefulness: list  # (label, count), most useful first
    evaluations: int
    to_change: list
    access_needs: list  # (label, count)
    produced: date


def can_see_reports(user, project, chairs=None) -> bool:
    """Staff, and the chair (or vice-chair) of a group the project is brought to, as for the impact figures.
    One query at most, however many groups. `chairs`, if the page has it, is whether the user chairs one of
    the project's groups, read with the plan (planning.access.PLAN_PAGE_FACTS): then none."""
    if not user.is_authenticated:
        return False
    if is_engagement_staff(user):
        return True
    if chairs is not None:
        return chairs
    return with_chairing(project.groups.all(), user).filter(chaired=True).exists()


def can_see_report(user, event: Event) -> bool:
    return can_see_reports(user, event.project)


def has_report(event: Event) -> bool:
    """A report is for an event that has happened: once it has started, and unless it was cancelled (as for
    the feedback it reports)."""
    return outcomes.is_open_for_feedback(event)


def event_report(event: Event) -> EventReport:
    coming = Q(status=Registration.Status.COMING)
    came = Q(attended=True)
    by_category = dict(
        (row["category"], row)
        for row in event.registrations.order_by()
        .values("category")
        .annotate(invited=Count("pk"), coming=Count("pk", filter=coming), came=Count("pk", filter=came))
    )
    categories = [
        CategoryRow(label, row["invited"], row["coming"], row["came"])
        for value, label in Registration.CATEGORIES
        if (row := by_category.get(value))
    ]
    totals = CategoryRow(
        "Everyone",
        sum(row.invited for row in categories),
        sum(row.coming for row in categories),
        sum(row.came for row in categories),
    )
    themes = {}
    unthemed = 0
    for item in event.feedback.select_related("theme").order_by("theme__position", "theme__name", "created", "pk"):
        if item.theme is None:
            unthemed += 1
            continue
        row = themes.setdefault(item.theme.pk, ThemeRow(item.theme.name, 0, []))
        row.count += 1
        if len(row.quotes) < QUOTES_PER_THEME:
            row.quotes.append(item.text)
    evaluations = list(event.evaluations.order_by("created", "pk").values_list("usefulness", "what_to_change"))
    counts = {value: 0 for value in Evaluation.Usefulness.values}
    for usefulness, _ in evaluations:
        counts[usefulness] += 1
    needs = {value: 0 for value in Registration.AccessNeed.values}
    # Only the needs of people who came, or were coming: those are the ones the venue met on the day.
    for registration_needs in (
        event.registrations.filter(coming | came).exclude(attended=False).values_list("access_needs", flat=True)
    ):
        for need in registration_needs:
            if need in needs:
                needs[need] += 1
    return EventReport(
        event=event,
        categories=categories,
        totals=totals,
        register_taken=event.registrations.exclude(attended=None).exists(),
        themes=list(themes.values()),
        unthemed=unthemed,
        usefulness=[(label, counts[value]) for value, label in Evaluation.Usefulness.choices],
        evaluations=len(evaluations),
        to_change=[text for _, text in evaluations if text.strip()],
        access_needs=[(label, needs[value]) for value, label in Registration.AccessNeed.choices if needs[value]],
        produced=date.today(),
    )


def report_pdf(report: EventReport, large_print: bool = False) -> Document:
    return Document(
        name=f"event-report-{report.event.pk}{'-large-print' if large_print else ''}",
        template="documents/event_report.html",
        context={
            "report": report,
            "event": report.event,
            "project": report.event.project,
            "when": when(report.event),
            "large_print": large_print,
            "names_no_one": NAMES_NO_ONE,
        },
    )


def when(event: Event) -> str:
    return span_in_words(event.start, event.end)


def where(event: Event) -> str:
    if event.venue_id:
        return event.venue.name + (", and online" if event.online_link else "")
    return "Online" if event.online_link else "Not recorded"


def report_word(report: EventReport) -> WordDocument:
    """The same as the PDF, as a Word document the project team can edit into their own report."""
    event = report.event
    word = WordDocument(f"Event report: {event.title}")
    word.table(
        [],
        [
            ("Project", event.project.title),
            ("When", when(event)),
            ("Where", where(event)),
            ("Who it was for", event.get_audience_display()),
            ("Purpose", event.purpose),
            ("Produced", date_format(report.produced, "j F Y")),
        ],
        label_column=True,
    )
    word.paragraph(NAMES_NO_ONE)
    word.heading("Who came")
    if report.categories:
        rows = [(row.label, row.invited, row.coming, row.came) for row in [*report.categories, report.totals]]
        word.table(["Who", "Invited or signed up", "Said they were coming", "Came"], rows)
        if not report.register_taken:
            word.paragraph("No attendance register was taken, so no one is counted as having come.")
    else:
        word.paragraph("No one was invited or signed up.")
    word.heading("What we heard")
    if report.themes:
        for theme in report.themes:
            word.heading(f"{theme.name} ({_things(theme.count)})", 3)
            word.bullets(f"“{quote}”" for quote in theme.quotes)
            if theme.more:
                word.paragraph(f"And {theme.more} more.")
    else:
        word.paragraph("No feedback has been given a theme yet.")
    if report.unthemed:
        word.paragraph(f"{_things(report.unthemed)} not given a theme yet, so not shown here.")
    word.heading("How useful people found it")
    if report.evaluations:
        word.table(["Answer", "People"], report.usefulness)
        word.heading("What people said we should change", 3)
        if report.to_change:
            word.bullets(report.to_change)
        else:
            word.paragraph("No one suggested a change.")
    else:
        word.paragraph("No one has sent an evaluation yet.")
    word.heading("Access needs we met")
    if report.access_needs:
        word.table(["Need", "People"], report.access_needs)
    else:
        word.paragraph("No one who came asked for an adjustment.")
    word.heading("Next steps")
    word.paragraph(event.next_steps or "Not written yet.")
    return word


def _things(count):
    return f"{count} thing{'' if count == 1 else 's'} said"
