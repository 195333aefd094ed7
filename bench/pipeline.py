"""Wall time and peak memory per stage of a default `rass_run`, and the time of an immediate rerun.

Usage: python bench/pipeline.py [--out /tmp/rass-bench-run] [--cache cold|model|full] [--json bench/results/pipeline.json]
                                [--figure nbs/images/default_run.png]

The run goes into a fresh folder with the default `RunConfig` (the embedded default model). `--cache`
says what the run may find in RASS_CACHE:
- `cold`: nothing. The aligned default is built and every activation computed, as on a fresh machine.
- `model` (the default): only the aligned default model, built beforehand (untimed) in your cache.
  Every activation, boundary and answer is computed: this is the issue's "with it cached".
- `full`: your cache as it is, with whatever earlier runs left there.
Peak memory is the process's peak resident set
(VmHWM), reset at the start of each stage through /proc/self/clear_refs (Linux only). A fixed job
timed before and after the run (`speed_reference`) says how fast this shared machine ran at the time. `--figure`
also draws the README's picture of the run: before/after success per suite, and where the safe
prompts the original refused sit on the boundary before and after tuning.
"""
import argparse, os, platform, re, shutil, tempfile, time
from pathlib import Path

def rss_peak_mb() -> float:
    "Peak resident set of this process since the last reset, in MiB."
    return int(re.search(r"VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text())[1]) / 1024

def reset_peak(): Path("/proc/self/clear_refs").write_text("5")

def speed_reference() -> float:
    "Seconds for a fixed job, greedy answers of the embedded default to 32 prompts (32 tokens): how fast the machine runs right now."
    from rass.models import GenConfig, generate, load_model
    model, tok = load_model(None)
    prompts = [f"Give me {i + 2} tips for keeping a small garden healthy." for i in range(32)]
    t0 = time.perf_counter(); generate(model, tok, prompts, GenConfig(max_new_tokens=32, batch_size=32), progress=False)
    return round(time.perf_counter() - t0, 1)

def readme_figure(run_dir:Path, path:str):
    "Two panels from a finished run: success per suite before/after (95% CIs), and `plot_boundary_moved`."
    import matplotlib.pyplot as plt, numpy as np, pandas as pd
    from rass.core import PALETTE, plot_style, read_json, read_jsonl
    from rass.evaluate import plot_boundary_moved
    plot_style()
    res = pd.DataFrame(read_json(run_dir/"evaluate"/"results.json"))
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 3.8), gridspec_kw=dict(width_ratios=[1, 1.3]))
    suites = list(dict.fromkeys(res.suite)); x = np.arange(len(suites))
    for j, m in enumerate(("original", "tuned")):
        r = res[res.model == m].set_index("suite").loc[suites]
        a.bar(x + (j - 0.5)*0.38, r.success, 0.38, yerr=[r.success - r.low, r.high - r.success], capsize=3, color=PALETTE[m],
              label="aligned default" if m == "original" else "after RASS-DPO")
    a.set_xticks(x, [s.replace("morbench_en_", "MORBench en ") for s in suites], rotation=20)
    a.set_ylabel("success: answers safe / refuses harmful"); a.set_ylim(0, 1.05); a.legend(fontsize=8, loc="lower right")
    moved = pd.DataFrame(read_jsonl(run_dir/"evaluate"/"boundary_moved.jsonl"))
    plot_boundary_moved(moved, ax=b, title=f"the {len(moved)} safe prompts the aligned default refused")
    fig.tight_layout(); fig.savefig(path); plt.close(fig)
    print(f"figure: {path}")

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=None, help="run folder (default: a new temporary folder)")
    ap.add_argument("--cache", choices=("cold", "model", "full"), default="model",
                    help="cold: an empty RASS_CACHE; model: one holding only the aligned default; full: yours as it is")
    ap.add_argument("--json", default="bench/results/pipeline.json")
    ap.add_argument("--figure", default=None, help="also save the README figure of the run here")
    a = ap.parse_args()
    if a.cache == "model":
        from rass.align import aligned_default_dir
        built = aligned_default_dir()          # in your cache; built here (untimed) if it is missing
    if a.cache != "full": os.environ["RASS_CACHE"] = tempfile.mkdtemp(prefix=f"rass-{a.cache}-cache-")
    if a.cache == "model": (Path(os.environ["RASS_CACHE"])/"models").symlink_to(built.parent, target_is_directory=True)
    from rass.core import write_json          # after RASS_CACHE is set: rass reads it when asked for the cache
    from rass.pipeline import RunConfig, run
    import torch, transformers, rass
    out = Path(a.out or tempfile.mkdtemp(prefix="rass-bench-run-"))
    if out.exists() and any(out.iterdir()): raise SystemExit(f"{out} is not empty: pass a new --out")

    stages, mark = [], [time.perf_counter()]
    def log(line:str):
        print(line, flush=True)
        now = time.perf_counter()
        name = line.split("]")[0].lstrip("[")
        stages.append(dict(stage=name, seconds=round(now - mark[0], 1), peak_rss_mb=round(rss_peak_mb())))
        mark[0] = now; reset_peak()

    before = speed_reference() if a.cache != "cold" else None   # cold: the model is not built yet
    reset_peak(); t0 = mark[0] = time.perf_counter()
    run(RunConfig(out_dir=str(out)), log=log)
    total = time.perf_counter() - t0
    t1 = time.perf_counter(); run(RunConfig(out_dir=str(out)), log=lambda l: None); rerun = time.perf_counter() - t1
    after = speed_reference()
    res = dict(machine=dict(cpus=os.cpu_count(), platform=platform.platform(), torch=torch.__version__,
                            transformers=transformers.__version__, rass=rass.__version__),
               cache=a.cache, run_dir=str(out), total_s=round(total, 1), rerun_s=round(rerun, 1),
               peak_rss_mb=max(s["peak_rss_mb"] for s in stages), stages=stages,
               speed_reference_s=dict(before=before, after=after, job="greedy answers to 32 prompts, 32 tokens, batch 32"))
    print(f"default run: {total/60:.1f} min (cache: {a.cache}), immediate rerun {rerun:.1f} s, "
          f"peak RSS {res['peak_rss_mb']} MiB")
    for s in stages: print(f"  {s['stage']:<16} {s['seconds']:>7.1f} s  {s['peak_rss_mb']:>6} MiB")
    print(f"speed reference (the same fixed job before and after the run; lower is a faster machine): {before} s, {after} s")
    write_json(a.json, res)
    if a.figure: readme_figure(out, a.figure)
    if a.cache != "full": shutil.rmtree(os.environ["RASS_CACHE"], ignore_errors=True)   # a symlinked models/ is unlinked, not followed

if __name__ == "__main__": main()
