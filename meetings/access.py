from django.http import Http404
from django.shortcuts import get_object_or_404

from . import rules
from .models import Meeting, Paper


def get_meeting_for_user(user, pk):
    return get_object_or_404(Meeting.objects.visible_to(user).select_related("group", "venue"), pk=pk)


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
