"""Pages of long lists without counting the whole list on every request."""

from django.core.paginator import Paginator


class KnownCountPaginator(Paginator):
    """A paginator told its count (remembered per content generation,
    ``delivery/memo.py``) rather than counting the whole list on every request."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count
