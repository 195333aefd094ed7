"""Speed of reading hidden states (`rass.probe.collect_activations`) and of steering (`rass.steer.steer`) on the embedded default.

Usage: python bench/activations.py [--n 64] [--batch-size 16] [--gen-n 32] [--max-new-tokens 32] [--layer 18] [--alpha -0.5] [--repeats 3] [--out bench/results/activations.json]
Four comparisons, each the rate of ours over the rate of a baseline on the same prompts in the same batches:
1. collect_activations (all layers, last token) vs a bare batched forward pass;
2. collect_activations vs one prompt per forward with output_hidden_states;
3. the harmful-minus-benign mean difference (collect_activations + refusal_directions) vs the `steering-vectors`
   library's train_steering_vector, with the cosine between the two vectors per layer;
4. greedy generation of exactly --max-new-tokens tokens, steered at --layer vs plain.
The settings of a comparison are interleaved (A, B, A, B, ...) for --repeats rounds after a warm-up and each
reports its median time, so ratios hold on a shared, noisy machine; absolute numbers do not.
Part 3 needs `pip install --no-deps steering-vectors==0.12.2`: a tool of this bench only, never a dependency of
rass (it declares transformers<5; --no-deps keeps ours). If it is missing or fails, the JSON says why and the rest runs.
"""
import argparse, importlib.metadata, platform, statistics, time

import torch
import transformers
from rass.core import batched, run_batched, write_json
from rass.data import load_prompts
from rass.models import chat_texts, decoder_layers, encode_chat, load_model, model_device
from rass.probe import collect_activations, refusal_directions
from rass.steer import steer

TARGETS = {"extraction_vs_bare": 0.9, "mean_difference_vs_steering_vectors": 1.0, "steered_vs_plain": 0.95}
CHUNK = 256  # collect_activations' default chunk_size: it batches each chunk with run_batched (longest first)

def timed(fn):
    t0 = time.perf_counter(); out = fn(); return out, time.perf_counter() - t0

def interleaved(settings:dict, repeats:int) -> tuple[dict, dict]:
    "Run the settings in turn (A, B, A, B, ...) `repeats` times: median seconds and last output of each."
    times, outs = {k: [] for k in settings}, {}
    for _ in range(repeats):
        for k, fn in settings.items():
            outs[k], s = timed(fn); times[k].append(s)
    return {k: statistics.median(v) for k, v in times.items()}, outs

@torch.no_grad()
def bare_forward(model, tok, prompts:list[str], batch_size:int):
    "A plain forward pass over the batches collect_activations forms (run_batched within each chunk), encoding included."
    def forward(batch):
        model(**encode_chat(tok, batch, model_device(model)), use_cache=False)
        return [None]*len(batch)
    for chunk in batched(prompts, CHUNK): run_batched(forward, chunk, batch_size, progress=False)

@torch.no_grad()
def one_by_one(model, tok, prompts:list[str]) -> dict[int, torch.Tensor]:
    "The naive extraction: one prompt per forward, every hidden state at the last token."
    rows = [model(**encode_chat(tok, [p], model_device(model)), output_hidden_states=True, use_cache=False).hidden_states
            for p in prompts]
    return {l: torch.cat([r[l][:, -1] for r in rows]).float().cpu() for l in range(len(rows[0]))}

def ours_mean_difference(model, tok, harmful, benign, layers, batch_size) -> dict[int, torch.Tensor]:
    "Harmful mean minus benign mean per layer, with rass."
    kw = dict(layers=layers, batch_size=batch_size, cache=False, progress=False)
    return refusal_directions(collect_activations(model, tok, harmful, **kw), collect_activations(model, tok, benign, **kw))

class RassTokens:
    "A tokenizer proxy that adds special tokens exactly when rass's `encode_chat` does, so the library sees our tokens."
    def __init__(self, tok): self.tok = tok
    def __call__(self, *args, **kw): return self.tok(*args, add_special_tokens=not self.tok.chat_template, **kw)
    def __getattr__(self, name): return getattr(self.tok, name)

def theirs_mean_difference(model, tok, harmful, benign, layers, batch_size) -> dict[int, torch.Tensor]:
    "The same vectors with steering_vectors, keyed by our layer numbers (its block i outputs our layer i+1)."
    from steering_vectors import train_steering_vector
    pairs = list(zip(chat_texts(tok, harmful), chat_texts(tok, benign)))
    sv = train_steering_vector(model, RassTokens(tok), pairs, layers=[l - 1 for l in layers], read_token_index=-1,
                               batch_size=batch_size, show_progress=False)
    return {i + 1: v for i, v in sv.layer_activations.items()}

