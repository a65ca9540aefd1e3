# Generated from specs/ by `make generate`. Do not edit.
"""Generated bindings, one package per folder of ``specs/``: pixelz, pixlab, removethebackground, removethebackground_rest."""
