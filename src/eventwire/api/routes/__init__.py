"""The routes: ``events``, ``documents``, ``stats`` (actors, stats, export) and the UI ``pages``."""
