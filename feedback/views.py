import functools
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, IntegerField, Max, Prefetch, Q, TextField, Value, Window
from django.db.models.functions import Cast, RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from engagement.core import documents, idempotency
from engagement.core.dates import local_today, start_of_day
from engagement.core.forms import as_id, submitted
from engagement.core.paging import counted, first_page, page_counted_by_window, page_number
from engagement.core.prepared import PreparedQuery
from engagement.core.row_urls import pk_url
from engagement.core.templatetags.dates import long_date
from engagement.core.uploads import easy_read_response, file_response
from members.access import get_group_for_user
from members.models import EngagementGroup, User, groups_with_access

from . import discussion, rules, services
from . import documents as feedback_documents
from .access import get_comment_for_user, get_project_for_page, get_project_for_user
from .documents import entries_by_theme, group_entries_from
from .forms import CommentForm, EditCommentForm, EmailSettingsForm, ReplyForm, ResponseFilterForm
from .impact import group_impact
from .models import ChecklistArea, FeedbackPreference, Paper, Project, Question, ResponseEntry
from .planning.models import EngagementPlan
from .templatetags.comment_cards import personalise

PER_PAGE = 25
THREADS_PER_PAGE = 50


def _home():
    return ("Home", reverse("dashboard"))


def _projects():
    return ("Projects", reverse("feedback:project_list"))


def _project(project):
    return (project.title, project.get_absolute_url())


def _listing(staff, user_id):
    """The projects the list shows, as Project.objects.visible_to() finds them for the person (seen_by,
    with the groups their memberships give them access to), and what a card shows of each: status,
    closes_on and closed_at decide the status tag; views gathered offline are shown instead of a count
    of comments. Built from stand-ins by a PreparedQuery, so only `staff` may change its form."""
    groups = groups_with_access(user_id)
    return (
        Project.objects.seen_by(staff, groups)
        .for_listing()
        .with_comment_count()
        .with_commented_by(user_id)
        .values(
            *("pk", "title", "status", "closes_on", "closed_at", "gathered", "gathered_on", "partner__name"),
            *("comment_count", "commented_by_me"),
        )
    )


# Built once per process (engagement.core.prepared): the first page, which nearly everyone sees; the
# shape is whether staff are looking. Later pages are built each time, so each page number is not kept.
FIRST_PROJECTS_PAGE = PreparedQuery(lambda staff, user_id: counted(_listing(staff, user_id))[:PER_PAGE])
GROUP_NAMES = PreparedQuery(
    lambda shape, project_ids: (
        Project.groups.through.objects.filter(project__in=project_ids)
        .order_by("engagementgroup__name")
        .values("project_id", "engagementgroup__name")
    )
)

# How views gathered away from the website are named on a card, in place of its count of comments.
_GATHERED_OFFLINE = {value: label for value, label in Project.Gathered.choices if value != Project.Gathered.ONLINE}


@login_required
def project_list(request):
    user = request.user
    staff = rules.is_engagement_staff(user)
    number = page_number(request.GET.get("page"))
    if number == 1:
        page = first_page(FIRST_PROJECTS_PAGE.rows(staff, user_id=user.pk), PER_PAGE)
    else:
        page = page_counted_by_window(_listing(staff, user.pk), number, PER_PAGE)
    url, response_url = pk_url("feedback:project_detail"), pk_url("feedback:project_response")
    # Each project's groups' names in name order, from (id, name) pairs rather than group objects.
    group_names = {}
    for pair in GROUP_NAMES.rows(None, project_ids=[project["pk"] for project in page]):
        group_names.setdefault(pair["project_id"], []).append(pair["engagementgroup__name"])
    now = timezone.now()
    for project in page:
        project["url"], project["response_url"] = url(project["pk"]), response_url(project["pk"])
        project["group_names"] = ", ".join(group_names.get(project["pk"], ()))
        # Worked out here, not by an include in the loop: an include a card cost more than the card.
        project["tag_colour"], project["tag_text"] = Project.tag_at(
            project["status"], project["closes_on"], project["closed_at"], now
        )
        project["card"] = _project_card(project, _GATHERED_OFFLINE.get(project["gathered"]))
    return render(request, "feedback/project_list.html", {"page": page, "crumbs": [_home()]})


