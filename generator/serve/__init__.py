"""Layer 2: `protokoll serve`, the development server and its live loop."""
