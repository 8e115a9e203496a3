"""Titles and roles: the words before or around a person's name that say what the person is or does."""

from .function_words import ARTICLES, POSSESSIVE_ENDINGS, SUBJECT_RELATIVES

# Titles and roles that precede or describe a person in news writing ("President X", "X, a journalist").
NEWS_ROLES = frozenset({
    "president", "vice president", "prime minister", "minister", "foreign minister", "defense minister",
    "defence minister", "interior minister", "finance minister", "secretary", "secretary of state",
    "secretary-general", "secretary general", "chancellor", "king", "queen", "prince", "princess",
    "emperor", "sultan", "emir", "sheikh", "ayatollah", "supreme leader", "leader", "governor", "mayor",
    "senator", "congressman", "congresswoman", "representative", "lawmaker", "mp", "general",
    "admiral", "colonel", "commander", "chief", "ambassador", "envoy", "diplomat", "spokesperson",
    "spokesman", "spokeswoman", "journalist", "reporter", "correspondent", "editor", "columnist",
    "anchor", "ceo", "chairman", "chairwoman", "chair", "director", "head", "founder", "co-founder",
    "pope", "cardinal", "bishop", "judge", "justice", "prosecutor", "attorney general", "lawyer",
    "attorney", "analyst", "officer", "official", "captain", "lieutenant", "sergeant", "major",
    "dictator", "premier", "deputy", "adviser", "advisor", "aide", "candidate", "opposition leader",
    "activist", "economist", "professor", "scientist", "author", "writer", "executive", "manager",
    "coach", "player", "striker", "chief executive", "president-elect", "speaker", "strongman",
    "counsel", "treasurer", "controller", "partner", "trustee", "commissioner", "administrator",
    "chairperson", "expert", "doctor", "physician", "surgeon", "researcher", "lecturer", "engineer", "strategist",
    "midfielder", "goalkeeper", "defender", "winger", "footballer",
})

# Roles whose holder leads the organization or country named with them: matched as the whole title
# ("the supreme leader of Y") and as its last one or two words ("Y's general manager", "Y's managing director").
LEADER_ROLES = frozenset({
    "president", "prime minister", "chancellor", "king", "queen", "emperor", "sultan", "emir",
    "supreme leader", "leader", "governor", "mayor", "chief", "head", "ceo", "chairman", "chairwoman",
    "chair", "chairperson", "commander", "premier", "dictator", "chief executive", "president-elect",
    "secretary-general", "secretary general", "general secretary", "pope", "strongman", "opposition leader",
    "founder", "general manager", "managing director", "chief minister",
})

# Short forms and forms of address written before a name ("Mr", "Gen.", "Sen."): not part of the name.
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "rev", "reverend", "gen", "col", "lt",
    "sgt", "capt", "cpt", "maj", "adm", "sen", "rep", "gov", "prof", "pres", "hon", "father", "sister",
    "brother", "rabbi", "imam", "sheikh", "cmdr", "insp", "supt", "det", "president-elect", "st",
})

# Words a title phrase may hold besides nouns ("the then acting defence minister", "the White House press
# secretary"): read over when looking back from a name for its title.
TITLE_MODIFIERS = frozenset({
    "former", "then", "acting", "interim", "outgoing", "incoming", "new", "late", "current",
    "deputy", "vice", "prime", "foreign", "defense", "defence", "interior", "finance", "chief",
    "senior", "top", "general", "executive", "-", "press", "white", "house", "state", "supreme",
    "opposition", "military", "army", "navy", "secretary", "of", "'s", "\u2019s", "the",
})

# Words that make a leader's title a subordinate's ("vice president", "deputy chairman"): no leaderOf.
SUBORDINATE_WORDS = frozenset({"vice", "deputy", "assistant", "associate", "under", "junior"})

# Titles that, alone before a government body or an army, make its holder its head ("Secretary X of the Navy").
HEADS_OF_BODIES = frozenset({"secretary", "minister", "director", "commissioner", "administrator"})

