"""The benchmark (``make bench``, ``python -m benchmarks``): see README.md beside this file."""
