"""The bundled seed registry: one JSON file per province plus central.json (see README.md).

A package so the JSON files ship as package data and load through importlib.resources.
"""
