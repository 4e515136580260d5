"""Every change to a run of suggested themes: starting it, staff's edits, and the confirm that tags.

Nothing outside the run changes until confirm(): before that, suggestions live only in the run.
Each edit locks the run and refuses once it is confirmed, so two people editing cannot confirm twice.
"""

from django.db import transaction
from django.utils import timezone

from engagement.core import outbox
from feedback.models import Comment

from . import drafts, tasks
from .jobs import items_of
from .models import ConfirmedTheme, Run
from .sources import SOURCES

Status = Run.Status


class NotAllowed(Exception):
    pass


@transaction.atomic
def start(user, source, obj, part, min_themes, max_themes):
    run = Run.objects.create(
        created_by=user,
        source=source.key,
        object_id=obj.pk,
        part=part,
        title=source.title(obj, part)[:300],
        min_themes=min_themes,
        max_themes=max_themes,
    )
    outbox.enqueue(tasks.find_themes, run.pk)
    return run


def _editable(run):
    locked = Run.objects.select_for_update().get(pk=run.pk)
    if locked.status != Status.READY:
        raise NotAllowed("These suggestions can no longer be changed: they have been confirmed or have stopped.")
    return locked


def _by_key(run, keys):
    keys = {int(key) for key in keys}
    found = [s for s in run.suggestions if s["key"] in keys]
    if len(found) != len(keys):
        raise NotAllowed("A suggestion you ticked is no longer there. Look at the list again.")
    return found


def _redescribe(run):
    """Top words and quotes again for every suggestion, after texts moved between them."""
    from . import engine

    live = items_of(run)
    current = {pk for pk, _ in live}
    for suggestion in run.suggestions:
        suggestion["ids"] = sorted(pk for pk in suggestion["ids"] if pk in current)
    run.suggestions = [s for s in run.suggestions if s["ids"]]
    described = engine.describe(live, [s["ids"] for s in run.suggestions])
    for suggestion, (words, quotes) in zip(run.suggestions, described, strict=True):
        suggestion["words"], suggestion["quotes"] = words, quotes
    run.suggestions.sort(key=lambda s: (-len(s["ids"]), s["label"], s["key"]))
    run.unassigned = sorted(pk for pk in run.unassigned if pk in current)


def clean_name(name):
    return " ".join(name.split())[:100]


@transaction.atomic
def rename(run, names):
    """names: {key: new name}; an empty name, or the name it has, keeps the old one.

    A suggestion renamed by staff is marked "named": the label the engine makes from top words
    is a placeholder, not a theme to confirm (confirm())."""
    run = _editable(run)
    for suggestion in run.suggestions:
        name = clean_name(names.get(suggestion["key"], ""))
        if name and name != suggestion["label"]:
            suggestion["label"] = name
            suggestion["named"] = True
    run.save(update_fields=["suggestions"])
    return run


@transaction.atomic
def merge(run, keys):
    run = _editable(run)
    chosen = _by_key(run, keys)
    if len(chosen) < 2:
        raise NotAllowed("Tick two or more suggestions to merge them.")
    keep, *rest = sorted(chosen, key=lambda s: (-len(s["ids"]), s["key"]))
    # A name staff gave is kept over one made from top words, whichever suggestion was larger.
    if not keep.get("named") and (named := next((s for s in rest if s.get("named")), None)):
        keep["label"], keep["named"] = named["label"], True
    for suggestion in rest:
        keep["ids"] += suggestion["ids"]
        run.suggestions.remove(suggestion)
    _redescribe(run)
    run.save(update_fields=["suggestions", "unassigned"])
    return run, keep["label"], len(chosen)


@transaction.atomic
def split(run, keys, into):
    """Run the engine again on one suggestion's texts, into `into` suggestions."""
    from . import engine

    run = _editable(run)
    chosen = _by_key(run, keys)
    if len(chosen) != 1:
        raise NotAllowed("Tick one suggestion to split it.")
    (old,) = chosen
    texts = dict(items_of(run))
    result = engine.suggest([(pk, texts[pk]) for pk in old["ids"] if pk in texts], into, into)
    if len(result.suggestions) < 2:
        raise NotAllowed(f"“{old['label']}” has too few different texts to split.")
    run.suggestions.remove(old)
    next_key = max([s["key"] for s in run.suggestions] + [old["key"]]) + 1
    for key, s in enumerate(result.suggestions, next_key):
        run.suggestions.append({"key": key, "label": s.label, "words": s.words, "ids": s.ids, "quotes": s.quotes})
    run.unassigned = sorted(run.unassigned + result.unassigned)
    _redescribe(run)
    run.save(update_fields=["suggestions", "unassigned"])
    return run, old["label"], len(result.suggestions)