def _project_card(project, gathered_offline):
    """A project's card on the list, the NHS.UK card the template drew: drawn here, as the template
    drawing 25 of them cost more than the rest of the page. gathered_offline: how its views were gathered,
    if not online, shown in place of its count of comments."""
    title = escape(project["title"])
    commented = (
        ' <strong class="nhsuk-tag nhsuk-tag--white">You have commented</strong>' if project["commented_by_me"] else ""
    )
    closes = (
        '\n          <div class="nhsuk-summary-list__row">\n'
        '            <dt class="nhsuk-summary-list__key">Comments close</dt>\n'
        f'            <dd class="nhsuk-summary-list__value">{long_date(project["closes_on"])}</dd>\n'
        "          </div>\n          "
        if project["closes_on"]
        else ""
    )
    if gathered_offline:
        on = f", {long_date(project['gathered_on'])}" if project["gathered_on"] else ""
        views = (
            '\n            <dt class="nhsuk-summary-list__key">Views gathered</dt>\n'
            f'            <dd class="nhsuk-summary-list__value">{escape(gathered_offline)}{on}</dd>\n            '
        )
    else:
        views = (
            '\n            <dt class="nhsuk-summary-list__key">Comments</dt>\n'
            f'            <dd class="nhsuk-summary-list__value">{project["comment_count"]}</dd>\n            '
        )
    response = (
        f'<p class="nhsuk-u-margin-top-4 nhsuk-u-margin-bottom-0"><a href="{project["response_url"]}">Read the response'
        f'<span class="nhsuk-u-visually-hidden"> to {title}</span></a></p>'
        if project["status"] == Project.Status.PUBLISHED
        else ""
    )
    return mark_safe(
        '\n    <div class="nhsuk-card">\n      <div class="nhsuk-card__content">\n'
        f'        <h2 class="nhsuk-card__heading nhsuk-heading-m"><a href="{project["url"]}">{title}</a></h2>\n'
        f'        <p><strong class="nhsuk-tag nhsuk-tag--{project["tag_colour"]}">{project["tag_text"]}</strong>'
        f"{commented}</p>\n"
        '        <dl class="nhsuk-summary-list nhsuk-summary-list--no-border nhsuk-u-margin-bottom-0">\n'
        '          <div class="nhsuk-summary-list__row">\n'
        '            <dt class="nhsuk-summary-list__key">From</dt>\n'
        f'            <dd class="nhsuk-summary-list__value">{escape(project["partner__name"])}</dd>\n'
        "          </div>\n"
        '          <div class="nhsuk-summary-list__row">\n'
        '            <dt class="nhsuk-summary-list__key">For</dt>\n'
        f'            <dd class="nhsuk-summary-list__value">{escape(project["group_names"])}</dd>\n'
        f"          </div>\n          {closes}\n"
        f'          <div class="nhsuk-summary-list__row">\n            {views}\n'
        "          </div>\n"
        f"        </dl>\n        {response}\n"
        "      </div>\n    </div>\n    "
    )


@login_required
def project_detail(request, pk):
    project, groups = get_project_for_page(request.user, pk)
    # "Comment on this question" links here with the question chosen in the form.
    return _project_page(
        request, project, _about(project), None, groups, question=as_id(request.GET.get("question", ""))
    )


def _about_parts(shape, project_id, today):
    """The project's questions, themes, papers and checklist areas (each with the project's `answer`), as
    rows of (part, item, label, detail, rank), and its engagement plan with its progress: one query rather
    than five. Each part is the queryset the page read before, for a stand-in project; `rank` is a row's
    place in its model's ordering."""
    project = Project(pk=project_id)
    # Typed, for PostgreSQL matches each part's columns to the one before it.
    no_text, no_number = Cast(None, output_field=TextField()), Cast(None, output_field=IntegerField())
    no_progress = {"action_count": no_number, "done_count": no_number, "overdue_count": no_number}
    parts = [
        (project.questions.all(), "text", no_text),
        (project.themes.all(), "name", no_text),
        (project.papers.all(), "title", F("url")),
        (project.checklist(), "name", F("answer")),
    ]
    columns = ("part", "item", "label", "detail", "rank", *no_progress)
    first, *others = [
        queryset.annotate(
            part=Value(number),
            item=F("pk"),
            label=F(label),
            detail=detail,
            rank=Window(RowNumber(), order_by=queryset.model._meta.ordering),
            **no_progress,
        )
        .order_by()
        .values(*columns)
        for number, (queryset, label, detail) in enumerate(parts)
    ]
    # As the plan_link tag reads it (a plan is visible exactly when its project is).
    plan = (
        EngagementPlan.objects.filter(project=project_id)
        .with_progress(today)
        .annotate(part=Value(len(parts)), item=F("pk"), label=no_text, detail=no_text, rank=Value(1))
        .order_by()
        .values(*columns)
    )
    return first.union(*others, plan, all=True)


