"""Layer 4: output: staged writing, the link check, Pagefind."""
