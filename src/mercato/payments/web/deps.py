"""The shop's payment providers, built once per app from settings (tests may replace
`app.state.gateways`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from mercato.kernel.errors import NotFound
from mercato.payments.adapters import registry
from mercato.payments.adapters.gateway import PaymentGateway

Gateways = dict[str, PaymentGateway]


def gateways(request: Request) -> Gateways:
    return registry.shared(request.app.state)


def gateway_named(all_: Gateways, name: str) -> PaymentGateway:
    gateway = all_.get(name)
    if gateway is None:
        raise NotFound(
            "payments.unknown_provider", "This shop does not take that payment method", "provider"
        )
    return gateway


GatewaysDep = Annotated[Gateways, Depends(gateways)]
