"""Relations between articles: copies of one text, stories about one event, statements carried
by several articles, and the signals that say an article is a copy.

Everything here is a pure function of records (no store, no engine): the SQLite store keeps
the relations up to date as each article arrives (``newsdesk.store.relations``), and a
distributed run computes the same relations over the whole run (``newsdesk.relate.batch``).
"""
