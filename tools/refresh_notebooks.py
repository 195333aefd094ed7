"""Re-execute the tutorial notebooks in place, so that their committed outputs come from a real run.

    python tools/refresh_notebooks.py                # every notebook in nbs/, in order
    python tools/refresh_notebooks.py 05_probe 10    # only these (name prefixes)
    python tools/refresh_notebooks.py --slow 03 10   # also run their `#| slow` cells

Runs on the embedded default (it builds the aligned default once if it is not cached), with the
data in $RASS_DATA (default: ../shared/data beside the checkout, if it is there). What is kept:
- every cell's stdout, tables and figures;
- `#| slow` cells run only with --slow (the full MORBench in 11 alone takes about 15 minutes);
  without it they keep the outputs they had;
- not stderr (warnings and progress bars: tqdm is also told to stay quiet), not `#| eval: false`
  cells, and no execution counts or per-run metadata (`nbdev_clean` runs at the end).
Each refresh records the wall time of the notebooks it ran in bench/results/refresh.json.
"""
import json, os, platform, sys, time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT/"nbs"
def flagged(cell, flag:str) -> bool:
    return cell.cell_type == "code" and any(l.replace(" ", "") == f"#|{flag.replace(' ', '')}" for l in cell.source.splitlines())

def refresh(path:Path, slow:bool=False, timeout:int=3600) -> float:
    "Execute `path` from its own folder and write its outputs back; return the seconds it took."
    nb = nbformat.read(path, as_version=4)
    run = nbformat.from_dict(json.loads(json.dumps(nb)))  # a copy in which the cells not to run are blank
    keep = [flagged(c, "slow") and not slow for c in nb.cells]
    for c, k in zip(run.cells, keep):
        if k or flagged(c, "eval: false"): c.source = ""
    t0 = time.perf_counter()
    NotebookClient(run, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    seconds = time.perf_counter() - t0
    for c, r, k in zip(nb.cells, run.cells, keep):
        if c.cell_type != "code" or k: continue
        c.outputs = [] if flagged(c, "eval: false") else [o for o in r.outputs if not (o.output_type == "stream" and o.name == "stderr")]
        c.execution_count = None
    nbformat.write(nb, path)
    return seconds

def main(argv:list[str]) -> int:
    os.environ["TQDM_DISABLE"] = "1"
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    shared = ROOT.parent/"shared"/"data"
    if "RASS_DATA" not in os.environ and shared.is_dir(): os.environ["RASS_DATA"] = str(shared)
    slow = "--slow" in argv; argv = [a for a in argv if a != "--slow"]
    paths = sorted(NBS.glob("*.ipynb"))
    if argv: paths = [p for p in paths if any(p.name.startswith(a) for a in argv)]
    if not paths: sys.exit(f"no notebook in {NBS} matches {argv}")
    times, failed, start = {}, [], time.perf_counter()
    for p in paths:
        print(f"{p.name} ...", end=" ", flush=True)
        try: times[p.name] = round(refresh(p, slow), 1)
        except Exception as e:  # the notebook is left as it was; go on with the others
            failed.append(p.name); print(f"FAILED, left unchanged:\n{str(e)[-1500:]}", flush=True); continue
        print(f"{times[p.name]:.0f} s", flush=True)
    os.system(f"cd {ROOT} && nbdev_clean")
    print(f"refreshed {len(paths)} notebooks in {(time.perf_counter() - start)/60:.1f} min")
    out = ROOT/"bench"/"results"/"refresh.json"  # the latest time of each notebook, whichever refresh ran it
    rec = json.loads(out.read_text()) if out.exists() else {}
    nbs = {**rec.get("notebooks", {}), **{k: dict(seconds=v, slow_cells=slow, date=time.strftime("%Y-%m-%d")) for k, v in times.items()}}
    out.write_text(json.dumps(dict(machine=dict(cpus=os.cpu_count(), platform=platform.platform()),
                                   total_s=round(sum(v["seconds"] for v in nbs.values()), 1), notebooks=dict(sorted(nbs.items()))), indent=2) + "\n")
    if failed: print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0

if __name__ == "__main__": sys.exit(main(sys.argv[1:]))
