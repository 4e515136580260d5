"""The staff home (the admin index): what needs doing today, each item linking to where it is done.

Core's admin site (engagement/core/admin.py) imports no domain app, so the project gives it
this module's `home` and `SECTIONS` (engagement/urls.py). Each item is one query however
many rows there are (the rows and their total come together, see `_first_rows`), and is
left out for anyone whose admin cannot show its model (failed e-mails: anyone who cannot
see their page, engagement/core/failed_emails.py).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib import admin
from django.db.models import Case, Count, OuterRef, Q, Subquery, Value, When, Window
from django.urls import reverse
from django.utils import timezone

from engagement.core import failed_emails, letter_approval, notify
from engagement.core.confirm import counted
from engagement.core.models import Notification
from engagement.core.row_urls import pk_url
from engagement.core.templatetags.money import pounds
from feedback.events.models import Event
from feedback.models import Project
from feedback.planning.models import EngagementPlan
from meetings import wording
from meetings.models import Action, Meeting
from members.expenses.models import ExpenseClaim, InvolvementPayment
from members.recruitment.models import Application
from members.rules import is_engagement_staff

# The index's headings, in order, and the models under each (engagement/core/admin.py, StaffHome).
SYSTEM = "System (administrators only)"
SECTIONS = {
    **dict.fromkeys(
        [
            "members.user",
            "members.engagementgroup",
            "members.membership",
            "members.locality",
            "members.livedexperiencearea",
            "members.accessneed",
            "members.equalityreportview",
            "members.equalitymonitoring",
        ],
        "People and groups",
    ),
    **dict.fromkeys(["meetings.meeting", "meetings.agendaitem", "meetings.action", "meetings.venue"], "Meetings"),
    "interests": "Meetings",
    **dict.fromkeys(
        [
            "feedback.project",
            "feedback.comment",
            "feedback.responseentry",
            "feedback.responsechase",
            "feedback.partner",
            "feedback.theme",
            "feedback.checklistarea",
        ],
        "Projects and responses",
    ),
    **dict.fromkeys(
        [
            "expenses.expenseclaim",
            "expenses.involvementpayment",
            "expenses.involvementpreference",
            "expenses.expensesettings",
            "expenses.contract",
        ],
        "Money",
    ),
    **dict.fromkeys(
        [
            "recruitment.round",
            "recruitment.application",
            "recruitment.recruitmentchannel",
            "recruitment.retentionrecord",
        ],
        "Recruitment",
    ),
    "planning": "Plans and surveys",
    "events": "Plans and surveys",
    **dict.fromkeys(["auth", "otp_totp", "axes"], "Staff roles and sign-in"),
    # Staff see failed e-mails on the home; the records behind them, the task outbox and Celery's
    # schedule (which runs any task with any arguments) are for administrators.
    **dict.fromkeys(["core", "django_celery_beat"], SYSTEM),
}
SUPERUSER_SECTIONS = {SYSTEM}

ROWS = 10  # a list longer than this links to the rest
MEETINGS_AHEAD = timedelta(weeks=6)


@dataclass
class Link:
    text: str
    url: str


@dataclass
class Item:
    """One thing to do: its rows (each a list of cells, text or Link), their total, and where all of them are."""

    title: str
    url: str
    empty: str
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    total: int = 0
    summary: str = ""
    # What the total counts, where it is not the rows: "3 messages" over rows that are groups.
    counts: str = ""
    # Meetings ahead are listed for their readiness: there are nearly always some, so they are not work left.
    to_do: bool = True


def home(request):
    """The context of the staff home: {"sections": [(heading, [Item])], "all_done": bool}."""
    # The rule every staff power follows (with STAFF_TWO_FACTOR on, a session signed in with a code).
    if not is_engagement_staff(request.user):
        return {"sections": [], "all_done": False}
    today = timezone.localdate()
    builders = [
        ("Meetings", Meeting, _meetings),
        ("Meetings", Action, _overdue_actions),
        ("Projects and responses", Project, _responses_due),
        ("Money", ExpenseClaim, _claims_to_decide),
        ("Money", ExpenseClaim, _claims_to_pay),
        ("Money", InvolvementPayment, _payments_to_check),
        ("Recruitment", Application, _new_applications),
        ("Plans and surveys", EngagementPlan, _plans_overdue),
        ("Plans and surveys", Event, _events_ahead),
    ]
    sections = {}
    for heading, model, build in builders:
        model_admin = admin.site.get_model_admin(model)
        if model_admin.has_view_permission(request):
            sections.setdefault(heading, []).append(build(request, model_admin, today))
    # Not the e-mail records' admin, which is for administrators: staff have a page of their own.
    if failed_emails.can_see(request.user):
        counts = _message_counts()
        if notify.enabled():
            sections["Messages"] = [_failed_emails(counts), _letters_to_approve(counts), _letters_and_texts(today)]
        else:
            sections["E-mails"] = [_failed_emails(counts)]
    return {
        "sections": list(sections.items()),
        "all_done": bool(sections)
        and not any(item.total for items in sections.values() for item in items if item.to_do),
    }


def _first_rows(queryset):
    """The first ROWS rows and how many there are in all, in one query: each row carries the total."""
    rows = list(queryset.annotate(home_total=Window(Count("pk")))[:ROWS])
    return rows, rows[0].home_total if rows else 0


def _changelist(model, **filters):
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{query}" if query else url


def _change_url(model):
    return pk_url(f"admin:{model._meta.app_label}_{model._meta.model_name}_change")


def _date(day):
    return f"{day.day} {day:%B %Y}" if day else "Not set"


def _meetings(request, model_admin, today):
    soon = timezone.now() + MEETINGS_AHEAD
    meetings, total = _first_rows(
        Meeting.objects.upcoming().filter(start__lt=soon).select_related("group").with_readiness()
    )
    change = _change_url(Meeting)
    register = pk_url("admin:meetings_meeting_register")
    rows = []
    for meeting in meetings:
        quorum = meeting.group.quorum_for(meeting.invitee_count)
        late = not meeting.papers_are_issued and meeting.papers_deadline and meeting.papers_deadline < today
        rows.append(
            [
                Link(f"{meeting.title}, {meeting.group}", change(meeting.pk)),
                wording.date_in_words(meeting.start),
                _date(meeting.papers_deadline) + (" (passed)" if late else ""),
                "Issued" if meeting.papers_are_issued else "Not issued",
                f"{meeting.attending_count} coming, {meeting.apologies_count} sent apologies, "
                f"{meeting.no_reply_count} not replied",
                f"{meeting.attending_count} of {quorum} needed"
                + ("" if meeting.attending_count >= quorum else ": not quorate yet"),
                str(meeting.needs_count),
                str(meeting.offline_count),
                Link("Who is coming", meeting.get_absolute_url()),
                # The register is taken on the day; before then the replies are the record.
                Link("Take the register", register(meeting.pk)) if timezone.localdate(meeting.start) <= today else "",
            ]
        )
    return Item(
        "Meetings in the next six weeks",
        _changelist(
            Meeting,
            start__date__gte=today.isoformat(),
            start__date__lt=timezone.localdate(soon).isoformat(),
            status__in=f"{Meeting.Status.SCHEDULED},{Meeting.Status.PAPERS_ISSUED}",
        ),
        "No meetings in the next six weeks.",
        [
            "Meeting",
            "Date",
            "Papers deadline",
            "Papers",
            "Replies so far",
            "Expected quorum",
            "People coming with access needs",
            "People who need post or phone",
            "Names and needs",
            "Attendance",
        ],
        rows,
        total,
        to_do=False,
    )


def _overdue_actions(request, model_admin, today):
    actions, total = _first_rows(
        Action.objects.open().filter(due__lt=today).select_related("owner", "meeting").order_by("due", "pk")
    )
    change = _change_url(Action)
    return Item(
        "Actions overdue",
        _changelist(
            Action, status__in=f"{Action.Status.OPEN},{Action.Status.CARRIED_FORWARD}", due__lt=today.isoformat()
        ),
        "No actions are overdue.",
        ["Action", "Owner", "Due by", "From the meeting"],
        [
            [Link(str(action), change(action.pk)), action.owner.display_name, _date(action.due), action.meeting.title]
            for action in actions
        ],
        total,
    )


def _responses_due(request, model_admin, today):
    projects, total = _first_rows(
        Project.objects.awaiting_response().select_related("partner").order_by("closed_at", "pk")
    )
    change = _change_url(Project)
    now = timezone.now()
    return Item(
        "Responses due and overdue",
        _changelist(Project, status__exact=Project.Status.CLOSED),
        "No responses are waiting to be written.",
        ["Project", "Partner", "Comments closed", "Response due", "Status"],
        [
            [
                Link(project.title, change(project.pk)),
                project.partner.name,
                _date(project.comments_closed_on),
                _date(project.response_due_on),
                "Overdue" if project.is_overdue(now) else "Due",
            ]
            for project in projects
        ],
        total,
    )


def _claim_rows(request, model_admin, status, order):
    claims, total = _first_rows(
        ExpenseClaim.objects.filter(status=status)
        .with_totals()
        .with_flags()
        .select_related("claimant", "group")
        .order_by(order, "pk")
    )
    # Deciding (and marking paid) is done on the decide page, for those who may.
    name = "decide" if model_admin.has_change_permission(request) else "change"
    url = pk_url(f"admin:expenses_expenseclaim_{name}")
    rows = []
    for claim in claims:
        checks = [
            text for flag, text in [(claim.not_at_meeting, "Not at the meeting"), (claim.is_late, "Late")] if flag
        ]
        rows.append(
            [
                Link(str(claim), url(claim.pk)),
                claim.claimant.full_name,
                claim.group.name,
                _date(claim.activity_date),
                pounds(claim.total),
                "; ".join(checks) or "None",
            ]
        )
    return rows, total


def _claims(status, order, heading, empty):
    """The home's list of claims in one status: waiting for a decision, or approved and not paid."""

    def item(request, model_admin, today):
        rows, total = _claim_rows(request, model_admin, status, order)
        return Item(
            heading,
            _changelist(ExpenseClaim, status__exact=status),
            empty,
            ["Claim", "Member", "Group", "Date of the activity", "Total", "Needs checking"],
            rows,
            total,
        )

    return item