# Roles held in a state's service: "the Polish foreign minister" works for Poland, while "a Polish
# journalist" is only of Polish nationality (see nationality.py).
STATE_ROLES = frozenset({
    "minister", "secretary", "ambassador", "envoy", "diplomat", "senator", "lawmaker", "mp",
    "congressman", "congresswoman", "representative", "general", "admiral", "colonel", "commander",
    "official", "officer", "spokesman", "spokeswoman", "spokesperson", "prosecutor", "judge", "justice",
    "attorney general", "adviser", "advisor", "aide", "negotiator", "deputy", "lieutenant", "captain",
    "major", "sergeant", "commissioner", "administrator", "director", "chief", "head", "counsel",
    "treasurer", "consul", "legislator", "delegate", "governor", "mayor",
})

# Roles a region, a state or a province can give: "the governor of Texas", not "a Middle East expert".
TERRITORIAL_ROLES = frozenset({
    "governor", "mayor", "senator", "representative", "congressman", "congresswoman", "lawmaker",
    "legislator", "premier", "minister", "president", "leader", "chief minister", "deputy", "delegate",
    "commissioner", "administrator", "prefect", "official",
})

# Titles only a company or a similar organization gives, so that "chairman X" alone means the chairman of the
# organization the article is about ("president" or "spokesman" alone could be a country's).
CORPORATE_TITLES = frozenset({
    "chief executive", "ceo", "chairman", "chairwoman", "chief operating officer", "coo", "cfo",
    "chief financial officer", "chief technology officer", "cto", "managing director", "general manager",
    "executive vice president", "senior vice president", "chief executive officer",
})

# A state's offices: a bare "President X" holds the office in the country the article is about (unless the
# phrase says whose it is: "the company's president X", see OWN_WORDS). Read before CORPORATE_TITLES, so the
# two must not share a title.
GOVERNMENT_TITLES = frozenset({
    "president", "prime minister", "premier", "chancellor", "king", "queen", "emir",
    "vice president", "foreign minister", "finance minister", "defence minister", "defense minister",
    "interior minister", "economy minister", "trade minister", "minister",
})

# Portfolios a minister or commissioner holds ("Defense Minister X", "Commissioner for Energy X"): not an
# organization's name. "and", "the" join them ("Minister of Science and Technology").
PORTFOLIOS = frozenset({
    "defense", "defence", "finance", "home", "foreign", "interior", "economy", "economic", "energy",
    "health", "justice", "trade", "education", "environment", "agriculture", "labor", "labour",
    "transport", "transportation", "culture", "development", "industry", "security", "immigration",
    "climate", "digital", "affairs", "and", "social", "public", "works", "communications", "information",
    "tourism", "sport", "sports", "youth", "family", "women", "science", "research", "technology",
    "fisheries", "housing", "employment", "enlargement", "competition", "budget", "veterans",
    "homeland", "internal", "external", "relations", "planning", "water", "resources", "mines",
    "petroleum", "oil", "gas", "commerce", "cooperation", "integration", "humanitarian", "aid", "the",
})

# Titles a portfolio stands before or after ("Energy Commissioner", "Secretary for Trade").
PORTFOLIO_HOLDERS = frozenset({
    "minister", "ministers", "secretary", "commissioner", "spokesman", "spokeswoman",
    "spokesperson", "czar", "tsar", "chief", "undersecretary", "adviser", "advisor",
})

# a team's people: players and coaches are members of their club or national team, as members of a party
SPORT_ROLES = {"player", "striker", "midfielder", "goalkeeper", "defender", "winger", "footballer", "coach",
               "head coach", "assistant coach", "goalie", "keeper"}

# titles that head an organization but not a state: "the head of Germany's ... conference" leads no country
NOT_STATE_HEADS = {"head", "chief", "director", "chairman", "chairwoman", "chairperson", "chair", "ceo",
                    "general manager", "managing director", "commander", "general secretary", "secretary general",
                    "secretary-general", "chief executive", "founder"}

# Forms of address before a name that are no title and give no role ("Mr", "Ms", "Dr", "Sir").
ADDRESS_FORMS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir"})
# Words that mark a role as past before its title: "former", "ex-", "then-President", "the late".
FORMER_WORDS = frozenset({"former", "ex", "ex-", "then", "then-", "late"})

# Titles of who founded an organization: "Y co-founder X" founded Y rather than works for it.
FOUNDER_TITLES = frozenset({"founder", "co-founder", "cofounder"})

