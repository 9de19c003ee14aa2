#!/usr/bin/env python
"""Django's command-line utility; `okrs` wraps the same commands."""

from okrs.cli import main

if __name__ == "__main__":
    main()
