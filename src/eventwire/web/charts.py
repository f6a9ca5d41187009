"""The UI's charts as plain geometry for SVG templates: a timeline and a dyad network.

No JavaScript and no chart library: the server computes every rectangle, path and label,
and the templates write them out as SVG (escaped like any other text).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

QUAD_COLOURS = {1: "#4c9be8", 2: "#2a9d5b", 3: "#f0a030", 4: "#d64545"}
MAX_DAY_BUCKETS = 120
MAX_MONTH_BUCKETS = 180


@dataclass
class Bar:
    """One stacked piece of a timeline bar."""

    x: float
    y: float
    width: float
    height: float
    quad: int
    count: int
    bucket: str
    colour: str


@dataclass
class Tick:
    """An axis tick: where and what it says."""

    at: float
    label: str


@dataclass
class Timeline:
    """A stacked bar chart of events per bucket (day, month or year) by quad class."""

    width: int
    height: int
    left: int
    bottom: int
    unit: str
    bars: list[Bar] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    total: int = 0
    buckets: int = 0


def _buckets(first: dt.date, last: dt.date) -> tuple[str, list[str]]:
    days = (last - first).days + 1
    if days <= MAX_DAY_BUCKETS:
        return "day", [(first + dt.timedelta(n)).isoformat() for n in range(days)]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= MAX_MONTH_BUCKETS:
        keys = []
        year, month = first.year, first.month
        for _ in range(months):
            keys.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return "month", keys
    return "year", [f"{year:04d}" for year in range(first.year, last.year + 1)]


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    magnitude: int = 10 ** int(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return value


def timeline(rows: list[dict[str, Any]], *, width: int = 960, height: int = 320) -> Timeline:
    """Lay out ``{"date", "quad_class", "count"}`` rows (day dates) as stacked bars.

    Days become months when the range is over :data:`MAX_DAY_BUCKETS` days, and years when
    it is over :data:`MAX_MONTH_BUCKETS` months. Empty buckets keep their place.
    """
    left, bottom, top, right = 48, 36, 12, 12
    chart = Timeline(width=width, height=height, left=left, bottom=bottom, unit="day")
    if not rows:
        return chart
    dates = [dt.date.fromisoformat(row["date"]) for row in rows]
    unit, keys = _buckets(min(dates), max(dates))
    cut = {"day": 10, "month": 7, "year": 4}[unit]
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        counts[row["date"][:cut]][int(row["quad_class"])] += int(row["count"])
    chart.unit = unit
    chart.buckets = len(keys)
    chart.total = sum(sum(by_quad.values()) for by_quad in counts.values())
    peak = _nice_max(max(sum(by_quad.values()) for by_quad in counts.values()))
    plot_w = width - left - right
    plot_h = height - top - bottom
    slot = plot_w / len(keys)
    bar_w = max(slot * 0.8, 1.0)
    for n, key in enumerate(keys):
        y = float(top + plot_h)
        for quad in (1, 2, 3, 4):
            count = counts.get(key, {}).get(quad, 0)
            if not count:
                continue
            h = plot_h * count / peak
            y -= h
            chart.bars.append(
                Bar(
                    x=round(left + n * slot + (slot - bar_w) / 2, 2),
                    y=round(y, 2),
                    width=round(bar_w, 2),
                    height=round(h, 2),
                    quad=quad,
                    count=count,
                    bucket=key,
                    colour=QUAD_COLOURS[quad],
                )
            )
    every = max(1, math.ceil(len(keys) / 8))
    for n in range(0, len(keys), every):
        chart.x_ticks.append(Tick(at=round(left + (n + 0.5) * slot, 2), label=keys[n]))
    for step in range(5):
        value = peak * step / 4
        label = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
        chart.y_ticks.append(Tick(at=round(top + plot_h - plot_h * step / 4, 2), label=label))
    return chart


@dataclass
class Node:
    """An actor code in the network."""

    code: str
    events: int
    x: float = 0.0
    y: float = 0.0
    r: float = 6.0


@dataclass
class Edge:
    """Events from one actor code to another."""

    source: str
    target: str
    count: int
    goldstein: float
    path: str = ""
    width: float = 1.0
    colour: str = "#888888"


@dataclass
class Network:
    """A dyad network laid out in a ``size`` × ``size`` square."""

    size: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def goldstein_colour(score: float) -> str:
    """Red for conflict (-10), grey for neutral, green for cooperation (+10)."""
    t = max(-1.0, min(1.0, score / 10.0))
    grey, red, green = (150, 150, 150), (214, 69, 69), (42, 157, 91)
    end = green if t > 0 else red
    mix = [round(g + (e - g) * abs(t)) for g, e in zip(grey, end, strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def _layout(nodes: list[Node], edges: list[Edge], size: int, iterations: int = 300) -> None:
    """Fruchterman-Reingold in a unit frame, from a circle, seeded (same data, same picture).

    Positions are kept inside the frame and pulled gently to its centre, so separate groups
    of actors stay on the canvas instead of drifting off.
    """
    n = len(nodes)
    if n == 0:
        return
    index = {node.code: i for i, node in enumerate(nodes)}
    rng = random.Random(7)
    pos = [
        [
            0.4 * math.cos(2 * math.pi * i / n) + rng.uniform(-0.01, 0.01),
            0.4 * math.sin(2 * math.pi * i / n) + rng.uniform(-0.01, 0.01),
        ]
        for i in range(n)
    ]
    k = 0.9 * math.sqrt(1.0 / n)
    links = [
        (index[e.source], index[e.target], 1.0 + math.log1p(e.count) / 2)
        for e in edges
        if e.source != e.target
    ]
    temp = 0.1
    for _ in range(iterations):
        disp = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                dx = pos[i][0] - pos[j][0]
                dy = pos[i][1] - pos[j][1]
                dist = max(math.hypot(dx, dy), 1e-3)
                force = k * k / dist
                disp[i][0] += dx / dist * force
                disp[i][1] += dy / dist * force
                disp[j][0] -= dx / dist * force
                disp[j][1] -= dy / dist * force
        for i, j, weight in links:
            dx = pos[i][0] - pos[j][0]
            dy = pos[i][1] - pos[j][1]
            dist = max(math.hypot(dx, dy), 1e-3)
            force = dist * dist / k * weight
            disp[i][0] -= dx / dist * force
            disp[i][1] -= dy / dist * force
            disp[j][0] += dx / dist * force
            disp[j][1] += dy / dist * force
        for i in range(n):
            disp[i][0] -= pos[i][0] * k * 2
            disp[i][1] -= pos[i][1] * k * 2
            length = max(math.hypot(*disp[i]), 1e-9)
            step = min(length, temp)
            pos[i][0] = max(-0.5, min(0.5, pos[i][0] + disp[i][0] / length * step))
            pos[i][1] = max(-0.5, min(0.5, pos[i][1] + disp[i][1] / length * step))
        temp = max(temp * 0.985, 0.002)
    xs = [p[0] for p in pos]
    ys = [p[1] for p in pos]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 0.2)
    margin = 56
    scale = (size - 2 * margin) / span
    cx = (max(xs) + min(xs)) / 2
    cy = (max(ys) + min(ys)) / 2
    for node, p in zip(nodes, pos, strict=True):
        node.x = round(size / 2 + (p[0] - cx) * scale, 1)
        node.y = round(size / 2 + (p[1] - cy) * scale, 1)


def network(dyads: list[dict[str, Any]], *, size: int = 640, max_nodes: int = 40) -> Network:
    """Lay out ``{"source", "target", "count", "goldstein"}`` dyads as a directed graph.

    Nodes are the actor codes of the busiest dyads (at most ``max_nodes``), sized by their
    events; edges are as wide as their event count (square-root scale) and coloured by
    their mean Goldstein score. A dyad of a code with itself is drawn as a loop.
    """
    chart = Network(size=size)
    weight: dict[str, int] = defaultdict(int)
    for dyad in dyads:
        weight[dyad["source"]] += int(dyad["count"])
        if dyad["target"] != dyad["source"]:
            weight[dyad["target"]] += int(dyad["count"])
    kept = sorted(weight, key=lambda code: (-weight[code], code))[:max_nodes]
    chart.nodes = [Node(code=code, events=weight[code]) for code in kept]
    keep = set(kept)
    chart.edges = [
        Edge(
            source=d["source"],
            target=d["target"],
            count=int(d["count"]),
            goldstein=float(d["goldstein"]),
        )
        for d in dyads
        if d["source"] in keep and d["target"] in keep
    ]
    if not chart.nodes:
        return chart
    _layout(chart.nodes, chart.edges, size)
    peak_node = max(node.events for node in chart.nodes)
    for node in chart.nodes:
        node.r = round(6 + 16 * math.sqrt(node.events / peak_node), 1)
    peak_edge = max((edge.count for edge in chart.edges), default=1)
    where = {node.code: node for node in chart.nodes}
    for edge in chart.edges:
        edge.width = round(1 + 7 * math.sqrt(edge.count / peak_edge), 1)
        edge.colour = goldstein_colour(edge.goldstein)
        a, b = where[edge.source], where[edge.target]
        if a is b:
            r = a.r
            edge.path = (
                f"M {a.x - r * 0.6:.1f} {a.y - r * 0.8:.1f} "
                f"C {a.x - r * 2.5:.1f} {a.y - r * 3.5:.1f} {a.x + r * 2.5:.1f} "
                f"{a.y - r * 3.5:.1f} {a.x + r * 0.6:.1f} {a.y - r * 0.8:.1f}"
            )
            continue
        dx, dy = b.x - a.x, b.y - a.y
        dist = max(math.hypot(dx, dy), 1e-6)
        # end at the target's rim, bent a little so both directions of a pair show
        sx, sy = a.x + dx / dist * a.r, a.y + dy / dist * a.r
        tx, ty = b.x - dx / dist * (b.r + 4), b.y - dy / dist * (b.r + 4)
        mx, my = (sx + tx) / 2 - dy / dist * 18, (sy + ty) / 2 + dx / dist * 18
        edge.path = f"M {sx:.1f} {sy:.1f} Q {mx:.1f} {my:.1f} {tx:.1f} {ty:.1f}"
    return chart
