"""Cart and checkout: guest and customer carts (merged at login), priced on the server from
current catalogue data. Tables are prefixed `checkout_`."""
