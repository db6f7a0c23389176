"""How a photo (or an article) may be used by others."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class License(models.TextChoices):
    """How an image (or an article) may be used by others."""

    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")
    EDITORIAL = "editorial", _("Editorial use only")
    HANDOUT = "handout", _("Handout (free for editorial use)")
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC_BY_ND = "cc-by-nd-4.0", "CC BY-ND 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", "CC BY-NC-ND 4.0"
    CC0 = "cc0-1.0", _("CC0 (no rights reserved)")
    PUBLIC_DOMAIN = "public-domain", _("Public domain")


#: The canonical deed of each Creative Commons license, used when no URL is given.
LICENSE_URLS = {
    License.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    License.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    License.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    License.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    License.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    License.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    License.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    License.PUBLIC_DOMAIN: "https://creativecommons.org/publicdomain/mark/1.0/",
}
