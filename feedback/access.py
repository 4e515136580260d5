"""Access helpers: fetch a project (or a comment on one) only if the user may see it, else 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from engagement.core.prepared import PreparedQuery, columns, instance

from . import rules
from .models import Comment, Partner, Project


def get_project_for_user(user, pk):
    # 404 rather than 403, so that a project's existence is not revealed to other groups.
    return get_object_or_404(Project.objects.visible_to(user).select_related("partner"), pk=pk)


# Every column of the project, and its partner's name: the page shows most of them. Built once per process
# (engagement.core.prepared).
PROJECT_FOR_PAGE = PreparedQuery(
    lambda shape, pk: Project.objects.filter(pk=pk).values(*columns(Project), "partner__id", "partner__name")
)


def get_project_for_page(user, pk):
    """(project, groups): get_project_for_user, with the project's groups and the user's role in each
    (rules.groups_taken_part_in), which the project page shows and asks. The roles also say whether
    the user may see the project (rules.can_see_project), in place of the subquery of all their
    groups, which cost more to build and to plan than the rest of the query."""
    rows = PROJECT_FOR_PAGE.rows(None, pk=pk)
    if not rows:
        raise Http404
    project = instance(Project, rows[0])
    project.partner = instance(Partner, rows[0], "partner__")
    groups = rules.groups_taken_part_in(user, project)
    if not rules.can_see_project(user, project, groups):
        raise Http404
    return project, groups


def get_comment_for_user(user, project_pk, comment_pk):
    """A comment the user may see, on a project they may see; comment.project is that checked project."""
    project = get_project_for_user(user, project_pk)
    comment = get_object_or_404(Comment.objects.select_related("author", "question"), project=project, pk=comment_pk)
    comment.project = project
    if not rules.can_see_comment(user, comment):
        raise Http404
    return comment
