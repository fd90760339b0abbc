"""After-sales: returns, exchanges and refunds of delivered or unshipped orders."""
