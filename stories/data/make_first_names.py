"""Write first_names.txt beside this file from the ONS baby names and Faker's name lists.

Run by hand, never at run time (openpyxl and Faker are development dependencies only;
the word list is Debian's wbritish package, `apt-get install wbritish`):
    .venv/bin/python stories/data/make_first_names.py ONS_FILE.xlsx [ONS_FILE.xlsx ...]
with the ONS workbooks of the girls' and boys' names of each year (2019 to 2024 today).
It writes first_names.txt and ordinary_name_words.txt beside it.

Sources, named in the README:
- Office for National Statistics, "Baby names in England and Wales" (the girls' and
  boys' workbooks of 2019 to 2024, each listing every first name given to three babies
  or more that year). Crown copyright, Open Government Licence v3.0. These are the names
  the UK's communities give their children (Welsh, South Asian, Polish, West African,
  Somali, Chinese, Irish, Scottish ...), spelled as registered; a name counts when at
  least MIN_BABIES babies were given it over the years read.
- Faker's person providers (MIT licence, Copyright (c) 2012 Daniele Faraglia), for the
  names of older people and of communities the baby names under-represent: LOCALES.

Names that are also ordinary words (in the British English word list of Debian's
wbritish package, lower case), months or places are left out of what the ONS and the
community locales add: a name after a cue ("my daughter Grace") is still found without
the list, and in the list they would turn "Hope Street" or "Devon Partnership" into
people.
"""

import importlib
import re
import sys
from collections import Counter
from pathlib import Path

import faker
import openpyxl


def _words(text):
    return text.split()


