"""Chart geometry worked out in Python: the timeline's bars by date, and report bar charts."""

from datetime import date

from feedback.planning import charts
from feedback.planning.models import EngagementPlan, PlanAction, Step

Status = PlanAction.Status


def action(target, starts=None, status=Status.NOT_STARTED, step=Step.AUDIENCE):
    return PlanAction(step=step, description="Book a venue", target_date=target, starts_on=starts, status=status)


def draw(actions, today):
    return charts.timeline(EngagementPlan.progress(actions, today), today)


def test_the_timeline_runs_over_whole_months_and_places_bars_by_date():
    # 1 March to 30 April is 61 days drawn 1000 units wide.
    first = action(date(2026, 3, 31), starts=date(2026, 3, 1), status=Status.DONE)
    second = action(date(2026, 4, 30), starts=date(2026, 4, 1), step=Step.WORKSHOPS)
    timeline = draw([first, second], date(2026, 4, 15))
    assert (timeline.starts, timeline.ends) == (date(2026, 3, 1), date(2026, 5, 1))
    [(_, audience), _, (_, workshops), *_] = timeline.steps
    assert (audience[0].x, audience[0].width, audience[0].kind) == (0, round(31 * 1000 / 61, 1), "done")
    assert (workshops[0].x, workshops[0].kind) == (round(31 * 1000 / 61, 1), "not_started")
    assert workshops[0].x + workshops[0].width == 1000
    assert timeline.today_x == round(45 * 1000 / 61, 1)
    assert timeline.ticks == [(0, "Mar 2026"), (round(31 * 1000 / 61, 1), "Apr")]


def test_an_action_without_a_start_date_is_a_short_mark_ending_on_its_target():
    timeline = draw([action(date(2026, 3, 31))], date(2026, 3, 1))
    [(_, [bar]), *_] = timeline.steps
    assert bar.width == charts.MARK_WIDTH
    assert bar.x + bar.width == 1000


def test_overdue_actions_are_drawn_as_overdue():
    timeline = draw([action(date(2026, 3, 5), status=Status.IN_PROGRESS)], date(2026, 3, 20))
    [(_, [bar]), *_] = timeline.steps
    assert (bar.kind, bar.colour) == ("overdue", charts.COLOURS["overdue"])


def test_actions_without_a_target_date_are_counted_but_not_drawn():
    timeline = draw([action(date(2026, 3, 5)), action(None), action(None)], date(2026, 3, 1))
    assert timeline.undated == 2
    assert sum(len(bars) for _, bars in timeline.steps) == 1


def test_there_is_no_timeline_until_an_action_has_a_target_date():
    assert draw([action(None)], date(2026, 3, 1)) is None


def test_today_is_marked_only_inside_the_timeline():
    assert draw([action(date(2026, 3, 5))], date(2026, 5, 1)).today_x is None


def test_month_labels_thin_out_over_a_long_plan():
    timeline = draw([action(date(2027, 12, 31), starts=date(2026, 1, 1))], date(2026, 1, 1))
    assert len(timeline.ticks) < 24
    assert timeline.ticks[0] == (0, "Jan 2026")


def test_bar_charts_scale_to_the_largest_value_and_say_each_figure_in_words():
    chart = charts.bar_chart([("Spring", [50]), ("Summer", [100])], [(lambda n: f"{n}% came", "#005eb8")], largest=100)
    spring, summer = chart.rows
    room = charts.CHART_WIDTH - charts.CHART_VALUE_ROOM
    assert (spring.bars[0].width, summer.bars[0].width) == (room / 2, room)
    assert spring.bars[0].text == "50% came"
    assert summer.label_y > spring.bars[0].y
    assert chart.height > summer.bars[0].y


def test_a_bar_chart_of_zeros_draws_empty_bars():
    chart = charts.bar_chart([("Adopted", [0])], [(str, "#005eb8")])
    assert chart.rows[0].bars[0].width == 0
