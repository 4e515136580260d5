"""Who may do what in recruitment: one place, checked on the server.

The public pages need no account. Everything else is the staff admin, where
model permissions decide; these rules add what model permissions cannot say.
"""

from members.rules import can_view_equality_report, is_engagement_staff


def can_view_balance(user):
    return is_engagement_staff(user) and user.has_perm("recruitment.view_application")


def can_see_characteristics(user):
    """Aggregate equality figures for applicants and members: only the Equality data role."""
    return can_view_equality_report(user)


def can_appoint(user):
    return (
        is_engagement_staff(user)
        and user.has_perm("recruitment.change_application")
        and user.has_perm("members.add_user")
        and user.has_perm("members.add_membership")
    )


def can_email_applicants(user):
    return is_engagement_staff(user) and user.has_perm("recruitment.change_application")