@transaction.atomic
def drop(run, keys):
    """The suggestions go; their texts stay, in no theme, for staff to move or leave."""
    run = _editable(run)
    chosen = _by_key(run, keys)
    if not chosen:
        raise NotAllowed("Tick the suggestions to drop.")
    for suggestion in chosen:
        run.suggestions.remove(suggestion)
        run.unassigned = sorted(run.unassigned + suggestion["ids"])
    run.save(update_fields=["suggestions", "unassigned"])
    return run, len(chosen)


@transaction.atomic
def move(run, ids, target):
    """Put texts in one suggestion (its key), or in none (target None)."""
    run = _editable(run)
    ids = {int(pk) for pk in ids}
    if not ids:
        raise NotAllowed("Tick the texts to move.")
    destination = _by_key(run, [target])[0] if target is not None else None
    for suggestion in run.suggestions:
        suggestion["ids"] = [pk for pk in suggestion["ids"] if pk not in ids]
    known = ids & ({pk for pk, _ in items_of(run)})
    run.unassigned = [pk for pk in run.unassigned if pk not in ids]
    if destination is None:
        run.unassigned = sorted(run.unassigned + list(known))
    else:
        destination["ids"] = sorted(destination["ids"] + list(known))
    _redescribe(run)
    run.save(update_fields=["suggestions", "unassigned"])
    return run, len(known), destination["label"] if destination else None


@transaction.atomic
def confirm(run, user):
    """Tag the texts with the suggestions as they stand; only now does anything outside the run change."""
    run = _editable(run)
    names = [clean_name(s["label"]) for s in run.suggestions]
    if not names:
        raise NotAllowed("There are no suggestions left to confirm.")
    # A theme is made for each new name, in the list staff choose from for every project (or survey).
    if unnamed := [f"“{s['label']}”" for s in run.suggestions if not s.get("named")]:
        raise NotAllowed(
            f"Give each theme a name of its own before confirming: {', '.join(unnamed)} "
            f"{'is' if len(unnamed) == 1 else 'are'} still named after {'its' if len(unnamed) == 1 else 'their'} "
            "top words."
        )
    seen = {}
    for name in names:
        if name.lower() in seen:
            raise NotAllowed(f"Two suggestions are called “{name}”: merge them, or rename one.")
        seen[name.lower()] = name
    source = SOURCES[run.source]
    obj = source.model.objects.get(pk=run.object_id)
    # Only texts the source still gives: one hidden, withdrawn or erased since the run is not tagged.
    current = {pk for pk, _ in source.texts(obj, run.part)}
    groups = [
        (name, [pk for pk in s["ids"] if pk in current], [pk for pk in s["quotes"] if pk in current])
        for name, s in zip(names, run.suggestions, strict=True)
    ]
    source.tag(run, obj, run.part, groups)
    run.status = Status.CONFIRMED
    run.confirmed_at = timezone.now()
    run.confirmed_by = user
    run.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    return run, sum(len(ids) for _, ids, _ in groups)


@transaction.atomic
def make_drafts(run, project):
    """Draft response entries (drafts.py) from a project run's confirmed themes, once."""
    claimed = Run.objects.filter(pk=run.pk, source="project", status=Status.CONFIRMED, drafted_at=None).update(
        drafted_at=timezone.now()
    )
    if claimed != 1:
        raise NotAllowed("Draft entries can be made once, from a project's confirmed themes.")
    confirmed = ConfirmedTheme.objects.filter(run=run).select_related("theme").prefetch_related("comments")
    quoted = [pk for theme in confirmed for pk in theme.quotes]
    quotes = dict(Comment.objects.filter(pk__in=quoted).values_list("pk", "body"))
    return drafts.draft_entries(
        project,
        [
            (theme.theme, [quotes[pk] for pk in theme.quotes if pk in quotes], list(theme.comments.all()))
            for theme in confirmed
        ],
    )
