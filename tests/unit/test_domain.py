"""Every response exists in both languages, says which language it is in, and keeps brochure facts out of the domain."""
import re


def test_every_response_has_a_swedish_default_and_an_english_variation(domain):
    for name, variations in domain["responses"].items():
        languages = sorted(v["metadata"]["language"] for v in variations)
        assert languages == ["en", "sv"], name
        for variation in variations:
            english = any(c.get("value") == "en" for c in variation.get("condition") or [])
            assert variation["metadata"]["language"] == ("en" if english else "sv"), name
        sv_slots, en_slots = ({frozenset(re.findall(r"{(\w+)}", v["text"]))
                               for v in variations if v["metadata"]["language"] == lang} for lang in ("sv", "en"))
        assert sv_slots == en_slots, f"{name}: the two languages are filled from different values"


def test_no_brochure_figure_is_written_in_the_domain(domain):
    texts = " ".join(v["text"] for variations in domain["responses"].values() for v in variations)
    for figure in ("250", "6 398", "6,398", "70 000", "345", "2005", "2013", "0470", "jbmarks", "icld.se"):
        assert figure not in texts, figure
