"""Service level: open, due today, overdue, and on time per week (8 weeks).

A week's share on time counts the requests due in that week (Monday to
Sunday in the agent's time zone): on time when processed (completed or
rejected) by the due time. A request still open past its due time counts
as late; one not yet due is left out until it is processed or overdue.
"""
import datetime
from dataclasses import dataclass

from babel.dates import format_skeleton
from flask import current_app
from flask_babel import get_locale
from flask_login import current_user

from blueprints.desk import bp, queries
from blueprints.desk.listing import QueueState
from models import AccountRequest
from web.access import agent_required
from web.rendering import render_page

WEEKS = 8
# The chart's drawing box (SVG user units); bars and labels sit inside it.
# The right margin holds the target line's label.
CHART = {"width": 640, "height": 240, "left": 44, "right": 90, "bottom": 36,
         "top": 16}


@dataclass(frozen=True)
class Week:
    start: datetime.date
    due: int
    on_time: int

    @property
    def percent(self):
        return round(100 * self.on_time / self.due) if self.due else None


def week_starts(today, weeks=WEEKS):
    """The Mondays of the last `weeks` weeks, oldest first (this week last)."""
    monday = today - datetime.timedelta(days=today.weekday())
    return [monday - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def weekly_on_time(now, zone, weeks=WEEKS):
    """[Week] for the last `weeks` weeks in `zone`, one query."""
    local_now = now.replace(tzinfo=datetime.timezone.utc).astimezone(zone)
    starts = week_starts(local_now.date(), weeks)

    def utc(day):
        local = datetime.datetime.combine(day, datetime.time(), zone)
        return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)

    bounds = [utc(day) for day in starts] + [
        utc(starts[-1] + datetime.timedelta(weeks=1))]
    rows = (AccountRequest
            .select(AccountRequest.due_at, AccountRequest.resolved_at)
            .where((AccountRequest.due_at >= bounds[0])
                   & (AccountRequest.due_at < bounds[-1]))
            .tuples())
    due = [0] * weeks
    on_time = [0] * weeks
    for due_at, resolved_at in rows:
        if resolved_at is None and due_at >= now:
            continue
        index = next(i for i in range(weeks) if due_at < bounds[i + 1])
        due[index] += 1
        if resolved_at is not None and resolved_at <= due_at:
            on_time[index] += 1
    return [Week(start, d, o) for start, d, o in zip(starts, due, on_time)]


def chart_bars(weeks, target):
    """Bar geometry for the SVG: x, y, height, the label positions, and
    whether the week met the target share."""
    inner_w = CHART["width"] - CHART["left"] - CHART["right"]
    inner_h = CHART["height"] - CHART["top"] - CHART["bottom"]
    slot = inner_w / len(weeks)
    bars = []
    for index, week in enumerate(weeks):
        percent = week.percent or 0
        height = inner_h * percent / 100
        x = CHART["left"] + index * slot + slot * 0.2
        bars.append({"week": week, "label": short_day(week.start),
                     "met": week.percent is not None and week.percent >= target,
                     "x": round(x, 1), "width": round(slot * 0.6, 1),
                     "y": round(CHART["top"] + inner_h - height, 1),
                     "height": round(height, 1),
                     "label_x": round(x + slot * 0.3, 1)})
    return bars


def short_day(day):
    """Day and month only, as the locale writes them (5.10. / 10/5)."""
    return format_skeleton("Md", day, locale=get_locale())


def percent_y(percent):
    """The SVG y of a share in percent."""
    inner_h = CHART["height"] - CHART["top"] - CHART["bottom"]
    return round(CHART["top"] + inner_h * (1 - percent / 100), 1)


def grid_lines():
    """Horizontal lines at 0, 25, 50, 75 and 100 %."""
    return [{"percent": p, "y": percent_y(p)} for p in (0, 25, 50, 75, 100)]


@bp.route("/dashboard")
@agent_required
def dashboard():
    """Service level at a glance, with the chart's numbers in a table."""
    clock = queries.current_clock()
    counts = queries.counts(QueueState(), current_user, clock)
    weeks = weekly_on_time(clock.now, queries.agent_zone())
    target = current_app.config["SLA_TARGET_PERCENT"]
    return render_page("desk/dashboard.html", "desk/_dashboard.html",
                       counts=counts, weeks=weeks, bars=chart_bars(weeks, target),
                       grid=grid_lines(), chart=CHART, target=target,
                       target_y=percent_y(target))