@torch.no_grad()
def generate_fixed(model, tok, prompts:list[str], batch_size:int, n_new:int) -> list[torch.Tensor]:
    "Greedy generation of exactly `n_new` tokens per prompt, in run_batched's batches; the new token ids of each prompt."
    def gen(batch):
        enc = encode_chat(tok, batch, model_device(model))
        enc.pop("position_ids")  # generate() derives them from the attention mask
        out = model.generate(**enc, min_new_tokens=n_new, max_new_tokens=n_new, do_sample=False, temperature=None,
                             top_p=None, top_k=None, pad_token_id=tok.pad_token_id)
        return list(out[:, enc["input_ids"].shape[1]:])
    return run_batched(gen, prompts, batch_size, progress=False)

def comparison(what:str, secs:dict, ours:str, base:str, work:int, unit:str, target:float|None=None) -> dict:
    "A row: both settings' median seconds and rates, ours/baseline rate ratio, and whether it meets `target`."
    ratio = secs[base]/secs[ours]
    return dict(what=what, unit=unit, work=work, ours=dict(name=ours, seconds=round(secs[ours], 3), rate=round(work/secs[ours], 2)),
                baseline=dict(name=base, seconds=round(secs[base], 3), rate=round(work/secs[base], 2)),
                ratio=round(ratio, 3), target=target, met=None if target is None else ratio >= target)

def extraction_comparisons(model, tok, prompts, n_layers, a) -> tuple[list[dict], float]:
    "Parts 1 and 2: extraction vs a bare forward and vs one prompt per forward; the largest gap between the two extractions."
    secs, out = interleaved({"collect_activations": lambda: collect_activations(model, tok, prompts, layers=None, batch_size=a.batch_size,
                                                                                cache=False, progress=False),
                             "bare_forward": lambda: bare_forward(model, tok, prompts, a.batch_size),
                             "one_by_one": lambda: one_by_one(model, tok, prompts)}, a.repeats)
    # transformers' last hidden state is after the final norm, our layer n_layers before it: compare the others
    diff = max((out["collect_activations"][l] - out["one_by_one"][l]).abs().max().item() for l in range(n_layers))
    return [comparison(f"extraction ({n_layers + 1} layers) vs bare forward", secs, "collect_activations", "bare_forward",
                       len(prompts), "prompts/s", TARGETS["extraction_vs_bare"]),
            comparison("extraction vs one prompt per forward", secs, "collect_activations", "one_by_one", len(prompts), "prompts/s")], diff

def library_comparison(model, tok, harmful, benign, layers, a) -> tuple[dict|None, dict]:
    "Part 3: the comparison row (None if the library cannot run) and what we learned about the library."
    try: info = dict(version=importlib.metadata.version("steering-vectors"))
    except importlib.metadata.PackageNotFoundError:
        return None, dict(error="not installed: pip install --no-deps steering-vectors==0.12.2")
    text = chat_texts(tok, harmful[:1])[0]
    info["tokenizer_adds_special_tokens"] = tok(text)["input_ids"] != tok(text, add_special_tokens=False)["input_ids"]
    args = (model, tok, harmful, benign, layers, a.batch_size)
    try: theirs_mean_difference(model, tok, harmful[:a.batch_size], benign[:a.batch_size], layers, a.batch_size)  # warm-up; does it run?
    except Exception as e: return None, dict(info, error=f"{type(e).__name__}: {e}")
    secs, out = interleaved({"rass": lambda: ours_mean_difference(*args), "steering_vectors": lambda: theirs_mean_difference(*args)}, a.repeats)
    cos = {l: float(torch.cosine_similarity(out["rass"][l], out["steering_vectors"][l].double(), 0)) for l in layers}
    info.update(cosine_min=round(min(cos.values()), 6), cosine_by_layer={l: round(c, 6) for l, c in cos.items()})
    return comparison("mean difference vs steering-vectors", secs, "rass", "steering_vectors", 2*len(harmful), "prompts/s",
                      TARGETS["mean_difference_vs_steering_vectors"]), info

