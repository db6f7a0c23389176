# Dates as Korean papers print them: 2026.11.28 14:05
DATE_FORMAT = "Y.m.d"
DATETIME_FORMAT = "Y.m.d H:i"
SHORT_DATE_FORMAT = "Y.m.d"
SHORT_DATETIME_FORMAT = "Y.m.d H:i"
YEAR_MONTH_FORMAT = "Y년 n월"
