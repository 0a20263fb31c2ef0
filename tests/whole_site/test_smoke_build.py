import json


def test_site_builds_with_every_document(site):
    data = json.loads((site / "api" / "documents.json").read_text(encoding="utf-8"))
    assert data["count"] == 13
    for doc in data["documents"]:
        assert (site / "van-ban" / doc["slug"] / "index.html").is_file()
