"""Provider clients: each speaks one provider's protocol with `cryptography` and `httpx` only."""
