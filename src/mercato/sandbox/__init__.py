"""Local fake vendor servers for the demo and tests. They speak the providers' wire protocols
with their own key material and share NO code with the contexts: a fake that imported the real
adapter would prove nothing."""
