"""Who may do what with projects and comments: one place, checked on the server.

Views pass the answers to templates as booleans, so a page never offers what
the server would refuse.
"""

from members.models import Membership
from members.rules import is_chair_of, is_engagement_staff

from .models import COMMENTING_ROLES, Project


def takes_part_in(user, project):
    """A chair, vice-chair or member (active or on leave) of one of the project's groups."""
    return (
        user.is_authenticated
        and user.is_active
        and Membership.objects.with_access()
        .filter(user=user, group__in=project.groups.all(), role__in=COMMENTING_ROLES)
        .exists()
    )


def can_comment(user, project, now=None):
    return project.is_open_for_comments(now) and takes_part_in(user, project)


def can_reply(user, comment, may_comment):
    """`may_comment` is can_comment() for the comment's project, worked out once per page."""
    return may_comment and comment.parent_id is None and not comment.is_withdrawn and not comment.is_hidden


def can_edit_comment(user, comment, now=None):
    """Authors change or withdraw their own comments while the project is open.

    A comment staff recorded from a meeting is a record of what was said there,
    so it is not the member's to rewrite.
    """
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and comment.said_at_meeting_on is None
        and not comment.is_withdrawn
        and not comment.is_hidden
        and comment.project.is_open_for_comments(now)
    )


def can_see_comment(user, comment):
    """Staff see everything; authors see their own hidden comment with the reason; no one sees a withdrawn one."""
    if is_engagement_staff(user):
        return True
    if comment.is_withdrawn:
        return False
    return not comment.is_hidden or comment.author_id == user.pk


def can_see_response(user, project):
    """Members see a response once it is published; staff can read it while they write it."""
    return project.status == Project.Status.PUBLISHED or is_engagement_staff(user)


def can_see_impact(user, group):
    return is_engagement_staff(user) or is_chair_of(user, group)
