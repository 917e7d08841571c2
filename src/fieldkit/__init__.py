"""fieldkit: offline toolkit for human-rights mission delegates."""

__version__ = "0.1.0"
