"""Summarizes benchmarks/tuner/search_efficiency.sh: a table and curves.

usage: report_search.py OUT N

For each task and seed: random search's best throughput after 4N trials
(the reference), the trials the XGBoost-guided search needed to reach 95% of
it (or "-" when it did not within N), its best relative to the reference,
and both searches' best after 8 and after N trials. The default schedule
(each run's first trial) is left out: the curves compare the searches. Writes OUT/search_efficiency.png (best throughput relative to
random's final best against trials; one panel per task) and
OUT/search_efficiency.json.
"""
import json
import math
import os
import sys

TASKS = ["bert_qkv", "bert_ffn1", "resnet_3x3", "resnet_1x1"]
SEEDS = [1, 2, 3]


def curve(out, task, model, seed):
    """[(trial, best ms so far)] over the searched candidates of one run,
    from its records file: the default schedule (every run's first trial)
    is left out, so the curves compare the searches alone. Failed trials
    count as trials."""
    path = os.path.join(out, f"{task}.{model}.s{seed}.records")
    points, best, trial = [], math.inf, 0
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if not r["schedule"]:
                continue
            trial += 1
            if r["status"] == "ok":
                best = min(best, r["latency_ms"])
            if best < math.inf:
                points.append((trial, best))
    return points


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rows, met = [], 0
    for task in TASKS:
        for seed in SEEDS:
            rnd = curve(out, task, "random", seed)
            xgb = curve(out, task, "xgb", seed)
            ref = min(ms for _, ms in rnd)
            target = ref / 0.95
            reach = next((t for t, ms in xgb if ms <= target), None)
            best = min(ms for _, ms in xgb)
            ok = reach is not None and reach <= (4 * n) / 3
            met += ok
            # Also: how good each search is after the same (small) number of
            # trials, relative to random's final best.
            def at(c, k):
                return min((ms for t, ms in c if t <= k), default=math.inf)
            def reach99(c):
                return next((t for t, ms in c if ms <= ref / 0.99), None)
            rows.append({"task": task, "seed": seed, "random_best_ms": ref,
                         "xgb_trials_to_99": reach99(xgb),
                         "random_trials_to_99": reach99(rnd),
                         "xgb_at_8": ref / at(xgb, 8),
                         "random_at_8": ref / at(rnd, 8),
                         "xgb_at_n": ref / at(xgb, n),
                         "random_at_n": ref / at(rnd, n),
                         "random_trials": rnd[-1][0], "xgb_best_ms": best,
                         "xgb_trials": xgb[-1][0], "xgb_trials_to_95": reach,
                         "xgb_vs_random": ref / best, "met": ok})
    print("default schedule left out; throughput relative to random's best "
          f"after {4 * n} searched trials")
    print(f"{'task':12} {'seed':>4} {'random best':>12} {'xgb best':>10} "
          f"{'xgb/random':>10} {'xgb trials to 95%':>18} "
          f"{'@8 xgb':>7} {'@8 rnd':>7} {'@N xgb':>7} {'@N rnd':>7} "
          f"{'99% xgb':>8} {'99% rnd':>8}")
    for r in rows:
        print(f"{r['task']:12} {r['seed']:4d} {r['random_best_ms']:10.4f}ms "
              f"{r['xgb_best_ms']:8.4f}ms {r['xgb_vs_random']:10.3f} "
              f"{str(r['xgb_trials_to_95']):>18} {r['xgb_at_8']:7.3f} "
              f"{r['random_at_8']:7.3f} {r['xgb_at_n']:7.3f} "
              f"{r['random_at_n']:7.3f} {str(r['xgb_trials_to_99']):>8} "
              f"{str(r['random_trials_to_99']):>8}")
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
            rnd = curve(out, task, "random", seed)
            xgb = curve(out, task, "xgb", seed)
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
