"""Write local_authorities.csv beside this file from mySociety's list of UK local authorities.

Run by hand, never at run time, with a copy of mySociety's `uk_local_authorities_future.csv`
(https://github.com/mysociety/uk_local_authority_names_and_codes, the data package
`data/packages/uk_la_future/`):

    .venv/bin/python stories/data/make_local_authorities.py path/to/uk_local_authorities_future.csv

The data is © mySociety, under the Creative Commons Attribution 4.0 licence
(LOCAL_AUTHORITIES_LICENCE.md beside this file). What we keep: every council in force on
AS_AT (counties, unitary authorities, metropolitan districts, London boroughs and the City
of London, districts, Welsh and Scottish councils, Northern Irish districts); combined
authorities are left out (they overlap their councils and nobody names one as "my place").

The written file has the columns `import_local_areas` reads (name, ons_code, kind, region,
nation, parent), so a newer list is imported with that command. The parents are the
campaign's partnerships (which come first in the file) and, for a district, its county:
a story filed under a district is found under its county and partnership too.
"""

import csv
import sys
from pathlib import Path

AS_AT = "2026-12-01"
OUT = Path(__file__).with_name("local_authorities.csv")
COLUMNS = ["name", "ons_code", "kind", "region", "nation", "parent"]

KINDS = {
    "CTY": "county",
    "UA": "unitary",
    "WPA": "unitary",
    "SCO": "unitary",
    "MD": "metropolitan_district",
    "LBO": "london_borough",
    "CC": "london_borough",  # the City of London: grouped with the boroughs by the ONS
    "NMD": "district",
    "NID": "district",
}

# The areas the #InfoStory campaign names that are not one council: (name, kind, region,
# nation, ons_code). London is the Greater London Authority's area.
PARTNERSHIPS = [
    ("London", "other", "London", "England", "E61000001"),
    ("Devon and Torbay", "partnership", "South West", "England", ""),
    ("Dorset, Bournemouth and Poole", "partnership", "South West", "England", ""),
]
# Councils inside a partnership, by ONS code.
IN_PARTNERSHIP = {
    "E10000008": "Devon and Torbay",  # Devon County Council
    "E06000027": "Devon and Torbay",  # Torbay
    "E06000059": "Dorset, Bournemouth and Poole",  # Dorset Council
    "E06000058": "Dorset, Bournemouth and Poole",  # Bournemouth, Christchurch and Poole
}
# Names kept as the portal first knew them, so the areas' addresses (slugs) do not change.
NAMES = {"E06000059": "Dorset"}


def in_force(row):
    return (row["start-date"] or "0000") <= AS_AT and (row["end-date"] or "9999") > AS_AT


def rows_from(source):
    with open(source, newline="", encoding="utf-8") as handle:
        councils = [row for row in csv.DictReader(handle) if row["local-authority-type"] in KINDS]
    councils = [row for row in councils if in_force(row)]
    counties = {
        row["local-authority-code"]: row["nice-name"]
        for row in councils
        if row["local-authority-type"] == "CTY"
    }
    out = [
        {
            "name": name,
            "ons_code": code,
            "kind": kind,
            "region": region,
            "nation": nation,
            "parent": "",
        }
        for name, kind, region, nation, code in PARTNERSHIPS
    ]
    for row in sorted(councils, key=lambda row: row["nice-name"]):
        code = row["gss-code"]
        if row["local-authority-type"] in ("LBO", "CC"):
            parent = "London"
        elif code in IN_PARTNERSHIP:
            parent = IN_PARTNERSHIP[code]
        else:
            parent = counties.get(row["county-la"], "")
        out.append(
            {
                "name": NAMES.get(code, row["nice-name"]),
                "ons_code": code,
                "kind": KINDS[row["local-authority-type"]],
                "region": row["region"],
                "nation": row["nation"],
                "parent": parent,
            }
        )
    return out


def main(source):
    rows = rows_from(source)
    with open(OUT, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} areas written to {OUT.name}")


if __name__ == "__main__":
    main(sys.argv[1])
