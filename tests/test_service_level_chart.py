"""The service level chart: a legend, the promised target, its figures as a table."""
import random
import re

import pytest

import config
from demo.desk_history import seed_desk_history
from models import db, utcnow


@pytest.fixture
def dashboard(demo, auth, client):
    with db.connection_context():
        seed_desk_history(random.Random(4), utcnow())
    auth.login("agent")

    def get(lang="en"):
        return client.get(f"/desk/dashboard?lang={lang}").get_data(as_text=True)
    return get


def test_target_line_legend_and_table(dashboard, app):
    app.config["SLA_TARGET_PERCENT"] = 80
    page = dashboard()
    # 80 % of the 188-unit plot below its top at 16.
    assert re.search(r'<line class="target-line" [^>]*y1="53.6" y2="53.6"', page)
    assert ">Target 80 %</text>" in page
    legend = re.search(r'<ul class="chart-legend">(.*?)</ul>', page, re.S).group(1)
    for words in ("Target met", "Below target", "Target: 80 % on time."):
        assert words in legend
    assert "<desc" in page and "Target: 80 % on time." in page.split("<desc")[1]
    table = re.search(r'<table class="service-table cards">(.*?)</table>', page, re.S).group(1)
    assert "<caption>Processed on time per week (target 80 %)</caption>" in table
    rows = re.findall(r"<tr>\s*<th scope=\"row\"[^>]*>.*?</tr>", table, re.S)
    assert len(rows) == 8
    # The table and the bars agree week by week.
    bars = re.findall(r'<rect class="bar (bar-met|bar-below)"', page)
    for row, bar in zip(rows, bars):
        share = re.findall(r'<td class="num"[^>]*>(\d+) %</td>', row)
        met = re.search(r"<td[^>]*>Yes</td>", row) is not None
        if share:
            assert met == (int(share[0]) >= 80) == (bar == "bar-met")
    assert 'style="' not in page


def test_default_target_and_finnish(dashboard):
    page = dashboard("fi")
    assert ">Tavoite 95 %</text>" in page and "Tavoite saavutettu" in page
    assert "(tavoite 95 %)" in page


def test_target_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SLA_TARGET_PERCENT", "90")
    assert config.from_environment(str(tmp_path))["SLA_TARGET_PERCENT"] == 90
    monkeypatch.delenv("SLA_TARGET_PERCENT")
    assert config.from_environment(str(tmp_path))["SLA_TARGET_PERCENT"] == 95
    for bad in ("101", "-1", "lots"):
        monkeypatch.setenv("SLA_TARGET_PERCENT", bad)
        with pytest.raises(ValueError):
            config.from_environment(str(tmp_path))
