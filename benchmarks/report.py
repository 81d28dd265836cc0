"""The benchmark's outputs: a text table per thread count, and a PNG bar chart
of the MLC / ORT latency ratios (matplotlib, Agg backend)."""

import math


def _ms(v):
    if v is None:
        return "-"
    return f"{v:.4f}" if v < 1 else f"{v:.2f}" if v < 100 else f"{v:.0f}"


def _num(v, fmt):
    return "-" if v is None else format(v, fmt)


COLUMNS = [
    # header, width, right-aligned
    ("model", 16, False),
    ("GFLOP", 7, True),
    ("MLC ms", 9, True),
    ("ORT ms", 9, True),
    ("MLC/ORT", 8, True),
    ("MLC GFLOP/s", 11, True),
    ("% peak", 7, True),
    ("ORT GFLOP/s", 11, True),
    ("ORT %pk", 7, True),
    ("compile s", 9, True),
    ("outputs", 10, False),
]


def row_cells(r):
    """The table cells of one per-model result (see bench.py: row())."""
    return [
        r["model"],
        _num(r["gflop"], ".3f"),
        _ms(r.get("mlc_ms")),
        _ms(r.get("ort_ms")),
        _num(r.get("ratio"), ".2f"),
        _num(r.get("mlc_gflops"), ".2f"),
        _num(r.get("mlc_pct_peak"), ".1f"),
        _num(r.get("ort_gflops"), ".1f"),
        _num(r.get("ort_pct_peak"), ".1f"),
        _num(r.get("compile_s"), ".1f"),
        r.get("outputs", "-"),
    ]


def format_table(rows):
    lines = []
    fmt = lambda cells: "  ".join(
        c.rjust(w) if right else c.ljust(w)
        for c, (_, w, right) in zip(cells, COLUMNS)).rstrip()
    lines.append(fmt([h for h, _, _ in COLUMNS]))
    lines.append(fmt(["-" * w for _, w, _ in COLUMNS]))
    for r in rows:
        lines.append(fmt(row_cells(r)))
        if r.get("error"):
            lines.append("    " + r["error"])
    return "\n".join(lines)


def geomean(values):
    values = [v for v in values if v and v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def write_chart(path, tables, title):
    """tables: {threads: [row, ...]}; one group of bars per model, one bar per
    thread count, log scale (the ratios span orders of magnitude)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    models = []
    for rows in tables.values():
        for r in rows:
            if r["model"] not in models:
                models.append(r["model"])
    fig, ax = plt.subplots(figsize=(max(6, 1.1 * len(models) + 2), 4.5))
    width = 0.8 / max(len(tables), 1)
    for i, (threads, rows) in enumerate(sorted(tables.items())):
        by_model = {r["model"]: r.get("ratio") for r in rows}
        xs = [j + (i - (len(tables) - 1) / 2) * width
              for j in range(len(models))]
        ys = [by_model.get(m) or 1.0 for m in models]
        # Bars grow from 1 (parity): up where MLC is slower, down where faster.
        bars = ax.bar(xs, [y - 1.0 for y in ys], width, bottom=1.0,
                      label=f"{threads} thread" + ("s" if threads > 1 else ""))
        for b, m, y in zip(bars, models, ys):
            ax.annotate(f"{y:.2g}" if by_model.get(m) else "n/a",
                        (b.get_x() + b.get_width() / 2, y), ha="center",
                        va="bottom" if y >= 1 else "top", fontsize=7)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_yscale("log")
    ratios = [r["ratio"] for rows in tables.values() for r in rows
              if r.get("ratio")]
    if ratios:
        ax.set_ylim(min(min(ratios), 1.0) / 1.6, max(max(ratios), 1.0) * 1.6)
    plain = matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}")
    ax.yaxis.set_major_formatter(plain)
    ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_xticks(range(len(models)))
    ax.set_xticklabels(models, rotation=20, ha="right")
    ax.set_ylabel("MLC / ONNX Runtime latency (lower is better)")
    ax.set_title(title, fontsize=9)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
