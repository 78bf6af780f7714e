"""The app's URL map: Werkzeug's, remembering what the addresses of GET and HEAD requests
matched.

Werkzeug matches a card's address (`/quiz/<deck_id>/<int:number>`, two parts to convert)
in about 13 µs where the home page's `/` takes 4: a third of what a card cost beyond a
bare Flask page in the app (bench/PROFILE.md). Pupils ask for the same few dozen
addresses again and again, so what each matched is kept and looked up.

Only GET and HEAD, as only their pages are kept (quiz/pages.py): an answer's POST is
matched afresh every time, so how fast it is answered never tells whether anyone answered
that card before. Only matches are kept: an address Werkzeug refuses (404, 405) is refused
by it again. At most LIMIT addresses are kept, so made-up addresses that match a rule
(`/quiz/any/1`, a 404 from the view) cannot grow it; past that, addresses are matched as
before.
"""

from __future__ import annotations

from typing import Any

from werkzeug.routing import Map, MapAdapter, Rule

# Every page of the content, many times over.
LIMIT = 1024
KEPT_METHODS = frozenset({"GET", "HEAD"})


class RememberingMap(Map):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # (subdomain, path, method, return_rule, websocket): (endpoint or rule, arguments)
        self.matched: dict[tuple, tuple[str | Rule, dict[str, Any]]] = {}

    def add(self, rulefactory: Any) -> None:
        # A new rule could match an address kept as matching another.
        self.matched.clear()
        super().add(rulefactory)

    def bind_to_environ(self, *args: Any, **kwargs: Any) -> MapAdapter:
        """How Flask binds the map to each request."""
        adapter = super().bind_to_environ(*args, **kwargs)
        # Werkzeug makes the adapter itself, with no setting for its class.
        adapter.__class__ = RememberingAdapter
        return adapter


class RememberingAdapter(MapAdapter):
    map: RememberingMap

    def match(  # type: ignore[override]
        self,
        path_info: str | None = None,
        method: str | None = None,
        return_rule: bool = False,
        query_args: Any = None,
        websocket: bool | None = None,
    ) -> tuple[str | Rule, dict[str, Any]]:
        method = (method or self.default_method).upper()
        if method not in KEPT_METHODS:
            return super().match(path_info, method, return_rule, query_args, websocket)
        key = (
            self.subdomain,
            self.path_info if path_info is None else path_info,
            method,
            return_rule,
            self.websocket if websocket is None else websocket,
        )
        matched = self.map.matched
        kept = matched.get(key)
        if kept is None:
            found, arguments = super().match(path_info, method, return_rule, query_args, websocket)
            if len(matched) < LIMIT:
                matched[key] = (found, dict(arguments))
            return found, arguments
        found, arguments = kept
        # A copy: Flask hands the arguments to the view, which may change them.
        return found, dict(arguments)
