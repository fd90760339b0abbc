"""Content tables. A scenario page is an ordered list of blocks kept as JSON."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Banner(Base):
    __tablename__ = "content_banner"
    id: Mapped[int] = mapped_column(primary_key=True)
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    subtitle_zh: Mapped[str] = mapped_column(String(300), default="")
    subtitle_en: Mapped[str] = mapped_column(String(300), default="")
    image: Mapped[str] = mapped_column(String(300), default="")
    link: Mapped[str] = mapped_column(String(300), default="/")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ScenarioPage(Base):
    __tablename__ = "content_scenario_page"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    summary_zh: Mapped[str] = mapped_column(String(400), default="")
    summary_en: Mapped[str] = mapped_column(String(400), default="")
    hero_image: Mapped[str] = mapped_column(String(300), default="")
    # [{"type": "text", "body_zh", "body_en"} | {"type": "image", "url", "alt_zh", "alt_en"}
    #  | {"type": "products", "title_zh", "title_en", "product_ids": [..]}]
    blocks: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )
