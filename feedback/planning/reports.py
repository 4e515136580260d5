"""The figures in the survey report and the group's annual report, each in a fixed number of queries.

Pages and PDFs show the same objects, so the two can never disagree.
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum

from engagement.core.dates import financial_year, financial_year_of, local_today, start_of_day
from feedback.models import Comment, Project, ResponseEntry
from meetings.models import Attendee, Decision, Meeting
from members.equality import equality_summary
from members.expenses.models import ClaimLine, ExpenseClaim, InvolvementPayment
from members.models import Membership

from . import charts
from .models import Answer, Area, Coding, SurveyResponse

QUOTES_PER_THEME = 3
TOP_AREAS = 3
HIGHLIGHTS = 5
STRENGTH_COLOUR = "#007f3b"
WEAKNESS_COLOUR = "#330072"
BAR_COLOUR = "#005eb8"


def _plural(count, one, many):
    return f"{count} {one if count == 1 else many}"


@dataclass
class ThemeFigure:
    theme: object
    count: int = 0
    quotes: list = field(default_factory=list)


@dataclass
class AreaFigures:
    area: Area
    answers: int = 0
    strengths: list = field(default_factory=list)
    weaknesses: list = field(default_factory=list)

    @property
    def strength_count(self):
        return sum(figure.count for figure in self.strengths)

    @property
    def weakness_count(self):
        return sum(figure.count for figure in self.weaknesses)


@dataclass
class SurveyReport:
    survey: object
    invited: int
    responses: int
    by_telephone: int
    areas: list

    def _top(self, count):
        ranked = sorted((a for a in self.areas if count(a)), key=lambda a: (-count(a), a.area.position, a.area.name))
        return ranked[:TOP_AREAS]

    @property
    def most_improvement(self):
        """The areas with most weakness codings: where people see most scope for improvement."""
        return self._top(lambda figures: figures.weakness_count)

    @property
    def most_good_practice(self):
        return self._top(lambda figures: figures.strength_count)

    @property
    def chart(self):
        return charts.bar_chart(
            [(figures.area.name, [figures.strength_count, figures.weakness_count]) for figures in self.areas],
            [
                (lambda n: _plural(n, "strength", "strengths"), STRENGTH_COLOUR),
                (lambda n: _plural(n, "weakness", "weaknesses"), WEAKNESS_COLOUR),
            ],
        )


def survey_report(survey):
    """Five queries: areas, response counts, invitations, answers per area, and the codings with their answers."""
    areas = {area.pk: AreaFigures(area) for area in Area.objects.all()}
    counts = survey.responses.aggregate(
        total=Count("pk"), telephone=Count("pk", filter=Q(channel=SurveyResponse.Channel.TELEPHONE))
    )
    invited = survey.invitations.count()
    answered = Answer.objects.filter(response__survey=survey).values("area").annotate(count=Count("pk")).order_by()
    for row in answered:
        areas[row["area"]].answers = row["count"]
    codings = (
        Coding.objects.filter(answer__response__survey=survey)
        .select_related("theme", "answer")
        .order_by("theme__name", "answer__response__submitted_at", "pk")
    )
    themes = {}
    for coding in codings:
        key = (coding.answer.area_id, coding.marker, coding.theme_id)
        figure = themes.setdefault(key, ThemeFigure(coding.theme))
        figure.count += 1
        quote = coding.quote.strip()
        if quote and quote not in figure.quotes and len(figure.quotes) < QUOTES_PER_THEME:
            figure.quotes.append(quote)
    for (area_id, marker, _), figure in themes.items():
        figures = areas[area_id]
        (figures.strengths if marker == Coding.Marker.STRENGTH else figures.weaknesses).append(figure)
    for figures in areas.values():
        for themed in (figures.strengths, figures.weaknesses):
            themed.sort(key=lambda figure: (-figure.count, figure.theme.name))
    return SurveyReport(
        survey=survey,
        invited=invited,
        responses=counts["total"],
        by_telephone=counts["telephone"],
        areas=list(areas.values()),
    )


def current_report_year(today=None):
    """Annual reports run over the UK financial year, April to March, like the expense totals."""
    return financial_year_of(today or local_today())


@dataclass
class MeetingAttendance:
    meeting: Meeting
    invited: int
    attended: int
    recorded: bool

    @property
    def percent(self):
        return round(100 * self.attended / self.invited) if self.recorded and self.invited else None


@dataclass
class AnnualReport:
    group: object
    year: int
    meetings: list
    joined: int
    left: int
    projects_reviewed: int
    comments: int
    answered: int
    outcomes: list
    responses_published: int
    median_days_to_respond: float | None
    expenses_paid: Decimal
    highlights: list
    changes: list
    decisions: list
    involvement_paid: Decimal = Decimal("0.00")
    # The group's equality figures (members.equality), or None when the viewer may not see them.
    equality: dict | None = None

    @property
    def starts(self):
        return financial_year(self.year)[0]

    @property
    def ends(self):
        return financial_year(self.year)[1]

    @property
    def label(self):
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def is_under_way(self):
        return self.ends >= local_today()

    @property
    def recorded_meetings(self):
        return [row for row in self.meetings if row.percent is not None]

    @property
    def attendance_percent(self):
        """The average, over meetings with attendance recorded, of the share of invited members who came."""
        rates = [row.attended / row.invited for row in self.recorded_meetings]
        return round(100 * sum(rates) / len(rates)) if rates else None

    @property
    def answered_percent(self):
        return round(100 * self.answered / self.comments) if self.comments else None

    @property
    def outcome_counts(self):
        """{outcome value: entries}, for the board's report on public involvement."""
        return {outcome.value: count for outcome, count in self.outcomes}

    @property
    def paid_in_total(self):
        return self.expenses_paid + self.involvement_paid

    @property
    def attendance_chart(self):
        return charts.bar_chart(
            [
                (f"{row.meeting.title}, {local_today(row.meeting.start):%-d %B %Y}", [row.percent])
                for row in self.recorded_meetings
            ],
            [(lambda n: f"{n}% came", BAR_COLOUR)],
            largest=100,
        )

    @property
    def outcome_chart(self):
        return charts.bar_chart(
            [(outcome.label, [count]) for outcome, count in self.outcomes],
            [(lambda n: _plural(n, "entry", "entries"), BAR_COLOUR)],
        )


