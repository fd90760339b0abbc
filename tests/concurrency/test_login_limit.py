"""The login limit holds when attempts arrive at once (each is counted before the check)."""

from concurrent.futures import ThreadPoolExecutor

from mercato.access.public import password_login
from mercato.kernel.errors import TooManyRequests


def test_30_parallel_wrong_passwords_get_at_most_5_checks(db, staff):
    def attempt(_i: int) -> str:
        try:
            user, _t = password_login(db, str(staff["email"]), "wrong-password-1", "10.0.0.9", 5)
        except TooManyRequests:
            return "limited"
        return "checked" if user is None else "in"

    with ThreadPoolExecutor(15) as pool:
        results = list(pool.map(attempt, range(30)))
    assert results.count("in") == 0
    assert results.count("checked") <= 5
    assert results.count("limited") >= 25
    # and the right password is refused too while the window is full
    try:
        password_login(db, str(staff["email"]), str(staff["password"]), "10.0.0.9", 5)
        raise AssertionError("expected the limit to apply")
    except TooManyRequests:
        pass
