"""The sandbox's own crypto (written independently of mercato.payments on purpose: if both
sides shared a helper, a bug in it would be invisible to the tests)."""

from __future__ import annotations

import secrets
from base64 import b64decode, b64encode
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_pem(key: rsa.RSAPrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def private_pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def load_public(pem: str) -> rsa.RSAPublicKey:
    key = serialization.load_pem_public_key(pem.encode())
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("not an RSA public key")
    return key


def rsa_sign(key: rsa.RSAPrivateKey, text: str) -> str:
    return b64encode(key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()


def rsa_ok(key: rsa.RSAPublicKey, text: str, signature: str) -> bool:
    try:
        key.verify(
            b64decode(signature, validate=True), text.encode(), padding.PKCS1v15(), hashes.SHA256()
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def gcm_seal(key: bytes, plaintext: str, associated_data: str) -> dict[str, str]:
    """WeChat's `resource` object: 12-character nonce, base64(ciphertext || tag)."""
    nonce = secrets.token_hex(6)
    sealed = AESGCM(key).encrypt(nonce.encode(), plaintext.encode(), associated_data.encode())
    return {
        "algorithm": "AEAD_AES_256_GCM",
        "ciphertext": b64encode(sealed).decode(),
        "associated_data": associated_data,
        "nonce": nonce,
    }


def content_to_sign(params: Mapping[str, str], exclude: tuple[str, ...]) -> str:
    """Alipay: sorted non-empty `k=v` pairs joined by `&`, without the excluded keys."""
    return "&".join(f"{k}={params[k]}" for k in sorted(params) if k not in exclude and params[k])


def yuan_to_fen(text: str) -> int | None:
    """Exact decimal parsing: '12.5' -> 1250; None for anything that is not 0.01-precise."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    fen = value * 100
    if not value.is_finite() or fen != fen.to_integral_value() or fen <= 0:
        return None
    return int(fen)


def fen_to_yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"
