"""Customer accounts: sign-up and login by mainland mobile number or e-mail (argon2 hashes,
rate limit per identifier and per client IP, lockout after consecutive failures), web
sessions (signed cookie naming a server-side session row, so logout really revokes it),
API bearer tokens (stored as digests) and the Chinese-format address book; and the member
centre: tiers, the points ledger, referrals, life-cycle tags and RFM (domain_loyalty,
domain_referral, services/points, standing, referral, order_feed). Tables are prefixed
members_. Other contexts use public.py only."""
