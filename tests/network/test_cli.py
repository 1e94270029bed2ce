import json

import networkx as nx
from click.testing import CliRunner

from opspoor.cli import cli
from opspoor.network.resolution import canonical_map, judgement_history
from tests.network.builders import store_records
from tests.network.conftest import NEPHEW, WORKS_WITH, ad, add_small_network


def run(home, *args, input=None):
    result = CliRunner().invoke(cli, ["--home", str(home), "network", *args], input=input)
    return result


def test_resolve_path_and_export_from_the_command_line(sqlite_store, home, tmp_path):
    add_small_network(sqlite_store)
    result = run(home, "resolve", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["merged_pairs"] == 2
    result = run(home, "path", "Samir Nasser", "--sanctioned")
    assert result.exit_code == 0, result.output
    assert "[SANCTIONED: XX; Test Council]" in result.output
    assert WORKS_WITH in result.output and NEPHEW in result.output
    result = run(home, "path", "Samir Nasser", "ZAIDAN, Karim Omar", "--json")
    steps = json.loads(result.output)[0]["steps"]
    assert [s["relations"][0]["evidence"] for s in steps] == [WORKS_WITH, NEPHEW]
    out = tmp_path / "net.graphml"
    result = run(home, "export", "--format", "graphml", "--out", str(out))
    assert result.exit_code == 0 and nx.read_graphml(out).number_of_edges() == 3
    for command in (
        ["ego", "Walid Haddad", "--depth", "2"],
        ["communities", "--min-size", "2"],
        ["centrality"],
    ):
        result = run(home, *command)
        assert result.exit_code == 0, result.output
        assert "Walid Haddad" in result.output


def test_interactive_review_records_judgements(sqlite_store, home):
    add_small_network(sqlite_store)
    result = run(
        home,
        "resolve",
        "--merge-at",
        "0.99",
        "--review",
        "--analyst",
        "mia",
        input="s\nsame nephew in both reports\nn\n\n",
    )
    assert result.exit_code == 0, result.output
    assert "2 pair(s) to review as mia" in result.output
    history = judgement_history(sqlite_store)
    assert [(j.judgement, j.analyst) for j in history] == [("same", "mia"), ("not_same", "mia")]
    assert history[0].reason == "same nephew in both reports"
    mapping = canonical_map(sqlite_store)
    judged_same = (history[0].left, history[0].right)
    assert mapping[judged_same[0]] == mapping[judged_same[1]]
    # a re-run keeps both decisions and asks about nothing
    result = run(home, "resolve", "--merge-at", "0.99", "--review", input="")
    assert "nothing to review" in result.output


def test_judge_and_errors(sqlite_store, home):
    add_small_network(sqlite_store)
    run(home, "resolve")
    result = run(
        home,
        "judge",
        "tl-001",
        "doc1-karim-omar-zaidan",
        "not_same",
        "--reason",
        "different father",
        "--analyst",
        "ali",
    )
    assert result.exit_code == 0, result.output
    assert "tl-001" not in canonical_map(sqlite_store)
    assert run(home, "judge", "tl-001", "nobody", "same").exit_code == 2
    bad = run(home, "path", "Nobody Here", "tl-001")
    assert bad.exit_code == 2 and "no entity named 'Nobody Here'" in bad.output
    assert run(home, "path", "Samir Nasser").exit_code == 2  # neither B nor --sanctioned


def test_link_command(sqlite_store, home):
    store_records(
        sqlite_store,
        [
            ad("ad-1", "call me", phones=("+39 333 123 4567",)),
            ad("ad-2", "me too", phones=("333 1234567",)),
        ],
        kind="capture",
        dataset="crawl",
    )
    result = run(home, "link", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["groups"][0]["members"] == ["ad-1", "ad-2"]
    assert data["groups"][0]["shared"] == {"phone": ["+393331234567"]}
    assert "ad-1" in run(home, "groups").output
    assert run(home, "link", "--kinds", "phone,smoke").exit_code == 2
