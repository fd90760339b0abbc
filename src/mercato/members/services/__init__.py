"""Members use cases, one module per concern: accounts (sign-up, password check with the
lockout), login (attempt recording and rate limit), sessions (web sessions and API tokens)
and addresses. They flush but never commit, and raise DomainError subclasses only."""