_claims_to_decide = _claims(
    ExpenseClaim.Status.SUBMITTED,
    "submitted_at",
    "Claims waiting for a decision",
    "No claims are waiting for a decision.",
)
_claims_to_pay = _claims(
    ExpenseClaim.Status.APPROVED,
    "approved_at",
    "Claims approved but not paid",
    "No approved claims are waiting to be paid.",
)


def _payments_to_check(request, model_admin, today):
    """Payments held because they would take a member over the earnings limit they recorded: nothing is paid
    until someone confirms the benefits check (expenses services.confirm_limit_checked)."""
    payments, total = _first_rows(
        InvolvementPayment.objects.filter(status=InvolvementPayment.Status.CHECK)
        .select_related("person", "group")
        .order_by("activity_date", "pk")
    )
    check = pk_url("admin:expenses_involvementpayment_limit_check")
    return Item(
        "Payments waiting for a benefits check",
        _changelist(InvolvementPayment, status__exact=InvolvementPayment.Status.CHECK),
        "No payments are waiting for a benefits check.",
        ["Member", "Group", "Activity on", "Amount"],
        [
            [
                Link(payment.person.full_name, check(payment.pk)),
                payment.group.name,
                _date(payment.activity_date),
                pounds(payment.amount),
            ]
            for payment in payments
        ],
        total,
    )


