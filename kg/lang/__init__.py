"""Language data apart from the extraction logic: the word lists kg reads text with, one package per language.

`kg.lang.en` holds English, one module per topic (titles, people, verbs, places, organizations, events,
demonyms, function words, wire copy); each list is written once, with a line on what it is for. The
extractors import the lists from `kg.lang.en`; `kg/cache.py` hashes this folder into the extraction cache
key, so editing a list re-reads the articles.
"""
