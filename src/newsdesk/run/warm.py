"""Imported once by the process pool's fork server, before any worker is forked from it.

What is loaded here is loaded once per run and shared by every worker, instead of being paid
inside the first document of each that needs it (see ``extract.html.warm_up``).
"""

from newsdesk.extract.html import warm_up

warm_up()
