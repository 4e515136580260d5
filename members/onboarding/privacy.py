"""Onboarding records that are about a person (see members/privacy.py)."""

from engagement.core.personal_data import record, records

from .models import AgreementSignature, DbsCheck, Induction, TrainingRecord


def personal_data(user):
    return {
        "involvement_agreements_signed": records(
            AgreementSignature.objects.filter(user=user), "version__name", "typed_name", "signed_on"
        ),
        "induction": record(Induction.objects.filter(user=user), "completed_on"),
        "training": records(TrainingRecord.objects.filter(user=user), "course", "completed_on", "expires_on"),
        "dbs_checks": records(DbsCheck.objects.filter(user=user), "level", "certificate_date", "renewal_due"),
    }


def erase(user):
    # Kept to show a member was ready to take part; once they have left there is no reason to hold them.
    AgreementSignature.objects.filter(user=user).delete()
    Induction.objects.filter(user=user).delete()
    TrainingRecord.objects.filter(user=user).delete()
    DbsCheck.objects.filter(user=user).delete()
