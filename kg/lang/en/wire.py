"""Wire copy: the slugs, bylines and date words of news agencies' conventions."""

# A wire service's slug before a headline: "UPDATE 2-", "REFILE-", "EXCLUSIVE-".
WIRE_SLUGS = frozenset({
    "UPDATE", "CORRECTED", "REFILE", "RPT", "WRAPUP", "EXCLUSIVE", "ANALYSIS", "FACTBOX", "INSIGHT",
    "COLUMN", "TIMELINE", "PREVIEW", "CORRECTION", "URGENT", "FLASH", "BREAKING", "SPECIAL REPORT",
    "RPT-UPDATE", "UPDATE-", "BREAKINGVIEWS", "GRAPHIC", "FEATURE", "POLL", "INTERVIEW", "NEWSMAKER",
})

# How a byline or credit line starts (lower case): "By X", "Reporting by X; Editing by Y", "Author: X".
BYLINE_STARTS = (
    "by ", "reporting by", "additional reporting", "writing by", "editing by", "compiled by",
    "reported by", "author:", "authors:", "editor:", "editing:", "(reporting by", "(writing by",
    "(editing by", "(additional reporting", "(compiled by", "(by ",
)

# Month names and their abbreviations, as a dateline writes them: "CARACAS, Jan 3 (Reuters) -".
MONTH_WORDS = frozenset({
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    # as French copy writes them: "PARIS, 3 mai 2016 (AFP) -"
    "janvier", "f\u00e9vrier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "ao\u00fbt", "aout", "septembre",
    "octobre", "novembre", "d\u00e9cembre", "decembre",
})

# How a trailer crediting a contributor ends (lower case): "Associated Press writer X in Y contributed to this report."
CONTRIBUTION_ENDS = ("contributed to this report", "contributed to this story", "contributed reporting")
# A trailer may end in a bare "contributed." only when it names the contributor's trade: "Associated Press
# writer X in Y contributed." ("The United States, Japan and Germany contributed." is a sentence of the story).
CONTRIBUTOR_WORDS = ("writer", "writers", "correspondent", "correspondents", "reporter", "reporters",
                     "photographer", "videojournalist", "researcher", "staff")

# Time zones, as schedules write them after a time ("22:15 UTC"): NER takes them for organizations.
TIME_ZONES = frozenset({"utc", "gmt", "cet", "cest", "eet", "eest", "wet", "west", "est", "edt", "cst", "cdt", "mst",
                        "mdt", "pst", "pdt", "bst", "msk", "jst", "aest", "aedt"})
