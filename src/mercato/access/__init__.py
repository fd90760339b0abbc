"""Staff identities: accounts with argon2 password hashes, admin sessions, API tokens and
login rate limiting. Tables are prefixed access_."""
