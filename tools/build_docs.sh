#!/usr/bin/env bash
# Build the documentation site into _docs/ with nbdev_docs, then check it in headless Chromium.
# The pages show the notebooks' committed outputs (refresh them with tools/refresh_notebooks.py);
# nothing is re-executed except the show_doc cells that render the API sections.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v quarto >/dev/null || pip install "quarto-cli>=1.5"   # its install downloads the Quarto binary from GitHub
nbdev_docs
python .ci/readme.py            # nbdev_docs also writes README.md through Quarto; ours comes from nbs/index.ipynb
python tools/check_site.py _docs
