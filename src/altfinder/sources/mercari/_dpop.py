"""DPoP proofs (RFC 9449) for Mercari's web API: a private P-256 key, an ES256 JWS per request.

Example:
    >>> DPoPSigner()
    DPoPSigner(P-256, key=***)
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm


class DPoPSigner:
    """Signs DPoP proofs (RFC 9449) with its own P-256 key, made when it is created.

    The key never leaves the instance: it is not in the repr, not logged, and only its
    public half travels (in each proof's JOSE header, as the protocol requires).

    Example:
        >>> signer = DPoPSigner()
        >>> proof = signer.proof("POST", "https://api.mercari.jp/v2/entities:search")
        >>> header = jwt.get_unverified_header(proof)
        >>> header["typ"], header["alg"], sorted(header["jwk"])
        ('dpop+jwt', 'ES256', ['crv', 'kty', 'x', 'y'])
        >>> signer
        DPoPSigner(P-256, key=***)
    """

    __slots__ = ("__key", "_jwk", "session_uuid")

    def __init__(self, *, session_uuid: str | None = None) -> None:
        self.__key = ec.generate_private_key(ec.SECP256R1())
        public = ECAlgorithm.to_jwk(self.__key.public_key(), as_dict=True)
        self._jwk = {name: public[name] for name in ("crv", "kty", "x", "y")}
        #: The per-session id Mercari's web app sends as the ``uuid`` claim.
        self.session_uuid = session_uuid or str(uuid.uuid4())

    def proof(self, method: str, url: str, *, issued_at: float | None = None) -> str:
        """A compact JWS binding one request: ``htm``, ``htu``, a new ``jti``, ``iat``.

        Example:
            >>> claims = jwt.decode(DPoPSigner().proof("GET", "https://api.mercari.jp/items/get?id=m1"),
            ...                     options={"verify_signature": False})
            >>> claims["htm"], claims["htu"]
            ('GET', 'https://api.mercari.jp/items/get?id=m1')
        """
        claims = {
            "iat": int(time.time() if issued_at is None else issued_at),
            "jti": str(uuid.uuid4()),
            "htu": url,
            "htm": method.upper(),
            "uuid": self.session_uuid,
        }
        return jwt.encode(claims, self.__key, algorithm="ES256",
                          headers={"typ": "dpop+jwt", "jwk": dict(self._jwk)})

    def __repr__(self) -> str:
        return "DPoPSigner(P-256, key=***)"

    def __reduce__(self) -> Any:  # never pickle the key into a cache or a worker
        raise TypeError("a DPoPSigner holds a private key and cannot be pickled")