# Built once per process (engagement.core.prepared).
ABOUT = PreparedQuery(_about_parts)


def _about(project):
    """{"questions", "themes", "papers", "checklist", "plan"}: what the project page lists about the project, each
    in its own order, from _about_parts: model instances where the page or the form asks more than a name."""
    parts = [[], [], [], [], []]
    rows = ABOUT.rows(None, project_id=project.pk, today=local_today())
    for row in sorted(rows, key=lambda row: (row["part"], row["rank"])):
        parts[row["part"]].append(row)
    questions, themes, papers, areas, plans = parts
    plan = None
    for row in plans:
        plan = EngagementPlan(pk=row["item"], project=project)
        plan.action_count, plan.done_count = row["action_count"], row["done_count"]
    checklist = [ChecklistArea(pk=row["item"], name=row["label"]) for row in areas]
    for area, row in zip(checklist, areas):
        area.answer = row["detail"]
    return {
        "questions": [Question(pk=row["item"], project=project, text=row["label"]) for row in questions],
        "themes": [{"name": row["label"]} for row in themes],
        "papers": [Paper(pk=row["item"], project=project, title=row["label"], url=row["detail"]) for row in papers],
        "checklist": checklist,
        "plan": plan,
    }


@login_required
@require_POST
def add_comment(request, pk):
    project = get_project_for_user(request.user, pk)
    if not rules.takes_part_in(request.user, project):
        raise PermissionDenied
    if not project.is_open_for_comments():
        return comments_closed(request, project)
    about = _about(project)
    form = CommentForm(request.POST, questions=about["questions"])
    if form.is_valid():
        return idempotency.once(request, lambda: _save_comment(request, project, form))
    return _project_page(request, project, about, form)


def _save_comment(request, project, form):
    comment = form.save(commit=False)
    comment.project = project
    comment.author = request.user
    comment.save()
    form.save_m2m()
    return _land_on_message(request, comment, "Thank you. Your comment has been added.")


def _project_page(request, project, about, form, groups=None, question=None):
    """about: _about(project). form: the comment form as sent, or None for a blank one, with `question` chosen.
    groups: rules.groups_taken_part_in(), if the view has them (get_project_for_page)."""
    user = request.user
    questions, checklist = about["questions"], about["checklist"]
    # The groups, for "Brought to", also say whether the user takes part: one query for both.
    if groups is None:
        groups = rules.groups_taken_part_in(user, project)
    may_comment = rules.can_comment(user, project, groups=groups)
    show_response = rules.can_see_response(user, project)
    sections, shown, comments_version = _discussion_counts(project, questions)
    # Threads (a comment and its replies) are paged so a project with thousands of
    # comments loads as fast as one with ten: the pager counts threads, and only this
    # page's are fetched. Sections stay in question order.
    paginator = Paginator(range(sum(count for _, count in sections)), THREADS_PER_PAGE)
    page = paginator.get_page(_page_of_comment(request, project, sections) or request.GET.get("page"))
    is_staff = rules.is_engagement_staff(user)

    def draw(can_see):
        return _draw_cards(project, questions, sections, page, can_see, may_comment, show_response, is_staff)

    # Staff see hidden comments with their notes: their cards are drawn for them, not kept.
    if is_staff:
        drawn = draw(rules.comment_rules(user, project)[0])
    else:
        is_open = project.is_open_for_comments()
        questions_shown = [(question.pk, question.text) for question in questions]
        name = discussion.key(
            project.pk, project.modified, questions_shown, page.number, may_comment, is_open, comments_version
        )
        drawn = discussion.get_or_draw(name, lambda: draw(rules.shared_comment_rules(project)[0]))
        if user.pk in drawn.hidden_authors:
            drawn = draw(rules.comment_rules(user, project)[0])
    cards = personalise(drawn.html, project, user.pk, drawn.authors, _areas_of(drawn.authors, checklist))
    comment_fields = None
    if may_comment:
        comment_fields = (
            _comment_fields(form, questions, checklist)
            if form is not None
            else _blank_comment_fields(
                tuple((shown.pk, shown.text) for shown in questions),
                tuple((area.pk, area.name) for area in checklist),
                question if any(shown.pk == question for shown in questions) else None,
            )
        )
    return render(
        request,
        "feedback/project_detail.html",
        {
            "project": project,
            "groups": groups,
            "themes": about["themes"],
            "questions": questions,
            "papers": about["papers"],
            "plan": about["plan"],
            "checklist": checklist,
            "unanswered_areas": [area for area in checklist if area.answer is None],
            "cards": cards,
            "comment_count": shown,
            "comment_page": page,
            "form": form,
            "comment_fields": comment_fields,
            "may_comment": may_comment,
            "show_response": show_response,
            "is_staff": is_staff,
            "crumbs": [_home(), _projects()],
        },
    )


