"""Only for scrapyd-deploy, which runs `setup.py clean -a` and `setup.py bdist_egg`: the build and
egg-info folders go to a temporary directory, so building the egg leaves nothing in the checkout.
Everything else (name, packages, data, entry points) comes from pyproject.toml."""

import atexit
import shutil
import sys
import tempfile

from setuptools import setup

if {"bdist_egg", "clean"} & set(sys.argv[1:]):
    scratch = tempfile.mkdtemp(prefix="govcrawl-egg-")
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    setup(options={"build": {"build_base": f"{scratch}/build"}, "egg_info": {"egg_base": scratch}})
else:
    setup()
