"""Import local authorities from a CSV file: name, ons_code, kind, region, nation, parent.

The list shipped with the project (stories/data/local_authorities.csv, loaded by migration
0013) has these columns: a newer version of it is imported with this command. The nation
column is optional (without it, areas keep theirs).

Idempotent: a row updates the area with the same ONS code (or, without a code, the
same slug) instead of adding another. The file is checked first; if any row is bad,
every problem is reported with its line number and nothing is imported. That includes
parent links that would go round in a loop (A inside B inside A), with the areas already
in the database.
"""

import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from stories.models import LocalArea

COLUMNS = ("name", "ons_code", "kind", "region", "nation", "parent")
NATIONS = {value.lower(): value for value in LocalArea.Nation.values}
KINDS = {value: value for value in LocalArea.Kind.values}
KINDS.update({label.lower(): value for value, label in LocalArea.Kind.choices})
KINDS.update({value.replace("_", " "): value for value in LocalArea.Kind.values})


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("csv_file")

    def handle(self, *args, csv_file, **options):
        rows = self.read_rows(csv_file)
        existing = {area.slug: area for area in LocalArea.objects.all()}
        by_code = {area.ons_code: area for area in existing.values() if area.ons_code}
        problems = self.check_rows(rows, existing)
        if not problems:
            problems = self.check_parent_loops(rows, existing, by_code)
        if problems:
            raise CommandError(
                f"{csv_file}: nothing imported, fix these rows first:\n" + "\n".join(problems)
            )
        created = updated = 0
        with transaction.atomic():
            areas = {}
            for _line, row in rows:
                area = by_code.get(row["ons_code"]) or existing.get(row["slug"])
                if area is None:
                    area = LocalArea(slug=self.free_slug(row["slug"], row["ons_code"], existing))
                    created += 1
                else:
                    updated += 1
                area.name = row["name"]
                area.ons_code = row["ons_code"]
                area.kind = row["kind"]
                area.region = row["region"]
                if row["nation"] is not None:
                    area.nation = row["nation"]
                area.save()
                existing[area.slug] = area
                areas[row["name"].lower()] = area
                if row["ons_code"]:
                    areas[row["ons_code"].lower()] = area
            for _line, row in rows:
                if row["parent"]:
                    area = areas[row["ons_code"].lower() or row["name"].lower()]
                    area.parent = self.find_parent(row["parent"], areas, existing)
                    area.save(update_fields=["parent"])
        self.stdout.write(self.style.SUCCESS(f"{created} local areas created, {updated} updated."))

    def read_rows(self, csv_file):
        try:
            with open(csv_file, newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                header = [(name or "").strip().lower() for name in reader.fieldnames or []]
                missing = [column for column in ("name", "kind") if column not in header]
                if missing:
                    raise CommandError(
                        f"{csv_file}: the first line must name the columns "
                        f"{', '.join(COLUMNS)}; missing: {', '.join(missing)}."
                    )
                reader.fieldnames = header
                rows = []
                for row in reader:
                    clean = {column: (row.get(column) or "").strip() for column in COLUMNS}
                    clean["slug"] = slugify(clean["name"])
                    if "nation" not in header:
                        clean["nation"] = None
                    rows.append((reader.line_num, clean))
                return rows
        except FileNotFoundError:
            raise CommandError(f"{csv_file}: no such file.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{csv_file}: not a UTF-8 text file.") from None
        except csv.Error as error:
            raise CommandError(f"{csv_file}: not a readable CSV file ({error}).") from None

    def check_rows(self, rows, existing):
        problems = []
        seen_codes, seen_names = {}, {}
        names = {row["name"].lower() for _, row in rows} | {
            area.name.lower() for area in existing.values()
        }
        codes = {row["ons_code"].lower() for _, row in rows if row["ons_code"]} | {
            area.ons_code.lower() for area in existing.values() if area.ons_code
        }
        for line, row in rows:
            where = f"line {line}"
            if not row["name"]:
                problems.append(f"{where}: the name is empty.")
                continue
            if not row["slug"]:
                problems.append(f"{where}: the name {row['name']!r} has no letters or digits.")
            if len(row["name"]) > 150:
                problems.append(f"{where}: the name is longer than 150 characters.")
            if len(row["region"]) > 100:
                problems.append(f"{where}: the region is longer than 100 characters.")
            for column in COLUMNS:
                if "\x00" in (row[column] or ""):
                    problems.append(f"{where}: the {column} contains a NUL character.")
            kind = KINDS.get(row["kind"].lower())
            if kind is None:
                problems.append(
                    f"{where}: kind {row['kind']!r} is not one of "
                    f"{', '.join(LocalArea.Kind.values)}."
                )
            else:
                row["kind"] = kind
            if row["nation"]:
                nation = NATIONS.get(row["nation"].lower())
                if nation is None:
                    problems.append(
                        f"{where}: nation {row['nation']!r} is not one of "
                        f"{', '.join(LocalArea.Nation.values)}."
                    )
                row["nation"] = nation
            code = row["ons_code"].upper()
            row["ons_code"] = code
            if code and (len(code) != 9 or not code[0].isalpha() or not code[1:].isdigit()):
                problems.append(
                    f"{where}: ONS code {code!r} should be a letter and 8 digits, e.g. E10000030."
                )
            if code and code in seen_codes:
                problems.append(f"{where}: ONS code {code} is also on line {seen_codes[code]}.")
            if code:
                seen_codes.setdefault(code, line)
            if not code and row["name"].lower() in seen_names:
                problems.append(
                    f"{where}: {row['name']!r} is also on line {seen_names[row['name'].lower()]}."
                )
            seen_names.setdefault(row["name"].lower(), line)
            parent = row["parent"].lower()
            if parent and parent not in names and parent not in codes and parent not in existing:
                problems.append(f"{where}: parent {row['parent']!r} is not a known area.")
            if parent and parent in (row["name"].lower(), code.lower()):
                problems.append(f"{where}: an area cannot be its own parent.")
        return problems

    def check_parent_loops(self, rows, existing, by_code):
        """Problems for every loop of parents the import would make, naming its lines."""
        node_of_line, lines_of_node, names = {}, {}, {}
        by_key = {}
        for line, row in rows:
            area = by_code.get(row["ons_code"]) or existing.get(row["slug"])
            node = area.pk if area else ("line", line)
            node_of_line[line] = node
            lines_of_node.setdefault(node, []).append(line)
            names[node] = row["name"]
            by_key[row["name"].lower()] = node
            if row["ons_code"]:
                by_key[row["ons_code"].lower()] = node
        parent_of = {area.pk: area.parent_id for area in existing.values()}
        names.update({area.pk: area.name for area in existing.values() if area.pk not in names})
        for line, row in rows:
            if row["parent"]:
                key = row["parent"].lower()
                parent = by_key.get(key)
                if parent is None:
                    parent = self.find_parent(row["parent"], {}, existing).pk
                parent_of[node_of_line[line]] = parent
        problems, reported = [], set()
        for line, _row in rows:
            path, node = [], node_of_line[line]
            while node is not None and node not in path and node not in reported:
                path.append(node)
                node = parent_of.get(node)
            if node is None or node in reported or node not in path:
                reported.update(path)
                continue
            loop = path[path.index(node) :]
            reported.update(path)
            lines = sorted(number for member in loop for number in lines_of_node.get(member, []))
            lines = lines or [line]  # a loop already in the database, reached from this line
            route = " → ".join(names[member] for member in [*loop, node])
            where = "line" if len(lines) == 1 else "lines"
            problems.append(
                f"{where} {', '.join(map(str, lines))}: the parents go round in a loop "
                f"({route}); an area cannot be inside itself."
            )
        return problems

    def free_slug(self, slug, code, existing):
        if slug not in existing:
            return slug
        candidate = slugify(f"{slug}-{code}") if code else slug
        number = 2
        while candidate in existing:
            candidate = f"{slug}-{number}"
            number += 1
        return candidate

    def find_parent(self, parent, areas, existing):
        key = parent.lower()
        if key in areas:
            return areas[key]
        for area in existing.values():
            if key in (area.name.lower(), area.ons_code.lower(), area.slug):
                return area
        raise CommandError(f"parent {parent!r} is not a known area.")  # checked before