def _comment_fields(form, questions, areas):
    """The comment form's fields, drawn by hand from the questions and areas the page has loaded (forms.py)."""
    return render_to_string(
        "feedback/includes/comment_fields.html",
        {
            "form": form,
            "question_options": form.question_options(questions) if "question" in form.fields else None,
            "area_options": form.area_options(areas),
        },
    )


@functools.lru_cache(maxsize=256)
def _blank_comment_fields(questions, areas, question):
    """The fields as everyone first sees them, drawn once per process for each project's questions and the
    checklist's areas: the same for every member, and the form and its template cost more than the rest of
    the page's own drawing. The key is what the fields show, so an edited question or area is drawn anew.

    questions: ((pk, text), ...); areas: ((pk, name), ...); question: the pk of the question chosen, or None."""
    questions = [Question(pk=pk, text=text) for pk, text in questions]
    form = CommentForm(questions=questions, initial={} if question is None else {"question": question})
    return _comment_fields(form, questions, [ChecklistArea(pk=pk, name=name) for pk, name in areas])


def _draw_cards(project, questions, sections, page, can_see, may_comment, show_response, is_staff):
    """This page's threads as cards, with markers for each viewer's own parts (comment_cards.personalise)."""
    thread_ids = _thread_ids(project, sections, page.object_list)
    # Through the related manager, so every comment already knows its project: the rules read it.
    comments = project.comments.filter(Q(pk__in=thread_ids) | Q(parent_id__in=thread_ids))
    # Only what a card shows: not the rest of each author's account (address, password and so on).
    comments = comments.select_related("author").only(*_CARD_FIELDS)
    comments = comments.order_by("created", "pk")
    if show_response:
        comments = comments.prefetch_related(
            Prefetch("response_entries", queryset=ResponseEntry.objects.select_related("theme"))
        )
    comments = list(comments)
    _, can_edit = rules.shared_comment_rules(project)
    for comment in comments:
        comment.can_edit = can_edit(comment)
        comment.can_reply = rules.can_reply(None, comment, may_comment)
    threads = project.discussion(comments, questions, can_see)
    if page.paginator.num_pages > 1:
        threads = [section for section in threads if section[2]]
    html = render_to_string(
        "feedback/includes/discussion.html",
        {"discussion": threads, "project": project, "is_staff": is_staff, "show_response": show_response},
    )
    return discussion.Drawn(
        html=html,
        authors={comment.pk: comment.author_id for comment in comments if comment.is_visible},
        hidden_authors={comment.author_id for comment in comments if comment.is_hidden and not comment.is_withdrawn},
    )


# What the comment cards, the rules and the discussion read of a comment and its author.
_CARD_FIELDS = [
    *("project", "question", "parent", "author", "body", "said_at_meeting_on", "created"),
    *("edited_at", "withdrawn_at", "hidden_at", "hidden_reason", "author__preferred_name", "author__full_name"),
]


def _discussion_counts(project, questions):
    """([(question id, how many threads), ...] in page order, how many comments are shown, the version of
    the comments: their counts and newest times, which change whenever one is added, edited, withdrawn,
    hidden, shown again or moved), from one query.

    The whole project (None) comes first, then each question in order; so the page's
    threads are found section by section, each in the order of an index, rather than
    by sorting all of a busy project's threads for every page.
    """
    rows = COMMENT_COUNTS.rows(None, project_id=project.pk)
    threads = {row["question_id"]: row["threads"] for row in rows}
    order = [None, *(question.pk for question in questions)]
    # A thread on a question the project no longer lists still shows, after the others.
    order += sorted(key for key in threads if key not in order)
    version = [tuple(row.values()) for row in rows]
    return [(key, threads.get(key, 0)) for key in order], sum(row["shown"] for row in rows), version


