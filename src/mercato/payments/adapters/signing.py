"""SHA256withRSA (PKCS#1 v1.5) signing and verification shared by the provider adapters."""

from __future__ import annotations

import binascii
from base64 import b64decode, b64encode

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from mercato.payments.domain import PaymentError


def _pem(text: str, kind: str) -> bytes:
    """Accept full PEM or the bare base64 body providers' consoles hand out."""
    body = text.strip()
    if body.startswith("-----BEGIN"):
        return body.encode()
    return f"-----BEGIN {kind}-----\n{body}\n-----END {kind}-----\n".encode()


def load_private_key(text: str) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(_pem(text, "PRIVATE KEY"), password=None)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise PaymentError(
            "payments.bad_key", "Merchant private key is not an RSA key", "private_key"
        )
    return key


def load_public_key(text: str) -> rsa.RSAPublicKey:
    """A PEM public key, a bare base64 public key, or an X.509 certificate."""
    stripped = text.strip()
    key: object
    try:
        if stripped.startswith("-----BEGIN CERTIFICATE"):
            key = x509.load_pem_x509_certificate(stripped.encode()).public_key()
        else:
            key = serialization.load_pem_public_key(_pem(stripped, "PUBLIC KEY"))
    except ValueError:
        key = None
    if not isinstance(key, rsa.RSAPublicKey):
        raise PaymentError(
            "payments.bad_key", "Provider public key is not an RSA key", "public_key"
        )
    return key


def sign(key: rsa.RSAPrivateKey, message: str) -> str:
    raw = key.sign(message.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())
    return b64encode(raw).decode("ascii")


def verify(key: rsa.RSAPublicKey, message: str, signature: str) -> bool:
    try:
        raw = b64decode(signature.encode("ascii"), validate=True)
        key.verify(raw, message.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, binascii.Error, ValueError, UnicodeEncodeError):
        return False
    return True
