"""Each page's view: a frozen dataclass holding everything its template shows, and the function that
builds it from the site's index (``site/index.py``). Templates hold markup; the choices are made here."""
