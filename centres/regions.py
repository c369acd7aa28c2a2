"""The 28 regions (области), by the names the national statistics use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    BLAGOEVGRAD = "Благоевград", _("Blagoevgrad")
    BURGAS = "Бургас", _("Burgas")
    VARNA = "Варна", _("Varna")
    VELIKO_TARNOVO = "Велико Търново", _("Veliko Tarnovo")
    VIDIN = "Видин", _("Vidin")
    VRATSA = "Враца", _("Vratsa")
    GABROVO = "Габрово", _("Gabrovo")
    DOBRICH = "Добрич", _("Dobrich")
    KARDZHALI = "Кърджали", _("Kardzhali")
    KYUSTENDIL = "Кюстендил", _("Kyustendil")
    LOVECH = "Ловеч", _("Lovech")
    MONTANA = "Монтана", _("Montana")
    PAZARDZHIK = "Пазарджик", _("Pazardzhik")
    PERNIK = "Перник", _("Pernik")
    PLEVEN = "Плевен", _("Pleven")
    PLOVDIV = "Пловдив", _("Plovdiv")
    RAZGRAD = "Разград", _("Razgrad")
    RUSE = "Русе", _("Ruse")
    SILISTRA = "Силистра", _("Silistra")
    SLIVEN = "Сливен", _("Sliven")
    SMOLYAN = "Смолян", _("Smolyan")
    SOFIA_CITY = "София (столица)", _("Sofia (capital)")
    SOFIA = "София", _("Sofia")
    STARA_ZAGORA = "Стара Загора", _("Stara Zagora")
    TARGOVISHTE = "Търговище", _("Targovishte")
    HASKOVO = "Хасково", _("Haskovo")
    SHUMEN = "Шумен", _("Shumen")
    YAMBOL = "Ямбол", _("Yambol")


_SYNONYMS = {"софия-град": Region.SOFIA_CITY, "софийска": Region.SOFIA}
_BY_NAME = {r.value.lower(): r for r in Region}


def parse_region(text):
    """Return the Region for a name as files write it (any case, spaces trimmed), or None."""
    key = " ".join((text or "").split()).lower()
    return _BY_NAME.get(key) or _SYNONYMS.get(key)
