"""Summarizes benchmarks/tuner/search_efficiency.sh: a table and curves.

usage: report_search.py OUT N

For each task and seed: random search's best throughput after 4N trials
(the reference), the trials the XGBoost-guided search needed to reach 95% of
it (or "-" when it did not within N), and its best relative to the
reference. Writes OUT/search_efficiency.png (best throughput relative to
random's final best against trials; one panel per task) and
OUT/search_efficiency.json.
"""
import csv
import json
import os
import sys

TASKS = ["bert_qkv", "bert_ffn1", "resnet_3x3", "resnet_1x1"]
SEEDS = [1, 2, 3]


def curve(path):
    """[(trial, best ms)] from an mlc-tune --curve CSV."""
    with open(path) as f:
        return [(int(r["trial"]), float(r["model_ms"])) for r in csv.DictReader(f)]


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rows, met = [], 0
    for task in TASKS:
        for seed in SEEDS:
            rnd = curve(os.path.join(out, f"{task}.random.s{seed}.csv"))
            xgb = curve(os.path.join(out, f"{task}.xgb.s{seed}.csv"))
            ref = min(ms for _, ms in rnd)
            target = ref / 0.95
            reach = next((t for t, ms in xgb if ms <= target), None)
            best = min(ms for _, ms in xgb)
            ok = reach is not None and reach <= (4 * n) / 3
            met += ok
            rows.append({"task": task, "seed": seed, "random_best_ms": ref,
                         "random_trials": rnd[-1][0], "xgb_best_ms": best,
                         "xgb_trials": xgb[-1][0], "xgb_trials_to_95": reach,
                         "xgb_vs_random": ref / best, "met": ok})
    print(f"{'task':12} {'seed':>4} {'random best':>12} {'xgb best':>10} "
          f"{'xgb/random':>10} {'xgb trials to 95%':>18}")
    for r in rows:
        print(f"{r['task']:12} {r['seed']:4d} {r['random_best_ms']:10.4f}ms "
              f"{r['xgb_best_ms']:8.4f}ms {r['xgb_vs_random']:10.3f} "
              f"{str(r['xgb_trials_to_95']):>18}")
    print(f"met: {met} of {len(rows)} (95% of random's best with 4N={4 * n} "
          f"trials, within {4 * n / 3:.0f} trials)")
    with open(os.path.join(out, "search_efficiency.json"), "w") as f:
        json.dump({"n": n, "rows": rows, "met": met}, f, indent=1)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    fig, axes = plt.subplots(1, len(TASKS), figsize=(5 * len(TASKS), 4))
    for ax, task in zip(axes, TASKS):
        for seed in SEEDS:
            rnd = curve(os.path.join(out, f"{task}.random.s{seed}.csv"))
            xgb = curve(os.path.join(out, f"{task}.xgb.s{seed}.csv"))
            ref = min(ms for _, ms in rnd)
            for c, color, label in ((rnd, "tab:gray", "random"),
                                    (xgb, "tab:blue", "xgb")):
                ax.plot([t for t, _ in c], [ref / ms for _, ms in c],
                        color=color, alpha=0.8,
                        label=label if seed == 1 else None)
        ax.axhline(0.95, color="tab:red", linestyle=":", linewidth=1)
        ax.axvline(4 * n / 3, color="tab:red", linestyle=":", linewidth=1)
        ax.set_title(task)
        ax.set_xlabel("trials")
        ax.set_ylim(0.5, 1.15)
    axes[0].set_ylabel("best throughput / random's best after 4N")
    axes[0].legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "search_efficiency.png"), dpi=90)


if __name__ == "__main__":
    main()