_COMMENT_TIMES = ("created", "edited_at", "withdrawn_at", "hidden_at")

# Built once per process (engagement.core.prepared), for a stand-in project.
COMMENT_COUNTS = PreparedQuery(
    lambda shape, project_id: (
        # Ordered, so the version reads the same whatever order PostgreSQL groups in.
        Project(pk=project_id)
        .comments.order_by("question_id")
        .values("question_id")
        .annotate(
            threads=Count("pk", filter=Q(parent=None)),
            shown=Count("pk", filter=Q(withdrawn_at=None, hidden_at=None)),
            comments=Count("pk"),
            **{f"newest_{field}": Max(field) for field in _COMMENT_TIMES},
        )
    )
)


def _threads(project, question_id):
    """One section's threads (their first comments), in the order the page shows them."""
    return project.comments.filter(parent=None, question_id=question_id).order_by("created", "pk")


def _thread_ids(project, sections, span):
    """The ids of the threads at positions span.start to span.stop of the discussion: a slice of each
    section the page reaches (usually one)."""
    ids, offset = [], 0
    for question_id, count in sections:
        start, stop = max(span.start - offset, 0), min(span.stop - offset, count)
        if start < stop:
            ids += _threads(project, question_id).values_list("pk", flat=True)[start:stop]
        offset += count
    return ids


def _areas_of(comment_ids, areas):
    """{comment id: its checklist areas, in the checklist's order} for the comments that name any.

    One query for the pairs, matched to the areas the page has already loaded, rather
    than a prefetch building area objects for every comment; read for every view, so a
    comment's areas need no part in the kept cards' key.
    """
    chosen = {}
    for pair in AREA_PAIRS.rows(None, comment_ids=list(comment_ids)):
        chosen.setdefault(pair["comment_id"], set()).add(pair["checklistarea_id"])
    return {comment_id: [area for area in areas if area.pk in ids] for comment_id, ids in chosen.items()}


# Built once per process (engagement.core.prepared): once for each number of comments a page shows.
AREA_PAIRS = PreparedQuery(
    lambda shape, comment_ids: ChecklistArea.comments.through.objects.filter(comment__in=comment_ids).values(
        "comment_id", "checklistarea_id"
    )
)


def _page_of_comment(request, project, sections):
    """The page that shows ?comment=<pk>, so links to one comment (e-mails, responses) find it."""
    wanted = as_id(request.GET.get("comment", ""))
    if wanted is None:
        return None
    comment = (
        project.comments.filter(pk=wanted)
        .values_list("parent_id", "question_id", "created", "parent__question_id", "parent__created")
        .first()
    )
    if comment is None:
        return None
    # A reply is found by its thread: the first comment's section and place in it.
    thread, question_id, created = (
        (wanted, comment[1], comment[2]) if comment[0] is None else (comment[0], comment[3], comment[4])
    )
    offset = 0
    for key, count in sections:
        if key == question_id:
            before = _threads(project, key).filter(Q(created__lt=created) | Q(created=created, pk__lt=thread)).count()
            return (offset + before) // THREADS_PER_PAGE + 1
        offset += count
    return None


def comments_closed(request, project):
    """Comments have closed: say so, and give back what the member wrote so it is not lost.
    Also used for comments on a project's engagement plan, which close with the project."""
    return render(
        request,
        "feedback/comments_closed.html",
        {
            "project": project,
            "text": request.POST.get("body", ""),
            "crumbs": [_home(), _projects(), _project(project)],
        },
    )


@login_required
def reply_to_comment(request, pk, comment_pk):
    parent = get_comment_for_user(request.user, pk, comment_pk)
    project = parent.project
    if not rules.takes_part_in(request.user, project):
        raise PermissionDenied
    if not project.is_open_for_comments():
        return comments_closed(request, project)
    if not rules.can_reply(request.user, parent, may_comment=True):
        raise PermissionDenied
    form = ReplyForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        return idempotency.once(request, lambda: _save_reply(request, parent, form))
    return render(
        request,
        "feedback/comment_form.html",
        {
            "form": form,
            "project": project,
            "parent": parent,
            "title": "Reply to a comment",
            "button": "Add your reply",
            "crumbs": [_home(), _projects(), _project(project)],
        },
    )


