"""Layer 5: content: sources, front matter, schema and records, the model, people, checks, Markdown."""
