"""After-sales API for apps and mini-programs: upload photos, ask for a return, an exchange
or a refund of one's own order, follow it, send the goods back, withdraw it."""

from __future__ import annotations

from typing import Annotated

from fastapi import File, Path, UploadFile
from starlette.concurrency import run_in_threadpool

from mercato.aftersales import domain
from mercato.aftersales.adapters import photos, repository
from mercato.aftersales.services import requests, views
from mercato.aftersales.web.schemas import (
    OptionLineOut,
    OptionsOut,
    PhotoOut,
    RequestIn,
    RequestOut,
    WaybillIn,
    request_out,
)
from mercato.members import public as members
from mercato.orders import public as orders
from mercato.web.deps import DbDep, ReadDep, SettingsDep, TxDep
from mercato.web.errors import error_responses
from mercato.web.routing import Router

router = Router(prefix="/api/v1", tags=["aftersales"])
OrderNumber = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^\d+$")]
Number = Annotated[str, Path(min_length=1, max_length=24, pattern=r"^\d+-A\d+$")]


@router.post("/aftersales-photos", response_model=PhotoOut, status_code=201,
             responses=error_responses(400, 401, 413, 422),
             summary="Upload a photo of the problem (JPEG, PNG or WebP, at most 5 MB)",
             description="The file must decode as a JPEG, PNG or WebP picture of at most 40 "
             "million pixels, else 422 aftersales.photo_type; more than 5 MB: 422 "
             "aftersales.photo_too_large. Use its id in photo_ids when asking.")
async def upload_photo(
    file: Annotated[UploadFile, File()], db: DbDep, settings: SettingsDep,
    customer: members.CustomerDep,
) -> PhotoOut:
    data = await file.read(photos.MAX_BYTES + 1)
    name = await run_in_threadpool(photos.store, settings.media_dir, data)
    customer_id = customer.id
    photo_id = await run_in_threadpool(
        db.unit, lambda tx: requests.add_photo(tx, customer_id, name))
    return PhotoOut(id=photo_id)


@router.get("/orders/{order_number}/aftersales/options", response_model=OptionsOut,
            responses=error_responses(401, 404, 422),
            summary="What may be asked of one's own order: kinds and the units of each line")
def options(order_number: OrderNumber, tx: ReadDep, customer: members.CustomerDep) -> OptionsOut:
    sold = orders.sold_order(tx, order_number, customer.id)
    taken = repository.taken(tx, order_number)
    delivered = sold.status in ("signed", "completed")
    kinds = ["return", "exchange"] if delivered else (
        ["refund"] if sold.status in ("paid", "picking") and not any(taken.values()) else [])
    return OptionsOut(order_number=order_number, order_status=sold.status, kinds=kinds, lines=[
        OptionLineOut(line_id=x.line_id, sku_id=x.sku_id, name=x.name, quantity=x.quantity,
                      left=x.quantity - taken.get(x.line_id, 0), paid_fen=x.paid_fen,
                      no_reason_days=x.returns_days)
        for x in requests.bought_lines(tx, sold)])


@router.post("/orders/{order_number}/aftersales", response_model=RequestOut, status_code=201,
             responses=error_responses(401, 404, 409, 422),
             summary="Ask for a return, an exchange or a refund of one's own order",
             description="A return: reason no_reason (within the item's no-reason days of "
             "sign-for) or a quality reason (15 days); an exchange: a quality reason and at "
             "least one photo; both name lines and units (see .../aftersales/options). A "
             "refund only (reason not_needed, out_of_stock or wrong_item) covers the whole "
             "unshipped order. Unknown line ids or photos: 422; the order's state or "
             "window: 409. Money is computed here.")
def open_request(
    order_number: OrderNumber, body: RequestIn, tx: TxDep, customer: members.CustomerDep
) -> RequestOut:
    quantities: dict[int, int] = {}
    for line in body.lines:
        quantities[line.line_id] = quantities.get(line.line_id, 0) + line.quantity
    ask = domain.Ask(body.kind, body.reason, quantities, description=body.description)
    r = requests.open_request(tx, customer.id, order_number, ask, body.photo_ids)
    return request_out(views.detail(tx, r.number, customer.id))


@router.get("/aftersales", response_model=list[RequestOut],
            responses=error_responses(401), summary="One's own after-sales requests")
def my_requests(tx: ReadDep, customer: members.CustomerDep) -> list[RequestOut]:
    return [request_out(views.detail(tx, r.number, customer.id))
            for r, _lines in views.mine(tx, customer.id)]


@router.get("/aftersales/{number}", response_model=RequestOut,
            responses=error_responses(401, 404, 422), summary="One of one's own requests")
def one(number: Number, tx: ReadDep, customer: members.CustomerDep) -> RequestOut:
    return request_out(views.detail(tx, number, customer.id))


@router.post("/aftersales/{number}/return-waybill", response_model=RequestOut,
             responses=error_responses(401, 404, 409, 422),
             summary="The goods were posted back: the carrier and the waybill number")
def send_back(
    number: Number, body: WaybillIn, tx: TxDep, customer: members.CustomerDep
) -> RequestOut:
    requests.send_back(tx, number, customer.id, body.carrier, body.waybill)
    return request_out(views.detail(tx, number, customer.id))


@router.post("/aftersales/{number}/cancel", response_model=RequestOut,
             responses=error_responses(401, 404, 409, 422),
             summary="Withdraw one's request before the goods are sent back")
def cancel(number: Number, tx: TxDep, customer: members.CustomerDep) -> RequestOut:
    requests.cancel(tx, number, customer.id)
    return request_out(views.detail(tx, number, customer.id))
