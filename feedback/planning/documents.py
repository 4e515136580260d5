"""The survey report and the group's annual report as PDFs (see engagement/core/documents.py for the machinery).

Both are a few pages of figures, quick enough to build during the request.
"""

from engagement.core.documents import Document


def survey_report(report):
    return Document(
        name=f"survey-report-{report.survey.pk}",
        template="documents/planning_survey_report.html",
        context={"report": report},
    )


def annual_report(report):
    return Document(
        name=f"annual-report-{report.group.slug}-{report.year}",
        template="documents/planning_annual_report.html",
        context={"report": report},
    )
