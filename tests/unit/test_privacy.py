"""bot.privacy.redact: personal data out, ordinary words, years and small numbers kept."""
import pytest

from bot.privacy import redact

PERSONNUMMER = [
    "850709-9805",        # YYMMDD-XXXX
    "8507099805",         # YYMMDDXXXX
    "19850709-9805",      # YYYYMMDD-XXXX
    "198507099805",       # YYYYMMDDXXXX
    "121212+1212",        # over 100 years old: + instead of -
    "20051231-1234",      # born this century, check digit not verified
    "850769-1234",        # samordningsnummer: day + 60
    "850709 9805",        # typed with a space
    "050315-1234",        # born 2005, starts with 0 but has the separator
]


@pytest.mark.parametrize("number", PERSONNUMMER)
def test_personnummer(number):
    assert redact(f"Mitt personnummer är {number}, kan ni hjälpa mig?") == \
        "Mitt personnummer är [personnummer], kan ni hjälpa mig?"


@pytest.mark.parametrize("number", PERSONNUMMER)
def test_personnummer_alone_and_at_the_ends(number):
    assert redact(number) == "[personnummer]"
    assert redact(f"pnr:{number}") == "pnr:[personnummer]"
    assert redact(f"({number})") == "([personnummer])"


def test_a_ten_digit_number_starting_with_0_is_a_personnummer_only_if_the_check_digit_fits():
    assert redact("0501019806") == "[personnummer]"     # valid check digit, born 2005
    assert redact("0501019805") == "[telefon]"          # wrong check digit: dialled as a number
    assert redact("ring 0701234567") == "ring [telefon]"  # no valid check digit: a mobile number


PHONES = [
    "070-123 45 67", "070 123 45 67", "0701234567", "070-1234567", "0470-41 00 00", "0470-410 00",
    "08-123 456 78", "(0470) 410 00", "+46 70 123 45 67", "+46701234567", "+46 (0)70-123 45 67",
    "0046 70 123 45 67", "+44 20 7946 0958", "+1 (555) 123-4567", "+383 44 123 456",
]


@pytest.mark.parametrize("number", PHONES)
def test_phone_numbers(number):
    assert redact(f"Ring mig på {number} i morgon") == "Ring mig på [telefon] i morgon"


@pytest.mark.parametrize("number", PHONES)
def test_phone_number_at_the_end_of_a_sentence(number):
    assert redact(f"call me at {number}.") == "call me at [telefon]."


EMAILS = [
    "anna.andersson@vaxjo.se", "Anna.Andersson@Example.COM", "åsa.öberg@växjö.se",
    "first+tag@sub.domain.co.uk", "x_y-z@a-b.org", "user123@mail2.example.net",
]


@pytest.mark.parametrize("address", EMAILS)
def test_email_addresses(address):
    assert redact(f"skriv till {address}, tack") == "skriv till [e-post], tack"
    assert redact(f"<{address}>") == "<[e-post]>"


@pytest.mark.parametrize("text, expected", [
    ("mitt kundnummer är 12345678", "mitt kundnummer är [nummer]"),
    ("ärende 9876543210123", "ärende [nummer]"),
    ("kort 4111111111111111 gick inte", "kort [nummer] gick inte"),
    ("kod 123456789012", "kod [nummer]"),           # 12 digits but no date: a long number
])
def test_long_digit_strings(text, expected):
    assert redact(text) == expected


KEPT = [
    "Vilka projekt genomfördes 2019?",
    "Vad gjorde projektet mellan 2018 och 2021?",
    "projektet pågick 2018-2021",
    "projektet pågick 2018–2021",
    "berätta om mål 7",
    "vad är SEKOS 2 och MIS 2?",
    "How does the project support goal 4 of Agenda 2030?",
    "JB Marks har ungefär 250 000 invånare",
    "Vushtrri är 345 km² stort",
    "det kostade 1 500 000 kronor",
    "möte den 2019-10-05 klockan 13:30",
    "the 3rd project, number 12",
    "version 1.2.3 och 0,5 procent",
    "1234567",                     # seven digits: not long
    "vi var 12 elever och 3 lärare 2017",
    "",
]


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_text_years_and_small_numbers_are_kept(text):
    assert redact(text) == text


def test_several_kinds_in_one_message():
    text = ("Hej, jag heter Anna (19850709-9805), nås på anna@example.se eller 070-123 45 67 "
            "och har ärendenummer 2023456789. Gäller SEKOS 2 från 2019.")
    assert redact(text) == ("Hej, jag heter Anna ([personnummer]), nås på [e-post] eller [telefon] "
                            "och har ärendenummer [nummer]. Gäller SEKOS 2 från 2019.")


def test_no_digits_of_the_personal_data_survive():
    text = "pnr 850709-9805 tel +46 70 123 45 67 mail a.b@c.se id 99999999"
    redacted = redact(text)
    for fragment in ("850709", "9805", "123 45 67", "a.b@c.se", "99999999"):
        assert fragment not in redacted


def test_idempotent_and_pure():
    text = "ring 070-123 45 67 eller mejla x@y.se, pnr 850709-9805"
    once = redact(text)
    assert redact(once) == once
    assert text == "ring 070-123 45 67 eller mejla x@y.se, pnr 850709-9805"


def test_none_and_empty():
    assert redact("") == ""
    assert redact(None) == ""
