"""Throughput of `rass.models.generate` on the embedded default: batched vs one prompt at a time.

Usage: python bench/generation.py [--n 16] [--max-new-tokens 32] [--out bench/results/generation.json]
Prints a table and writes the figures as JSON. Both settings run in the same process, so their ratio
is meaningful even on a shared, noisy machine; absolute numbers are not.
"""
import argparse, json, platform, time
from pathlib import Path

import torch
from rass.core import GenConfig, write_json
from rass.data import load_prompts
from rass.models import generate, load_model

def timed(fn):
    t0 = time.perf_counter(); out = fn(); return out, time.perf_counter() - t0

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=16, help="prompts")
    ap.add_argument("--max-new-tokens", type=int, default=32)
    ap.add_argument("--out", default="bench/results/generation.json")
    a = ap.parse_args()
    model, tok = load_model()
    prompts = [p.text for p in load_prompts("seed_benign", split="test", limit=a.n)]
    generate(model, tok, prompts[:2], GenConfig(max_new_tokens=4), progress=False)  # warm-up
    rows = []
    for bs in (1, 4, 16):
        cfg = GenConfig(max_new_tokens=a.max_new_tokens, batch_size=bs)
        if bs == 1: out, s = timed(lambda: [generate(model, tok, [p], cfg, progress=False)[0] for p in prompts])
        else: out, s = timed(lambda: generate(model, tok, prompts, cfg, progress=False))
        rows.append(dict(batch_size=bs, seconds=round(s, 2), prompts_per_s=round(len(prompts)/s, 3)))
        if bs == 1: ref = out
        else: rows[-1]["same_as_one_by_one"] = out == ref
    base = rows[0]["prompts_per_s"]
    for r in rows: r["speedup_vs_one_by_one"] = round(r["prompts_per_s"]/base, 2)
    print(f"{'batch':>5} {'seconds':>8} {'prompts/s':>10} {'speedup':>8}  same")
    for r in rows: print(f"{r['batch_size']:>5} {r['seconds']:>8} {r['prompts_per_s']:>10} {r['speedup_vs_one_by_one']:>8}  {r.get('same_as_one_by_one', '-')}")
    write_json(a.out, dict(bench="generation", n_prompts=len(prompts), max_new_tokens=a.max_new_tokens,
                           torch=torch.__version__, threads=torch.get_num_threads(), machine=platform.machine(), rows=rows))
    print(f"wrote {a.out}")

if __name__ == "__main__": main()
