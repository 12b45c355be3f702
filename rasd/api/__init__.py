"""The web app's backend: a FastAPI JSON API over the store (rasd serve)."""
from .app import create_app

__all__ = ["create_app"]
