"""The annual report's section for the board's report on public involvement (NHS Act 2006, section 14Z58)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from feedback.models import ResponseEntry
from feedback.planning.reports import annual_report
from members.equality import SUPPRESSED
from members.expenses.models import InvolvementPayment
from members.models import EqualityMonitoring, Membership
from tests.planning.test_annual_report import YEAR, comment, entry, join, meeting, paid_claim, project

pytestmark = pytest.mark.django_db

Outcome = ResponseEntry.Outcome
AVAILABLE_TO_STAFF = "available to designated staff"


def payment(group, person, paid_on, amount, status=InvolvementPayment.Status.PAID, **fields):
    return InvolvementPayment.objects.create(
        person=person,
        group=group,
        activity_date=paid_on,
        description="Group meeting",
        amount=Decimal(amount),
        status=status,
        paid_on=paid_on if status == InvolvementPayment.Status.PAID else None,
        payment_reference="PAYROLL 1" if status == InvolvementPayment.Status.PAID else "",
        **fields,
    )


@pytest.fixture
def year(peg, panel):
    """Two meetings, two projects, three comments, three outcomes, a follow-up, paid claims and payments."""
    lead = join(peg, "lead@example.org", date(2024, 1, 10), role=Membership.Role.CHAIR)
    steady = join(peg, "steady@example.org", date(2024, 6, 1))
    meeting(peg, date(2025, 5, 1), [lead, steady])
    meeting(peg, date(2025, 11, 1), [lead])

    first = project(peg, "Website words", date(2025, 5, 1), date(2025, 6, 1), date(2025, 6, 21))
    second = project(peg, "Phone line", date(2025, 7, 1), date(2025, 8, 1), date(2025, 8, 21))
    views = [comment(first, steady, date(2025, 5, 2)), comment(first, lead, date(2025, 5, 3))]
    views.append(comment(second, steady, date(2025, 7, 2)))
    entry(first, Outcome.ADOPTED, views[:2])
    entry(first, Outcome.NOT_ADOPTED)
    followed = entry(second, Outcome.PARTLY_ADOPTED, views[2:])
    ResponseEntry.objects.filter(pk=followed.pk).update(
        followed_up_on=date(2025, 12, 1), difference_made="The line now opens until 8pm."
    )

    paid_claim(peg, steady, date(2025, 6, 30), "4.50", "12.30")
    payment(peg, steady, date(2025, 6, 30), "40.00")
    payment(peg, lead, date(2025, 9, 30), "40.00", choice="reduce", reduced_amount=Decimal("15.00"))
    payment(peg, lead, date(2025, 10, 30), "40.00", status=InvolvementPayment.Status.APPROVED)  # not paid yet
    payment(peg, lead, date(2026, 4, 1), "40.00")  # paid the next year
    payment(panel, lead, date(2025, 9, 30), "40.00")  # another group
    return peg


def test_it_adds_up_involvement_payments_paid_in_the_year_as_members_chose(year):
    assert annual_report(year, YEAR).involvement_paid == Decimal("55.00")


def test_it_adds_payments_and_expenses_into_a_total(year):
    assert annual_report(year, YEAR).paid_in_total == Decimal("71.80")


def test_it_counts_outcomes_by_kind(year):
    counts = annual_report(year, YEAR).outcome_counts
    assert (counts["adopted"], counts["partly_adopted"], counts["not_adopted"]) == (1, 1, 1)


def test_the_page_brings_the_figures_together_for_the_board(client, staff, year):
    client.force_login(staff)
    text = " ".join(client.get(reverse("planning:annual_report", args=["peg", YEAR])).text.split())
    for expected in [
        "For the board’s report on public involvement",
        "2 meetings held, 2 projects reviewed and 3 views heard",
        "1 view adopted, 1 partly adopted and 1 not adopted; 1 follow-up recorded",
        "£55.00",
        "£16.80",
        "£71.80",
    ]:
        assert expected in text


def test_the_pdf_has_the_section(client, staff, year):
    client.force_login(staff)
    response = client.get(reverse("planning:annual_report_pdf", args=["peg", YEAR]))
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "For the board’s report on public involvement" in text and "£71.80" in text


@pytest.fixture
def answered(peg, staff):
    """Ten members who answered the religion question, two of them Jewish; everyone active is in the group."""
    Membership.objects.create(user=staff, group=peg, role=Membership.Role.STAFF)
    for i in range(10):
        person = join(peg, f"member{i}@example.org", date(2024, 6, 1))
        religion = "jewish" if i < 2 else "christian"
        EqualityMonitoring.objects.create(user=person, consent_given_at=timezone.now(), religion=religion)
    return peg


def test_small_numbers_are_suppressed_in_the_equality_figures(answered):
    equality = annual_report(answered, YEAR, with_equality=True).equality
    religion = next(row for row in equality["characteristics"] if row["label"].startswith("Religion"))
    assert dict(religion["rows"])["Jewish"] == SUPPRESSED


def test_someone_with_the_equality_role_sees_the_figures(client, equality_staff, answered):
    client.force_login(equality_staff)
    response = client.get(reverse("planning:annual_report", args=["peg", YEAR]))
    assert "Religion or belief" in response.text and AVAILABLE_TO_STAFF not in response.text


def test_staff_without_the_equality_role_are_told_where_the_figures_are(client, staff, answered):
    client.force_login(staff)
    response = client.get(reverse("planning:annual_report", args=["peg", YEAR]))
    assert AVAILABLE_TO_STAFF in response.text and "Jewish" not in response.text


def test_the_section_adds_one_query_however_many_payments(year, peg, lead_payments, django_assert_num_queries):
    with django_assert_num_queries(13):
        annual_report(peg, YEAR)
    lead_payments(10)
    with django_assert_num_queries(13):
        report = annual_report(peg, YEAR)
    assert report.involvement_paid == Decimal("455.00")


@pytest.fixture
def lead_payments(peg):
    def make(count):
        person = join(peg, "extra@example.org", date(2025, 4, 2))
        for i in range(count):
            payment(peg, person, date(2025, 7, 1 + i), "40.00")

    return make


def word_text(response):
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join([paragraph.text for paragraph in document.paragraphs] + cells).split())


def test_the_word_copy_has_the_report_and_the_section(client, staff, year):
    client.force_login(staff)
    response = client.get(reverse("planning:annual_report_docx", args=["peg", YEAR]))
    assert response["Content-Disposition"].endswith('annual-report-peg-2025-26.docx"')
    text = word_text(response)
    for expected in [
        "Annual report 2025/26: Public Engagement Group",
        "The line now opens until 8pm.",
        "For the board's report on public involvement",
        "2 meetings held, 2 projects reviewed and 3 views heard",
        "£71.80",
        AVAILABLE_TO_STAFF,
    ]:
        assert expected in text


def test_members_cannot_download_the_word_copy(client, member, year):
    client.force_login(member)
    assert client.get(reverse("planning:annual_report_docx", args=["peg", YEAR])).status_code == 403


def test_the_page_links_the_word_copy(client, staff, year):
    client.force_login(staff)
    response = client.get(reverse("planning:annual_report", args=["peg", YEAR]))
    assert reverse("planning:annual_report_docx", args=["peg", YEAR]) in response.text
