"""The survey report and the group's annual report as PDFs, also in large print (see
engagement/core/documents.py for the machinery), and the annual report as a Word document
(engagement/core/word.py) that the board's team can edit into its own report.

All are a few pages of figures, quick enough to build during the request.
"""

from django.utils.formats import date_format

from engagement.core.documents import Document
from engagement.core.templatetags.money import pounds
from engagement.core.word import WordDocument


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


def _count(count, one, many=None):
    return f"{count} {one if count == 1 else many or one + 's'}"


def _day(value):
    return date_format(value, "j F Y")


def annual_report_word(report):
    """The annual report as an editable Word document, with what the PDF says (charts left out: their
    figures are in the tables)."""
    word = WordDocument(f"Annual report {report.label}: {report.group.name}")
    under_way = " The year is not over yet, so these are the figures so far." if report.is_under_way else ""
    word.paragraph(
        f"What the group did from {_day(report.starts)} to {_day(report.ends)}, and what happened because of it."
        + under_way
    )
    attendance = (
        "Not recorded" if report.attendance_percent is None else f"{report.attendance_percent}% of active members"
    )
    answered = (
        "No comments"
        if report.answered_percent is None
        else f"{report.answered_percent}% ({report.answered} of {report.comments})"
    )
    median = (
        "No responses published"
        if report.median_days_to_respond is None
        else f"{report.median_days_to_respond:g} day{'' if report.median_days_to_respond == 1 else 's'} from comments "
        f"closing, over {_count(report.responses_published, 'response')}"
    )
    word.heading("The year in figures")
    word.table(
        [],
        [
            ("Meetings held", len(report.meetings)),
            ("Average attendance", attendance),
            ("Members who joined", report.joined),
            ("Members who stepped down", report.left),
            ("Projects reviewed", report.projects_reviewed),
            ("Comments made", report.comments),
            ("Comments answered in a published response", answered),
            ("Time to respond (median)", median),
            ("Expenses paid to members", pounds(report.expenses_paid)),
        ],
        label_column=True,
    )
    word.heading("Meetings and attendance")
    if report.meetings:
        word.table(
            ["Meeting", "Members who came", "Active members", "Attendance"],
            [
                (
                    f"{row.meeting.title}, {_day(row.meeting.start)}",
                    row.attended if row.recorded else "Not recorded",
                    row.invited if row.recorded else "",
                    f"{row.percent}%" if row.percent is not None else "",
                )
                for row in report.meetings
            ],
        )
    else:
        word.paragraph("The group held no meetings in this year.")
    word.heading("Outcomes of the group's views")
    if report.responses_published:
        word.table(["Outcome", "Entries"], [(outcome.label, count) for outcome, count in report.outcomes])
    else:
        word.paragraph("No responses were published in this year.")
    word.heading("You said, we did: highlights")
    for entry in report.highlights:
        word.heading(f"{entry.project.title}: {entry.theme.name}", 3)
        word.paragraph(entry.what_we_heard, label="You said")
        word.paragraph(entry.how_we_reflected, label="We did")
        if entry.where_addressed:
            word.paragraph(entry.where_addressed, label="Where")
    if not report.highlights:
        word.paragraph("No views were adopted in responses published this year.")
    word.heading("You said, we did, and what changed")
    for entry in report.changes:
        word.heading(f"{entry.project.title}: {entry.theme.name}", 3)
        word.paragraph(entry.what_we_heard, label="You said")
        word.paragraph(entry.how_we_reflected, label="We did")
        word.paragraph(entry.difference_made, label=f"What changed ({_day(entry.followed_up_on)})")
    if not report.changes:
        word.paragraph("No follow-ups were written this year.")
    word.heading("Decisions this year")
    if report.decisions:
        word.bullets(
            f"{_day(decision.item.meeting.start)}, {decision.item.title}: "
            + " ".join(filter(None, [decision.text, decision.summary]))
            for decision in report.decisions
        )
    else:
        word.paragraph("No decisions were recorded this year.")
    _board_evidence(word, report)
    return word


def _board_evidence(word, report):
    """As templates/planning/includes/board_evidence.html says it."""
    counts = report.outcome_counts
    word.heading("For the board's report on public involvement")
    word.paragraph(
        "Figures the integrated care board can use in the report on public involvement it publishes each year "
        "(section 14Z58 of the National Health Service Act 2006)."
    )
    attendance = (
        "Not recorded"
        if report.attendance_percent is None
        else f"{report.attendance_percent}% of active members on average"
    )
    word.table(
        [],
        [
            (
                "How the group was involved",
                f"{_count(len(report.meetings), 'meeting')} held, {_count(report.projects_reviewed, 'project')} "
                f"reviewed and {_count(report.comments, 'view')} heard",
            ),
            ("Attendance", attendance),
            (
                "What changed as a result",
                f"{_count(counts['adopted'], 'view')} adopted, {counts['partly_adopted']} partly adopted and "
                f"{counts['not_adopted']} not adopted; {_count(len(report.changes), 'follow-up')} recorded "
                "on what changed",
            ),
            ("Involvement payments paid", pounds(report.involvement_paid)),
            ("Expenses paid", pounds(report.expenses_paid)),
            ("Paid in total", pounds(report.paid_in_total)),
        ],
        label_column=True,
    )
    word.heading("How members reflect the population", 3)
    equality = report.equality
    if equality is None:
        word.paragraph("Equality figures for the group are available to designated staff with the equality data role.")
    elif equality.get("refused"):
        word.paragraph(equality["refused"])
    else:
        word.paragraph(
            f"{equality['people']} members; {equality['answered']} answered the equality questions. Counts under 5 "
            "are shown as “fewer than 5” so that no one can be identified."
        )
        word.bullets(
            f"{row['label']}: " + "; ".join(f"{label} {count}" for label, count in row["rows"])
            for row in equality["characteristics"]
        )
