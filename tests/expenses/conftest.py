from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings.models import Attendee, Meeting
from members import roles
from members.expenses import services
from members.expenses.models import ClaimLine, ExpenseClaim, ExpenseSettings
from members.models import Membership
from tests.conftest import make_person
from tests.sample_files import one_page_pdf

PDF_BYTES = one_page_pdf()
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def receipt(name="receipt.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content)


@pytest.fixture
def other_member(peg):
    user = make_person("other@example.org", "Priya Lal")
    Membership.objects.create(user=user, group=peg)
    return user


@pytest.fixture
def officer(db):
    """A second member of staff, without the Contracts role."""
    roles.sync_staff_roles()
    user = make_person("officer@example.org", "Sam Whitfield", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ENGAGEMENT_STAFF))
    return user


@pytest.fixture
def contracts_staff(staff):
    staff.groups.add(Group.objects.get(name=roles.CONTRACTS))
    return staff


@pytest.fixture
def past_meeting(make_meeting, member):
    meeting = make_meeting(days=-7, status=Meeting.Status.HELD, title="Autumn meeting")
    Attendee.objects.create(meeting=meeting, user=member)
    return meeting


@pytest.fixture
def paying_panel(panel):
    ExpenseSettings.objects.create(
        group=panel,
        pays_involvement=True,
        involvement_rate=Decimal("25.00"),
        involvement_unit=ExpenseSettings.Unit.MEETING,
    )
    return panel


@pytest.fixture
def make_claim(member, peg):
    """A draft claim with one £4.50 parking cost, unless told otherwise."""

    def make(claimant=None, lines=((ClaimLine.Kind.PARKING, {"amount": Decimal("4.50")}),), **fields):
        fields.setdefault("group", peg)
        fields.setdefault("activity_date", timezone.localdate() - timedelta(days=7))
        fields.setdefault("description", "Group meeting")
        claim = ExpenseClaim.objects.create(claimant=claimant or member, **fields)
        for kind, values in lines:
            ClaimLine.objects.create(claim=claim, kind=kind, **values)
        return claim

    return make


@pytest.fixture
def submitted_claim(make_claim, member):
    claim = make_claim()
    services.submit(claim, member)
    return claim


def set_status(claim, status):
    """Put a claim straight into a status (with what that status needs), bypassing the workflow under test."""
    extra = {
        ExpenseClaim.Status.PAID: {"paid_on": timezone.localdate(), "payment_reference": "BACS-1"},
        ExpenseClaim.Status.REJECTED: {"rejection_reason": "Duplicate"},
        ExpenseClaim.Status.APPROVED: {"approved_at": timezone.now()},
    }.get(status, {})
    ExpenseClaim.objects.filter(pk=claim.pk).update(status=status, **extra)
    claim.refresh_from_db()
    return claim
