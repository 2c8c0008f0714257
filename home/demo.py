"""Demo content of the front page: the site and its home page in every language."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Page, Site

from iswg_portal.core.indexing import index_once
from iswg_portal.core.locales import ensure_locales, translate_page

from .models import HomePage

HOME_TEXT = {
    "en": (
        "Aegean refugee response",
        "Services for refugees in the ten provinces of the Aegean region, and the work of the "
        "Inter-Sector Working Group that coordinates them.",
    ),
    "tr": (
        "Ege mülteci müdahalesi",
        "Ege bölgesinin on ilindeki mültecilere yönelik hizmetler ve bunları koordine eden "
        "Sektörler Arası Çalışma Grubunun çalışmaları.",
    ),
    "ar": (
        "الاستجابة للاجئين في منطقة إيجه",
        "خدمات للاجئين في المحافظات العشر لمنطقة إيجه، وعمل مجموعة العمل المشتركة بين "
        "القطاعات التي تنسّقها.",
    ),
    "fa": (
        "پاسخ به پناهندگان در منطقه اژه",
        "خدمات برای پناهندگان در ده استان منطقه اژه، و کار گروه کاری بین‌بخشی که آن‌ها را "
        "هماهنگ می‌کند.",
    ),
    "ps": (
        "په ایجه سیمه کې د کډوالو ملاتړ",
        "د ایجه سیمې په لسو ولایتونو کې د کډوالو لپاره خدمتونه، او د سکټورونو ترمنځ د هغې "
        "کاري ډلې کار چې دا خدمتونه همغږي کوي.",
    ),
    "kmr": (
        "Piştgiriya penaberan li herêma Egeyê",
        "Xizmetên ji bo penaberan li deh parêzgehên herêma Egeyê, û xebata Koma Xebatê ya "
        "Navsektorî ya ku wan xizmetan hevrêz dike.",
    ),
}


def ensure_tree_roots(locale):
    """The page tree's and the collection tree's roots, made again if a database was emptied."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def public_host():
    """The host name and port of the site's public address (SITE_URL), which Wagtail's Site
    record keeps too: Wagtail builds full page addresses (page.full_url) from it."""
    address = urlsplit(settings.SITE_URL)
    default_port = 443 if address.scheme == "https" else 80
    return address.hostname or "localhost", address.port or default_port


@transaction.atomic
@index_once()
def seed_site(stdout):
    """Make the English home page the site root and give it a translation in each language."""
    locales = ensure_locales()
    root = ensure_tree_roots(locales["en"])
    home = HomePage.objects.filter(locale=locales["en"]).first()
    if home is None:
        # Wagtail's starter "Welcome" page gives way to the portal's home page.
        starter_pages = Page.objects.filter(depth=2, content_type__model="page")
        Site.objects.filter(root_page__in=starter_pages).delete()
        starter_pages.delete()
        title, intro = HOME_TEXT["en"]
        home = root.add_child(
            instance=HomePage(title=title, intro=intro, slug="home", locale=locales["en"])
        )
        home.save_revision().publish()
        stdout.write("Created the English home page.")
    hostname, port = public_host()
    site, _created = Site.objects.get_or_create(
        is_default_site=True,
        defaults={"hostname": hostname, "port": port, "root_page": home},
    )
    wanted = {
        "root_page_id": home.pk,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "hostname": hostname,
        "port": port,
    }
    if any(getattr(site, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(site, name, value)
        site.save()
    translate_page(home, HOME_TEXT, stdout)
    return home
