"""Layer 4: the page families, the page plan, the render context and the view models."""
