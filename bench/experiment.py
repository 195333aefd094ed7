"""Wall time of the default `rass_experiment`, measured in parts and projected to the whole.

Usage: python bench/experiment.py [--out DIR] [--json bench/results/experiment.json]

Into a fresh folder, with the default `ExperimentConfig` at the README's size (`--n-eval 20`), it runs
what the default experiment runs once (the original model's evaluation and the training-free baselines)
and one trained model (the first default arm, seed 0), each timed as `run_experiment` records it in
`timings.json`. The whole default experiment is then projected as original + baselines + overhead +
arms × seeds × that model. The projection is an upper bound: the model timed here also builds its
seed's candidate pool, which the other arms of a seed reuse, and the first arm of the default is the
slowest (twins at half the pairs: the most pairs). It runs with the rass cache as it is: the aligned
default is built beforehand (untimed; `rass_run` and `rass_experiment` build it once per cache), and the
probe sets' activations that earlier runs cached are reused (from an empty cache, fitting each seed's
boundary adds the probe stage's time, about a minute on 2 cores, see bench/pipeline.py). A fixed job
timed before and after (`speed_reference` of bench/pipeline.py) says how fast this shared machine ran.
"""
import argparse, os, platform, tempfile, time
from pathlib import Path

from pipeline import speed_reference

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=None, help="experiment folder (default: a new temporary folder)")
    ap.add_argument("--json", default="bench/results/experiment.json")
    a = ap.parse_args()
    from rass.align import aligned_default_dir
    from rass.core import read_json, write_json
    from rass.experiment import ExperimentConfig, run_experiment
    import torch, transformers, rass
    aligned_default_dir()
    out = Path(a.out or tempfile.mkdtemp(prefix="rass-bench-experiment-"))
    if out.exists() and any(out.iterdir()): raise SystemExit(f"{out} is not empty: pass a new --out")
    default = ExperimentConfig(n_eval=20)
    before = speed_reference()
    t0 = time.perf_counter()
    run_experiment(ExperimentConfig(n_eval=20, arms=default.arms[:1], seeds=default.seeds[:1], out_dir=str(out)))
    wall = time.perf_counter() - t0
    after = speed_reference()
    t = read_json(out/"timings.json")["models"]
    model_s = t[f"{default.arms[0]} seed {default.seeds[0]}"]
    baselines_s = sum(t[b] for b in default.baselines)
    overhead_s = wall - sum(t.values())   # loading the model, suites and per-seed boundary outside any model's own timing
    n_models = len(default.arms)*len(default.seeds)
    projected = t["original"] + baselines_s + overhead_s + n_models*model_s
    res = dict(machine=dict(cpus=os.cpu_count(), platform=platform.platform(), torch=torch.__version__,
                            transformers=transformers.__version__, rass=rass.__version__),
               config=dict(n_eval=20, arms=list(default.arms), seeds=list(default.seeds), doses=list(default.doses), baselines=list(default.baselines)),
               measured_s=dict(original=t["original"], one_model=model_s, **{f"baseline {b}": t[b] for b in default.baselines},
                               overhead=round(overhead_s, 1), this_call=round(wall, 1)),
               projected_default_min=round(projected/60, 1), target_min=90,
               speed_reference_s=dict(before=before, after=after, job="greedy answers to 32 prompts, 32 tokens, batch 32"))
    print(f"measured: original {t['original']:.0f} s, one model ({default.arms[0]}, seed {default.seeds[0]}) {model_s:.0f} s, "
          f"baselines {baselines_s:.0f} s, overhead {overhead_s:.0f} s")
    print(f"projected default experiment ({len(default.arms)} arms x {len(default.seeds)} seeds): {projected/60:.1f} min (target 90)")
    print(f"speed reference (the same fixed job before and after; lower is a faster machine): {before} s, {after} s")
    write_json(a.json, res)

if __name__ == "__main__": main()
