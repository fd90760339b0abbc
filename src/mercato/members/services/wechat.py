"""A customer's WeChat account (openid under our appid): linked from the mini-program with a
wx.login() code, used to sign in with WeChat and to pay with WeChat Pay JSAPI. One openid
belongs to one customer; a customer has at most one openid per appid."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict, NotFound
from mercato.members.adapters import repository
from mercato.members.adapters.tables import Customer, WechatAccount
from mercato.members.adapters.wechat_login import WechatIdentity
from mercato.members.domain import CustomerView
from mercato.members.services import sessions
from mercato.members.services.clock import now

TAKEN = "This WeChat account is already linked to another customer"


def link(tx: Session, customer_id: int, who: WechatIdentity) -> datetime:
    """Link (or re-link to another WeChat user) the customer's account for `who.appid`;
    returns when."""
    owner = tx.scalar(
        select(WechatAccount.customer_id).where(
            WechatAccount.appid == who.appid, WechatAccount.openid == who.openid
        )
    )
    if owner is not None and owner != customer_id:
        raise Conflict("members.wechat_taken", TAKEN, "code")
    mine = tx.scalars(
        select(WechatAccount).where(
            WechatAccount.customer_id == customer_id, WechatAccount.appid == who.appid
        )
    ).first()
    if mine is None:
        mine = WechatAccount(customer_id=customer_id, appid=who.appid)
        tx.add(mine)
    mine.openid, mine.unionid, mine.linked_at = who.openid, who.unionid or None, now()
    try:
        with tx.begin_nested():
            tx.flush()
    except IntegrityError as exc:  # the same WeChat user linked elsewhere meanwhile
        raise Conflict("members.wechat_taken", TAKEN, "code") from exc
    return mine.linked_at


def unlink(tx: Session, customer_id: int, appid: str) -> bool:
    gone = tx.execute(
        delete(WechatAccount).where(
            WechatAccount.customer_id == customer_id, WechatAccount.appid == appid
        )
    )
    return bool(getattr(gone, "rowcount", 0))


def openid_of(tx: Session, customer_id: int, appid: str) -> str | None:
    return tx.scalar(
        select(WechatAccount.openid).where(
            WechatAccount.customer_id == customer_id, WechatAccount.appid == appid
        )
    )


def sign_in(tx: Session, who: WechatIdentity, token_name: str) -> tuple[CustomerView, str]:
    """A new API token for the active customer linked to this WeChat user."""
    customer = tx.scalars(
        select(Customer)
        .join(WechatAccount, WechatAccount.customer_id == Customer.id)
        .where(
            WechatAccount.appid == who.appid,
            WechatAccount.openid == who.openid,
            Customer.active.is_(True),
        )
    ).first()
    if customer is None:
        raise NotFound(
            "members.wechat_not_linked",
            "No account is linked to this WeChat user; sign in and link it first",
            "code",
        )
    return repository.customer_view(customer), sessions.issue_token(tx, customer.id, token_name)
