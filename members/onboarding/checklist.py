"""A person's onboarding checklist: what is done and what is still to do, read in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date

from .models import (
    EXPIRY_WARNING,
    AgreementSignature,
    AgreementVersion,
    DbsCheck,
    DbsRequirement,
    Induction,
    TrainingRecord,
    dbs_requirements_for,
)


@dataclass
class Checklist:
    today: date
    agreement: AgreementVersion | None
    signature: AgreementSignature | None
    induction: Induction | None
    training: list[TrainingRecord]
    dbs_needed: list[DbsRequirement]
    dbs_check: DbsCheck | None

    @property
    def agreement_to_sign(self) -> bool:
        return self.agreement is not None and self.signature is None

    @property
    def dbs_to_do(self) -> bool:
        return bool(self.dbs_needed) and (
            self.dbs_check is None
            or (self.dbs_check.renewal_due is not None and self.dbs_check.renewal_due < self.today)
        )

    def expired(self, record) -> bool:
        return record.expires is not None and record.expires < self.today

    def expiring(self, record) -> bool:
        return record.expires is not None and self.today <= record.expires <= self.today + EXPIRY_WARNING

    @property
    def training_rows(self):
        return [(record, self.expired(record), self.expiring(record)) for record in self.training]

    @property
    def to_do(self) -> list[str]:
        things = []
        if self.agreement_to_sign:
            things.append("sign the involvement agreement")
        if self.induction is None:
            things.append("come to an induction")
        things += [f"renew your {record.course} training" for record in self.training if self.expired(record)]
        if self.dbs_to_do:
            things.append("have a DBS check")
        return things


def checklist_for(user, today: date) -> Checklist:
    # 1 the agreement in force, 2 the person's signature of it, 3 induction, 4 training,
    # 5 the roles' DBS requirements, and only when there are any, 6 the latest DBS check.
    agreement = AgreementVersion.objects.current(today)
    signature = AgreementSignature.objects.filter(user=user, version=agreement).first() if agreement else None
    dbs_needed = list(dbs_requirements_for(user).select_related("group"))
    return Checklist(
        today=today,
        agreement=agreement,
        signature=signature,
        induction=Induction.objects.filter(user=user).first(),
        training=list(TrainingRecord.objects.filter(user=user)),
        dbs_needed=dbs_needed,
        dbs_check=DbsCheck.objects.filter(user=user).first() if dbs_needed else None,
    )
