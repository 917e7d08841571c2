"""fieldkit's benchmarks: a large-mission generator and one command that measures every figure
against its floor or peer in the same run (`python -m bench`), writing BENCHMARKS.md."""