def _new_applications(request, model_admin, today):
    applications, total = _first_rows(
        Application.objects.filter(status=Application.Status.RECEIVED)
        .select_related("round")
        .order_by("submitted", "pk")
    )
    change = _change_url(Application)
    return Item(
        "New expressions of interest",
        _changelist(Application, status__exact=Application.Status.RECEIVED),
        "No new expressions of interest.",
        ["Name", "Recruitment round", "Received"],
        [
            [
                Link(application.full_name, change(application.pk)),
                application.round.title,
                _date(timezone.localdate(application.submitted)),
            ]
            for application in applications
        ],
        total,
    )


def _plans_overdue(request, model_admin, today):
    plans, total = _first_rows(
        EngagementPlan.objects.with_progress(today)
        .filter(overdue_count__gt=0)
        .select_related("project")
        .order_by("-overdue_count", "pk")
    )
    change = _change_url(EngagementPlan)
    return Item(
        "Plans with overdue actions",
        _changelist(EngagementPlan),
        "No plan has an overdue action.",
        ["Plan", "Actions overdue", "Actions done"],
        [
            [
                Link(plan.project.title, change(plan.pk)),
                str(plan.overdue_count),
                f"{plan.done_count} of {plan.action_count}",
            ]
            for plan in plans
        ],
        total,
    )


def _events_ahead(request, model_admin, today):
    """Workshops and public events to come, with their replies so far, each linking to its registrations."""
    events, total = _first_rows(Event.objects.ahead().with_counts().select_related("plan__project"))
    registrations = pk_url("admin:events_event_registrations")
    register = pk_url("admin:events_event_register")
    return Item(
        "Workshops and events to come",
        _changelist(Event, start__date__gte=today.isoformat()),
        "No workshops or events are arranged.",
        ["Event", "Project", "Date", "Coming", "Waiting list", "No reply yet", "Attendance"],
        [
            [
                Link(event.title, registrations(event.pk)),
                event.plan.project.title,
                wording.date_in_words(event.start),
                f"{event.coming_count} of {event.capacity}" if event.capacity else str(event.coming_count),
                str(event.waiting_count),
                str(event.no_reply_count),
                # The register is taken on the day.
                Link("Take the register", register(event.pk)) if timezone.localdate(event.start) <= today else "",
            ]
            for event in events
        ],
        total,
        to_do=False,
    )


