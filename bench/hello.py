"""The raw baseline: a bare FastAPI hello-world served the same way as Mercato."""

from fastapi import FastAPI
from fastapi.responses import ORJSONResponse

app = FastAPI()


@app.get("/hello")
def hello() -> ORJSONResponse:
    return ORJSONResponse({"hello": "world"})
