"""kg: knowledge graphs from news articles."""

__version__ = "0.1.0"
# Bumped whenever extraction changes, so that stored articles are re-analysed.
PIPELINE_VERSION = "1"
