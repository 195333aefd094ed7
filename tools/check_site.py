"""Check the rendered tutorial, every page of it, in a real headless browser (Chromium).

    python tools/check_site.py _docs                 # the site that tools/build_docs.sh built
    python tools/check_site.py /tmp/pages            # pages rendered by jupyter nbconvert (what CI checks)
    python tools/check_site.py page.html             # one rendered page

For each page NAME.html of a notebook nbs/NAME.ipynb it asserts that the browser's DOM, after scripts
ran, shows every figure the notebook's outputs hold (images that load: inline data or files present
beside the page), and, for a notebook that exports a module, an API entry for each function and
class the module defines, with every parameter of each function. It saves a screenshot of the top
of the 05_probe page beside it (05_probe.png) for a person to look at. Needs /usr/bin/chromium
(Debian: apt-get install chromium; .ci/run installs it).

Where Quarto cannot be installed (quarto-cli's install downloads the binary from GitHub), check the
pages that nbdev prepares for Quarto instead, with their API entries rendered (this is what CI does):

    python -c "from nbdev.serve import proc_nbs; proc_nbs(n_workers=0)"     # nbs/ -> _proc/
    jupyter nbconvert --to html --output-dir /tmp/pages _proc/*.ipynb
    python tools/check_site.py /tmp/pages
"""
import html, importlib, inspect, json, re, subprocess, sys, tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]

def browser(url:str, *args:str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        p = subprocess.run(CHROMIUM + [f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args, url],
                           capture_output=True, text=True, timeout=120)
    if p.returncode != 0: sys.exit(f"chromium failed on {url}: {p.stderr[-500:]}")
    return p.stdout

def expected(notebook:Path) -> tuple[int, list]:
    "How many figures the notebook's outputs hold, and the functions and classes of the module it exports."
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    figures = sum(any(k.startswith("image/") for k in o.get("data", {})) for c in nb["cells"] for o in c.get("outputs", []))
    first = "".join(nb["cells"][0]["source"]) if nb["cells"] else ""
    m = re.search(r"#\|\s*default_exp\s+(\S+)", first)
    if not m: return figures, []
    mod = importlib.import_module(f"rass.{m.group(1)}")
    objs = [getattr(mod, n) for n in getattr(mod, "__all__", [])]
    return figures, [o for o in objs if (inspect.isfunction(o) or inspect.isclass(o)) and o.__module__ == mod.__name__]

def check_page(page:Path, notebook:Path, screenshot:bool=False) -> list[str]:
    url = page.resolve().as_uri()
    dom = browser(url, "--dump-dom")
    text = html.unescape(re.sub(r"<[^>]+>", " ", dom))
    figures, api = expected(notebook)
    problems = []
    imgs = re.findall(r'<img[^>]*\ssrc="([^"]+)"', dom)
    loaded = [s for s in imgs if s.startswith("data:image/") or (page.parent/unquote(urlparse(s).path)).is_file()]
    if len(loaded) < figures: problems.append(f"{len(loaded)} figures load ({len(imgs)} <img> tags), the notebook has {figures}")
    for obj in api:
        spots = [m.start() for m in re.finditer(re.escape(obj.__name__), text)]
        params = list(inspect.signature(obj).parameters) if inspect.isfunction(obj) else []
        if not spots: problems.append(f"no API entry for {obj.__name__}")
        elif not any(all(p in text[at:at + 4000] for p in params) for at in spots):
            problems.append(f"no API entry lists {obj.__name__} with all its parameters {params}")
    if screenshot: browser(url, f"--screenshot={page.with_suffix('.png')}", "--window-size=1100,1600")
    if not problems: print(f"{page.name}: {len(loaded)} figures load; {len(api)} API entries with their parameters")
    return problems

if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "_docs")
    pages = [target] if target.is_file() else sorted(p for p in target.rglob("*.html") if (ROOT/"nbs"/f"{p.stem}.ipynb").exists())
    if not pages: sys.exit(f"no notebook pages under {target}: build the site first (tools/build_docs.sh, or nbconvert as above)")
    problems = [f"{p}: {x}" for p in pages for x in check_page(p, ROOT/"nbs"/f"{p.stem}.ipynb", screenshot=p.stem == "05_probe")]
    if problems: sys.exit("\n".join(problems))
    print(f"{len(pages)} pages checked")
