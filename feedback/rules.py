"""Who may do what with projects and comments: one place, checked on the server.

Views pass the answers to templates as booleans, so a page never offers what
the server would refuse.
"""

from django.db.models import CharField, Exists, OuterRef, Subquery, Value

from engagement.core.prepared import PreparedQuery
from members.models import EngagementGroup, Membership
from members.rules import is_chair_of, is_engagement_staff

from .models import COMMENTING_ROLES, Project


def _taking_part(user):
    """The user's memberships that let them take part: a chair, vice-chair or member, active or on leave."""
    return Membership.objects.with_access().filter(user=user, role__in=COMMENTING_ROLES)


def takes_part_in(user, project):
    """A chair, vice-chair or member (active or on leave) of one of the project's groups."""
    return (
        user.is_authenticated and user.is_active and _taking_part(user).filter(group__in=project.groups.all()).exists()
    )


def taking_part_in(user_id, project):
    """takes_part_in() as an expression, for a query that reads it with its project (`project`: an OuterRef
    to the project's pk); the user is signed in and active."""
    return Exists(_taking_part(user_id).filter(group__projects=project))


def groups_taken_part_in(user, project):
    """The project's groups, each with `role`: the user's role in it (active or on leave; None without
    one), and `takes_part`: whether the user takes part through it.

    For a page that lists the groups anyway: takes_part_in() is then any(group.takes_part), and
    can_see_project() asks the same roles, answered by the same query rather than more.
    """
    signed_in = user.is_authenticated and user.is_active
    person = {"user_id": user.pk} if signed_in else {}
    groups = []
    for row in GROUPS_WITH_ROLES.rows(signed_in, project_id=project.pk, **person):
        group = EngagementGroup(pk=row["pk"], name=row["name"])
        group.role, group.takes_part = row["role"], row["role"] in COMMENTING_ROLES
        groups.append(group)
    return groups


def _groups_with_roles(signed_in, project_id, user_id=None):
    if signed_in:
        held = Membership.objects.with_access().filter(user=user_id, group=OuterRef("pk"))
        role = Subquery(held.values("role")[:1])  # one membership a person a group: one_membership_per_group
    else:
        role = Value(None, output_field=CharField())
    return Project(pk=project_id).groups.annotate(role=role).values("pk", "name", "role")


# Built once per process (engagement.core.prepared); the shape is whether someone signed in is asking.
GROUPS_WITH_ROLES = PreparedQuery(_groups_with_roles)


def can_see_project(user, project, groups):
    """Project.objects.visible_to, for one project whose groups_taken_part_in() the page has: staff see
    every project; members of one of its groups (active or on leave, in any role) once it is not a draft."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_engagement_staff(user):
        return True
    return project.status != Project.Status.DRAFT and any(group.role for group in groups)


def can_comment(user, project, now=None, groups=None):
    """`groups`, if the page has them, is groups_taken_part_in() for this project."""
    if not project.is_open_for_comments(now):
        return False
    if groups is not None:
        return any(group.takes_part for group in groups)
    return takes_part_in(user, project)


def can_reply(user, comment, may_comment):
    """`may_comment` is can_comment() for the comment's project, worked out once per page."""
    return may_comment and comment.parent_id is None and not comment.is_withdrawn and not comment.is_hidden


def can_edit_comment(user, comment, now=None):
    """Authors change or withdraw their own comments while the project is open.

    A comment staff recorded from a meeting is a record of what was said there,
    so it is not the member's to rewrite.
    """
    return user.is_authenticated and _may_edit(comment, user.pk, comment.project.is_open_for_comments(now))


def _may_edit(comment, user_pk, project_is_open):
    return (
        comment.author_id == user_pk
        and comment.said_at_meeting_on is None
        and not comment.is_withdrawn
        and not comment.is_hidden
        and project_is_open
    )


def can_see_comment(user, comment):
    """Staff see everything; authors see their own hidden comment with the reason; no one sees a withdrawn one."""
    return _may_see(comment, user.pk, is_engagement_staff(user))


def _may_see(comment, user_pk, is_staff):
    if is_staff:
        return True
    if comment.is_withdrawn:
        return False
    return not comment.is_hidden or comment.author_id == user_pk


def comment_rules(user, project, now=None):
    """(can_see, can_edit): can_see_comment() and can_edit_comment() as functions of a comment alone,
    for a page of the project's comments.

    Who is asking, whether they are staff and whether the project is open are worked
    out once, not once a comment: on a busy page the repeated checks of the signed-in
    user cost more than the rules.
    """
    user_pk = user.pk if user.is_authenticated else None
    is_staff = is_engagement_staff(user)
    is_open = user_pk is not None and project.is_open_for_comments(now)

    def can_see(comment):
        return _may_see(comment, user_pk, is_staff)

    def can_edit(comment):
        return _may_edit(comment, user_pk, is_open)

    return can_see, can_edit


def shared_comment_rules(project, now=None):
    """(can_see, can_edit) for the project page's discussion as it is drawn for every member: can_see as
    comment_rules() answers for a member who wrote none of the comments, can_edit as it answers for
    each comment's author (whose page alone shows the links)."""
    is_open = project.is_open_for_comments(now)

    def can_see(comment):
        return _may_see(comment, None, False)

    def can_edit(comment):
        return _may_edit(comment, comment.author_id, is_open)

    return can_see, can_edit


def can_see_response(user, project):
    """Members see a response once it is published; staff can read it while they write it."""
    return project.status == Project.Status.PUBLISHED or is_engagement_staff(user)


def can_see_impact(user, group, chaired=None):
    """`chaired`, if the page has it, is is_chair_of(user, group), from with_chairing()."""
    return is_engagement_staff(user) or (is_chair_of(user, group) if chaired is None else chaired)


def with_chairing(groups, user):
    """The groups, each with `chaired`: is_chair_of() for the user, answered by the query that lists the
    groups rather than one more. The same memberships as members.rules.is_chair_of."""
    if not user.is_authenticated:
        return groups.annotate(chaired=Value(False))
    return chaired_by(groups, user.pk)


def chaired_by(groups, user_id):
    """with_chairing() for someone signed in, named by id (a prepared query's stand-in)."""
    chairs = Membership.objects.with_access().filter(
        user=user_id, group=OuterRef("pk"), role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR]
    )
    return groups.annotate(chaired=Exists(chairs))
