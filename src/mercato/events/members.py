"""Members events. Payloads:
- members.tier_changed.v1: {"customer_id", "old", "new"} (tier codes, "" = no tier)
- members.referral_qualified.v1: {"referrer_id", "invitee_id", "order_number"} (the
  invitee's first completed order; promotions gives both their coupons)"""

MEMBER_TIER_CHANGED = "members.tier_changed.v1"
REFERRAL_QUALIFIED = "members.referral_qualified.v1"
