"""The live preview (`ldkb serve`): a full build once, then only what each save changes."""
