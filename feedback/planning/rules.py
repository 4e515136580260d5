"""Who may do what with plans, surveys and annual reports: one place, checked on the server.

Seeing a plan follows seeing its project (members of the project's groups once
it is no longer a draft; staff always): EngagementPlan.objects.visible_to().
"""

from feedback import rules as feedback_rules
from members.rules import is_engagement_staff


def can_comment_on_plan(user, plan, now=None):
    """The same people, at the same time, as can comment on the project."""
    return feedback_rules.can_comment(user, plan.project, now)


def can_edit_plan_comment(user, comment, now=None):
    """Authors change or withdraw their own comment while the project is open for comments."""
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and not comment.is_withdrawn
        and comment.plan.project.is_open_for_comments(now)
    )


def can_see_plan_comment(user, comment):
    return not comment.is_withdrawn or is_engagement_staff(user)


def can_run_surveys(user):
    return is_engagement_staff(user) and user.has_perm("planning.view_survey")


def can_enter_telephone_answers(user):
    return is_engagement_staff(user) and user.has_perm("planning.add_surveyresponse")


def can_see_annual_report(user, group):
    """The chair (or vice-chair) and staff, like the impact figures the report builds on."""
    return feedback_rules.can_see_impact(user, group)
