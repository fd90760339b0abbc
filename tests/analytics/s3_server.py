"""A local S3-compatible server for the S3 lake's tests: moto's server (it speaks the S3 REST
protocol with SigV4, as MinIO or OSS would), started in its own process on a free port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

KEY, SECRET, REGION = "lake-key", "lake-secret", "us-east-1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def s3_server(bucket: str) -> Iterator[str]:
    """An S3 endpoint URL with `bucket` created; the server stops afterwards."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1",
                             "-p", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _up(f"{endpoint}/moto-api/"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("moto's S3 server did not start")
            time.sleep(0.1)
        import boto3

        boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=KEY,
                     aws_secret_access_key=SECRET, region_name=REGION).create_bucket(
            Bucket=bucket)
        yield endpoint
    finally:
        proc.terminate()
        proc.wait(timeout=10)
