"""Packaging for rass, driven by settings.ini (nbdev 2 layout).

The nbdev line is pinned: nbdev 3 refuses `settings.ini` projects, so we stay on the 2.x line
that works with it (nbdev 2.4.14 with execnb 0.1.18 and fastcore < 1.13; newer fastcore drops APIs
that nbdev 2 uses). Runtime requirements are lower bounds we tested.

The repo's top-level `data/` folder (the seed sets, later phrases and MORBench) ships inside the
package as `rass.assets`, without moving it: `package_dir` maps the subpackage onto the folder, so
`importlib.resources.files('rass.assets')` finds the files both in an editable install and in a wheel.
"""
from configparser import ConfigParser
import setuptools, shlex

config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']

expected = 'version description keywords author author_email'.split()
missing = [o for o in expected if o not in cfg]
if missing: raise KeyError(f"settings.ini is missing: {missing}")

licenses = {'apache2': ('Apache Software License 2.0','OSI Approved :: Apache Software License')}
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive']
py_versions = '3.10 3.11 3.12 3.13'.split()

requirements = shlex.split(cfg.get('requirements', ''))
dev_requirements = shlex.split(cfg.get('dev_requirements', ''))
lic = licenses[cfg['license']]
min_python = cfg['min_python']

setuptools.setup(
    name=cfg['lib_name'],
    license=lic[0],
    classifiers=['Development Status :: ' + statuses[int(cfg['status'])],
                 'Intended Audience :: ' + cfg['audience'].title(),
                 'Natural Language :: ' + cfg['language'].title(),
                 'License :: ' + lic[1]]
                + ['Programming Language :: Python :: ' + o for o in py_versions[py_versions.index(min_python):]],
    url=cfg['git_url'],
    packages=setuptools.find_packages(include=['rass', 'rass.*']) + ['rass.assets'],
    package_dir={'rass.assets': 'data'},
    package_data={'rass.assets': ['**/*.jsonl', '**/*.json', '**/*.md']},  # `**` needs setuptools >= 62.3
    include_package_data=True,
    install_requires=requirements,
    extras_require={'dev': dev_requirements},
    python_requires='>=' + min_python,
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    zip_safe=False,
    entry_points={'console_scripts': cfg.get('console_scripts', '').split(),
                  'nbdev': [f'{cfg["lib_path"]}={cfg["lib_path"]}._modidx:d']},
    **{k: cfg[k] for k in ['version', 'description', 'keywords', 'author', 'author_email']})
