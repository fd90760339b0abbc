"""Finance: invoices (fapiao) and accounting entries posted to the ERP."""
