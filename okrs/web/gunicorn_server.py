"""Run gunicorn for `okrs serve` without importing from the directory it was started in.

`python -m gunicorn` puts the working directory first on the import path, and gunicorn puts it
there again when it changes into it: a file in that directory named like a module of the standard
library (`concurrent.py`, say) was imported in its place, and the server failed to start.
"""

import os

from gunicorn.app.wsgiapp import WSGIApplication


class Server(WSGIApplication):
    """gunicorn's WSGI server, changing into its directory without importing from it."""

    def chdir(self):
        """Change into the configured directory, leaving the import path as it is."""
        os.chdir(self.cfg.chdir)


def main() -> None:
    """Serve the WSGI application named on the command line, as `gunicorn` does."""
    Server("%(prog)s [OPTIONS] [APP_MODULE]", prog="okrs serve").run()


if __name__ == "__main__":
    main()
