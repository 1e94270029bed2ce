"""From a person named in the example documents to a sanctioned entity, every edge with its
evidence sentence: the documents are read by `opspoor.documents`, the list by `opspoor.lists`.
"""

from opspoor.documents.extract import extract_document
from opspoor.documents.readers import read_document
from opspoor.documents.storing import store_extraction
from opspoor.lists.versions import import_list
from opspoor.network import analytics
from opspoor.network.graph import POSSIBLE_SAME, graph_from_store
from opspoor.network.resolution import recluster, record_judgement, resolve, review_queue
from tests.conftest import EXAMPLES

NEWS = EXAMPLES / "documents" / "en-news-sabratha-network.txt"
NGO = EXAMPLES / "documents" / "en-ngo-report-coast-guard.html"
WORKS_WITH = "Zentani works closely with Yonas Tesfay, who collects payments through hawala agents in Khartoum."
ASSOCIATE = "Tesfay is a close associate of Ermias Ghermay, according to the report."


def test_path_from_a_person_in_an_example_document_to_a_sanctioned_leader(sqlite_store):
    store = sqlite_store
    import_list(store, [EXAMPLES / "lists" / "un-demo.xml"], run_hooks=False)
    for path in (NEWS, NGO):
        store_extraction(store, extract_document(read_document(path)))
    resolve(store)

    # Until an analyst confirms that the Ermias Ghermay of the report is the listed one, the
    # route to him runs through an unconfirmed "possibly the same as" link, and says so.
    g = graph_from_store(store, include_possible=True)
    paths = analytics.paths_to_sanctioned(g, "Khalid Zentani")
    assert paths, "no path to a sanctioned entity"
    path = paths[0]
    assert path.nodes[-1]["sanctioned"] and "LYi.021" in str(
        store.get_entity(path.nodes[-1]["id"]).reference
    )
    evidence = [step["relations"][0]["evidence"] for step in path.steps]
    assert evidence[:2] == [WORKS_WITH, ASSOCIATE]
    assert path.steps[2]["relations"][0]["schema"] == POSSIBLE_SAME
    assert evidence[2].startswith("unconfirmed: match probability")
    assert analytics.paths_to_sanctioned(graph_from_store(store), "Khalid Zentani") == []

    # The analyst confirms; a re-cluster merges them and the path is made of document evidence.
    pair = next(
        p for p in review_queue(store) if p.right == "unsc-lyi-021" or p.left == "unsc-lyi-021"
    )
    record_judgement(
        store, pair.left, pair.right, "same", "mia", "same Eritrean trafficker in both reports"
    )
    recluster(store)
    g = graph_from_store(store)
    path = analytics.paths_to_sanctioned(g, "Khalid Zentani")[0]
    assert [n["label"] for n in path.nodes[:2]] == ["Khalid Zentani", "Yonas Tesfay"]
    assert path.nodes[-1]["sanctioned"] and path.hops == 2
    for step, sentence, source in zip(
        path.steps, [WORKS_WITH, ASSOCIATE], [NEWS, NGO], strict=True
    ):
        relation = step["relations"][0]
        assert relation["evidence"] == sentence
        assert relation["location"].startswith("chars ")
        assert source.name in relation["document"]