@dataclass
class _Membership:
    """One membership's history as (day, role, status) changes, oldest first."""

    user_id: int
    role: str
    status: str
    joined_on: date
    changes: list

    def on(self, day):
        """(role, status) on that day, or None before it began."""
        if day < self.joined_on:
            return None
        current = self.changes[0][1:]
        for changed_on, role, status in self.changes:
            if changed_on > day:
                break
            current = (role, status)
        return current

    @property
    def left_on(self):
        """The day they last stepped down, if they have not come back since."""
        if self.status != Membership.Status.STEPPED_DOWN:
            return None
        left = None
        for changed_on, _, status in self.changes:
            if status != Membership.Status.STEPPED_DOWN:
                left = None
            elif left is None:
                left = changed_on
        # None when the history does not show it (a change made without the audit trail): not counted.
        return left


def _memberships(group):
    """Two queries: the group's memberships and their audit history (django-simple-history)."""
    rows = Membership.objects.filter(group=group).values("pk", "user_id", "role", "status", "term_start", "created")
    history = {}
    for record in (
        Membership.history.filter(group=group)
        .order_by("history_date", "history_id")
        .values("id", "role", "status", "history_date")
    ):
        history.setdefault(record["id"], []).append(
            (local_today(record["history_date"]), record["role"], record["status"])
        )
    memberships = []
    for row in rows:
        # Memberships from before the audit history began have no records: their current state stands in.
        changes = history.get(row["pk"]) or [(local_today(row["created"]), row["role"], row["status"])]
        memberships.append(
            _Membership(row["user_id"], row["role"], row["status"], row["term_start"] or changes[0][0], changes)
        )
    return memberships


def _invited_on(memberships, day):
    """The people a meeting that day was for: active chair, vice-chair and members, as they stood then."""
    voting = Membership.Role.voting()
    return {
        membership.user_id
        for membership in memberships
        if (state := membership.on(day)) and state[0] in voting and state[1] == Membership.Status.ACTIVE
    }


