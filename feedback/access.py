"""Access helpers: fetch a project (or a comment on one) only if the user may see it, else 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from members.models import EngagementGroup

from . import rules
from .models import Comment, Project


def get_project_for_user(user, pk):
    # 404 rather than 403, so that a project's existence is not revealed to other groups.
    return get_object_or_404(Project.objects.visible_to(user).select_related("partner"), pk=pk)


def project_visible(request, pk):
    """The cheap check made before a cached project page is served (see members.pagecache).

    It may refuse where Project.objects.visible_to would not (a draft, for staff): the page
    is then rendered, with the full check. It never allows where that would refuse.
    """
    shown = [status for status in Project.Status if status != Project.Status.DRAFT]
    return EngagementGroup.objects.visible_to(request.user).filter(projects__pk=pk, projects__status__in=shown).exists()


def get_comment_for_user(user, project_pk, comment_pk):
    """A comment the user may see, on a project they may see; comment.project is that checked project."""
    project = get_project_for_user(user, project_pk)
    comment = get_object_or_404(Comment.objects.select_related("author", "question"), project=project, pk=comment_pk)
    comment.project = project
    if not rules.can_see_comment(user, comment):
        raise Http404
    return comment
