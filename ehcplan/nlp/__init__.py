"""The NLP pipeline, loaded once per process and shared by every rule."""
