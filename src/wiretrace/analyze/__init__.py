"""Analysis stages: one module per stage over an article's body."""
