"""The greeting of packreg's hello_python example pack, shipped as a tiny wheel."""

__version__ = "1.0.0"


def greet(name: str) -> str:
    """A friendly greeting for `name`."""
    return f"Hello, {name}!"
