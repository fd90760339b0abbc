"""What other layers may ask of presale (预售). Times are naive UTC; money is integer fen.

A campaign (staff: create_campaign → move_campaign "scheduled") sells SKUs ahead of their
stock. A shopper's deposit order (place_deposit, in the caller's transaction) is an order
paid in two parts through the payment centre: the deposit at once, the balance in the
balance window (the pay page asks for whichever is due). This context follows each order
through orders' events, texts a reminder before the balance window closes, and once the
balance is paid holds stock for it as goods come in and lets it ship. An order whose
balance is never paid is cancelled by orders' payment deadline; its deposit is kept or
refunded by the campaign's rule.

Errors: NotFound presale.not_found / item_not_found; Conflict presale.cancelled /
not_started / deposit_closed / sold_out / limit_reached / invalid_move; DomainError
presale.invalid (with .problems) / invalid_quantity."""

from __future__ import annotations

from mercato.presale import domain
from mercato.presale.domain import Amounts, CampaignData, ItemData, Windows, amounts
from mercato.presale.services.campaigns import (
    CampaignView,
    ItemView,
    SkuOffer,
    create_campaign,
    get_campaign,
    list_campaigns,
    move_campaign,
    offers_for,
)
from mercato.presale.services.deposits import DepositAsk, order_of, place_deposit
from mercato.presale.services.jobs import remind_balances, ship_ready

__all__ = [
    "Amounts",
    "CampaignData",
    "CampaignView",
    "DepositAsk",
    "ItemData",
    "ItemView",
    "SkuOffer",
    "Windows",
    "amounts",
    "create_campaign",
    "domain",
    "get_campaign",
    "list_campaigns",
    "move_campaign",
    "offers_for",
    "order_of",
    "place_deposit",
    "remind_balances",
    "ship_ready",
]