# The English-speaking locales the list has always been made from.
LOCALES = ["en_GB", "en_IE", "en_US", "en_NZ", "en_IN", "en_PK", "en_NG", "pl_PL", "ro_RO"]
# Communities' names from locales with Latin spellings: Irish, Yoruba, Igbo, Hausa, Twi,
# Lithuanian, and Chinese names romanised (pinyin and Wade-Giles).
COMMUNITY_LOCALES = ["ga_IE", "yo_NG", "ig_NG", "ha_NG", "tw_GH", "lt_LT", "zh_CN", "zh_TW"]
MIN_BABIES = 3
DICTIONARY = Path("/usr/share/dict/british-english")
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
    Justice Liberty Unity Angel Doc Ace Titan Love Happy Bliss Welcome Page Lane Park
    Brooklyn Boston Dallas Phoenix Houston Dakota Memphis Kensington Hudson Chester Milan
    Vienna Verona Florence Geneva Savannah Nevada Africa America Asia Europe Cairo Dubai
    Kingsley Wales Cymru Alba Eire Erin Arran Skye Harris Lewis Bute Iona Mull Tiree
    Ali Abu Bin Bint Al El Ben Den Don Lee Ray Sam Van Von Wing Yes Mo Jo Di Ed Al
    Nhs Gp Ward Care Hub Bay Bank Bridge Hall Hill Brook Wood Field Green Grove Marsh
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter Eid Diwali"""
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
# Names of the parents' and grandparents' generations of the UK's communities, which the
# baby names of recent years hold too rarely; added by hand.
ADDED_COMMUNITIES = _words(
    """Morag Moira Mhairi Eilidh Ishbel Catriona Kirsteen Senga Sheena Jessie Agnes Elspeth
    Hamish Angus Dougal Murdo Lachlan Ruaraidh Ruairidh Torquil Alasdair Alistair Fergus
    Gwenllian Sioned Eirlys Eluned Angharad Rhiannon Nerys Meinir Llinos Gwyneth Myfanwy
    Bronwen Delyth Glenys Gwilym Emrys Aneurin Dilwyn Gareth Meirion Eifion Hywel Idris
    Rhodri Cadi Mererid Nia Heledd Manon Tegwen Dyfan Dyfrig Gwion Ieuan Iestyn Tudur
    Bridget Bríd Máire Mairéad Nuala Peig Úna Síle Eithne Aisling Deirdre Gráinne Treasa
    Pádraig Seamus Séamus Donal Dónal Diarmuid Fionn Colm Cathal Ruairí Tadhg Mícheál
    Rukhsana Shabana Nasreen Parveen Shamim Shahnaz Shaheen Tahira Rubina Robina Nusrat
    Najma Nazia Bushra Samina Saima Sadia Asma Farhana Shazia Tasleem Kulsum Momtaz Rahima
    Anwara Jahanara Rokeya Shirin Salma Halima Rashida Hasina Shilpi Mumtaz Nargis
    Abdul Abdullah Mohammed Mahmood Majid Khalid Tahir Zafar Nadeem Naveed Shahid Sajid
    Wajid Zubair Akram Aslam Anwar Arshad Ashraf Azhar Javed Jamil Karim Latif Liaquat
    Manzoor Mushtaq Nasir Pervaiz Rafiq Rashid Sabir Shafiq Tanveer Younis Zulfiqar
    Mahbub Shahidul Rafiqul Aminul Mizanur Habibur Mostafa Abul Ataur Monirul Jamal
    Balwinder Jasbir Jaswinder Kulwinder Paramjit Rupinder Sukhwinder Surinder Tejinder
    Harjit Inderjit Manjit Ranjit Satnam Gurdeep Gurmit Gurbax Kamaljit Narinder Ravinder
    Sunita Anita Geeta Meena Neeta Rekha Seema Usha Kamala Kamlesh Hansa Jyoti Manisha
    Nirmala Pushpa Savita Smita Sushila Rajinder Hitesh Mahesh Dinesh Naresh Pankaj Nilesh
    Małgorzata Agnieszka Grażyna Bożena Halina Jadwiga Danuta Elżbieta Urszula Krystyna
    Wiesław Zbigniew Grzegorz Krzysztof Mirosław Stanisław Andrzej Janusz Ryszard Tadeusz
    Folasade Folake Funke Bukola Yetunde Titilayo Omolara Adeola Abimbola Oluwakemi Bisi
    Babajide Olumide Oluwaseyi Olusegun Olufemi Ayodele Adewale Akinola Kayode Segun
    Temitope Oluwatoyin Olamide Damilola Ifeoluwa Tolulope Busola Ronke Kemi Yemi
    Chiamaka Chidinma Chinwe Ifeoma Nkechi Uchenna Obiageli Adaobi Ebere Nneka Chioma
    Chukwuemeka Chukwudi Ikechukwu Obinna Nnamdi Ifeanyi Okechukwu Chinonso Emeka Uche
    Efua Ekua Esi Ama Akosua Afua Adwoa Yaa Abena Akua Kwesi Kojo Kwaku Yaw Kwadwo Kofi
    Fiifi Kweku Nana Ato Ebo Kobina Kwabena Kwame Mensah Aba Araba
    Khadar Idil Nimco Ubah Hodan Fadumo Faduma Sahra Hibaaq Halimo Asli Sagal Deeqa Ifrah
    Ikran Ladan Muna Sagal Shukri Fartun Fardowsa Farhiya Hamdi Hawa Kaltun Khadra Maryan
    Mahad Abdirahman Abdirizak Abdiaziz Abdikarim Abdiqani Abdiwali Abdinasir Guled Liban
    Mukhtar Warsame Hirsi Cabdi Cali Xasan Mahamed Maxamed Khalif Omar Ahmed Jama Bashir
    Xiaoming Xiaoli Xiaohong Xiaoyan Xiaowei Xiaoling Xiaojun Xiaofeng Jianhua Jianguo
    Guoqiang Weiming Zhiwei Haiyan Hongmei Yanling Meiling Mei-Ling Wai Kwok Siu Chi-Wai
    Ka-Wai Wing-Yee Mei-Yee Suk-Yin Man-Kit Thi Thuy Huong Linh Minh Hoa Lan Trang Duc Tuan
    Hoang Quang Thanh Ngoc Phuong Zeynep Emine Fatma Hatice Ayşe Meryem Hüseyin Mustafa
    Hasan Ismet Ercan Erdal Gökhan Ozlem Özlem Serkan"""
)
NAME = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-žȘșȚțḂ-ỿ'’-]{2,}")


def ons_names(paths):
    """{name: babies} over ONS workbooks: each one's full table of names and counts."""
    counts = Counter()
    for path in paths:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        best = {}
        for sheet in workbook.worksheets:
            table, columns = {}, None
            for row in sheet.iter_rows(values_only=True):
                cells = [str(cell).strip() if cell is not None else "" for cell in row]
                if columns is None:
                    lower = [cell.lower() for cell in cells]
                    if "name" in lower and "count" in lower:
                        columns = (lower.index("name"), lower.index("count"))
                    continue
                name, count = cells[columns[0]], cells[columns[1]]
                if name.isupper():
                    name = name.title()  # the older workbooks are in capitals
                if name and count.isdigit():
                    table[name] = table.get(name, 0) + int(count)
            if len(table) > len(best):
                best = table  # the table of every name, not a top 100
        counts.update(best)
    return counts


