"""The survey report and the group's annual report as PDFs, also in large print (see
engagement/core/documents.py for the machinery).

Both are a few pages of figures, quick enough to build during the request.
"""

from engagement.core.documents import Document


def survey_report(report, large_print=False):
    return Document(
        name=f"survey-report-{report.survey.pk}{'-large-print' if large_print else ''}",
        template="documents/planning_survey_report.html",
        context={"report": report, "large_print": large_print},
    )


def annual_report(report, large_print=False):
    return Document(
        name=f"annual-report-{report.group.slug}-{report.year}{'-large-print' if large_print else ''}",
        template="documents/planning_annual_report.html",
        context={"report": report, "large_print": large_print},
    )
