"""The annual report and the survey report in standard and large print: type sizes read back from the PDFs."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.pdf_reading import type_sizes
from tests.planning.test_annual_report import YEAR, year  # noqa: F401 - a fixture
from tests.planning.test_survey_report import coded  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def download(client, url):
    response = client.get(url)
    return response, b"".join(response.streaming_content)


@pytest.mark.parametrize(("query", "smallest"), [("", 12), ("?print=large", 16)])
def test_no_text_in_the_annual_report_is_smaller_than_the_body_size(client, chair, year, query, smallest):  # noqa: F811
    client.force_login(chair)
    _response, pdf = download(client, reverse("planning:annual_report_pdf", args=["peg", YEAR]) + query)
    assert min(type_sizes(pdf).values()) >= smallest


def test_the_annual_report_downloads_in_large_print(client, chair, year):  # noqa: F811
    client.force_login(chair)
    response, pdf = download(client, reverse("planning:annual_report_pdf", args=["peg", YEAR]) + "?print=large")
    assert response["Content-Disposition"].endswith('annual-report-peg-2025-26-large-print.pdf"')
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Annual report 2025/26 (large print): Public Engagement Group"


@pytest.mark.parametrize(("query", "smallest"), [("", 12), ("?print=large", 16)])
def test_no_text_in_the_survey_report_is_smaller_than_the_body_size(client, staff, coded, query, smallest):  # noqa: F811
    client.force_login(staff)
    _response, pdf = download(client, reverse("planning:survey_report_pdf", args=[coded.pk]) + query)
    assert min(type_sizes(pdf).values()) >= smallest


def test_the_survey_report_downloads_in_large_print(client, staff, coded):  # noqa: F811
    client.force_login(staff)
    response, pdf = download(client, reverse("planning:survey_report_pdf", args=[coded.pk]) + "?print=large")
    assert response["Content-Disposition"].endswith(f'self-assessment-report-{coded.pk}-large-print.pdf"')
    assert PdfReader(io.BytesIO(pdf)).metadata.title.startswith("Self-assessment report (large print)")
