"""A person's onboarding checklist: what is done and what is still to do.

The profile reads it with what it reads anyway: the agreement, its signature and the induction as
annotations on the person (`person_facts`), the roles needing a DBS check as an annotation on their
memberships (`role_needs_dbs`); only the training records take a query of their own (its SQL built
once, engagement.core.prepared), and the latest DBS check one more where a role needs it. (Each
subquery costs about as much Python to build as a query of its own: the DBS check's three columns
are read only when needed.)
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, F, OuterRef, Subquery

from engagement.core.prepared import PreparedQuery
from members.models import Membership

from .models import (
    EXPIRY_WARNING,
    AgreementSignature,
    AgreementVersion,
    DbsCheck,
    DbsRequirement,
    TrainingRecord,
)


@dataclass
class Checklist:
    today: date
    agreement_name: str | None
    signed_on: date | None
    inducted_on: date | None
    training: list[dict]
    dbs_needed: list[Membership]
    dbs_check: DbsCheck | None

    @property
    def agreement_to_sign(self) -> bool:
        return self.agreement_name is not None and self.signed_on is None

    @property
    def dbs_to_do(self) -> bool:
        return bool(self.dbs_needed) and (
            self.dbs_check is None
            or (self.dbs_check.renewal_due is not None and self.dbs_check.renewal_due < self.today)
        )

    def expired(self, record) -> bool:
        return record["expires_on"] is not None and record["expires_on"] < self.today

    def expiring(self, record) -> bool:
        return record["expires_on"] is not None and self.today <= record["expires_on"] <= self.today + EXPIRY_WARNING

    @property
    def training_rows(self):
        return [(record, self.expired(record), self.expiring(record)) for record in self.training]

    @property
    def to_do(self) -> list[str]:
        things = []
        if self.agreement_to_sign:
            things.append("sign the involvement agreement")
        if self.inducted_on is None:
            things.append("come to an induction")
        things += [f"renew your {record['course']} training" for record in self.training if self.expired(record)]
        if self.dbs_to_do:
            things.append("have a DBS check")
        return things


def person_facts(today: date) -> dict:
    """Annotations for a query of people: the agreement in force, the person's signature of it and the day
    of their induction (None if they have had none), so the profile reads them with the person."""
    agreement = AgreementVersion.objects.filter(in_force_from__lte=today).order_by("-in_force_from", "-pk")
    signature = AgreementSignature.objects.filter(user=OuterRef("pk"), version=Subquery(agreement.values("pk")[:1]))
    return {
        "agreement_name": Subquery(agreement.values("name")[:1]),
        "agreement_signed_on": Subquery(signature.values("signed_on")[:1]),
        "inducted_on": F("induction__completed_on"),
    }


def role_needs_dbs() -> Exists:
    """An annotation for a query of memberships: whether the role in that group needs a DBS check."""
    return Exists(DbsRequirement.objects.filter(group=OuterRef("group"), role=OuterRef("role")))


# Built once per process (engagement.core.prepared).
TRAINING = PreparedQuery(
    lambda shape, user_id: TrainingRecord.objects.filter(user=user_id).values("course", "completed_on", "expires_on")
)


def checklist_for(person, memberships, today: date) -> Checklist:
    """`person` a row of the person's "pk" and `person_facts`, `memberships` (with their groups) with
    `role_needs_dbs` as `needs_dbs`: one query more, the training records, and where a role needs a
    DBS check, one for the latest."""
    # A role someone stepped down from needs no check.
    dbs_needed = [membership for membership in memberships if membership.needs_dbs and membership.gives_access]
    return Checklist(
        today=today,
        agreement_name=person["agreement_name"],
        signed_on=person["agreement_signed_on"],
        inducted_on=person["inducted_on"],
        training=TRAINING.rows(None, user_id=person["pk"]),
        dbs_needed=dbs_needed,
        dbs_check=DbsCheck.objects.filter(user=person["pk"]).first() if dbs_needed else None,
    )
