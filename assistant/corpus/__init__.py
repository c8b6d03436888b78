"""Reading past outcome documents from files and cutting them into indexable chunks."""
