"""Write README.md from nbs/index.ipynb (markdown cells as they are, code cells as python blocks).

nbdev_readme needs Quarto, which rass does not require; this keeps README.md identical to the index
notebook without it. `--check` exits 1 when README.md is out of date.
"""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
cells = json.loads((root/"nbs"/"index.ipynb").read_text(encoding="utf-8"))["cells"]
parts = []
for c in cells:
    src = "".join(c["source"]).strip()
    if not src or src.startswith("#| hide"): continue
    if c["cell_type"] == "markdown": src = src.replace("](images/", "](nbs/images/")  # paths relative to nbs/, where the site renders it
    parts.append(src if c["cell_type"] == "markdown" else f"```python\n{src}\n```")
text = "<!-- generated from nbs/index.ipynb by .ci/readme.py: edit the notebook, not this file -->\n\n" + "\n\n".join(parts) + "\n"
readme = root/"README.md"
if "--check" in sys.argv:
    if not readme.exists() or readme.read_text(encoding="utf-8") != text:
        sys.exit("README.md is out of date with nbs/index.ipynb: run `python .ci/readme.py`")
else:
    readme.write_text(text, encoding="utf-8")
