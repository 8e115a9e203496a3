"""Words of sport news (kg/extract/sport.py): what marks a sport article, clubs, competitions and matches."""

from __future__ import annotations

from .places import PLACE_PREPOSITIONS

# words only sport news uses (lower case); an article with SPORT_MIN_WORDS of them, SPORT_MIN_KINDS different
# ones, is sport news
SPORT_WORDS = frozenset({
    "midfielder", "midfielders", "goalkeeper", "goalkeepers", "striker", "strikers", "footballer", "footballers",
    "defender", "defenders", "winger", "wingers", "keeper", "goalie", "bundesliga", "derby", "playoff", "playoffs",
    "quarterfinal", "quarterfinals", "quarter-final", "quarter-finals", "semifinal", "semifinals", "semi-final",
    "semi-finals", "halftime", "half-time", "kickoff", "kick-off", "equalizer", "equaliser", "hat-trick",
    "penalty", "penalties", "scored", "scorer", "scorers", "goals", "stadium", "league", "champions", "matchday",
    "coach", "coached", "squad", "teammate", "teammates", "relegation", "relegated", "promoted",
    "tournament", "championship", "title-holders", "unbeaten", "draw", "drew", "points", "season", "fixture",
    "fixtures", "match", "matches", "referee", "fans", "tennis", "boxing", "football", "soccer", "cup",
    "olympics", "olympic", "medal", "sprint", "lap", "heavyweight", "knockout", "round", "club", "clubs",
})

# of which these are not enough alone: politics has draws, points, rounds, seasons, clubs and fans too
WEAK_SPORT_WORDS = frozenset({"draw", "points", "season", "round", "club", "clubs", "fans", "match", "matches", "league",
                   "champions", "tournament", "championship", "cup", "knockout", "penalty", "penalties", "coach"})

# words of a club's name ("FC Barcelona", "Borussia Dortmund", "Sporting Lisbon")
CLUB_WORDS = frozenset({"fc", "sc", "sv", "vfb", "vfl", "tsg", "ac", "as", "afc", "cf", "cd", "fk", "sk", "bk",
                        "borussia", "eintracht", "fortuna", "hertha", "werder", "bayer", "atletico", "atlético",
                        "sporting", "dynamo", "dinamo", "olympique", "olympiacos", "olympiakos", "rapid", "real",
                        "inter", "athletic", "hotspur", "rovers", "wanderers", "united", "city", "albion"})

# the last words of a competition's or a stage's name
COMPETITION_HEADS = frozenset({"league", "liga", "bundesliga", "cup", "championship", "championships", "olympics",
                                "games", "trophy", "open", "series", "serie", "ligue", "tour", "final", "finals",
                                "quarter-final", "quarter-finals", "semi-final", "semi-finals", "quarterfinal",
                                "semifinal", "stage", "round", "matchday"})

# a side of a match: verbs whose subject or object is a team
MATCH_VERBS = frozenset({"beat", "defeat", "draw", "lose", "win", "play", "face", "host", "thrash", "edge",
                          "eliminate", "overcome", "trail", "lead", "score", "qualify", "advance", "hammer",
                          "rout", "stun", "upset", "humble", "concede", "knock", "tie", "meet"})

# nouns whose possessor or compound is a team: "Germany's coach", "the Argentina squad"
TEAM_NOUNS = frozenset({"coach", "squad", "team", "side", "goalkeeper", "striker", "midfielder", "defender",
                         "captain", "fans", "players", "player", "win", "victory", "defeat", "lineup", "line-up",
                         "manager", "keeper", "forward", "winger", "goal", "goals"})

# Prepositions before a city named in a sport article that make it a place, not a club: those of any place ("in
# Dortmund", "near Bremen") and those a match is played at ("at Bremen", "the fans of Dortmund").
SPORT_PLACE_PREPOSITIONS = PLACE_PREPOSITIONS | {"at", "into", "around", "of"}

# Prepositions between a match word and a team: "a 2-1 win over X", "lost to X", "a draw with X".
MATCH_PREPOSITIONS = frozenset({"against", "over", "to", "with", "by"})

# Nouns of a match a team is the object of: "the victory over X", "the game against X".
MATCH_NOUNS = frozenset({"win", "victory", "defeat", "draw", "match", "game"})
