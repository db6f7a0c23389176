"""The development server's own address, for ``SITE_URL`` under ``DEBUG``.

Settings are read once when the process starts: there, under ``DEBUG`` and with
no ``SITE_URL`` in the environment, the absolute URLs of feeds, sitemaps and
JSON-LD name the address ``manage.py runserver`` was started on, so a paper
tried on another port links to itself. Never per request, and never in
production: an absolute URL made from the request's ``Host`` would let a
hostile header into pages the caches keep for everyone.
"""

import re

DEFAULT_ADDRESS = "localhost"
DEFAULT_PORT = "8000"
# What runserver accepts (django.core.management.commands.runserver's naiveip_re):
# "8001", "0.0.0.0:8001", "[::1]:8001", "example.test:8001".
ADDRPORT = re.compile(r"^(?:(?P<addr>\[[0-9a-fA-F:]+\]|[0-9.]+|[a-zA-Z0-9.-]+):)?(?P<port>\d+)$")
# Everything on this machine is "localhost" (WebAuthn refuses an IP address as
# its relying party: accounts/twofactor.py).
LOOPBACK_OR_ANY = {"127.0.0.1", "0.0.0.0", "[::1]", "[::]", "0", ""}  # noqa: S104 (names, not a bind)


def runserver_url(argv):
    """``http://host:port`` of ``manage.py runserver [addrport]`` in ``argv``,
    or ``None`` when the process is not the development server."""
    if "runserver" not in argv[1:3]:
        return None
    arguments = [arg for arg in argv[argv.index("runserver") + 1 :] if not arg.startswith("-")]
    if not arguments:
        return f"http://{DEFAULT_ADDRESS}:{DEFAULT_PORT}"
    match = ADDRPORT.match(arguments[0])
    if match is None:
        return None  # runserver itself will refuse it
    address = match["addr"] or ""
    return f"http://{DEFAULT_ADDRESS if address in LOOPBACK_OR_ANY else address}:{match['port']}"