# Titles of a director: "X, director of the Y institute" heads it (unless a subordinate's word comes with it).
DIRECTOR_TITLES = frozenset({"director", "co-director"})

# Titles that head the whole only alone or after HEAD_QUALIFIERS: "the chief of Y", but "intelligence chief" heads a
# department; and after them only HEAD_COMPLEMENTS ("chief executive", "head of"), not "chief market economist".
HEAD_WORDS = frozenset({"chief", "head"})
HEAD_QUALIFIERS = frozenset({"the", "former", "acting", "interim"})
HEAD_COMPLEMENTS = frozenset({"executive", "of", "and"})

# Leaders of a city or a province: "mayor of X", "chief minister of X" lead X whatever class the gazetteer gives X.
LOCAL_LEADERS = frozenset({"mayor", "governor", "chief minister"})

# Words a role phrase is read without: articles and a possessive's ending ("the company\u2019s chief executive").
TITLE_SKIP_WORDS = ARTICLES | POSSESSIVE_ENDINGS | {"\u02bcs"}

# Tokens that end a title read back from its last word: "Y's mayor", "head of", "X, mayor".
TITLE_RUN_BOUNDS = POSSESSIVE_ENDINGS | {"of", ","}

# Prepositions after a title in apposition that name its holder's employer: "X, an Africa expert at Y".
EMPLOYER_PREPOSITIONS = frozenset({"of", "at"})
# The same before the name a title is of: "The president of Chile ...", "a spokesman for Y".
ROLE_PREPOSITIONS = EMPLOYER_PREPOSITIONS | {"for"}

# Prepositions after a title that start another thing than its employer: "an economist at Y in Freiburg",
# "president of the institute in an interview with Z".
TITLE_CUT_PREPOSITIONS = frozenset({"in", "during", "with"})

# Words that end a title written after a name and a comma: "X, the current chief operating officer, of ...".
TITLE_PHRASE_ENDS = ROLE_PREPOSITIONS | SUBJECT_RELATIVES | {"in", "and"}

# Words that date a title without changing it: "the new CEO", "the current chairman", "then-President".
TITLE_TIME_WORDS = frozenset({"former", "new", "current", "then", "-"})

# Titles besides LEADER_ROLES that a bare "the minister", "the spokesman" may refer back with (kg/extract/coref.py).
RESOLVED_TITLES = LEADER_ROLES | {"minister", "secretary", "spokesman", "spokeswoman"}

# Prepositions between a title and its portfolio: "Secretary for Trade", "Minister of Energy".
PORTFOLIO_PREPOSITIONS = frozenset({"for", "of"})

# The noun of a holder of the same office in another country: "X met his Japanese counterpart Y".
COUNTERPART_NOUNS = frozenset({"counterpart", "counterparts"})

# Verbs (lemmas) that, with "as", give a person's role: "X served as defence minister of Y", "X acted as interim
# president". A copula's other forms are verbs.COPULA_VERBS.
SERVE_VERBS = frozenset({"serve", "act"})

# What follows a place's name when it says where a person comes from, not whom the person serves: "US-born
# Finance Minister X" (tuple: read with str.startswith).
BIRTH_SUFFIXES = ("-born", "-raised")

# A possessive's ending alone between an organization and a name: "Halden Group's Anna Smith", "Fox News' X".
POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})

# Possessive endings as spaCy's tokens, for Matcher patterns: "Halden Group's X", "the SPD\u02bcs X", "Reuters' X".
POSSESSIVE_TOKENS = ("'s", "\u2019s", "\u02bcs", "'", "\u2019")

# Titles of who speaks for a body (kg:spokespersonFor): "X, a spokesman for Y", "Y spokeswoman X".
SPOKESPERSON_TITLES = frozenset({"spokesman", "spokeswoman", "spokesperson"})

# Prepositions between a spokesperson's title and the body: "a spokesman for Y", "the chief spokeswoman of Y" (the
# same as a portfolio's: "Secretary for Trade").
SPOKESPERSON_PREPOSITIONS = PORTFOLIO_PREPOSITIONS

# Forms of "speak" that say whom a person speaks for: "X, who speaks for Y".
SPEAK_FORMS = frozenset({"speaks", "spoke"})
