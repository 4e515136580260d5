"""Staff change the suggestions before confirming: rename, merge, split, drop and move texts."""

import pytest

from feedback.themes import services
from feedback.themes.models import ConfirmedTheme

from .conftest import named

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(run_for, project, comments):
    return run_for("project", project)


def labels(run):
    return [s["label"] for s in run.suggestions]


def by_label(run, label):
    return next(s for s in run.suggestions if s["label"] == label)


def test_it_renames_a_suggestion(run):
    key = by_label(run, "Parking, bus and running")["key"]
    run = services.rename(run, {key: "  Travel and   parking "})
    assert "Travel and parking" in labels(run)


def test_an_empty_name_keeps_the_old_one(run):
    key = run.suggestions[0]["key"]
    assert labels(services.rename(run, {key: "  "})) == labels(run)


def test_it_merges_ticked_suggestions_into_the_largest(run):
    first, second = run.suggestions[0], run.suggestions[1]
    run, label, merged = services.merge(run, [first["key"], second["key"]])
    assert merged == 2 and label == first["label"]
    assert len(run.suggestions) == 2
    merged_one = by_label(run, first["label"])
    assert merged_one["ids"] == sorted(first["ids"] + second["ids"])
    assert len(merged_one["quotes"]) == 3 and set(merged_one["quotes"]) <= set(merged_one["ids"])


def test_merging_keeps_a_name_staff_gave_over_one_made_from_top_words(run):
    first, second = run.suggestions[0], run.suggestions[1]
    run = services.rename(run, {second["key"]: "Getting seen"})
    run, label, _ = services.merge(run, [first["key"], second["key"]])
    assert label == "Getting seen" and labels(run)[0] == "Getting seen"


def test_merging_needs_two(run):
    with pytest.raises(services.NotAllowed, match="two or more"):
        services.merge(run, [run.suggestions[0]["key"]])


def test_it_splits_a_suggestion_by_running_again_on_its_texts(run):
    old = by_label(run, "Kind, staff and rude")
    run, label, made = services.split(run, [old["key"]], 2)
    assert label == "Kind, staff and rude" and made == 2
    assert len(run.suggestions) == 4
    new_ids = sorted(pk for s in run.suggestions if s["key"] > 3 for pk in s["ids"])
    assert new_ids == old["ids"]


def test_it_drops_a_suggestion_leaving_its_texts_in_no_theme(run):
    old = run.suggestions[0]
    run, dropped = services.drop(run, [old["key"]])
    assert dropped == 1 and old["label"] not in labels(run)
    assert run.unassigned == old["ids"]


def test_it_moves_single_texts_to_another_suggestion(run):
    source, target = run.suggestions[0], run.suggestions[1]
    moved_id = source["ids"][0]
    run, moved, label = services.move(run, [moved_id], target["key"])
    assert moved == 1 and label == target["label"]
    assert moved_id in by_label(run, target["label"])["ids"]
    assert moved_id not in by_label(run, source["label"])["ids"]


def test_it_assigns_texts_in_bulk_and_back_to_no_theme(run):
    target = run.suggestions[0]
    everything = [pk for s in run.suggestions[1:] for pk in s["ids"]]
    run, moved, _ = services.move(run, everything, target["key"])
    assert moved == len(everything) and len(run.suggestions) == 1
    run, _, label = services.move(run, everything[:2], None)
    assert label is None and run.unassigned == sorted(everything[:2])


def test_confirm_refuses_suggestions_still_named_after_their_top_words(run, staff):
    run = services.rename(
        run,
        {
            by_label(run, "Parking, bus and running")["key"]: "Travel",
            by_label(run, "Appointment, weeks and wait")["key"]: "Waiting",
        },
    )
    with pytest.raises(services.NotAllowed, match="“Kind, staff and rude” is still named after its top words"):
        services.confirm(run, staff)
    assert not ConfirmedTheme.objects.exists()


def test_confirm_refuses_two_suggestions_of_one_name(run, staff):
    run = services.rename(named(run), {s["key"]: "Access" for s in run.suggestions[:2]})
    with pytest.raises(services.NotAllowed, match="Two suggestions are called “Access”"):
        services.confirm(run, staff)
    assert not ConfirmedTheme.objects.exists()


def test_it_tags_with_the_edited_suggestions(run, staff):
    run, _, _ = services.merge(run, [s["key"] for s in run.suggestions[:2]])
    run = services.rename(named(run), {run.suggestions[0]["key"]: "Getting seen"})
    services.confirm(run, staff)
    assert sorted(ConfirmedTheme.objects.values_list("theme__name", flat=True)) == sorted(labels(run))
    assert ConfirmedTheme.objects.get(theme__name="Getting seen").comments.count() == 8


def test_nothing_can_be_edited_once_confirmed(run, staff):
    services.confirm(named(run), staff)
    with pytest.raises(services.NotAllowed, match="can no longer be changed"):
        services.drop(run, [run.suggestions[0]["key"]])
