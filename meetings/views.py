import csv
import secrets
from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from engagement.core import documents
from engagement.core.forms import submitted
from engagement.core.paging import counted, first_page, page_counted_by_window, page_number
from engagement.core.prepared import PreparedQuery, columns, instance
from engagement.core.resources import spreadsheet_safe
from engagement.core.row_urls import pk_url
from engagement.core.uploads import file_response
from feedback.models import Project
from members.models import AccessNeed, User, groups_with_access, wants_large_print
from members.roles import is_engagement_staff

from . import calendars, replies, rules, services
from . import documents as meeting_documents
from .access import get_decisions_group_for_user, get_meeting_for_page, get_meeting_for_user, get_paper_for_user
from .forms import LinkReplyForm, MinutesCommentForm, ReplyForm
from .models import Action, AgendaItem, CalendarFeed, Decision, Meeting, Paper, Reply

PAST_PER_PAGE = 20
UPCOMING_SHOWN = 30

# The meeting list's own queries, built once per process (engagement.core.prepared); the shape is whether
# staff are looking. Past meetings: only the first page, the one nearly everyone reads, is kept.
UPCOMING = PreparedQuery(
    lambda staff, user_id, now: (
        Meeting.objects.seen_by(staff, groups_with_access(user_id)).cards(user_id).ahead(now)[:UPCOMING_SHOWN]
    )
)
PAST_FIRST_PAGE = PreparedQuery(
    lambda staff, now, user_id=None: counted(
        Meeting.objects.seen_by(staff, groups_with_access(user_id)).past(now).table_rows()
    )[:PAST_PER_PAGE]
)

# The meeting page's own queries, built once per process. Items link only the projects this person can open
# (Project.objects.visible_to: not drafts, nor projects for other groups), asked with the items rather than
# by a query of its own; the shape is whether staff are looking.
AGENDA_ITEMS = PreparedQuery(
    lambda staff, meeting_id, user_id=None: (
        AgendaItem.objects.filter(meeting=meeting_id)
        .annotate(
            project_openable=Exists(
                Project.objects.seen_by(staff, groups_with_access(user_id)).filter(pk=OuterRef("project_id"))
            )
        )
        .values(*columns(AgendaItem), *columns(Project, "project__"), "project_openable")
    )
)
# Within an item, papers go in upload order.
ITEM_PAPERS = PreparedQuery(
    lambda shape, item_ids: Paper.objects.filter(item__in=item_ids).order_by("pk").values(*columns(Paper))
)
# Only what the matters arising list shows; the shape is whether this person may see confidential items.
MATTERS_ARISING = PreparedQuery(
    lambda can_see_confidential, group_id, start: _without_confidential(
        Action.objects.arising(group_id, start), can_see_confidential
    ).values("description", "due", "status", "owner__full_name", "owner__preferred_name")
)


def _crumbs(*extra):
    return [("Home", reverse("dashboard")), *extra]


@login_required
def meeting_list(request):
    user = request.user
    staff = is_engagement_staff(user)
    now = timezone.now()
    # Staff see every group's meetings: no one's memberships to ask.
    whose = {} if staff else {"user_id": user.pk}
    number = page_number(request.GET.get("page"))
    if number == 1:
        past = first_page(PAST_FIRST_PAGE.rows(staff, now=now, **whose), PAST_PER_PAGE)
    else:
        past = page_counted_by_window(Meeting.objects.visible_to(user).past(now).table_rows(), number, PAST_PER_PAGE)
    upcoming = UPCOMING.rows(staff, user_id=user.pk, now=now)
    url = pk_url("meetings:detail")
    for meeting in upcoming:
        Meeting.card(meeting, url)
    for meeting in past:
        Meeting.table_row(meeting, url)
    return render(
        request,
        "meetings/meeting_list.html",
        {"upcoming": upcoming, "past": past, "crumbs": _crumbs()},
    )


@login_required
def meeting_detail(request, pk):
    meeting = get_meeting_for_page(request.user, pk)
    return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting))


