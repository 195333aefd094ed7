"""Data files written by the rass project (the seed sets in `seeds/`, each folder with its card).

This folder stays at the top of the repo and is installed as the subpackage `rass.assets` (see
setup.py's `package_dir`). This file makes it a regular package, so that an editable install
(`pip install -e .`) can import it too: setuptools' editable finder does not resolve a nested
namespace package that is mapped to another folder. Read the files with `rass.data.assets_dir()`.
"""
