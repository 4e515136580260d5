from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from engagement.core import documents, idempotency
from engagement.core.dates import local_today
from engagement.core.forms import as_id, submitted
from feedback import rules as feedback_rules
from feedback.views import comments_closed, edit_refusal
from members.access import get_group_for_user
from members.rules import can_view_equality_report, is_engagement_staff

from . import access, charts, reports, rules
from . import documents as planning_documents
from .forms import PlanCommentForm, SurveyForm, TelephoneSurveyForm
from .models import Area, EngagementPlan, Survey, SurveyResponse

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
    plan = access.get_plan_for_user(request.user, project_pk)
    return _plan_page(request, plan, PlanCommentForm())


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
    return _plan_page(request, plan, form)


def _save_plan_comment(request, plan, form):
    comment = form.save(commit=False)
    comment.plan = plan
    comment.author = request.user
    comment.save()
    messages.success(request, "Thank you. Your comment on the plan has been added.")
    return redirect(comment.get_absolute_url())


def _by_category(stakeholders):
    """Who the plan involves, by category, without anyone's contact details: members see this, staff see more."""
    categories = {}
    for stakeholder in stakeholders:
        categories.setdefault(stakeholder.get_category_display(), []).append(stakeholder)
    return sorted(categories.items())


def _comment_page(request, plan):
    """The page of comments asked for: by number, or the one holding ?comment=<id> (links to one comment)."""
    visible = plan.comments.select_related("author").only(
        "plan", "author", "body", "created", "edited_at", "withdrawn_at", *AUTHOR_FIELDS
    )
    if not is_engagement_staff(request.user):
        visible = visible.filter(withdrawn_at=None)  # rules.can_see_plan_comment, as a query
    paginator = Paginator(visible, COMMENTS_PER_PAGE)
    wanted_id = as_id(request.GET.get("comment", ""))
    wanted = visible.filter(pk=wanted_id).values("created", "pk").first() if wanted_id is not None else None
    if wanted:
        # Oldest first (PlanComment.Meta.ordering): its page follows from how many come before it.
        before = visible.filter(Q(created__lt=wanted["created"]) | Q(created=wanted["created"], pk__lt=wanted["pk"]))
        return paginator.get_page(before.count() // COMMENTS_PER_PAGE + 1)
    return paginator.get_page(request.GET.get("page"))


def _plan_page(request, plan, form):
    user, today, now = request.user, local_today(), timezone.now()
    actions = list(plan.actions.select_related("owner"))
    progress = EngagementPlan.progress(actions, today)
    page = _comment_page(request, plan)
    for comment in page:
        comment.plan = plan
        # Worked out here, once a comment: the template would otherwise ask the lazy request.user each time.
        comment.is_mine = comment.author_id == user.pk
        comment.can_edit = comment.is_mine and rules.can_edit_plan_comment(user, comment, now)
    return render(
        request,
        "planning/plan_detail.html",
        {
            "plan": plan,
            "project": plan.project,
            "progress": progress,
            "total": len(actions),
            "done": sum(step.done for step in progress),
            "overdue": sum(step.overdue for step in progress),
            "timeline": charts.timeline(progress, today),
            "stakeholders": _by_category(plan.stakeholders.all()),
            "sources": plan.feedback_sources.all(),
            "events": plan.events.only("plan", "title", "start", "audience", "sign_up_open", "cancelled_at"),
            "comments": page,
            "form": form,
            "may_comment": rules.can_comment_on_plan(user, plan, now),
            "is_staff": is_engagement_staff(user),
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
