"""newsift's version, in a leaf module so that any layer can name it without importing the
package's ``__init__`` (which imports the pipeline)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsift")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
