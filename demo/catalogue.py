"""Demo data: sites, trade accounts, people and parts to draw orders from."""

SEED_DEALER = ("20/90074", "Autotalo Helsinki", "Helsinki", "FI",
               "Europe/Helsinki")
DEMO_DEALERS = [
    SEED_DEALER,
    ("20/90075", "Autotalo Tampere", "Tampere", "FI", "Europe/Helsinki"),
]
OTHER_DEALER = ("30/10021", "Bilhuset Stockholm", "Stockholm", "SE",
                "Europe/Stockholm")

SEED_CUSTOMER = "JG IMT 1"
TRADE_ACCOUNTS = {
    "20/90074": [SEED_CUSTOMER, "Korjaamo Virtanen Oy", "Kallion Autohuolto",
                 "Espoon Korikorjaamo", "Vantaan Autokeskus",
                 "Itäkeskuksen Rengas ja Huolto"],
    "20/90075": ["Hervannan Autokorjaamo", "Pirkan Kori Oy",
                 "Tammelan Huolto", "Lielahden Autopalvelu"],
    "30/10021": ["Söders Bilverkstad AB", "Kungsholmens Plåt & Lack",
                 "Bromma Motor"],
}
FIRST_NAMES = ["Matti", "Anna", "Juha", "Laura", "Mikko", "Sari", "Timo",
               "Elina", "Pekka", "Johanna", "Erik", "Karin"]
LAST_NAMES = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen",
              "Laine", "Heikkinen", "Koskinen", "Lindqvist", "Andersson"]
TRADE_ROLES = ["workshop_manager", "body_shop_manager", "parts_buyer",
               "service_advisor", "technician", "owner"]

PARTS = [
    ("04E115561H", "Öljynsuodatin", 1290),
    ("5Q0698151B", "Jarrupalasarja, etu", 7450),
    ("1K0615301AA", "Jarrulevy, etu", 8990),
    ("03C109119F", "Jakohihnasarja", 21900),
    ("6R0853651A", "Maskin ritilä", 12480),
    ("5G0807221", "Etupuskuri, maalaamaton", 31500),
    ("1K0955425A", "Tuulilasinpyyhkijän sulka", 2390),
    ("GL52557A2", "Moottoriöljy 5W-30, 1 l", 1590),
    ("5Q0129620B", "Ilmansuodatin", 2150),
    ("5Q0819653", "Raitisilmasuodatin", 2690),
    ("3C0941753", "Ajovalon polttimo H7", 990),
    ("1K0407151AC", "Tukivarsi, vasen", 9840),
    ("7N0121253", "Jäähdyttimen letku", 4320),
    ("5K0945095N", "Takavalo, oikea", 15690),
    ("06H905601A", "Sytytystulppa", 1380),
]

# The seed's twelve orders, exactly: code, PO number, status, total (cents).
SEED_ORDERS = [
    ("190114-204115761", "12361236", "new", 114323),
    ("190107-212557821", "12351235", "new", 107500),
    ("190107-211921457", "82348234", "new", 70838),
    ("190107-043937592", "42344234", "new", 109289),
    ("190107-043535603", "32343234", "new", 80065),
    ("190107-043205264", "22342234", "new", 23367),
    ("190107-212307351", "92349234", "in_progress", 126405),
    ("190107-044444649", "52345234", "in_progress", 83586),
    ("190107-02544749", "12341234", "in_progress", 78938),
    ("190115-004956296", "11223344", "complete", 53924),
    ("190107-210914717", "72347234", "complete", 29307),
    ("190107-210114497", "62346234", "cancelled", 0),
]
