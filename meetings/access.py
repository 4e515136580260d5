from django.db.models import F, FilteredRelation, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from engagement.core.prepared import PreparedQuery, columns, instance
from members.models import EngagementGroup

from . import rules
from .models import Meeting, Paper, Venue

# The meeting page's meeting, built once per process (engagement.core.prepared): every column of the meeting,
# its group and its venue, made into the Meeting that select_related("group", "venue") gives.
MEETING_FOR_PAGE = PreparedQuery(
    lambda shape, pk, user_id: (
        rules.with_standing(Meeting.objects.filter(pk=pk), user_id)
        .annotate(mine=FilteredRelation("replies", condition=Q(replies__user=user_id)))
        .order_by()
        .values(
            *columns(Meeting),
            *columns(EngagementGroup, "group__"),
            *columns(Venue, "venue__"),
            "user_role",
            my_response=F("mine__response"),
            my_note=F("mine__note"),
        )
    )
)


def get_meeting_for_user(user, pk):
    return get_object_or_404(Meeting.objects.visible_to(user).select_related("group", "venue"), pk=pk)


def get_meeting_for_page(user, pk):
    """get_meeting_for_user, with what the meeting page asks about this person read in the same query:
    their role in the group, for the rules (rules.with_standing), and their reply, if any
    (my_response and my_note, None without one: a join to at most one reply, one_reply_per_person_per_meeting).

    The role also says whether they may see the meeting (rules.can_see_meeting): asked of the row read
    anyway, rather than by the subquery of all their groups that Meeting.objects.visible_to adds, which
    cost more to build and to plan than the rest of the query.
    """
    rows = MEETING_FOR_PAGE.rows(None, pk=pk, user_id=user.pk)
    if not rows:
        raise Http404("No Meeting matches the given query.")
    row = rows[0]
    meeting = instance(Meeting, row)
    meeting.group = instance(EngagementGroup, row, "group__")
    meeting.venue = instance(Venue, row, "venue__")
    meeting.user_role, meeting.my_response, meeting.my_note = row["user_role"], row["my_response"], row["my_note"]
    rules.note_standing(meeting, user)
    if not rules.can_see_meeting(user, meeting):
        raise Http404
    return meeting


def get_paper_for_user(user, pk):
    paper = get_object_or_404(
        Paper.objects.filter(item__meeting__in=Meeting.objects.visible_to(user)).select_related("item__meeting__group"),
        pk=pk,
    )
    if not rules.can_open_paper(user, paper):
        # One answer for papers not issued yet and confidential ones: a 404 does not say which.
        raise Http404("This paper is not available to you.")
    return paper


def get_decisions_group_for_user(user, slug):
    """The group, if this person may read its decisions log: 404 outside it, as for its other pages."""
    group = get_object_or_404(rules.with_role(EngagementGroup.objects.visible_to(user), user), slug=slug)
    if not rules.can_see_decisions(user, group):
        raise Http404
    return group
