"""The domain: vocabulary, the sheet's layout, typed records and the one reading of every rule."""
