from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from engagement.core import documents, idempotency
from engagement.core.dates import local_today
from engagement.core.forms import as_id, submitted
from engagement.core.prepared import PreparedQuery, instance
from engagement.core.row_urls import pk_url
from engagement.core.templatetags.dates import long_date
from feedback import discussion
from feedback import rules as feedback_rules
from feedback.events import reports as event_reports
from feedback.events.models import Event
from feedback.views import comments_closed, edit_refusal
from meetings.wording import date_in_words
from members.access import get_group_for_user
from members.models import User
from members.rules import can_view_equality_report

from . import access, charts, reports, rules
from . import documents as planning_documents
from .forms import PlanCommentForm, SurveyForm, TelephoneSurveyForm
from .models import Area, EngagementPlan, FeedbackSource, PlanAction, Stakeholder, Survey, SurveyResponse

# Annual reports start from this financial year; earlier ones would be empty.
FIRST_REPORT_YEAR = 2015
# A long discussion is paged so the plan page stays quick to open and to read: each comment is
# a card of its own, and rendering fifty of them cost more than the rest of the page together.
COMMENTS_PER_PAGE = 20
# All a comment card shows of its author (User.display_name), rather than every column of the account.
AUTHOR_FIELDS = ("author__preferred_name", "author__full_name")
EARLIER_YEARS_LISTED = 4


def _home():
    return ("Home", reverse("dashboard"))


def _project_crumbs(project):
    return [_home(), ("Projects", reverse("feedback:project_list")), (project.title, project.get_absolute_url())]


def _plan_crumbs(plan):
    return [*_project_crumbs(plan.project), ("Engagement plan", plan.get_absolute_url())]


def _surveys():
    return ("Self-assessment surveys", reverse("planning:survey_list"))


@login_required
def plan_detail(request, project_pk):
    plan, facts = access.get_plan_page_for_user(request.user, project_pk)
    return _plan_page(request, plan, PlanCommentForm(), facts)


@login_required
@require_POST
def add_plan_comment(request, project_pk):
    plan = access.get_plan_for_user(request.user, project_pk)
    if not feedback_rules.takes_part_in(request.user, plan.project):
        raise PermissionDenied
    if not rules.can_comment_on_plan(request.user, plan):
        return comments_closed(request, plan.project)
    form = PlanCommentForm(request.POST)
    if form.is_valid():
        return idempotency.once(request, lambda: _save_plan_comment(request, plan, form))
    plan, facts = access.get_plan_page_for_user(request.user, project_pk)
    return _plan_page(request, plan, form, facts)


def _save_plan_comment(request, plan, form):
    comment = form.save(commit=False)
    comment.plan = plan
    comment.author = request.user
    comment.save()
    messages.success(request, "Thank you. Your comment on the plan has been added.")
    return redirect(comment.get_absolute_url())


def _by_category(rows):
    """Who the plan involves, by category, without anyone's contact details: members see this, staff see more.
    A row of the summary list a category, drawn here rather than by the template, as the events are: each
    one's organisation and the steps at which they are involved, a line each."""
    labels = dict(Stakeholder.Category.choices)
    categories = {}
    for row in rows:
        shown = escape(row["organisation"] or "An individual")
        if row["steps"]:
            shown += f": steps {escape(', '.join(str(step) for step in row['steps']))}"
        categories.setdefault(labels.get(row["category"], row["category"]), []).append(shown)
    return mark_safe(
        "".join(
            '\n      <div class="nhsuk-summary-list__row">\n'
            f'        <dt class="nhsuk-summary-list__key">{escape(category)} ({len(people)})</dt>\n'
            '        <dd class="nhsuk-summary-list__value">\n'
            f"          {'<br>'.join(people)}\n"
            "        </dd>\n      </div>"
            for category, people in sorted(categories.items())
        )
    )


