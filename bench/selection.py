"""RASS selection on the embedded default: scoring speed vs generate-and-judge, how well d predicts refusal, band precision.

Usage: python bench/selection.py [--n-time 128] [--n-auc 256] [--k 32] [--batch-sizes 16 64] [--out bench/results/selection.json]

1. Speed: candidates per second for RASS scoring (one forward pass that stops at the boundary's layer,
   uncached) and for generate-and-judge (greedy, 32 new tokens, StringJudge) on the same candidates,
   in one run, so the ratio is meaningful on a shared machine; both at each batch size, and the ratio
   of each method at its fastest.
2. AUC: d against the refusal the model really generates, on fresh template candidates (the boundary
   is fitted on the project's seed sets, which no template prompt repeats; checked below).
3. Band precision: the share of RASS band picks (k, |d - 0.5| <= 1) that the model really refuses,
   against the same share for k random picks from the same pool.
"""
import argparse, platform, time

import numpy as np
import torch

from rass.core import GenConfig, write_json
from rass.data import load_prompts
from rass.models import generate, load_model
from rass.judge import StringJudge
from rass.probe import auc, collect_activations, model_boundary
from rass.generate import TemplateGenerator, dedup
from rass.select import score, select
from rass.evaluate import overlap, without_overlap

def timed(fn):
    t0 = time.perf_counter(); out = fn(); return out, time.perf_counter() - t0

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-time", type=int, default=128, help="candidates timed both ways")
    ap.add_argument("--n-auc", type=int, default=256, help="fresh candidates generated and judged for the AUC")
    ap.add_argument("--k", type=int, default=32, help="selection budget for band precision")
    ap.add_argument("--max-new-tokens", type=int, default=32)
    ap.add_argument("--batch-sizes", type=int, nargs="+", default=[16, 64], help="batch sizes at which both methods are timed")
    ap.add_argument("--out", default="bench/results/selection.json")
    a = ap.parse_args()
    model, tok = load_model()
    boundary = model_boundary(model, tok)
    judge, g = StringJudge(), GenConfig(max_new_tokens=a.max_new_tokens, batch_size=16)
    pool = dedup([p.benign for p in TemplateGenerator().generate(seed=0)], quiet=True)
    seeds = [p.text for s in ("seed_harmful", "seed_benign", "seed_tricky") for p in load_prompts(s)]
    shared = overlap([p.text for p in pool], seeds)
    pool = without_overlap(pool, seeds)  # "fresh": nothing the boundary was fitted on
    print(f"{len(pool)} distinct template candidates after dropping the {len(shared)} that overlap the seed sets the boundary was fitted on")

    # 1. speed, on the same candidates, uncached, at each batch size for both methods
    timed_set = [p.text for p in pool[:a.n_time]]
    collect_activations(model, tok, timed_set[:4], boundary.layer, cache=False, progress=False)  # warm-up
    speed = dict(n=len(timed_set), by_batch={})
    for bs in a.batch_sizes:
        _, s_score = timed(lambda: boundary.distance(collect_activations(model, tok, timed_set, boundary.layer, batch_size=bs, cache=False, progress=False)[boundary.layer]))
        _, s_gen = timed(lambda: judge(generate(model, tok, timed_set, GenConfig(max_new_tokens=a.max_new_tokens, batch_size=bs), progress=False)))
        speed["by_batch"][bs] = dict(rass_per_s=round(len(timed_set)/s_score, 2), generate_judge_per_s=round(len(timed_set)/s_gen, 3), ratio=round(s_gen/s_score, 1))
        print(f"batch {bs}: scoring {speed['by_batch'][bs]['rass_per_s']}/s vs generate+judge {speed['by_batch'][bs]['generate_judge_per_s']}/s: {speed['by_batch'][bs]['ratio']}x")
    best_score = max(v["rass_per_s"] for v in speed["by_batch"].values()); best_gen = max(v["generate_judge_per_s"] for v in speed["by_batch"].values())
    speed.update(rass_per_s=best_score, generate_judge_per_s=best_gen, ratio=round(best_score/best_gen, 1))
    print(f"each at its fastest batch size: {speed['ratio']}x")

    # score the whole pool (cached activations make reruns cheap)
    t0 = time.perf_counter(); S = score(model, tok, pool, boundary, progress=False); s_pool = time.perf_counter() - t0
    print(f"scored all {len(S)} candidates in {s_pool:.0f} s; d from {S.d.min():.2f} to {S.d.max():.2f}")

    # 2. AUC on fresh candidates: a seeded sample of the pool, generated and judged
    rng = np.random.default_rng(1)
    idx = rng.choice(len(S), a.n_auc, replace=False)
    refused = judge(generate(model, tok, [S.prompts[i].text for i in idx], g, progress=False))
    d_auc = auc(S.d[idx], refused)
    print(f"AUC of d vs generated refusal on {a.n_auc} fresh candidates ({sum(refused)} refused): {d_auc:.3f}")

    # 3. band precision vs random, same budget, same pool
    picks = {s: select(model, tok, S, s, a.k, seed=0) for s in ("rass", "random")}
    rate = {s: float(np.mean(judge(generate(model, tok, [p.prompt.text for p in ps], g, progress=False)))) for s, ps in picks.items()}
    print(f"refused among k={a.k} picks: rass band {rate['rass']:.3f}, random {rate['random']:.3f}")

    write_json(a.out, dict(bench="selection", torch=torch.__version__, threads=torch.get_num_threads(), machine=platform.machine(),
                           boundary=dict(layer=boundary.layer, heldout_auc=boundary.auc), pool=len(S), seed_overlap=len(shared),
                           speed=speed, score_pool_seconds=round(s_pool, 1),
                           auc=dict(n=a.n_auc, refused=int(sum(refused)), auc=round(d_auc, 4)),
                           band_precision=dict(k=a.k, rass=rate["rass"], random=rate["random"],
                                               ratio=round(rate["rass"]/rate["random"], 2) if rate["random"] else None),
                           mean_d=dict(rass=float(np.mean([p.d for p in picks["rass"]])), random=float(np.mean([p.d for p in picks["random"]])))))

if __name__ == "__main__": main()
