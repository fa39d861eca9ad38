"""The insights page's charts laid out: where each bar, column and label goes.

Plain geometry from counts, for the SVG the templates draw (insights_panel.html,
insights_matrix.html); stories/views/insights.py builds the panels and calls it. Numbers
are kept as text, which the templates print as they are (a number would go through
localisation each time: a few hundred per page).
"""

from dataclasses import dataclass

# The bar charts: each row's label above its bar, the number printed at the bar's end.
CHART_WIDTH = 480
BAR_SPACE = 400  # the longest bar; the rest of the width is for its number
ROW_HEIGHT = 44
LABEL_CHARS = 52


@dataclass
class Bar:
    """One bar of a chart, its numbers as text."""

    label: str
    count: str
    label_y: str
    bar_y: str
    width: str
    value_x: str
    value_y: str


def lay_out_bars(rows):
    """The bars of a chart of rows (each with .label and .count), and the chart's height."""
    largest = max((row.count for row in rows), default=0)
    bars = []
    for index, row in enumerate(rows):
        top = index * ROW_HEIGHT
        width = round(BAR_SPACE * row.count / largest) if largest else 0
        if row.count and width < 2:
            width = 2
        label = row.label if len(row.label) <= LABEL_CHARS else row.label[: LABEL_CHARS - 1] + "…"
        numbers = (row.count, top + 15, top + 21, width, width + 6, top + 34)
        bars.append(Bar(label, *map(str, numbers)))
    return bars, max(len(bars) * ROW_HEIGHT, ROW_HEIGHT)


# Barriers by quarter, drawn as one small chart per barrier: a column per quarter. Its own
# width, narrower than the bar charts', so that on a phone it is drawn near full size.
QUARTER_CHART_WIDTH = 360
BLOCK_HEIGHT = 100
COLUMN_SPACE = 40  # the tallest column


@dataclass
class Column:
    """One column of the quarters' charts, its numbers as text (as Bar's)."""

    x: str
    y: str
    width: str
    height: str
    count: str
    centre: str
    value_y: str
    name: str
    axis_y: str  # the column's foot, where its axis line is drawn


def lay_out_quarters(matrix):
    """[(barrier name, its y, the quarters' y, [Column])], the chart's height: each
    barrier's name, then a column per quarter with its number above and the quarter
    below, all on one scale. `matrix` is insights.barrier_quarter_matrix's: its columns
    (the quarters), rows ((barrier, cells)) and largest count."""
    slot = QUARTER_CHART_WIDTH // max(len(matrix.columns), 1)
    width = min(44, slot - 16)
    blocks = []
    for index, (barrier, cells) in enumerate(matrix.rows):
        top = index * BLOCK_HEIGHT
        base = top + 74
        columns = []
        for position, (quarter, cell) in enumerate(zip(matrix.columns, cells, strict=True)):
            height = round(COLUMN_SPACE * cell.count / matrix.largest) if matrix.largest else 0
            if cell.count and height < 2:
                height = 2
            x = position * slot + (slot - width) // 2
            numbers = (x, base - height, width, height, cell.count, x + width // 2,
                       base - height - 5)  # fmt: skip
            columns.append(Column(*map(str, numbers), quarter.name, str(base)))
        blocks.append((barrier.name, top + 18, top + 90, columns))
    return blocks, max(len(blocks) * BLOCK_HEIGHT, BLOCK_HEIGHT)


# The barriers-by-something tables: a shade for each cell.
def heat_class(count, largest):
    """A shade for a barriers-by-theme cell (the number is always printed too)."""
    if not count or not largest:
        return "heat-0"
    return f"heat-{min(4, 1 + (4 * count - 1) // largest)}"
