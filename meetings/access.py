from django.http import Http404
from django.shortcuts import get_object_or_404

from members.models import EngagementGroup

from . import rules
from .models import Meeting, Paper


def get_meeting_for_user(user, pk):
    return get_object_or_404(Meeting.objects.visible_to(user).select_related("group", "venue"), pk=pk)


def meeting_visible(request, pk):
    """The cheap check made before a cached meeting page is served (see members.pagecache)."""
    # Through the groups, as Meeting.objects.visible_to is, in one query that is cheaper to build.
    return EngagementGroup.objects.visible_to(request.user).filter(meetings__pk=pk).exists()


def get_paper_for_user(user, pk):
    paper = get_object_or_404(
        Paper.objects.filter(item__meeting__in=Meeting.objects.visible_to(user)).select_related(
            "item__meeting__group"
        ),
        pk=pk,
    )
    if not rules.can_see_papers(user, paper.item.meeting):
        raise Http404("Papers for this meeting have not been issued yet.")
    return paper
