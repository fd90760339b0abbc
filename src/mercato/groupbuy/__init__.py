"""Group buying (拼团): deals (a SKU at a group price for N people within a time limit), the
groups customers open and join by share code, their seats, and the cashback ladder."""