def _save_reply(request, parent, form):
    reply = form.save(commit=False)
    reply.project = parent.project
    reply.parent = parent
    reply.question = parent.question
    reply.author = request.user
    reply.save()
    return _land_on_message(request, reply, "Thank you. Your reply has been added.")


def _land_on_message(request, comment, message):
    """The page of the discussion that holds the comment, scrolled to the success message at the
    top of the main content (landing on the comment itself, people missed it), which links on to it."""
    page, _, anchor = comment.get_absolute_url().partition("#")
    what = "reply" if comment.parent_id else "comment"
    messages.success(request, format_html('{} <a href="#{}">Go to your {}</a>', message, anchor, what))
    return redirect(page + "#maincontent")


def edit_refusal(request, comment, may_edit, project):
    """None if the user may change or withdraw this comment now (`may_edit`), else the response
    that says why not. Also used for comments on a project's engagement plan."""
    if may_edit:
        return None
    if comment.author_id == request.user.pk and not project.is_open_for_comments():
        return comments_closed(request, project)
    raise PermissionDenied


@login_required
def edit_comment(request, pk, comment_pk):
    comment = get_comment_for_user(request.user, pk, comment_pk)
    refusal = edit_refusal(request, comment, rules.can_edit_comment(request.user, comment), comment.project)
    if refusal:
        return refusal
    is_reply = comment.parent_id is not None
    form = EditCommentForm(
        submitted(request),
        initial={"body": comment.body, "areas": comment.areas.all(), "question": comment.question_id},
        is_reply=is_reply,
        questions=[] if is_reply else list(comment.project.questions.all()),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            comment.edit(form.cleaned_data["body"], form.cleaned_data.get("areas"))
            if "question" in form.fields:
                comment.move_to(form.cleaned_data["question"])
        return _land_on_message(
            request, comment, "Your reply has been changed." if is_reply else "Your comment has been changed."
        )
    return render(
        request,
        "feedback/comment_form.html",
        {
            "form": form,
            "project": comment.project,
            "title": "Change your reply" if is_reply else "Change your comment",
            "button": "Save your changes",
            "crumbs": [_home(), _projects(), _project(comment.project)],
        },
    )


@login_required
def withdraw_comment(request, pk, comment_pk):
    comment = get_comment_for_user(request.user, pk, comment_pk)
    refusal = edit_refusal(request, comment, rules.can_edit_comment(request.user, comment), comment.project)
    if refusal:
        return refusal
    if request.method == "POST":
        comment.withdraw()
        messages.success(request, f"Your {'reply' if comment.parent_id else 'comment'} has been withdrawn.")
        return redirect(comment.project.get_absolute_url() + "#comments")
    return render(
        request,
        "feedback/comment_withdraw.html",
        {
            "comment": comment,
            "what": "reply" if comment.parent_id else "comment",
            "project": comment.project,
            "crumbs": [_home(), _projects(), _project(comment.project)],
        },
    )


@login_required
def download_paper(request, pk, paper_pk):
    project = get_project_for_user(request.user, pk)
    paper = get_object_or_404(project.papers.exclude(file=""), pk=paper_pk)
    return file_response(paper.file, Path(paper.file.name).name)


@login_required
def download_easy_read(request, pk):
    project = get_project_for_user(request.user, pk)
    return easy_read_response(project.easy_read, project.title)


@login_required
def download_response_easy_read(request, pk):
    project = get_project_for_user(request.user, pk)
    if not rules.can_see_response(request.user, project):
        raise Http404("The response to this project has not been published yet.")
    return easy_read_response(project.response_easy_read, f"{project.title} response")


def public_response_easy_read(request, slug, pk):
    project = get_object_or_404(Project.objects.public().filter(groups=_public_group(slug)), pk=pk)
    return easy_read_response(project.response_easy_read, f"{project.title} response")


@login_required
def project_response(request, pk):
    project = get_project_for_user(request.user, pk)
    if not rules.can_see_response(request.user, project):
        raise Http404("The response to this project has not been published yet.")
    entries = entries_by_theme(project.response_entries.all())
    mine = set(
        ResponseEntry.objects.filter(project=project, comments__author=request.user).values_list("pk", flat=True)
    )
    return render(
        request,
        "feedback/project_response.html",
        {
            "project": project,
            "entries": entries,
            "my_entries": mine,
            "crumbs": [_home(), _projects(), _project(project)],
        },
    )


# The columns of a response entry that You Said, We Did shows (feedback/includes/response_entries.html).
ENTRY_FIELDS_SHOWN = (
    "what_we_heard",
    "how_we_reflected",
    "outcome",
    "followed_up_on",
    "difference_made",
    "where_addressed",
    "where_addressed_url",
)


def _active_groups(staff, user_id):
    # EngagementGroup.objects.visible_to(), the user's groups named by a stand-in id, with whether they chair each
    # (for the impact link).
    groups = groups_with_access(user_id)
    active = EngagementGroup.objects.seen_by(staff, groups).filter(is_active=True)
    return rules.chaired_by(active, user_id).values("pk", "name", "slug", "chaired")


def _shown_entries(group_id, moment, outcome):
    # Only what the table shows (feedback/includes/response_entries.html), as values.
    entries = entries_by_theme(group_entries_from(group_id, moment, outcome))
    return entries.values(
        "pk", "answers", "project_id", "project__title", "theme_id", "theme__name", *ENTRY_FIELDS_SHOWN
    )


# Built once per process (engagement.core.prepared). The groups' shape is whether staff are looking;
# the first page of entries', the outcome chosen and whether a period is.
YSWD_GROUPS = PreparedQuery(_active_groups)
YSWD_FIRST_PAGE = PreparedQuery(
    lambda shape, group_id, moment=None: counted(_shown_entries(group_id, moment, shape[0]))[:PER_PAGE]
)


@login_required
def you_said_we_did(request):
    user = request.user
    groups = []
    if user.is_active:  # as EngagementGroup.objects.visible_to()
        for row in YSWD_GROUPS.rows(rules.is_engagement_staff(user), user_id=user.pk):
            group = EngagementGroup(pk=row["pk"], name=row["name"], slug=row["slug"])
            group.chaired = row["chaired"]
            groups.append(group)
    form = ResponseFilterForm(request.GET or None, groups=groups)
    group, since, outcome = form.chosen(local_today())
    if group is None:
        page = first_page([], PER_PAGE)
    else:
        moment = start_of_day(since) if since else None
        number = page_number(request.GET.get("page"))
        if number == 1:
            period = {} if moment is None else {"moment": moment}
            page = first_page(
                YSWD_FIRST_PAGE.rows((outcome, moment is not None), group_id=group.pk, **period), PER_PAGE
            )
        else:
            page = page_counted_by_window(_shown_entries(group.pk, moment, outcome), number, PER_PAGE)
    response_url = pk_url("feedback:project_response")
    themes = {}
    for entry in page:
        entry["response_url"] = response_url(entry["project_id"])
        entry["project"] = {"title": entry["project__title"]}
        # One theme for all its entries, so that the template's {% regroup %} keeps them together.
        theme = {"pk": entry["theme_id"], "name": entry["theme__name"]}
        entry["theme"] = themes.setdefault(entry["theme_id"], theme)
    return render(
        request,
        "feedback/you_said_we_did.html",
        {
            "form": form,
            "group": group,
            "outcome": dict(ResponseEntry.Outcome.choices).get(outcome),
            "page": page,
            "entries_table": _entries_table(page.object_list),
            "can_see_impact": group is not None and rules.can_see_impact(request.user, group, group.chaired),
            "crumbs": [_home()],
        },
    )


def _entries_table(entries):
    """The group's entries table, drawn once for everyone who sees the same rows and kept.

    Drawing the rows is most of the page's time, and every member sees them alike (this page
    does not mark their own). The key is a digest of every value the table shows, so any change
    to an entry, its theme or its project's title makes a new key, and no row is ever stale (a new
    release's change to the table's wording shows within discussion.SECONDS).
    """
    if not entries:
        return ""
    shown = [
        (entry["pk"], entry["answers"], entry["response_url"], entry["project__title"])
        + (entry["theme_id"], entry["theme__name"], *(entry[field] for field in ENTRY_FIELDS_SHOWN))
        for entry in entries
    ]
    context = {"entries": entries, "heading": "h2", "show_project": True, "public": False, "my_entries": None}
    return discussion.get_or_draw(
        discussion.key("you-said-we-did", shown),
        lambda: render_to_string("feedback/includes/response_entries.html", context),
    )


@login_required
def impact(request, slug):
    group = get_group_for_user(request.user, slug)
    if not rules.can_see_impact(request.user, group):
        raise PermissionDenied
    return render(
        request,
        "feedback/impact.html",
        {
            "group": group,
            "figures": group_impact(group),
            "target_weeks": Project.response_target().days // 7,
            "crumbs": [_home(), ("You said, we did", reverse("feedback:you_said_we_did") + f"?group={group.slug}")],
        },
    )


@login_required
def email_settings(request):
    preference = FeedbackPreference.objects.filter(user=request.user).first() or FeedbackPreference(user=request.user)
    form = EmailSettingsForm(submitted(request), instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your choices about project e-mails have been saved.")
        return redirect("feedback:project_list")
    return render(
        request,
        "feedback/email_settings.html",
        {
            "form": form,
            "gets_email": request.user.communication_preference == User.CommunicationPreference.EMAIL,
            "crumbs": [_home(), _projects()],
        },
    )


def _public_group(slug):
    # Only groups that chose a public face: a visitor sees nothing of any other.
    return get_object_or_404(EngagementGroup.objects.public(), slug=slug)


def public_index(request, slug):
    """No sign-in: the group's published responses, newest first, naming no member."""
    group = _public_group(slug)
    projects = (
        Project.objects.public()
        .filter(groups=group)
        .select_related("partner")
        .order_by("-response_published_at", "-pk")
    )
    return render(
        request,
        "feedback/public_index.html",
        {"group": group, "page": page_counted_by_window(projects, request.GET.get("page"), PER_PAGE)},
    )


def public_response(request, slug, pk):
    group = _public_group(slug)
    project = get_object_or_404(
        Project.objects.public().filter(groups=group).select_related("partner").with_comment_count(), pk=pk
    )
    return render(
        request,
        "feedback/public_response.html",
        {
            "group": group,
            "project": project,
            "entries": entries_by_theme(project.response_entries.all()),
            "crumbs": [(f"{group.name}: you said, we did", reverse("feedback:public_index", args=[group.slug]))],
        },
    )


@login_required
def project_response_pdf(request, pk):
    project = get_project_for_user(request.user, pk)
    if not rules.can_see_response(request.user, project):
        raise Http404("The response to this project has not been published yet.")
    large_print = documents.large_print_asked(request)
    return documents.serve(
        request,
        feedback_documents.project_report(project, large_print),
        f"you-said-we-did-{project.pk}{'-large-print' if large_print else ''}.pdf",
        lambda: services.build_report(request.user, project=project, outcome="", large_print=large_print),
        project.get_response_url(),
    )


@login_required
def project_response_docx(request, pk):
    project = get_project_for_user(request.user, pk)
    if not rules.can_see_response(request.user, project):
        raise Http404("The response to this project has not been published yet.")
    report = feedback_documents.project_report(project)
    return feedback_documents.report_word(report).response(f"you-said-we-did-{project.pk}.docx")


@login_required
def you_said_we_did_pdf(request):
    group, since, outcome = _chosen_report(request)
    large_print = documents.large_print_asked(request)
    return documents.serve(
        request,
        feedback_documents.group_report(group, since, outcome, large_print),
        f"you-said-we-did-{group.slug}{'-large-print' if large_print else ''}.pdf",
        lambda: services.build_report(request.user, group=group, since=since, outcome=outcome, large_print=large_print),
        reverse("feedback:you_said_we_did") + "?" + request.GET.urlencode(),
    )


def _chosen_report(request):
    """The group, date and outcome a report download asks for, as the page's filter chose them."""
    groups = list(EngagementGroup.objects.visible_to(request.user).filter(is_active=True))
    group, since, outcome = ResponseFilterForm(request.GET or None, groups=groups).chosen(local_today())
    if group is None:
        raise Http404("You are not in a group yet.")
    return group, since, outcome


@login_required
def you_said_we_did_docx(request):
    group, since, outcome = _chosen_report(request)
    report = feedback_documents.group_report(group, since, outcome)
    return feedback_documents.report_word(report).response(f"you-said-we-did-{group.slug}.docx")