def _message_counts():
    """Failed, unknown and undelivered messages, and letters waiting for approval, in one query."""
    Status = Notification.Status
    return Notification.objects.filter(failed_emails.needs_staff() | Q(status=Status.AWAITING_APPROVAL)).aggregate(
        failed=Count("pk", filter=Q(status=Status.FAILED)),
        unknown=Count("pk", filter=Q(status=Status.UNKNOWN)),
        undelivered=Count("pk", filter=Q(status=Status.SENT)),
        to_approve=Count("pk", filter=Q(status=Status.AWAITING_APPROVAL)),
    )


def _failed_emails(counts):
    noun = failed_emails.NOUN[notify.enabled()]
    said = [
        f"{counted(counts['failed'], noun)} could not be sent" if counts["failed"] else "",
        f"{counted(counts['unknown'], noun)} may not have gone" if counts["unknown"] else "",
        f"{counted(counts['undelivered'], noun)} could not be delivered" if counts["undelivered"] else "",
    ]
    return Item(
        f"{noun.capitalize()}s that failed",
        reverse("admin:failed_emails"),
        f"No {noun}s have failed.",
        total=counts["failed"] + counts["unknown"] + counts["undelivered"],
        summary=" and ".join(part for part in said if part)
        + ". See who each was to, what it was, why, and what to do.",
    )


def _letters_to_approve(counts):
    total = counts["to_approve"]
    return Item(
        "Letters waiting for your approval",
        reverse("admin:letters_to_approve"),
        "No letters are waiting for approval.",
        total=total,
        summary=f"{counted(total, 'letter')} waiting for your approval, costing about {letter_approval.cost(total)}. "
        "Nothing is posted until you approve.",
    )


def _month_start(day):
    return timezone.make_aware(datetime.combine(day.replace(day=1), datetime.min.time()))


def _letters_and_texts(today):
    """Letters and text messages sent this month and last, per group, in one query. A project in several
    groups is counted under the first by name."""
    Channel = Notification.Channel
    this_month = _month_start(today)
    last_month = _month_start(this_month.date() - timedelta(days=1))
    meeting_group = Meeting.objects.filter(pk=OuterRef("object_id")).values("group__name")[:1]
    project_group = (
        Project.groups.through.objects.filter(project_id=OuterRef("object_id"))
        .order_by("engagementgroup__name")
        .values("engagementgroup__name")[:1]
    )
    now, before = Q(sent_at__gte=this_month), Q(sent_at__lt=this_month)
    letter, text = Q(channel=Channel.LETTER), Q(channel=Channel.SMS)
    groups = list(
        Notification.objects.filter(
            channel__in=[Channel.LETTER, Channel.SMS], status=Notification.Status.SENT, sent_at__gte=last_month
        )
        .annotate(
            group=Case(
                When(content_type__app_label="meetings", content_type__model="meeting", then=Subquery(meeting_group)),
                When(content_type__app_label="feedback", content_type__model="project", then=Subquery(project_group)),
                default=Value("Other"),
            )
        )
        .values("group")
        .annotate(
            letters=Count("pk", filter=letter & now),
            texts=Count("pk", filter=text & now),
            letters_before=Count("pk", filter=letter & before),
            texts_before=Count("pk", filter=text & before),
        )
        .order_by("group")
    )

    sent = sum(row["letters"] + row["texts"] + row["letters_before"] + row["texts_before"] for row in groups)

    def cost(letters, texts):
        pence = letters * settings.NOTIFY_LETTER_COST_PENCE + texts * settings.NOTIFY_TEXT_COST_PENCE
        return pounds(Decimal(pence) / 100)

    return Item(
        "Letters and text messages sent this month and last",
        "",  # no page lists sent messages to staff: the table is the whole of it
        "No letters or text messages have been sent this month or last.",
        [
            "Group",
            f"Letters in {this_month:%B}",
            f"Texts in {this_month:%B}",
            "Cost",
            f"Letters in {last_month:%B}",
            f"Texts in {last_month:%B}",
            "Cost",
        ],
        [
            [
                row["group"] or "No group",
                str(row["letters"]),
                str(row["texts"]),
                cost(row["letters"], row["texts"]),
                str(row["letters_before"]),
                str(row["texts_before"]),
                cost(row["letters_before"], row["texts_before"]),
            ]
            for row in groups
        ],
        sent,
        counts=counted(sent, "message"),
        to_do=False,
    )
