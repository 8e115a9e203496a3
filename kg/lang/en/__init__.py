"""English word lists, by topic. Import a list from its topic module or from here."""

from .demonyms import *  # noqa: F401,F403
from .events import *  # noqa: F401,F403
from .function_words import *  # noqa: F401,F403
from .organizations import *  # noqa: F401,F403
from .people import *  # noqa: F401,F403
from .places import *  # noqa: F401,F403
from .pronouns import *  # noqa: F401,F403
from .sport import *  # noqa: F401,F403
from .titles import *  # noqa: F401,F403
from .verbs import *  # noqa: F401,F403
from .wire import *  # noqa: F401,F403

TOPICS = ("demonyms", "events", "function_words", "organizations", "people", "places", "pronouns", "sport", "titles",
          "verbs", "wire")
