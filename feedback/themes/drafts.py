"""Draft "what we heard" entries from confirmed themes, which staff must rewrite before publishing.

A draft lists the theme's representative quotes, word for word (without e-mail addresses or
phone numbers). Publishing a response quotes members back to everyone, so the draft is a
starting point only: while an entry's "what we heard" is still the drafted text or still copies
one of the quotes, or its "how we reflected this" is still the placeholder, the response cannot
be published (publish_problems, one of feedback.models.PUBLISH_CHECKS).

"How we reflected this" gets a placeholder rather than staying empty: the field is required, and
an empty one would stop staff saving anything else about the project until every answer is written.
"""

from django.db import transaction
from django.db.models import Max

from feedback.models import ResponseEntry

from .models import QUOTED_WORDS, DraftEntry, fingerprint, words_of
from .text import strip_personal

REWRITE = "Rewrite this in your own words before publishing"
TO_REFLECT = "DRAFT – the project team writes what changed because of this, or why not."


def drafted_text(quotes):
    lines = "\n".join(f"“{quote}”" for quote in quotes)
    return f"DRAFT – {REWRITE.lower()}. What people said, in their words:\n{lines}"


def long_quotes(quotes):
    """The quotes long enough that finding one word for word means it was copied, as words_of() gives them."""
    return [words for words in map(words_of, quotes) if len(words.split()) >= QUOTED_WORDS]


@transaction.atomic
def draft_entries(project, groups):
    """One draft ResponseEntry per (theme, quotes, comments) in groups, after the project's other entries
    under that theme, linked to the comments; returns the entries. "How we reflected this" is the
    project team's to write: it says so until they do."""
    last = dict(
        ResponseEntry.objects.filter(project=project)
        .values("theme")
        .annotate(last=Max("position"))
        .values_list("theme", "last")
    )
    entries = []
    for theme, quotes, comments in groups:
        quotes = [strip_personal(quote) for quote in quotes if quote.strip()]
        text = drafted_text(quotes)
        entry = ResponseEntry.objects.create(
            project=project,
            theme=theme,
            what_we_heard=text,
            how_we_reflected=TO_REFLECT,
            position=last.get(theme.pk, -1) + 1,
        )
        entry.comments.set(comments)
        DraftEntry.objects.create(
            entry=entry, drafted=fingerprint(text), reflected=fingerprint(TO_REFLECT), quotes=long_quotes(quotes)
        )
        entries.append(entry)
    return entries


def _named(drafts):
    return ", ".join(dict.fromkeys(f"“{draft.entry.theme}”" for draft in drafts))


def publish_problems(project):
    """Why the project's response cannot be published yet, as far as drafts go: quotes are not a summary,
    and a placeholder is not an answer."""
    drafts = list(DraftEntry.objects.filter(entry__project=project).select_related("entry__theme"))
    problems = []
    if unrewritten := [draft for draft in drafts if not draft.is_rewritten]:
        problems.append(
            f"the drafted entries under {_named(unrewritten)} must first be rewritten in your own words: "
            "summarise the quotes rather than copying members’ comments"
        )
    if unreflected := [draft for draft in drafts if not draft.is_reflected]:
        problems.append(
            f"the drafted entries under {_named(unreflected)} must first say how you reflected this, or why not"
        )
    return problems


def draft_of(entry):
    """The entry's DraftEntry, or None if it was not drafted from themes."""
    return DraftEntry.objects.filter(entry=entry.pk).first() if entry.pk else None
