"""Order codes: the order's creation instant in UTC as YYMMDD-HHMMSSmmm."""
import datetime


def code_for(instant):
    """The code for a naive-UTC creation instant."""
    return instant.strftime("%y%m%d-%H%M%S") + f"{instant.microsecond // 1000:03d}"


def instant_of(code):
    """The creation instant a code encodes (naive UTC).

    Codes are text: a code that lost a digit of its milliseconds
    (190107-02544749) still reads as the instant it was made at, 49 ms.
    """
    date_part, _, time_part = code.partition("-")
    day = datetime.datetime.strptime(date_part, "%y%m%d")
    hours, minutes, seconds = (int(time_part[i:i + 2]) for i in (0, 2, 4))
    millis = int(time_part[6:] or 0)
    return day.replace(hour=hours, minute=minutes, second=seconds,
                       microsecond=millis * 1000)
