"""Table finders: map table rows (from HTML grids or flattened text) onto the schema's tables
二 (active.py), 三 (applications.py), 四 (review.py) and the pre-2019 统计表 (legacy.py). Each
finder takes the `Block`s of blocks.py and returns (table or None, reason it is None)."""
