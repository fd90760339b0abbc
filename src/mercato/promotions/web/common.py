"""Shared by the marketing centre's pages: the posted form, ids in paths, redirects with a
flash, the translated problems of a form, the category choices."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.catalog import public as catalog
from mercato.platform.i18n import gettext_ as _
from mercato.pricing import public as pricing
from mercato.promotions import domain

Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


async def read_form(request: Request) -> FormData:
    """The posted form (Starlette caches it: the CSRF check and the route share one parse)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]


def shown(problems: domain.Problems) -> dict[str, str]:
    return {k: _(v) for k, v in problems.items()}


def category_choices(tx: Session, locale: str) -> list[tuple[int, str]]:
    """Every category, depth-first, its name indented by its depth."""
    out: list[tuple[int, str]] = []
    stack = [(n, 0) for n in reversed(catalog.category_menu(tx, locale).roots)]
    while stack:
        node, depth = stack.pop()
        out.append((node.id, "\u3000" * depth + node.name))
        stack.extend((c, depth + 1) for c in reversed(node.children))
    return out


def with_subcategories(tx: Session, locale: str, scope: pricing.Scope) -> pricing.Scope:
    """The scope with every category's descendants added: a line is covered by its own
    (leaf) category, so choosing 服装 must choose its children too. Categories added later
    are not covered until the promotion is saved again."""
    if not scope.categories:
        return scope
    by_id = catalog.category_menu(tx, locale).by_id
    found, stack = set(scope.categories), [by_id[c] for c in scope.categories if c in by_id]
    while stack:
        node = stack.pop()
        found.add(node.id)
        stack.extend(node.children)
    return replace(scope, categories=frozenset(found))


