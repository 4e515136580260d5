from django.db.models import F, FilteredRelation, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from members.models import EngagementGroup

from . import rules
from .models import Meeting, Paper


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
    meetings = (
        rules.with_standing(Meeting.objects.all(), user)
        .annotate(mine=FilteredRelation("replies", condition=Q(replies__user=user.pk)))
        .annotate(my_response=F("mine__response"), my_note=F("mine__note"))
    )
    meeting = rules.note_standing(get_object_or_404(meetings.select_related("group", "venue"), pk=pk), user)
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
