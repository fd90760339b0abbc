"""Members use cases, one module per concern: accounts (sign-up, password check),
login (the login throttle), sessions (web sessions and API tokens)
and addresses. They flush but never commit, and raise DomainError subclasses only."""
