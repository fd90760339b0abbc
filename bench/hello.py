"""The raw baseline: a bare FastAPI hello-world served the same way as Mercato."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/hello")
def hello() -> dict[str, str]:
    return {"hello": "world"}