def _detail_context(request, meeting, reply_form=None):
    """The meeting page. meeting: from get_meeting_for_page, which read this person's standing and reply with it."""
    user = request.user
    can_see_papers = rules.can_see_papers(user, meeting)
    items = _agenda_items(meeting, user)
    # Items keep their numbers and times when confidential ones are left out, so an observer's agenda
    # matches the one members read aloud.
    for number, item in enumerate(items, 1):
        item.number = number
    can_see_confidential = rules.can_see_confidential(user, meeting)
    agenda = [(starts, item) for starts, item in meeting.agenda(items) if can_see_confidential or not item.confidential]
    items = [item for _starts, item in agenda]
    # Papers not issued yet are neither shown nor loaded.
    papers = _papers_by_item(items) if can_see_papers else {}
    project_url = pk_url("feedback:project_detail")
    for item in items:
        item.project_url = project_url(item.project_id) if item.project_openable else None
        item.paper_list = papers.get(item.pk, [])
    # The reply as the meeting's query read it: an unsaved Reply, for its display methods.
    my_reply = (
        Reply(meeting=meeting, user=user, response=meeting.my_response, note=meeting.my_note)
        if meeting.my_response
        else None
    )
    if reply_form is None:
        reply_form = ReplyForm(initial={"response": my_reply.response, "note": my_reply.note} if my_reply else None)
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "confidential_items": [item for item in items if item.confidential],
        "can_reply": rules.can_reply(user, meeting),
        "my_reply": my_reply,
        "reply_form": reply_form,
        "can_see_papers": can_see_papers,
        "can_see_minutes": rules.can_see_minutes(user, meeting),
        "can_export_pack": rules.can_export_pack(user, meeting),
        "can_download_minutes": rules.can_download_minutes(user, meeting),
        "can_comment_on_minutes": rules.can_comment_on_minutes(user, meeting),
        "carried_actions": _matters_arising(meeting, can_see_confidential),
        "crumbs": _crumbs(("Meetings", reverse("meetings:list"))),
    }
    if context["can_see_minutes"] and meeting.minutes_status != Meeting.MinutesStatus.NONE:
        attendees = list(meeting.attendees.select_related("user"))
        context["attendees"] = attendees
        # The same people, in the same order: picked here rather than asked of the database again.
        context["declarations"] = [attendee for attendee in attendees if attendee.declaration_of_interest]
        context["apologies"] = meeting.replies.filter(response=Reply.Response.APOLOGIES).select_related("user")
        context["actions"] = _without_confidential(meeting.actions, can_see_confidential).select_related("owner")
    if rules.can_see_replies(user, meeting):
        invitees = list(
            meeting.invitees()
            .only("pk", "full_name", "preferred_name", "communication_preference", "phone", "address", "postcode")
            # Read here, not person by person: who to post a large-print pack to.
            .annotate(wants_large_print=ExpressionWrapper(wants_large_print(), output_field=BooleanField()))
        )
        replies = sorted(meeting.replies.select_related("user"), key=lambda r: r.user.full_name)
        context["replies"] = _who_is_coming(meeting, invitees, replies)
        if rules.can_see_arrangements(user):
            context["arrangements"] = _arrangements(meeting, invitees, replies)
    return context


def _agenda_items(meeting, user):
    """The meeting's items, each with its project (if any) and whether this person may open it (project_openable)."""
    staff = is_engagement_staff(user)
    # Staff may open every project: no one's memberships to ask.
    rows = AGENDA_ITEMS.rows(staff, meeting_id=meeting.pk, **({} if staff else {"user_id": user.pk}))
    items = []
    for row in rows:
        item = instance(AgendaItem, row)
        item.project = instance(Project, row, "project__")
        item.project_openable = row["project_openable"]
        items.append(item)
    return items


def _matters_arising(meeting, can_see_confidential):
    """The group's actions still open from earlier meetings, as the list shows them; none asked for a cancelled
    meeting, whose page has no such list."""
    if meeting.is_cancelled:
        return []
    actions = MATTERS_ARISING.rows(can_see_confidential, group_id=meeting.group_id, start=meeting.start)
    for action in actions:
        action["owner_name"] = User.name_shown(action["owner__preferred_name"], action["owner__full_name"])
        action["is_overdue"] = Action.overdue(action["status"], action["due"])
    return actions


def _without_confidential(actions, can_see_confidential):
    """Actions agreed under a confidential item say what it was about: kept from those who may not see it."""
    return actions if can_see_confidential else actions.exclude(item__confidential=True)


def _papers_by_item(items):
    """The items' papers, each with its link, by item: one query, without prefetch_related's machinery
    (or the join its ordering by item position would add: within an item, papers go in upload order)."""
    url = pk_url("meetings:paper")
    papers = defaultdict(list)
    for row in ITEM_PAPERS.rows(None, item_ids=[item.pk for item in items]):
        paper = instance(Paper, row)
        paper.url = url(paper.pk)
        papers[paper.item_id].append(paper)
    return papers