def _event_items(rows, staff, sees_reports):
    """The plan's events as the page lists them, drawn here rather than by the template, as the comment
    cards are: each with its sign-up link while public sign-up is open, its registrations for staff,
    and its report once it has happened, for those who may read it (reports.can_see_reports)."""
    registrations_url = pk_url("admin:events_event_registrations") if staff else None
    report_url = pk_url("events:report_pdf") if sees_reports else None
    items = []
    for row in rows:
        event = instance(Event, row)
        title = escape(event.title)
        if event.is_public and event.sign_up_open:
            title = f'<a href="{escape(event.get_public_url())}">{title}</a>'
        # As the date filter's "l j F Y" writes it, for less.
        line = f"{title}, {date_in_words(event.start)}: {escape(event.get_audience_display().lower())}"
        if event.is_cancelled:
            line += " (cancelled)"
        if registrations_url:
            line += f' (<a href="{registrations_url(event.pk)}">registrations</a>)'
        if report_url and event_reports.has_report(event):
            line += f' (<a href="{report_url(event.pk)}">event report, PDF</a>)'
        items.append(f"<li>{line}</li>")
    return mark_safe("".join(items))


def _sources_drawn(rows):
    """The feedback people have already given, each source with its themes, drawn here rather than by
    the template, as the events are."""
    drawn = []
    for row in rows:
        source = instance(FeedbackSource, row)
        when = f", {source.date:%B %Y}" if source.date else ""  # as the date filter's "F Y" writes it
        themes = "".join(f"<li>{escape(theme)}</li>" for theme in source.theme_list)
        drawn.append(
            f'\n    <h3 class="nhsuk-heading-s">{escape(source.title)}</h3>\n'
            f'    <p class="nhsuk-body-s nhsuk-u-secondary-text-colour">{escape(source.get_kind_display())}{when}</p>\n'
            '    <ul class="nhsuk-list nhsuk-list--bullet">\n'
            f"      {themes}\n"
            "    </ul>\n"
        )
    return mark_safe("".join(drawn))


# Built once per process (engagement.core.prepared). The plan page's actions, and a page of its comments:
# the shape is whether staff are looking (they also see withdrawn comments) and where the page starts.
ACTIONS = PreparedQuery(lambda shape, plan_id: PlanAction.objects.filter(plan=plan_id).values(*PlanAction.ROW_FIELDS))
COMMENTS = PreparedQuery(
    lambda shape, plan_id: (
        access.visible_comments(shape[0])
        .filter(plan=plan_id)
        .values("pk", "author_id", "body", "created", "edited_at", "withdrawn_at", *AUTHOR_FIELDS)[
            shape[1] : shape[1] + COMMENTS_PER_PAGE
        ]
    )
)
# And the rest of what the plan page lists, each read only when the plan has some (PLAN_PAGE_FACTS).
STAKEHOLDERS = PreparedQuery(
    lambda shape, plan_id: Stakeholder.objects.filter(plan=plan_id).values("organisation", "category", "steps")
)
EVENTS = PreparedQuery(
    lambda shape, plan_id: Event.objects.filter(plan=plan_id).values(
        "id", "title", "start", "audience", "sign_up_open", "cancelled_at"
    )
)
SOURCES = PreparedQuery(
    lambda shape, plan_id: FeedbackSource.objects.filter(plan=plan_id).values(
        "id", "kind", "title", "date", "key_themes"
    )
)


class _Comments:
    """The plan's comments as the Paginator sees them: counted by the query that found the plan, and
    each page read by COMMENTS."""

    def __init__(self, plan_id, staff, count):
        self.plan_id, self.staff, self.counted = plan_id, staff, count

    def count(self):
        return self.counted

    def __getitem__(self, rows):
        if not self.counted:
            return []
        return COMMENTS.rows((self.staff, rows.start), plan_id=self.plan_id)


