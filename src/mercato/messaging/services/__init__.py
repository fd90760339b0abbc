"""Use cases of messaging: rendering a template in the recipient's language and handing it to
the channel's adapter."""