def annual_report(group, year, with_equality=False):
    """Thirteen queries, however many meetings, members, projects, claims, payments and decisions the year had;
    six more with the equality figures, which only someone with the equality role may be shown."""
    first, last = financial_year(year)
    starts, ends = start_of_day(first), start_of_day(last + timedelta(days=1))

    memberships = _memberships(group)
    members = [m for m in memberships if m.role in Membership.Role.voting()]
    meetings = list(
        Meeting.objects.filter(group=group, status=Meeting.Status.HELD, start__gte=starts, start__lt=ends).order_by(
            "start"
        )
    )
    came = {}
    for meeting_id, user_id in Attendee.objects.filter(meeting__in=meetings, user__isnull=False).values_list(
        "meeting_id", "user_id"
    ):
        came.setdefault(meeting_id, set()).add(user_id)
    attendance = []
    for meeting in meetings:
        invited = _invited_on(memberships, local_today(meeting.start))
        attendance.append(
            MeetingAttendance(meeting, len(invited), len(invited & came.get(meeting.pk, set())), meeting.pk in came)
        )

    # Views gathered at a meeting, a workshop or on paper never open online: they count from the day gathered.
    projects_reviewed = (
        Project.objects.filter(groups=group)
        .filter(Q(opened_at__gte=starts, opened_at__lt=ends) | Q(opened_at=None, gathered_on__range=(first, last)))
        .count()
    )
    comments = Comment.objects.filter(
        project__groups=group,
        author__memberships__group=group,
        created__gte=starts,
        created__lt=ends,
        withdrawn_at=None,
        hidden_at=None,
    ).aggregate(
        total=Count("pk", distinct=True),
        answered=Count(
            "pk",
            filter=Q(response_entries__isnull=False, project__status=Project.Status.PUBLISHED),
            distinct=True,
        ),
    )
    published = Project.objects.filter(
        groups=group,
        status=Project.Status.PUBLISHED,
        response_published_at__gte=starts,
        response_published_at__lt=ends,
    )
    entries = ResponseEntry.objects.filter(project__in=published)
    outcome_counts = dict(entries.values_list("outcome").annotate(count=Count("pk")).order_by())
    days = [project.days_to_response for project in published.only("closed_at", "response_published_at")]
    days = [day for day in days if day is not None]
    paid = ClaimLine.objects.filter(
        claim__group=group, claim__status=ExpenseClaim.Status.PAID, claim__paid_on__range=(first, last)
    ).aggregate(total=Sum("amount"))["total"]
    # What members were paid as they chose (less where they asked for less; a charity's share is still paid out).
    involvement_paid = (
        InvolvementPayment.objects.filter(
            group=group, status=InvolvementPayment.Status.PAID, paid_on__range=(first, last)
        )
        .with_choice()
        .aggregate(total=Sum("payable"))["total"]
    )
    highlights = list(
        entries.filter(outcome=ResponseEntry.Outcome.ADOPTED)
        .select_related("project", "theme")
        .order_by("-project__response_published_at", "project", "theme__position", "position", "pk")[:HIGHLIGHTS]
    )
    # What changed: follow-ups written this year, whenever the response was published.
    changes = list(
        ResponseEntry.objects.filter(
            project__groups=group, project__status=Project.Status.PUBLISHED, followed_up_on__range=(first, last)
        )
        .exclude(difference_made="")
        .select_related("project", "theme")
        .order_by("-followed_up_on", "pk")
        .distinct()
    )
    # The report may be handed out: decisions under confidential items stay in the confidential minutes.
    decisions = list(
        Decision.objects.filter(
            item__meeting__group=group,
            item__meeting__status=Meeting.Status.HELD,
            item__meeting__start__gte=starts,
            item__meeting__start__lt=ends,
            item__confidential=False,
        )
        .select_related("item__meeting", "proposed_by")
        .order_by("item__meeting__start", "item__position", "item__pk", "pk")
    )
    return AnnualReport(
        group=group,
        year=year,
        meetings=attendance,
        joined=sum(1 for m in members if first <= m.joined_on <= last),
        left=sum(1 for m in members if m.left_on and first <= m.left_on <= last),
        projects_reviewed=projects_reviewed,
        comments=comments["total"],
        answered=comments["answered"],
        outcomes=[(outcome, outcome_counts.get(outcome, 0)) for outcome in ResponseEntry.Outcome],
        responses_published=len(days),
        median_days_to_respond=statistics.median(days) if days else None,
        expenses_paid=paid or Decimal("0.00"),
        highlights=highlights,
        changes=changes,
        decisions=decisions,
        involvement_paid=involvement_paid or Decimal("0.00"),
        # Aggregate and suppressed by the same rules as the equality report, so the two can never disagree.
        equality=equality_summary(("group", group.pk)) if with_equality else None,
    )
