"""Rasd (رصد): Arabic news in, political-violence events with evidence out."""
__version__ = "0.1.0"
