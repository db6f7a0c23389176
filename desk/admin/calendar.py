"""The editorial calendar: what goes out when, by day, in the newsroom's time zone."""

import calendar as pycalendar
import datetime

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Status

CALENDAR_STATUSES = (Status.SCHEDULED, Status.PUBLISHED)


def _parse_day(value, default):
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _day_bounds(first_day, last_day):
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end


#: The most pieces a day of the calendar lists (scheduled ones first); the rest
#: are a count linking to that day in the article list. A paper publishing a
#: hundred pieces a day still gets a calendar that renders in a blink.
PER_DAY = 12


class DayItems(list):
    """A day's pieces as listed, with ``more``: how many more the day has."""

    more = 0


def articles_by_day(first_day, last_day, per_day=PER_DAY):
    """Scheduled and published pieces of each local day between the two dates:
    the scheduled first, then the published, in time order, at most ``per_day``."""
    start, end = _day_bounds(first_day, last_day)
    days = {first_day + datetime.timedelta(days=n): DayItems() for n in range((last_day - first_day).days + 1)}
    articles = (
        Article.objects.filter(status__in=CALENDAR_STATUSES, publish_at__gte=start, publish_at__lt=end)
        .select_related("section")
        .only("pk", "headline", "status", "publish_at", "embargoed", "section__name", "section__name_en")
        .order_by("publish_at", "pk")
    )
    by_day = {}
    for article in articles:
        by_day.setdefault(timezone.localtime(article.publish_at).date(), []).append(article)
    for day, found in by_day.items():
        found.sort(key=lambda article: article.status != Status.SCHEDULED)  # stable: time order kept
        items = days.setdefault(day, DayItems())
        items.extend(found[:per_day])
        items.more = max(0, len(found) - per_day)
    return days


def calendar_view(request, site_context):
    today = timezone.localdate()
    mode = "month" if request.GET.get("view") == "month" else "week"
    anchor = _parse_day(request.GET.get("start"), today)
    if mode == "week":
        first_day = anchor - datetime.timedelta(days=anchor.weekday())
        last_day = first_day + datetime.timedelta(days=13)  # this week and the next
        previous_start = first_day - datetime.timedelta(days=7)
        next_start = first_day + datetime.timedelta(days=7)
        days = articles_by_day(first_day, last_day)
        weeks = [list(days.items())[:7], list(days.items())[7:]]
        title = _("Calendar: the week of %(day)s and the next") % {"day": first_day.isoformat()}
    else:
        first_of_month = anchor.replace(day=1)
        month_days = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first_of_month.year, first_of_month.month)
        first_day, last_day = month_days[0][0], month_days[-1][-1]
        days = articles_by_day(first_day, last_day)
        weeks = [[(day, days.get(day, [])) for day in week] for week in month_days]
        previous_start = (first_of_month - datetime.timedelta(days=1)).replace(day=1)
        next_start = (first_of_month + datetime.timedelta(days=32)).replace(day=1)
        title = _("Calendar: %(month)s") % {"month": first_of_month.strftime("%Y-%m")}
    context = {
        **site_context,
        "title": title,
        "mode": mode,
        "weeks": weeks,
        "today": today,
        "anchor_month": anchor.month,
        "previous_start": previous_start.isoformat(),
        "next_start": next_start.isoformat(),
        "time_zone": timezone.get_current_timezone_name(),
        "opts": Article._meta,
    }
    return TemplateResponse(request, "admin/articles/article/calendar.html", context)