def generation_comparison(model, tok, prompts, direction, a) -> tuple[dict, bool]:
    "Part 4: steered vs plain generation of the same number of tokens; whether steering changed any token."
    def steered():
        with steer(model, direction, layer=a.layer, alpha=a.alpha): return generate_fixed(model, tok, prompts, a.batch_size, a.max_new_tokens)
    secs, out = interleaved({"plain": lambda: generate_fixed(model, tok, prompts, a.batch_size, a.max_new_tokens), "steered": steered}, a.repeats)
    n_tokens = sum(g.numel() for g in out["plain"])
    assert n_tokens == sum(g.numel() for g in out["steered"]) == len(prompts)*a.max_new_tokens, "generated lengths differ"
    row = comparison(f"steered (layer {a.layer}) vs plain generation", secs, "steered", "plain", n_tokens, "tokens/s",
                     TARGETS["steered_vs_plain"])
    return row, any(not torch.equal(p, s) for p, s in zip(out["plain"], out["steered"]))

def print_table(rows:list[dict]):
    "One line per comparison: seconds and rates of ours / baseline, the ratio and the target."
    print(f"{'comparison':<40} {'seconds ours / base':>19} {'rate ours / base':>28} {'ratio':>6} {'target':>7}  met")
    for r in rows:
        o, b = r["ours"], r["baseline"]
        target = "-" if r["target"] is None else f">={r['target']}"
        met = "-" if r["met"] is None else ("yes" if r["met"] else "NO")
        print(f"{r['what']:<40} {o['seconds']:>9} / {b['seconds']:<7} {o['rate']:>8} / {b['rate']:<7} {r['unit']:<9} {r['ratio']:>6} {target:>7}  {met}")

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=64, help="prompts per set (harmful, benign)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--gen-n", type=int, default=32, help="prompts for the generation comparison")
    ap.add_argument("--max-new-tokens", type=int, default=32, help="tokens generated per prompt (exactly)")
    ap.add_argument("--layer", type=int, default=18, help="steered layer")
    ap.add_argument("--alpha", type=float, default=-0.5, help="steering strength")
    ap.add_argument("--repeats", type=int, default=3, help="interleaved rounds; each setting reports its median")
    ap.add_argument("--out", default="bench/results/activations.json")
    a = ap.parse_args()
    model, tok = load_model()
    harmful = [p.text for p in load_prompts("seed_harmful", split="train", limit=a.n)]
    benign = [p.text for p in load_prompts("seed_benign", split="train", limit=a.n)]
    k = min(len(harmful), len(benign))  # the library pairs them: equal sizes keep both sides on the same prompts
    harmful, benign = harmful[:k], benign[:k]
    prompts, n_layers = harmful + benign, len(decoder_layers(model))
    gen_prompts = (benign + harmful)[:a.gen_n]
    def longest(ps): return sorted(ps, key=len, reverse=True)[:a.batch_size]  # the first batch run_batched forms
    collect_activations(model, tok, longest(prompts), batch_size=a.batch_size, cache=False, progress=False)  # warm-up on full-size batches
    generate_fixed(model, tok, longest(gen_prompts), a.batch_size, 2)

    rows, diff = extraction_comparisons(model, tok, prompts, n_layers, a)

    layers = list(range(1, n_layers + 1))  # the library reads block outputs only, not the embeddings (our layer 0)
    row, library = library_comparison(model, tok, harmful, benign, layers, a)
    if row: rows.append(row)
    direction = ours_mean_difference(model, tok, harmful, benign, [a.layer], a.batch_size)[a.layer]

    row, changed = generation_comparison(model, tok, gen_prompts, direction, a)
    rows.append(row)

    print_table(rows)
    if "error" in library: print(f"steering-vectors not compared: {library['error']}")
    else: print(f"steering-vectors {library['version']}: min cosine to ours over layers {layers[0]}..{layers[-1]} = {library['cosine_min']}")
    print(f"extraction max |batched - one by one| over layers 0..{n_layers - 1} = {diff:.2e}")
    write_json(a.out, dict(bench="activations", n_prompts_per_set=k, batch_size=a.batch_size, gen_n=len(gen_prompts),
                           max_new_tokens=a.max_new_tokens, layer=a.layer, alpha=a.alpha, repeats=a.repeats, targets=TARGETS,
                           rows=rows, steering_vectors=library, extraction_max_abs_diff_vs_one_by_one=diff, steering_changed_tokens=changed,
                           torch=torch.__version__, transformers=transformers.__version__, threads=torch.get_num_threads(),
                           machine=platform.machine()))
    print(f"wrote {a.out}")

if __name__ == "__main__": main()
