"""Draft "what we heard" entries from confirmed themes, which staff must rewrite before publishing.

A draft lists the theme's representative quotes, word for word (without e-mail addresses or
phone numbers). Publishing a response quotes members back to everyone, so the draft is a
starting point only: while an entry's "what we heard" is still the drafted text, the response
cannot be published (publish_problems, one of feedback.models.PUBLISH_CHECKS).
"""

from django.db import transaction
from django.db.models import Max

from feedback.models import ResponseEntry

from .models import DraftEntry, fingerprint
from .text import strip_personal

REWRITE = "Rewrite this in your own words before publishing"


def drafted_text(quotes):
    lines = "\n".join(f"“{strip_personal(quote)}”" for quote in quotes if quote.strip())
    return f"DRAFT – {REWRITE.lower()}. What people said, in their words:\n{lines}"


@transaction.atomic
def draft_entries(project, groups):
    """One draft ResponseEntry per (theme, quotes, comments) in groups, after the project's other entries
    under that theme, linked to the comments; returns the entries. "How we reflected this" is left
    empty: it is the project team's to write."""
    last = dict(
        ResponseEntry.objects.filter(project=project)
        .values("theme")
        .annotate(last=Max("position"))
        .values_list("theme", "last")
    )
    entries = []
    for theme, quotes, comments in groups:
        text = drafted_text(quotes)
        entry = ResponseEntry.objects.create(
            project=project,
            theme=theme,
            what_we_heard=text,
            how_we_reflected="",
            position=last.get(theme.pk, -1) + 1,
        )
        entry.comments.set(comments)
        DraftEntry.objects.create(entry=entry, drafted=fingerprint(text))
        entries.append(entry)
    return entries


def unrewritten(project):
    """The project's drafted entries whose "what we heard" is still the drafted text."""
    drafts = DraftEntry.objects.filter(entry__project=project).select_related("entry__theme")
    return [draft.entry for draft in drafts if not draft.is_rewritten]


def publish_problems(project):
    """Why the project's response cannot be published yet, as far as drafts go: quotes are not a summary."""
    drafts = unrewritten(project)
    if not drafts:
        return []
    named = ", ".join(f"“{entry.theme}”" for entry in drafts)
    return [f"the drafted entries under {named} must first be rewritten in your own words"]


def is_unrewritten_draft(entry):
    draft = DraftEntry.objects.filter(entry=entry.pk).first() if entry.pk else None
    return draft is not None and not draft.is_rewritten
