"""Write first_names.txt beside this file from Faker's person providers.

Run by hand, never at run time (Faker is a development dependency only):
    .venv/bin/python stories/data/make_first_names.py

Faker is MIT-licensed (Copyright (c) 2012 Daniele Faraglia); its name lists are the
source of the file. Locales are those of people living in the UK. Names that are also
ordinary English words, months or places are left out: a name after a cue ("my daughter
Grace") is still found without the list, and in the list they would turn "Hope Street"
or "Devon Partnership" into people.
"""

import importlib
import re
from pathlib import Path

import faker


def _words(text):
    return text.split()


LOCALES = ["en_GB", "en_IE", "en_US", "en_NZ", "en_IN", "en_PK", "en_NG", "pl_PL", "ro_RO"]
LEFT_OUT = set(
    _words(
        """June April Mark Grace Hope Joy Faith Rose Summer Dawn Bill Guy Chase Hunter Amber Ruby
    Crystal Holly Ivy Heather Daisy Lily Jade Autumn Angel Charity Patience Constance Harmony
    Melody Destiny Trinity Earl Jordan Georgia Chelsea Paris Florence Sydney Austin Devon Kent
    Lincoln Shannon Beverley Sandy Glen Grant Penny Rosemary Basil Olive Hazel Iris Violet
    Poppy Willow Blessing Comfort Lucky Sierra India Eden Luna Robin Drew Sherry Brandy Misty
    Kerry Clare Tyrone Diamond Forum Man Max Rex Roman Said Sad Anda Eta Ibn Lance Eve Tai
    Tali Che Cal Una Jan Dev Conn Marina Carmen Precious Gift Favour Mercy Promise Wisdom
    Chance Major King Prince Duke Baron Royal Miles Star Sky River Rain Storm Sunny Honey
    Justice Liberty Unity Angel Doc Ace Titan Love Happy Bliss Welcome Page Lane Park"""
    )
)
# Common in the UK and missing from those lists; added by hand.
ADDED = _words(
    """Gurpreet Harpreet Jaspreet Manpreet Sukhvinder Kuldeep Rajinder Baljit Amarjit Parminder
    Navdeep Simran Aisha Ayesha Fatima Zainab Maryam Khadija Amina Amira Safiya Yusuf Muhammad
    Mohammad Mohamed Ahmed Ahmad Hassan Hussain Ibrahim Ismail Omar Tariq Bilal Imran Irfan
    Asif Zahid Nadia Rajesh Ramesh Suresh Sunil Anil Deepak Sanjay Vijay Lakshmi Kwame Kofi
    Akua Kwabena Abena Chidi Chinedu Ngozi Oluwaseun Tunde Femi Funmilayo Adebayo Folake Abdi
    Hodan Ayaan Lena Olena Oksana Dmitri Mehmet Emre Elif Zeynep Doreen Shirley Beryl Brenda
    Glenys Siobhan Aoife Niamh Ciara Darragh Oisin Callum Kyle Shannon-Leigh Kayleigh Jayden
    Tyler Kacper Nikola Bartosz Wiktoria Zuzanna Ioana Andreea Bogdan Florin
    Elena Kerry-Ann"""
)
NAME = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’-]{2,}")


def main():
    names = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names_male", "first_names_female", "first_names"):
            names |= set(getattr(provider, attribute, ()))
    names |= set(ADDED)
    kept = sorted(name for name in names if NAME.fullmatch(name) and name not in LEFT_OUT)
    header = (
        f"# First names for stories/personal_data.py, one a line: {len(kept)} names.\n"
        f"# Source: Faker {faker.VERSION} person providers {', '.join(LOCALES)}\n"
        "# (MIT licence, Copyright (c) 2012 Daniele Faraglia), and a few added by hand.\n"
        "# Made by make_first_names.py.\n"
    )
    (Path(__file__).parent / "first_names.txt").write_text(header + "\n".join(kept) + "\n")


if __name__ == "__main__":
    main()
