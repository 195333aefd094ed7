"""Check the rendered tutorial in a real headless browser (Chromium).

    python tools/check_site.py _docs                 # the site that tools/build_docs.sh built
    python tools/check_site.py page.html             # one rendered page (e.g. from jupyter nbconvert --to html)

For the 05_probe page it asserts that the browser's DOM, after scripts ran, shows the chapter's
figures (images that load: inline data or files present beside the page) and an API section that
lists `collect_activations` with every one of its parameters. It saves a screenshot of the top of
the page beside it (05_probe.png) for a person to look at. Needs /usr/bin/chromium (Debian: apt-get
install chromium).

Where Quarto cannot be installed (quarto-cli's install downloads the binary from GitHub), check the
page that nbdev prepares for Quarto instead, with its API entries rendered:

    python -c "from nbdev.serve import proc_nbs; proc_nbs(n_workers=0)"     # nbs/ -> _proc/
    jupyter nbconvert --to html --output-dir /tmp/page _proc/05_probe.ipynb
    python tools/check_site.py /tmp/page/05_probe.html
"""
import html, inspect, re, subprocess, sys, tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]

def browser(url:str, *args:str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        p = subprocess.run(CHROMIUM + [f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args, url],
                           capture_output=True, text=True, timeout=120)
    if p.returncode != 0: sys.exit(f"chromium failed on {url}: {p.stderr[-500:]}")
    return p.stdout

def check_page(page:Path) -> list[str]:
    from rass.probe import collect_activations
    url = page.resolve().as_uri()
    dom = browser(url, "--dump-dom")
    text = html.unescape(re.sub(r"<[^>]+>", " ", dom))
    problems = []
    imgs = re.findall(r'<img[^>]*\ssrc="([^"]+)"', dom)
    loaded = [s for s in imgs if s.startswith("data:image/") or (page.parent/unquote(urlparse(s).path)).is_file()]
    if not loaded: problems.append(f"no figure that loads ({len(imgs)} <img> tags)")
    params = list(inspect.signature(collect_activations).parameters)
    spots = [m.start() for m in re.finditer(r"collect_activations", text)]
    if not spots: problems.append("the page does not mention collect_activations")
    elif not any(all(p in text[at:at + 3000] for p in params) for at in spots):  # the API entry: the name, then every parameter
        problems.append(f"no API entry lists collect_activations with all its parameters {params}")
    shot = page.with_suffix(".png")
    browser(url, f"--screenshot={shot}", "--window-size=1100,1600")
    if not problems: print(f"{page}: {len(loaded)} figures load; collect_activations is documented with all its parameters; screenshot {shot}")
    return problems

if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "_docs")
    page = target if target.is_file() else next(iter(sorted(target.rglob("05_probe*.html"))), None)
    if page is None: sys.exit(f"no 05_probe page under {target}: build the site first (tools/build_docs.sh)")
    problems = check_page(page)
    if problems: sys.exit("\n".join(f"{page}: {p}" for p in problems))
