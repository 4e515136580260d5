"""Who may do what with plans, surveys and annual reports: one place, checked on the server.

Seeing a plan follows seeing its project (members of the project's groups once
it is no longer a draft; staff always): EngagementPlan.objects.visible_to().
"""

from feedback import rules as feedback_rules
from members.rules import is_engagement_staff


def can_comment_on_plan(user, plan, now=None, takes_part=None):
    """The same people, at the same time, as can comment on the project.
    `takes_part`, if the page has it, is feedback_rules.taking_part_in() read with the plan."""
    if takes_part is None:
        return feedback_rules.can_comment(user, plan.project, now)
    return plan.project.is_open_for_comments(now) and user.is_authenticated and user.is_active and takes_part


def can_edit_plan_comment(user, comment, now=None):
    """Authors change or withdraw their own comment while the project is open for comments."""
    return may_edit_plan_comment(
        user, comment.author_id, comment.is_withdrawn, comment.plan.project.is_open_for_comments(now)
    )


def may_edit_plan_comment(user, author_id, withdrawn, project_open):
    """can_edit_plan_comment() for a comment read as values, with whether its project is open."""
    return user.is_authenticated and author_id == user.pk and not withdrawn and project_open


def can_see_plan_comment(user, comment):
    return not comment.is_withdrawn or is_engagement_staff(user)


def can_run_surveys(user):
    return is_engagement_staff(user) and user.has_perm("planning.view_survey")


def can_enter_telephone_answers(user):
    return is_engagement_staff(user) and user.has_perm("planning.add_surveyresponse")


def can_see_annual_report(user, group):
    """The chair (or vice-chair) and staff, like the impact figures the report builds on."""
    return feedback_rules.can_see_impact(user, group)
