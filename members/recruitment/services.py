"""Operations that span several models: receiving an application, appointing, e-mailing outcomes."""

from datetime import timedelta

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from engagement.core import notifications
from engagement.core.dates import add_months
from engagement.core.tasks import send_notifications
from members import services as member_services
from members.models import EqualityMonitoring, Membership, User
from members.rules import can_manage_account

from .models import ApplicantEquality, Application, OutcomeEmail


@transaction.atomic
def receive_application(form, round):
    """Store a valid expression of interest, its equality answers (if consented), and queue the confirmation."""
    application = form.save(commit=False)
    application.round = round
    application.save()
    form.save_m2m()
    if form.equality_answers:
        ApplicantEquality.objects.create(
            application=application, consent_given_at=timezone.now(), **form.equality_answers
        )
    application.record_event("", None, "Sent from the website.")
    send_notifications(notifications.plan_to_subject(application, "confirmation"))
    return application


@transaction.atomic
def appoint(application_id, by, today=None):
    """Create (or reuse) the person and their membership, carry over their answers, and queue one invitation.

    The application row is locked first, so two clicks on “Appoint” cannot both act.
    """
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("round__group").get(pk=application_id)
    )
    problem = application.appointment_problem or account_problem(application, by)
    if problem:
        raise ValidationError(problem)
    round = application.round
    today = today or timezone.localdate()
    end = term_end(today, round.term_years)

    person = _person_for(application)
    membership, _ = Membership.objects.update_or_create(
        user=person,
        group=round.group,
        defaults={"role": round.role, "status": Membership.Status.ACTIVE, "term_start": today, "term_end": end},
    )
    equality = ApplicantEquality.objects.filter(application=application).first()
    # Their own later answers as a member win over what they gave when applying.
    if equality and not EqualityMonitoring.objects.filter(user=person).exists():
        EqualityMonitoring.objects.create(user=person, consent_given_at=equality.consent_given_at, **equality.answers())
    application.move_to(
        Application.Status.APPOINTED,
        by,
        note=f"Appointed {round.get_role_display().lower()} of {round.group}, {today:%-d %B %Y} to {end:%-d %B %Y}.",
        appointed_user=person,
    )
    if round.is_for_chair:
        draft_chair_contract(person, round, today, end)
    member_services.invite(person)
    return membership


def term_end(start, years):
    """The last day of a term of whole years: 1 April 2026 for 3 years ends on 31 March 2029."""
    return add_months(start, 12 * years) - timedelta(days=1)


def contracts_installed():
    """Contracts belong to the expenses app, which a deployment may leave out."""
    return apps.is_installed("members.expenses")


ACCOUNT_REFUSED = (
    "An account with this e-mail address holds roles you do not have, so appointing would change it. "
    "Ask an administrator."
)


def account_problem(application, by):
    """Appointing changes (and may switch back on) the account with the applicant's address:
    the same rule as the people admin, so no one reaches a stronger account this way."""
    person = User.objects.filter(email=User.objects.normalize_email(application.email)).first()
    return ACCOUNT_REFUSED if person and not can_manage_account(by, person) else ""


def _person_for(application):
    """The person with this e-mail address, or a new one; their profile gets the answers they had left empty."""
    email = User.objects.normalize_email(application.email)
    person = User.objects.filter(email=email).first()
    carried = {
        "phone": application.phone,
        "address": application.address,
        "postcode": application.postcode,
        "access_needs_other": application.access_needs_other,
    }
    if person is None:
        person = User.objects.create_user(
            email, full_name=application.full_name, locality=application.locality, **carried
        )
    else:
        for name, value in carried.items():
            if value and not getattr(person, name):
                setattr(person, name, value)
        if person.locality_id is None:
            person.locality = application.locality
        # Appointing someone whose account was switched off is a decision to let them back in.
        person.is_active = True
        person.save()
    person.lived_experience.add(*application.lived_experience.all())
    person.access_needs.add(*application.access_needs.all())
    return person


def draft_chair_contract(person, round, start, end):
    """A draft contract for the new chair, when the expenses app (which owns contracts) is installed."""
    if not contracts_installed():
        return None
    Contract = apps.get_model("expenses", "Contract")
    return Contract.objects.create(
        person=person,
        group=round.group,
        role=Membership.Role.CHAIR,
        start=start,
        end=end,
        annual_remuneration=round.annual_remuneration or 0,
        notes=f"Draft made on appointment through “{round.title}”. Check the remuneration, payment frequency "
        "and dates, and end the previous chair's contract if it overlaps.",
    )


@transaction.atomic
def email_not_appointed(applications):
    """Queue the “not appointed” e-mail for each such applicant; once per applicant per round, however often run."""
    chosen = list(not_appointed_untold(applications))
    OutcomeEmail.objects.bulk_create(
        [OutcomeEmail(round_id=a.round_id, application=a, email=User.objects.normalize_email(a.email)) for a in chosen],
        ignore_conflicts=True,
    )
    pending = [
        notification_id
        for outcome in OutcomeEmail.objects.filter(application__in=chosen, sent_at=None)
        for notification_id in notifications.plan_to_subject(outcome, "not-appointed")
    ]
    return send_notifications(pending)


def not_appointed_untold(applications):
    """Those marked “not appointed” not yet sent that e-mail (also counted before staff send)."""
    return applications.filter(status=Application.Status.NOT_APPOINTED).exclude(outcome_emails__sent_at__isnull=False)