def _who_is_coming(meeting, invitees, replies):
    """For the chair and staff: who is coming, who sent apologies, who has not replied, and the quorum."""
    # Quorum is a share of the invitees, so only their replies count towards it: not those of
    # people who replied and then stepped down or went on leave.
    invitee_ids = {u.pk for u in invitees}
    attending = [r for r in replies if r.response == Reply.Response.ATTENDING]
    for reply in attending:
        reply.counts_towards_quorum = reply.user_id in invitee_ids
    attending_count = sum(r.counts_towards_quorum for r in attending)
    quorum = meeting.group.quorum_for(len(invitees))
    replied = {r.user_id for r in replies}
    return {
        "attending": attending,
        "apologies": [r for r in replies if r.response == Reply.Response.APOLOGIES],
        "no_reply": [u for u in invitees if u.pk not in replied],
        "attending_count": attending_count,
        "quorum": quorum,
        "expected_quorate": attending_count >= quorum,
    }


def _arrangements(meeting, invitees, replies):
    """For staff only: the needs of those coming, and who to contact by post or phone."""
    needs = (
        AccessNeed.objects.filter(
            people__meeting_replies__meeting=meeting, people__meeting_replies__response=Reply.Response.ATTENDING
        )
        .annotate(people_count=Count("people", distinct=True))
        .order_by("position")
    )
    return {
        "needs": needs,
        # Needs in their own words of everyone coming: from the replies, which bring each person.
        "other_needs": [
            r.user for r in replies if r.response == Reply.Response.ATTENDING and r.user.access_needs_other
        ],
        "contact_offline": [u for u in invitees if u.communication_preference != User.CommunicationPreference.EMAIL],
    }


@login_required
@require_POST
def reply(request, pk):
    # As the meeting page: a reply with errors shows the page again, with the same answers.
    meeting = get_meeting_for_page(request.user, pk)
    if not rules.can_reply(request.user, meeting):
        messages.error(
            request, "You cannot reply to this meeting: it has passed, been cancelled, or is not for your role."
        )
        return redirect(meeting)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        # Show the meeting page again with the form as typed and its errors.
        return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting, form))
    meeting.record_reply(request.user, form.cleaned_data["response"], form.cleaned_data["note"])
    if form.cleaned_data["response"] == Reply.Response.APOLOGIES:
        messages.success(request, "Your apologies have been sent. Thank you for letting us know.")
    else:
        messages.success(request, "Thank you. We have recorded that you will be there.")
    return redirect(meeting)


@never_cache
def reply_by_link(request, token):
    """From an e-mail, no sign-in: GET shows what will be recorded; POST records it.

    A GET never changes anything, because e-mail security scanners open links
    before people do. Never cached: the pages name the person and work without signing in.
    """
    try:
        meeting, user, response = replies.read_token(token)
    except replies.LinkProblem as problem:
        return render(request, "meetings/reply_link_problem.html", {"problem": problem}, status=400)
    form = LinkReplyForm(submitted(request))
    if form.is_valid():
        meeting.record_reply(user, response, form.cleaned_data["note"], channel=Reply.Channel.EMAIL_LINK)
        return render(
            request, "meetings/reply_link_done.html", {"meeting": meeting, "response": response, "person": user}
        )
    return render(
        request,
        "meetings/reply_link_confirm.html",
        {"meeting": meeting, "response": response, "person": user, "form": form},
    )


@login_required
def paper_download(request, pk):
    paper = get_paper_for_user(request.user, pk)
    return file_response(paper.file, paper.file.name.rsplit("/", 1)[-1])


