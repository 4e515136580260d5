"""The survey report: themes with counts and quotes per area, where there is most to improve and most good practice."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from feedback.planning.models import Area, CodedTheme, Coding, SurveyResponse
from feedback.planning.reports import survey_report

pytestmark = pytest.mark.django_db

STRENGTH, WEAKNESS = Coding.Marker.STRENGTH, Coding.Marker.WEAKNESS


@pytest.fixture
def coded(survey, invitation, staff, areas):
    """Three responses (one by telephone) about three areas, tagged with three themes."""
    transparency, communication, unengaged = (
        Area.objects.get(name=name)
        for name in ("Transparency on decision-making", "Regular communication", "Reaching the unengaged")
    )
    governance, seldom, informed = (
        CodedTheme.objects.create(survey=survey, name=name)
        for name in ("Clear governance", "Seldom-heard groups", "Keeping people informed")
    )

    def respond(given, tags, **who):
        response = SurveyResponse.objects.record(survey, given, **who)
        stored = {answer.area: answer for answer in response.answers.all()}
        for area, theme, marker in tags:
            Coding.objects.create(answer=stored[area], theme=theme, marker=marker)

    respond(
        {
            transparency: ("Board papers are published early.", "Nobody can tell who decides what."),
            unengaged: ("", "We hear from the same people every time."),
        },
        [(transparency, governance, STRENGTH), (transparency, governance, WEAKNESS), (unengaged, seldom, WEAKNESS)],
        invitation=invitation,
    )
    respond(
        {
            unengaged: ("Outreach at the summer festival worked.", "Meetings are only in office hours."),
            communication: ("The newsletter is clear.", ""),
        },
        [(unengaged, seldom, WEAKNESS), (unengaged, seldom, STRENGTH), (communication, informed, STRENGTH)],
        name="Jo Castellano",
    )
    respond(
        {unengaged: ("", "Easy read versions arrive too late.")},
        [(unengaged, seldom, WEAKNESS)],
        entered_by=staff,
        name="Walter Brennan",
    )
    return survey


def by_name(report, name):
    return next(figures for figures in report.areas if figures.area.name == name)


def test_it_counts_each_theme_by_area_and_marker_with_quotes(coded):
    report = survey_report(coded)
    unengaged = by_name(report, "Reaching the unengaged")
    assert unengaged.answers == 3
    [weak] = unengaged.weaknesses
    assert (weak.theme.name, weak.count) == ("Seldom-heard groups", 3)
    assert weak.quotes == [
        "We hear from the same people every time.",
        "Meetings are only in office hours.",
        "Easy read versions arrive too late.",
    ]
    [strong] = unengaged.strengths
    assert (strong.count, strong.quotes) == (1, ["Outreach at the summer festival worked."])
    transparency = by_name(report, "Transparency on decision-making")
    assert [(f.theme.name, f.count, f.quotes) for f in transparency.strengths] == [
        ("Clear governance", 1, ["Board papers are published early."])
    ]
    assert transparency.weaknesses[0].quotes == ["Nobody can tell who decides what."]


def test_it_names_the_areas_with_most_scope_for_improvement_and_most_good_practice(coded):
    report = survey_report(coded)
    assert [(f.area.name, f.weakness_count) for f in report.most_improvement] == [
        ("Reaching the unengaged", 3),
        ("Transparency on decision-making", 1),
    ]
    # One strength each: listed in the areas' own order.
    assert [f.area.name for f in report.most_good_practice] == [
        "Transparency on decision-making",
        "Regular communication",
        "Reaching the unengaged",
    ]


def test_it_counts_responses_and_those_staff_entered(coded):
    report = survey_report(coded)
    assert (report.invited, report.responses, report.by_telephone) == (1, 3, 1)


def test_areas_nobody_answered_are_still_listed(coded):
    report = survey_report(coded)
    empty = by_name(report, "Empowerment")
    assert (empty.answers, empty.strengths, empty.weaknesses) == (0, [], [])
    assert len(report.areas) == Area.objects.count()


def test_the_figures_take_five_queries_however_many_answers(coded, survey, areas, django_assert_num_queries):
    with django_assert_num_queries(5):
        survey_report(coded)
    theme = CodedTheme.objects.get(name="Clear governance")
    for i in range(30):
        given = {area: (f"Good {i}", f"Better {i}") for area in areas}
        response = SurveyResponse.objects.record(survey, given, name=f"Person {i}")
        for answer in response.answers.all():
            Coding.objects.create(answer=answer, theme=theme, marker=WEAKNESS)
    with django_assert_num_queries(5):
        report = survey_report(coded)
    assert report.responses == 33


# Report page for staff: session, user, the staff member's permissions, the survey, then the five above,
# and whether the reader needs large print (the downloads offer it first).
REPORT_PAGE_QUERIES = 10


def test_staff_see_the_report_page_in_fixed_queries(client, staff, coded, django_assert_num_queries):
    client.force_login(staff)
    with django_assert_num_queries(REPORT_PAGE_QUERIES):
        response = client.get(coded.get_report_url())
    assert response.status_code == 200
    text = response.text
    assert "Most scope for improvement" in text and "Most good practice" in text
    assert 'Seldom-heard groups <span class="nhsuk-body-s">(tagged 3 times)' in text
    assert 'role="img"' in text and " style=" not in text


def test_a_survey_with_no_answers_has_empty_states(client, staff, survey):
    client.force_login(staff)
    text = client.get(survey.get_report_url()).text
    assert "No answers have been tagged as weaknesses yet." in text
    assert "No one has answered about this area yet." in text


def test_members_and_the_chair_cannot_see_survey_reports(client, member, chair, coded):
    for person in (member, chair):
        client.force_login(person)
        assert client.get(coded.get_report_url()).status_code == 404
        assert client.get(reverse("planning:survey_report_pdf", args=[coded.pk])).status_code == 404
        assert client.get(reverse("planning:survey_list")).status_code == 404


def test_the_survey_list_shows_counts(client, staff, coded):
    client.force_login(staff)
    text = client.get(reverse("planning:survey_list")).text
    assert coded.title in text
    assert "Enter answers" in text


def test_the_survey_list_has_an_empty_state(client, staff):
    client.force_login(staff)
    assert "There are no surveys yet." in client.get(reverse("planning:survey_list")).text


def pdf_text(response):
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_pdf_reads_back_with_its_headings_and_figures(client, staff, coded):
    client.force_login(staff)
    reader, text = pdf_text(client.get(reverse("planning:survey_report_pdf", args=[coded.pk])))
    assert reader.metadata.title == f"Self-assessment report: {coded.title}"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    for expected in [
        "Self-assessment report: How well do we involve the public?",
        "Most scope for improvement",
        "Reaching the unengaged: 3 weaknesses",
        "Most good practice",
        "Seldom-heard groups (tagged 3 times)",
        "Easy read versions arrive too late.",
        "3, of which 1 entered by staff (telephone)",
    ]:
        assert expected in text
