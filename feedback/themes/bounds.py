"""How many themes the engine may suggest; a module of its own so that models and pages need not load
scikit-learn (engine.py) to know them."""

MIN_THEMES = 3
MAX_THEMES = 10
# Staff may widen the bounds this far; more than this is a list, not themes.
LOWEST, HIGHEST = 2, 20