@login_required
def meeting_calendar(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    response = HttpResponse(calendars.calendar_for([meeting]), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{timezone.localdate(meeting.start):%Y-%m-%d}.ics"'
    return response


def calendar_feed(request, token):
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token, user__is_active=True)
    since = timezone.now() - timezone.timedelta(days=90)
    meetings = Meeting.objects.visible_to(feed.user).filter(end__gte=since).select_related("group", "venue")
    body = calendars.calendar_for(meetings, name=settings.SERVICE_NAME)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
def calendar_settings(request):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            CalendarFeed.objects.filter(user=request.user).delete()
            messages.success(
                request, "Your calendar address has been turned off. Calendars using it will stop updating."
            )
        else:
            CalendarFeed.objects.update_or_create(user=request.user, defaults={"token": secrets.token_urlsafe(32)})
            messages.success(
                request,
                "Your new calendar address is ready." + (" The old address has stopped working." if feed else ""),
            )
        return redirect("meetings:calendar_settings")
    feed_url = settings.SITE_URL + reverse("meetings:calendar_feed", args=[feed.token]) if feed else None
    return render(
        request,
        "meetings/calendar_settings.html",
        {"feed_url": feed_url, "crumbs": _crumbs(("Meetings", reverse("meetings:list")))},
    )


@login_required
def my_actions(request):
    actions = Action.objects.filter(owner=request.user).select_related("meeting__group")
    return render(
        request,
        "meetings/my_actions.html",
        {
            "open_actions": actions.open(),
            "done_actions": actions.filter(status=Action.Status.DONE).order_by("-completed_on")[:20],
            "crumbs": _crumbs(),
        },
    )


@login_required
@require_POST
def complete_action(request, pk):
    action = get_object_or_404(Action.objects.open(), pk=pk, owner=request.user)
    action.mark_done()
    messages.success(request, "Action marked as done. Thank you.")
    return redirect("meetings:my_actions")


@login_required
def meeting_pack_pdf(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    if not rules.can_export_pack(request.user, meeting):
        raise Http404("Only the chair and staff can download the meeting pack.")
    large_print = documents.large_print_asked(request)
    document = meeting_documents.meeting_pack(meeting, large_print, rules.can_see_confidential(request.user, meeting))
    return documents.serve(
        request,
        document,
        f"meeting-pack-{timezone.localdate(meeting.start):%Y-%m-%d}{'-large-print' if large_print else ''}.pdf",
        lambda: services.build_document(meeting, "pack", request.user, large_print),
        meeting.get_absolute_url(),
    )


@login_required
def minutes_pdf(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    if not rules.can_download_minutes(request.user, meeting):
        raise Http404("These minutes have not been approved yet.")
    large_print = documents.large_print_asked(request)
    document = meeting_documents.minutes(meeting, large_print, rules.can_see_confidential(request.user, meeting))
    return documents.serve(
        request,
        document,
        f"{_minutes_file_name(meeting)}{'-large-print' if large_print else ''}.pdf",
        lambda: services.build_document(meeting, "minutes", request.user, large_print),
        meeting.get_absolute_url(),
    )


@login_required
def minutes_docx(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    if not rules.can_download_minutes(request.user, meeting):
        raise Http404("These minutes have not been approved yet.")
    confidential = rules.can_see_confidential(request.user, meeting)
    return meeting_documents.minutes_word(meeting, confidential).response(f"{_minutes_file_name(meeting)}.docx")


def _minutes_file_name(meeting):
    draft = "-draft" if not meeting.minutes_are_approved else ""
    return f"minutes-{timezone.localdate(meeting.start):%Y-%m-%d}{draft}"


DECISIONS_PER_PAGE = 25


@login_required
def decisions_log(request, slug):
    group = get_decisions_group_for_user(request.user, slug)
    search = request.GET.get("q", "").strip()
    decisions = Decision.objects.for_log(
        group, search, confidential=rules.can_see_confidential_decisions(request.user, group)
    )
    return render(
        request,
        "meetings/decisions_log.html",
        {
            "group": group,
            "search": search,
            "page": page_counted_by_window(decisions, request.GET.get("page"), DECISIONS_PER_PAGE),
            "can_export": rules.can_export_decisions(request.user),
            "crumbs": _crumbs((group.name, group.get_absolute_url())),
        },
    )


@login_required
def decisions_csv(request, slug):
    group = get_decisions_group_for_user(request.user, slug)
    if not rules.can_export_decisions(request.user):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="decisions-{group.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(["Meeting", "Date", "Item", "Decision", "Proposed by", "For", "Against", "Abstained"])
    for decision in Decision.objects.for_log(group, request.GET.get("q", ""), confidential=True):
        meeting = decision.item.meeting
        writer.writerow(
            [
                spreadsheet_safe(meeting.title),
                f"{timezone.localtime(meeting.start):%d/%m/%Y}",
                spreadsheet_safe(decision.item.title),
                spreadsheet_safe(decision.text),
                spreadsheet_safe(decision.proposed_by.full_name) if decision.proposed_by else "",
                *("" if count is None else count for count in decision.vote_counts),
            ]
        )
    return response


@login_required
def draft_minutes(request, pk):
    """Where someone who attended reads the draft minutes and comments on them, until the comments date."""
    meeting = get_meeting_for_user(request.user, pk)
    if not rules.can_comment_on_minutes(request.user, meeting):
        raise Http404("These minutes are not open for your comments.")
    form = MinutesCommentForm(submitted(request))
    if form.is_valid():
        services.comment_on_minutes(meeting, request.user, form.cleaned_data["kind"], form.cleaned_data["text"])
        messages.success(request, "Thank you. Your comment has been sent to the engagement team.")
        return redirect("meetings:draft_minutes", meeting.pk)
    return render(
        request,
        "meetings/draft_minutes.html",
        {
            "meeting": meeting,
            "form": form,
            "mine": meeting.minutes_comments.filter(author=request.user),
            "crumbs": _crumbs(("Meetings", reverse("meetings:list")), (meeting.title, meeting.get_absolute_url())),
        },
    )
