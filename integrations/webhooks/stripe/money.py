"""Amounts of money as Stripe sends them (integers in minor units) written as people read them.

Stripe gives every amount in the currency's smallest unit: cents for USD
(``1000`` is $10.00), but whole yen for JPY (``500`` is ¥500), and
thousandths for the three-decimal dinars (``5120`` KWD is 5.120 KWD).
Which currencies are which comes from Stripe's list of supported currencies
(docs.stripe.com/currencies): its zero-decimal and three-decimal lists, and
its special cases, ISK, HUF and TWD, which the API keeps as two-decimal for
backwards compatibility. ISK amounts are whole krónur since 2023, so they
are shown without decimals when they have none.

An amount reads with the currency's symbol where the symbol is unambiguous
(``$10.00`` is US dollars, ``A$10.00`` Australian ones, ``€``, ``£``,
``¥``...), and with its ISO code after it otherwise (``5.120 KWD``).
"""

from __future__ import annotations

# Stripe's zero-decimal currencies: the amount is in whole units.
ZERO_DECIMAL = frozenset(
    {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga"}
    | {"pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"}
)
# Stripe's three-decimal currencies: the amount is in thousandths.
THREE_DECIMAL = frozenset({"bhd", "jod", "kwd", "omr", "tnd"})
# Two-decimal in the API, but charged in whole units only: shown whole when whole.
WHOLE_WHEN_ROUND = frozenset({"isk"})

# Symbols that name one currency unambiguously (Unicode CLDR's English ones).
SYMBOLS = {
    "usd": "$",
    "eur": "€",
    "gbp": "£",
    "jpy": "¥",
    "aud": "A$",
    "cad": "CA$",
    "nzd": "NZ$",
    "hkd": "HK$",
    "mxn": "MX$",
    "brl": "R$",
    "cny": "CN¥",
    "inr": "₹",
    "krw": "₩",
    "ils": "₪",
    "vnd": "₫",
    "twd": "NT$",
    "php": "₱",
}


def exponent(currency: str) -> int:
    """How many decimal places Stripe's integer amounts have in ``currency``."""
    code = currency.lower()
    if code in ZERO_DECIMAL:
        return 0
    if code in THREE_DECIMAL:
        return 3
    return 2


def decimal_text(amount: int, currency: str) -> str:
    """``amount`` minor units as a decimal number with thousands separators: ``1,234.50``."""
    places = exponent(currency)
    whole, fraction = divmod(abs(amount), 10**places)
    if currency.lower() in WHOLE_WHEN_ROUND and fraction == 0:
        places = 0
    text = f"{whole:,}" + (f".{fraction:0{places}d}" if places else "")
    return f"-{text}" if amount < 0 else text


def money(amount: int, currency: str) -> str:
    """The amount as a reader writes it: ``$10.00``, ``¥500``, ``5.120 KWD``, ``-€3.00``.

    A currency Stripe does not name (an empty or odd code) is shown by its
    code as given, in upper case; it is taken as two-decimal, as most are.
    """
    code = currency.strip().lower()
    number = decimal_text(amount, code)
    symbol = SYMBOLS.get(code)
    if symbol is None:
        return f"{number} {code.upper()}".strip() if code else number
    sign, digits = ("-", number[1:]) if number.startswith("-") else ("", number)
    return f"{sign}{symbol}{digits}"