def _comment_page(request, plan, facts):
    """The page of comments asked for: by number, or the one holding ?comment=<id> (links to one comment)."""
    paginator = Paginator(_Comments(plan.pk, facts["staff"], facts["comment_count"]), COMMENTS_PER_PAGE)
    wanted_id = as_id(request.GET.get("comment", ""))
    if wanted_id is not None:
        visible = access.visible_comments(facts["staff"]).filter(plan=plan)
        wanted = visible.filter(pk=wanted_id).values("created", "pk").first()
        if wanted:
            # Oldest first (PlanComment.Meta.ordering): its page follows from how many come before it.
            before = visible.filter(
                Q(created__lt=wanted["created"]) | Q(created=wanted["created"], pk__lt=wanted["pk"])
            )
            return paginator.get_page(before.count() // COMMENTS_PER_PAGE + 1)
    return paginator.get_page(request.GET.get("page"))


def _actions_drawn(rows, today):
    """The progress by step, and the timeline with the actions step by step: drawn once for everyone
    who sees the same and kept.

    Drawing them is most of the page's time, and everyone sees them alike. The key is a digest of
    every column read of every action (ACTIONS) and of the day (what is overdue, where today's line
    falls), so any change to an action makes a new key and no action is ever shown stale (a new
    release's change to their wording shows within discussion.SECONDS).
    """

    def draw():
        actions = [PlanAction.from_row(row) for row in rows]
        progress = EngagementPlan.progress(actions, today)
        context = {
            "progress": progress,
            "total": len(actions),
            "done": sum(step.done for step in progress),
            "overdue": sum(step.overdue for step in progress),
            "timeline": charts.timeline(progress, today),
        }
        return (
            render_to_string("planning/includes/plan_progress.html", context),
            render_to_string("planning/includes/plan_actions.html", context),
        )

    return discussion.get_or_draw(discussion.key("plan-steps", today, [tuple(row.values()) for row in rows]), draw)


def _comment_card(comment, project_pk, is_mine, withdrawn, can_edit, zone):
    """A comment on the plan as an NHS.UK card, built here rather than by the template: a page shows
    twenty, and as template markup they cost more than the rest of the page. html.escape is Django's
    escape() without its lazy-text checks, which cost more than the card (as in meetings_tags).
    zone: the current time zone, looked up once for the page."""
    links = ""
    if can_edit:
        change = reverse("planning:edit_plan_comment", args=[project_pk, comment["pk"]])
        withdraw = reverse("planning:withdraw_plan_comment", args=[project_pk, comment["pk"]])
        links = (
            '\n        <ul class="nhsuk-list nhsuk-u-margin-bottom-0">\n'
            f'          <li><a href="{escape(change)}">Change<span class="nhsuk-u-visually-hidden"> your comment on the plan</span></a></li>\n'
            f'          <li><a href="{escape(withdraw)}">Withdraw<span class="nhsuk-u-visually-hidden"> your comment on the plan</span></a></li>\n'
            "        </ul>\n        "
        )
    name = escape(User.name_shown(comment["author__preferred_name"], comment["author__full_name"]))
    you = " (you)" if is_mine else ""
    edited = " (edited)" if comment["edited_at"] else ""
    tag = WITHDRAWN_TAG if withdrawn else ""
    body = linebreaks(comment["body"], autoescape=True)  # escaped by linebreaks()
    return mark_safe(
        f'\n    <div class="nhsuk-card nhsuk-u-margin-bottom-4" id="plan-comment-{comment["pk"]}">\n'
        '      <div class="nhsuk-card__content">\n'
        f'        <h3 class="nhsuk-card__heading nhsuk-heading-s">{name}{you}</h3>\n'
        f'        <p class="nhsuk-body-s nhsuk-u-secondary-text-colour">{long_date(localtime(comment["created"], zone))}{edited}</p>\n'
        f"        {tag}\n        {body}\n        {links}\n      </div>\n    </div>\n    "
    )


WITHDRAWN_TAG = mark_safe('<p><strong class="nhsuk-tag nhsuk-tag--grey">Withdrawn by its author</strong></p>')


def _plan_page(request, plan, form, facts):
    """facts: what access.get_plan_page_for_user() read with the plan."""
    user, today, now = request.user, local_today(), timezone.now()
    page = _comment_page(request, plan, facts)
    progress_html, actions_html = _actions_drawn(ACTIONS.rows(None, plan_id=plan.pk), today)
    project_open = plan.project.is_open_for_comments(now)
    zone = timezone.get_current_timezone()
    cards = []
    for comment in page:
        withdrawn = comment["withdrawn_at"] is not None
        # Worked out here, once a comment: the template would otherwise ask the lazy request.user each time.
        is_mine = comment["author_id"] == user.pk
        can_edit = is_mine and rules.may_edit_plan_comment(user, comment["author_id"], withdrawn, project_open)
        cards.append(_comment_card(comment, plan.project_id, is_mine, withdrawn, can_edit, zone))
    return render(
        request,
        "planning/plan_detail.html",
        {
            "plan": plan,
            "project": plan.project,
            "progress_html": progress_html,
            "actions_html": actions_html,
            # Each read only when the plan has any (the plan's query says).
            "stakeholders": _by_category(STAKEHOLDERS.rows(None, plan_id=plan.pk)) if facts["has_stakeholders"] else "",
            "sources": _sources_drawn(SOURCES.rows(None, plan_id=plan.pk)) if facts["has_sources"] else "",
            "events": (
                _event_items(
                    EVENTS.rows(None, plan_id=plan.pk),
                    facts["staff"],
                    event_reports.can_see_reports(user, plan.project, chairs=facts["chairs"]),
                )
                if facts["has_events"]
                else ""
            ),
            "comments": page,
            "cards": mark_safe("".join(cards)),
            "form": form,
            "may_comment": rules.can_comment_on_plan(user, plan, now, takes_part=facts["takes_part"]),
            "is_staff": facts["staff"],
            "crumbs": _project_crumbs(plan.project),
        },
    )


@login_required
def edit_plan_comment(request, project_pk, comment_pk):
    comment = access.get_plan_comment_for_user(request.user, project_pk, comment_pk)
    refusal = edit_refusal(request, comment, rules.can_edit_plan_comment(request.user, comment), comment.plan.project)
    if refusal:
        return refusal
    form = PlanCommentForm(submitted(request), initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        comment.edit(form.cleaned_data["body"])
        messages.success(request, "Your comment on the plan has been changed.")
        return redirect(comment.get_absolute_url())
    return render(
        request,
        "planning/comment_form.html",
        {"form": form, "plan": comment.plan, "crumbs": _plan_crumbs(comment.plan)},
    )


@login_required
def withdraw_plan_comment(request, project_pk, comment_pk):
    comment = access.get_plan_comment_for_user(request.user, project_pk, comment_pk)
    refusal = edit_refusal(request, comment, rules.can_edit_plan_comment(request.user, comment), comment.plan.project)
    if refusal:
        return refusal
    if request.method == "POST":
        comment.withdraw()
        messages.success(request, "Your comment on the plan has been withdrawn.")
        return redirect(comment.plan.get_absolute_url() + "#plan-comments")
    return render(
        request,
        "planning/comment_withdraw.html",
        {"comment": comment, "plan": comment.plan, "crumbs": _plan_crumbs(comment.plan)},
    )


@never_cache
def survey_response(request, token):
    """The private survey link: no account, one response per invitation."""
    invitation = access.get_invitation(token)
    if invitation is None:
        return render(request, "planning/survey_link_problem.html", status=404)
    survey = invitation.survey
    if invitation.is_used:
        return render(request, "planning/survey_done.html", {"invitation": invitation, "survey": survey})
    if not survey.is_open():
        return render(request, "planning/survey_closed.html", {"survey": survey, "today": local_today()}, status=403)
    form = SurveyForm(submitted(request), areas=Area.objects.all())
    if request.method == "POST" and form.is_valid():
        if SurveyResponse.objects.record(survey, form.answers(), invitation=invitation) is not None:
            messages.success(request, "Thank you. Your answers have been sent.")
        return redirect(invitation.get_absolute_url())
    return render(request, "planning/survey_form.html", {"form": form, "survey": survey, "invitation": invitation})


def _staff_only(user):
    if not rules.can_run_surveys(user):
        raise Http404


@login_required
def survey_list(request):
    _staff_only(request.user)
    surveys = Survey.objects.select_related("group").annotate(
        response_count=Count("responses", distinct=True), invitation_count=Count("invitations", distinct=True)
    )
    return render(
        request,
        "planning/survey_list.html",
        {"surveys": surveys, "can_enter": rules.can_enter_telephone_answers(request.user), "crumbs": [_home()]},
    )


@login_required
def survey_report(request, pk):
    survey = access.get_survey_for_staff(request.user, pk)
    return render(
        request,
        "planning/survey_report.html",
        {
            "report": reports.survey_report(survey),
            "can_enter": rules.can_enter_telephone_answers(request.user),
            "crumbs": [_home(), _surveys()],
        },
    )


@login_required
def survey_report_pdf(request, pk):
    survey = access.get_survey_for_staff(request.user, pk)
    large_print = documents.large_print_asked(request)
    document = planning_documents.survey_report(reports.survey_report(survey), large_print)
    filename = f"self-assessment-report-{survey.pk}{'-large-print' if large_print else ''}.pdf"
    return documents.pdf_response(document.stored(), filename)


@login_required
def telephone_response(request, pk):
    survey = access.get_survey_for_staff(request.user, pk)
    if not rules.can_enter_telephone_answers(request.user):
        raise PermissionDenied
    form = TelephoneSurveyForm(submitted(request), areas=Area.objects.all(), survey=survey)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = SurveyResponse.objects.record(
            survey,
            form.answers(),
            invitation=data["invitation"],
            entered_by=request.user,
            name=data["respondent_name"].strip(),
            organisation=data["organisation"].strip(),
        )
        if response is not None:
            messages.success(
                request,
                f"The answers from {response.respondent_name} are saved, marked as entered by you (telephone).",
            )
            return redirect("planning:telephone_response", pk=survey.pk)
        form.add_error("invitation", "This person has just answered through their own link. Choose someone else")
    return render(
        request,
        "planning/telephone_form.html",
        {
            "form": form,
            "survey": survey,
            "crumbs": [_home(), _surveys(), (survey.title, survey.get_report_url())],
        },
    )


def _report_for(request, slug, year):
    group = get_group_for_user(request.user, slug)
    if not rules.can_see_annual_report(request.user, group):
        raise PermissionDenied
    if not FIRST_REPORT_YEAR <= year <= reports.current_report_year():
        raise Http404("There is no annual report for that year yet.")
    # Checked here, on the server: the figures are not even worked out for anyone else.
    return reports.annual_report(group, year, with_equality=can_view_equality_report(request.user))


@login_required
def annual_report(request, slug, year):
    report = _report_for(request, slug, year)
    current = reports.current_report_year()
    years = [
        (other, f"{other}/{(other + 1) % 100:02d}")
        for other in range(current, max(current - EARLIER_YEARS_LISTED, FIRST_REPORT_YEAR - 1), -1)
        if other != year
    ]
    return render(
        request,
        "planning/annual_report.html",
        {
            "report": report,
            "years": years,
            "crumbs": [
                _home(),
                ("You said, we did", reverse("feedback:you_said_we_did") + f"?group={report.group.slug}"),
            ],
        },
    )


@login_required
def annual_report_pdf(request, slug, year):
    report = _report_for(request, slug, year)
    large_print = documents.large_print_asked(request)
    document = planning_documents.annual_report(report, large_print)
    filename = (
        f"annual-report-{report.group.slug}-{report.label.replace('/', '-')}{'-large-print' if large_print else ''}.pdf"
    )
    return documents.pdf_response(document.stored(), filename)


@login_required
def annual_report_docx(request, slug, year):
    report = _report_for(request, slug, year)
    return planning_documents.annual_report_word(report).response(
        f"annual-report-{report.group.slug}-{report.label.replace('/', '-')}.docx"
    )
