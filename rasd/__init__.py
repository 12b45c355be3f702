"""Rasd (رصد): Arabic news in, political-violence events with evidence out."""
__version__ = "0.1.0"

from . import extract  # noqa: E402,F401  (rasd.extract(text) is the Python API)
