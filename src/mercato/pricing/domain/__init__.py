"""The pricing pipeline, pure: no I/O, no framework. `model` holds its inputs and outputs,
`pipeline.price` runs it."""