def locale_names(locales):
    names = set()
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in (
            "first_names_male",
            "first_names_female",
            "first_names",
            "first_romanized_names",
        ):
            for name in getattr(provider, attribute, ()):
                names.add(name.title() if name.isupper() else name)
    return names


def locale_surnames(locales):
    names = set()
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("last_names", "last_names_male", "last_names_female"):
            names.update(getattr(provider, attribute, ()))
    return names


def write_ordinary_name_words(dictionary, names):
    """ordinary_name_words.txt: ordinary English words that are also names ("young").

    A known name's part that is one of these is sought only capitalised, so a storyteller
    called Sarah Young does not make every "young carer" a finding.
    """
    words = sorted({name.lower() for name in names} & dictionary)
    header = (
        f"# Ordinary English words that are also people's names, one a line: {len(words)}.\n"
        "# The lower-case words of Debian's wbritish word list (SCOWL, Copyright 2000-2011\n"
        "# Kevin Atkinson, permissive licence) that are first names or Faker surnames. Made by\n"
        "# make_first_names.py.\n"
    )
    (Path(__file__).parent / "ordinary_name_words.txt").write_text(header + "\n".join(words) + "\n")


def main(paths):
    dictionary = set()
    if DICTIONARY.exists():
        dictionary = {
            word for word in DICTIONARY.read_text(encoding="utf-8").split() if word.islower()
        }
    base = locale_names(LOCALES) | set(ADDED) | set(ADDED_COMMUNITIES)
    babies = ons_names(paths)
    added = {name for name, count in babies.items() if count >= MIN_BABIES}
    added |= locale_names(COMMUNITY_LOCALES)
    added = {name for name in added if name.lower() not in dictionary}
    names = base | added
    kept = sorted(name for name in names if NAME.fullmatch(name) and name not in LEFT_OUT)
    header = (
        f"# First names for stories/personal_data.py, one a line: {len(kept)} names.\n"
        f"# Sources: ONS baby names in England and Wales, {len(paths)} workbooks, names given\n"
        f"# to {MIN_BABIES} babies or more (Crown copyright, Open Government Licence v3.0);\n"
        f"# Faker {faker.VERSION} person providers {', '.join(LOCALES + COMMUNITY_LOCALES)}\n"
        "# (MIT licence, Copyright (c) 2012 Daniele Faraglia); a few added by hand.\n"
        "# Made by make_first_names.py.\n"
    )
    (Path(__file__).parent / "first_names.txt").write_text(header + "\n".join(kept) + "\n")
    every = base | set(babies) | locale_names(COMMUNITY_LOCALES)
    write_ordinary_name_words(dictionary, every | locale_surnames(LOCALES + COMMUNITY_LOCALES))
    print(f"{len(kept)} names ({len(babies)} read from the ONS workbooks)")


if __name__ == "__main__":
    main(sys.argv[1:])
