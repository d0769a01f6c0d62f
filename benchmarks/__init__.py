"""The benchmark suite of rotation: instance classes, baselines, runner and report.

Run it with ``python benchmarks/run.py`` (see ``docs/benchmarks.md``).
"""
