"""Networks: link ads and documents into groups, resolve entities across sources, build the
graph of who is connected to whom, ask it questions and export it.

    >>> from opspoor.network.link_runs import link_store
    >>> from opspoor.network.resolution import resolve
    >>> from opspoor.network.graph import graph_from_store
    >>> from opspoor.network.analytics import paths_to_sanctioned
    >>> run = link_store(store); report = resolve(store)
    >>> paths_to_sanctioned(graph_from_store(store), "Walid Haddad")

See docs/network.md.
"""

from opspoor.network import tables  # noqa: F401  (the network tables join the shared metadata)
