"""Bits shared by the content admin pages."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from mercato.platform.i18n import current_locale


async def _form(request: Request) -> FormData:
    return await request.form()


FormDep = Annotated[FormData, Depends(_form)]


def use_locale(locale: str) -> None:
    """gettext in this thread follows the request's language."""
    current_locale.set(locale)


def back(url: str, flash: str) -> RedirectResponse:
    return RedirectResponse(f"{url}?flash={quote(flash)}", status_code=303)
