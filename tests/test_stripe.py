"""Focused tests of the Stripe integration: what the page's examples do not show.

Amounts in every kind of currency (the ``money`` module), the
``Stripe-Signature`` check with several signatures and old or future
timestamps, the event id as the delivery id, Zulip's topics for each
fixture, test mode, objects of connected accounts, each API version's shape
of the same field, every handled type on an empty object, the
``hide_personal_data`` option over every example, and a property test that
names and descriptions never mention anyone.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import re
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.core import Unauthorized, UnsupportedEvent
from integrations.core.signatures import TimestampedSignature
from integrations.testing.webhooks import WebhookHarness, assert_inert
from integrations.webhooks.stripe.money import decimal_text, exponent, money
from tests.doc_examples import all_examples
from tests.strategies import markdown_fragments

STRIPE = WebhookHarness("stripe")
SECRET = "whsec_test_s3cret"


def event(kind: str, obj: dict[str, Any], **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "evt_1PTxTestLkdIwHu7ix",
        "object": "event",
        "livemode": True,
        "type": kind,
        "data": {"object": obj},
    }
    body.update(extra)
    return body


def post(body: Any, **options: Any) -> Any:
    return STRIPE.post(None, body, **options)


# Money -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (1000, "usd", "$10.00"),
        (5, "usd", "$0.05"),
        (123456789, "eur", "€1,234,567.89"),
        (500, "jpy", "¥500"),
        (500, "JPY", "¥500"),
        (1000000, "krw", "₩1,000,000"),
        (2500, "xof", "2,500 XOF"),
        (300, "ugx", "300 UGX"),
        (5120, "kwd", "5.120 KWD"),
        (1, "bhd", "0.001 BHD"),
        (12340, "tnd", "12.340 TND"),
        (50000, "isk", "500 ISK"),
        (50050, "isk", "500.50 ISK"),
        (12345, "huf", "123.45 HUF"),
        (9900, "twd", "NT$99.00"),
        (-1500, "gbp", "-£15.00"),
        (-1, "kwd", "-0.001 KWD"),
        (100, "aud", "A$1.00"),
        (100, "cad", "CA$1.00"),
        (100, "chf", "1.00 CHF"),
        (100, "", "1.00"),
    ],
)
def test_amounts_are_written_in_their_currencys_units(
    amount: int, currency: str, shown: str
) -> None:
    assert money(amount, currency) == shown


def test_every_currency_stripe_lists_as_zero_or_three_decimal() -> None:
    zero = ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga"]
    zero += ["pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"]
    three = ["bhd", "jod", "kwd", "omr", "tnd"]
    assert all(exponent(code) == 0 for code in zero)
    assert all(exponent(code) == 3 for code in three)
    assert all(exponent(code) == 2 for code in ("usd", "eur", "isk", "huf", "twd", "inr"))
    assert decimal_text(0, "kwd") == "0.000"


@settings(max_examples=300, deadline=None)
@given(amount=st.integers(min_value=-(10**15), max_value=10**15))
def test_an_amount_reads_back_as_the_same_number(amount: int) -> None:
    for currency in ("usd", "jpy", "kwd"):
        digits = decimal_text(amount, currency).replace(",", "").replace(".", "")
        assert int(digits) == amount


# Signature ---------------------------------------------------------------------


def stripe_header(body: bytes, timestamp: int, *secrets: str) -> str:
    signatures = [
        hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        for secret in secrets
    ]
    return ",".join([f"t={timestamp}", *(f"v1={value}" for value in signatures)])


BODY = STRIPE.fixture_bytes("charge_dispute_created.json")


def signed(header: str) -> Any:
    return post(BODY, headers={"Stripe-Signature": header}, secret=SECRET)


def test_the_declared_check_is_stripes_timestamped_signature() -> None:
    signature = STRIPE.integration.signature
    assert isinstance(signature, TimestampedSignature)
    assert (signature.header, signature.scheme, signature.tolerance) == (
        "Stripe-Signature",
        "v1",
        300,
    )


def test_a_signature_computed_as_stripe_documents_it_is_accepted() -> None:
    assert signed(stripe_header(BODY, int(time.time()), SECRET)) is not None


def test_one_matching_v1_among_several_is_enough() -> None:
    now = int(time.time())
    rolled = stripe_header(BODY, now, "whsec_old", SECRET)
    assert signed(rolled + ",v0=" + "0" * 64) is not None
    with pytest.raises(Unauthorized, match="does not match"):
        signed(stripe_header(BODY, now, "whsec_old", "whsec_other"))


def test_an_old_or_future_timestamp_is_refused_even_with_a_right_signature() -> None:
    now = int(time.time())
    assert signed(stripe_header(BODY, now - 290, SECRET)) is not None
    with pytest.raises(Unauthorized, match=r"signed \d+ s ago; more than 300 s is refused"):
        signed(stripe_header(BODY, now - 400, SECRET))
    with pytest.raises(Unauthorized, match=r"s ahead"):
        signed(stripe_header(BODY, now + 400, SECRET))


def test_a_signature_of_another_body_or_time_is_refused() -> None:
    now = int(time.time())
    other = stripe_header(BODY + b" ", now, SECRET)
    with pytest.raises(Unauthorized):
        signed(other)
    moved = re.sub(r"t=\d+", f"t={now - 1}", stripe_header(BODY, now, SECRET))
    with pytest.raises(Unauthorized):
        signed(moved)


# Delivery id, topics, test mode ---------------------------------------------------


def test_the_event_id_names_the_delivery() -> None:
    processed = STRIPE.process(None, STRIPE.fixture_bytes("charge_succeeded__card.json"))
    assert processed.delivery_id == "evt_1DbqCuDEQaroqDjsojJSNhmh"


# The topics Zulip's Stripe integration gives these fixtures (its tests).
ZULIP_TOPICS = {
    "charge_dispute_closed.json": "disputes",
    "charge_dispute_created.json": "disputes",
    "charge_failed.json": "charges",
    "charge_succeeded__card.json": "cus_00000000000000",
    "charge_succeeded__invoice.json": "cus_00000000000000",
    "customer_created.json": "cus_00000000000000",
    "customer_created_email.json": "cus_00000000000000",
    "customer_deleted.json": "cus_00000000000000",
    "customer_subscription_created.json": "cus_00000000000000",
    "customer_subscription_created_no_nickname.json": "cus_00000000000000",
    "customer_subscription_deleted.json": "cus_00000000000000",
    "customer_subscription_updated.json": "cus_00000000000000",
    "customer_subscription_trial_will_end.json": "cus_00000000000000",
    "customer_updated__account_balance.json": "cus_00000000000000",
    "customer_discount_created.json": "cus_00000000000000",
    "invoice_payment_failed.json": "cus_00000000000000",
    "invoice_created.json": "cus_HH97asvHvaYQYp",
    "invoiceitem_created.json": "cus_00000000000000",
    "invoice_updated__paid.json": "cus_FDmrSwQt9Fck5M",
    "refund_event.json": "refunds",
    "pseudo_refund_event.json": "refunds",
}


@pytest.mark.parametrize(("fixture", "topic"), sorted(ZULIP_TOPICS.items()))
def test_topics_are_zulips_so_threads_carry_over(fixture: str, topic: str) -> None:
    message = post(STRIPE.fixture_bytes(fixture))
    assert message.topic == topic


def test_test_mode_is_marked_and_linked_to_the_test_dashboard() -> None:
    charge = {"id": "ch_1", "object": "charge", "amount": 100, "currency": "usd"}
    live = post(event("charge.succeeded", charge)).content
    test = post(event("charge.succeeded", charge, livemode=False)).content
    assert live.startswith(
        "**Charge succeeded**: $1.00 · [ch_1](https://dashboard.stripe.com/payments/ch_1)"
    )
    assert test.startswith(
        "**Charge succeeded** (test mode): $1.00"
        " · [ch_1](https://dashboard.stripe.com/test/payments/ch_1)"
    )


def test_objects_of_a_connected_account_are_named_not_linked() -> None:
    charge = {"id": "ch_1", "object": "charge", "amount": 100, "currency": "usd"}
    content = post(event("charge.succeeded", charge, account="acct_9")).content
    assert "`ch_1`" in content
    assert "dashboard.stripe.com" not in content


def test_an_odd_id_is_shown_not_put_into_an_address() -> None:
    charge = {"id": "ch_1)](javascript:x", "object": "charge", "amount": 100, "currency": "usd"}
    content = post(event("charge.succeeded", charge)).content
    assert "javascript:x)" not in content
    assert_inert(content)


# Versions ----------------------------------------------------------------------


def test_a_customers_balance_under_either_name() -> None:
    old = event(
        "customer.updated",
        {"id": "cus_1", "object": "customer", "account_balance": 250, "currency": "usd"},
    )
    old["data"]["previous_attributes"] = {"account_balance": 0}
    new = copy.deepcopy(old)
    new["data"]["object"]["balance"] = new["data"]["object"].pop("account_balance")
    new["data"]["previous_attributes"] = {"balance": 0}
    assert "Account balance: $0.00 → $2.50" in post(old).content
    assert "Balance: $0.00 → $2.50" in post(new).content


def test_an_expanded_customer_object_still_gives_the_topic() -> None:
    charge = {"id": "ch_1", "object": "charge", "customer": {"id": "cus_9", "object": "customer"}}
    assert post(event("charge.succeeded", charge)).topic == "cus_9"


def test_a_subscription_of_a_plan_and_of_items_read_alike() -> None:
    plan = {
        "id": "gold",
        "object": "plan",
        "nickname": "Gold",
        "amount": 2000,
        "currency": "eur",
        "interval": "month",
    }
    old = {
        "id": "sub_1",
        "object": "subscription",
        "customer": "cus_1",
        "plan": plan,
        "quantity": 2,
    }
    price = {
        "id": "price_1",
        "object": "price",
        "nickname": "Gold",
        "unit_amount": 2000,
        "currency": "eur",
        "recurring": {"interval": "month", "interval_count": 1},
    }
    new = {
        "id": "sub_1",
        "object": "subscription",
        "customer": "cus_1",
        "items": {"data": [{"price": price, "quantity": 2}]},
    }
    for shape in (old, new):
        content = post(event("customer.subscription.created", shape)).content
        assert "€20.00 per month each · quantity 2" in content


def test_an_interval_of_several_months() -> None:
    price = {
        "id": "price_1",
        "object": "price",
        "unit_amount": 9000,
        "currency": "eur",
        "recurring": {"interval": "month", "interval_count": 3},
    }
    subscription = {"id": "sub_1", "object": "subscription", "items": {"data": [{"price": price}]}}
    assert (
        "€90.00 every 3 months"
        in post(event("customer.subscription.created", subscription)).content
    )


def test_an_invoice_names_its_subscription_in_either_place() -> None:
    old = {"id": "in_1", "object": "invoice", "subscription": "sub_1"}
    new = {
        "id": "in_1",
        "object": "invoice",
        "parent": {"subscription_details": {"subscription": "sub_1"}},
    }
    for shape in (old, new):
        assert "Subscription [sub_1]" in post(event("invoice.finalized", shape)).content


def test_a_charge_paid_from_an_old_source_or_todays_details() -> None:
    old = {
        "id": "ch_1",
        "object": "charge",
        "source": {"object": "card", "brand": "Visa", "funding": "credit"},
    }
    new = {
        "id": "ch_1",
        "object": "charge",
        "payment_method_details": {"type": "card", "card": {"brand": "visa", "funding": "credit"}},
    }
    bank = {"id": "ch_1", "object": "charge", "payment_method_details": {"type": "us_bank_account"}}
    for shape in (old, new):
        assert "Visa credit card" in post(event("charge.succeeded", shape)).content
    assert "ACH Direct Debit" in post(event("charge.succeeded", bank)).content
    # A bank account saved before payment methods is a source of its own kind, with no type.
    legacy_bank = {"id": "ch_1", "object": "charge", "source": {"object": "bank_account"}}
    assert "bank account" in post(event("charge.succeeded", legacy_bank)).content


# Every handled type, on an object of nothing -------------------------------------


def handled_types() -> list[str]:
    return sorted(event for event, _ in STRIPE.integration.routes.handled())


@pytest.mark.parametrize("kind", handled_types())
def test_every_handled_type_reads_an_object_with_nothing_in_it(kind: str) -> None:
    """Any field may be missing or null in some version: the message is shorter, not an error."""
    for obj in ({}, {"id": None, "customer": None, "amount": None, "currency": None}):
        message = post(event(kind, obj))
        if message is not None:
            assert message.content.startswith("**")
            assert message.topic


def test_an_unknown_type_is_refused_naming_it() -> None:
    with pytest.raises(UnsupportedEvent, match=r"issuing_card\.created"):
        post(event("issuing_card.created", {}))


def test_an_update_that_changed_only_bookkeeping_posts_nothing() -> None:
    body = event("customer.updated", {"id": "cus_1", "object": "customer"})
    body["data"]["previous_attributes"] = {"default_source": "card_1", "delinquent": True}
    assert post(body) is None


def test_a_long_list_of_changes_is_cut() -> None:
    fields = {f"field_{n:02d}": n for n in range(15)}
    body = event("account.updated", {"id": "acct_1", "object": "account", **fields})
    body["data"]["previous_attributes"] = dict.fromkeys(fields)
    content = post(body).content
    assert content.count("\n* ") == 11
    assert content.endswith("* and 5 more")


# Personal data -----------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PEOPLE = ["Grace Hopper", "Ada Lovelace", "Marie Curie", "Zenitsu Agatsuma", "**name**"]


@pytest.mark.parametrize(
    "example",
    [item for item in all_examples() if item.integration == "stripe"],
    ids=lambda item: item.id,
)
def test_hide_personal_data_leaves_out_every_address_and_name(example: Any) -> None:
    body = json.loads(example.body.text)
    if example.expected.__class__.__name__ in ("ExpectError", "ExpectUnsupported"):
        return  # the page's bad requests
    message = post(body, query={"hide_personal_data": "true"})
    if message is None:
        return
    content = message.content
    assert not _EMAIL.search(content), content
    assert not any(name in content for name in PEOPLE), content
    assert "“Signed up" not in content
    assert "account_id" not in content


# Untrusted text ----------------------------------------------------------------

text = markdown_fragments()


@settings(max_examples=200, deadline=None)
@given(name=text, description=text, reason=text, currency=text)
def test_names_descriptions_and_reasons_are_inert(
    name: str, description: str, reason: str, currency: str
) -> None:
    charge = {
        "id": "ch_1",
        "object": "charge",
        "amount": 100,
        "currency": currency,
        "customer": "cus_1",
        "description": description,
        "billing_details": {"name": name, "email": name},
        "failure_message": reason,
        "failure_code": reason,
        "payment_method_details": {"type": reason},
    }
    customer = {
        "id": "cus_1",
        "object": "customer",
        "name": name,
        "email": description,
        "description": description,
        "metadata": {name or "k": description},
    }
    account = event(
        "account.updated",
        {"id": "acct_1", "business_profile": {"name": name}, "statement_descriptor": description},
    )
    account["data"]["previous_attributes"] = {"statement_descriptor": reason}
    dispute = {"id": "du_1", "reason": reason, "status": reason, "amount": 5, "currency": currency}
    for body in (
        event("charge.failed", charge),
        event("customer.created", customer),
        event("charge.dispute.created", dispute),
        account,
    ):
        message = post(body)
        if message is not None:
            assert_inert(message.content)


@pytest.mark.parametrize(
    "kind",
    [
        "entitlements.active_entitlement_summary.updated",
        "billing.meter.created",
        "customer_cash_balance_transaction.created",
        "invoice.payment_attempt_required",
    ],
)
def test_bookkeeping_of_billing_features_posts_nothing(kind: str) -> None:
    # Sent to endpoints that subscribe to every event; the subscription's and invoice's own
    # events carry what a channel needs.
    assert STRIPE.post(None, event(kind, {"id": "x_1", "customer": "cus_QKx7TnR2vWbL4e"})) is None


def test_a_refund_is_partial_only_when_the_charge_says_so() -> None:
    # Senders that trim the charge (or old versions) leave out how much was refunded.
    untold = event("charge.refunded", {"id": "ch_1", "amount": 2500, "currency": "usd"})
    assert post(untold).content.startswith("**Charge refunded**: $25.00")
    part = {"id": "ch_1", "amount": 2500, "amount_refunded": 500, "currency": "usd"}
    assert post(event("charge.refunded", part)).content.startswith("**Charge partly refunded**")
    whole = {**part, "amount_refunded": 2500, "refunded": True}
    assert post(event("charge.refunded", whole)).content.startswith("**Charge refunded**")


def test_a_renewal_before_2025_posts_nothing_either() -> None:
    # Before the 2025-03-31 version the period was the subscription's own.
    body = event(
        "customer.subscription.updated",
        {
            "id": "sub_1",
            "object": "subscription",
            "customer": "cus_1",
            "current_period_start": 1721492000,
            "current_period_end": 1724170400,
            "status": "active",
        },
    )
    body["data"]["previous_attributes"] = {
        "current_period_start": 1718900000,
        "current_period_end": 1721492000,
        "latest_invoice": "in_1",
    }
    assert post(body) is None


def test_a_new_price_in_the_same_item_is_a_plan_change() -> None:
    def item(price: str) -> dict[str, Any]:
        return {"id": "si_1", "price": {"id": price, "object": "price"}, "quantity": 1}

    body = event(
        "customer.subscription.updated",
        {
            "id": "sub_1",
            "object": "subscription",
            "customer": "cus_1",
            "items": {"data": [item("price_pro")]},
        },
    )
    body["data"]["previous_attributes"] = {"items": {"data": [item("price_basic")]}}
    assert "Plan [price_pro]" in post(body).content


def test_a_subscription_of_two_items_names_the_first_and_counts_the_other() -> None:
    message = post(STRIPE.fixture("customer_subscription_created__two_items.json"))
    assert message.topic == "cus_IhGfebO16cMIGN"
    assert message.content.splitlines()[1] == (
        "Plan [price_1IDQm5LkdIwHu7ixFree]"
        "(https://dashboard.stripe.com/test/prices/price_1IDQm5LkdIwHu7ixFree)"
        " · $0.00 per month · and 1 more item"
    )
    body = STRIPE.fixture("customer_subscription_created__two_items.json")
    items = body["data"]["object"]["items"]["data"]
    items.append(copy.deepcopy(items[1]))
    assert post(body).content.splitlines()[1].endswith(" · and 2 more items")


def test_a_billing_alert_is_named_by_its_id_without_personal_data() -> None:
    body = STRIPE.fixture("billing_alert_triggered.json")
    shown = post(body).content
    hidden = post(body, query={"hide_personal_data": "true"}).content
    assert "API requests over 10,000" in shown
    assert hidden.splitlines()[0] == (
        "**Billing alert triggered** (test mode): `alrt_test_61RVxzUP1mDFqyvo41LkdIwHu7ixA4Ey`"
    )
    assert hidden.splitlines()[1] == shown.splitlines()[1]


def test_thin_events_carry_no_snapshot_and_need_none() -> None:
    ping = STRIPE.fixture("v2_core_event_destination_ping.json")
    assert ping["data"] is None
    assert post(ping).topic == "event destinations"
    meter = STRIPE.fixture("v1_billing_meter_error_report_triggered.json")
    del meter["related_object"]
    assert post(meter).content == "**Meter usage rejected** (test mode)"
    meter["data"] = {"reason": {"error_count": 1}}
    assert post(meter).content == "**Meter usage rejected** (test mode)\n1 error"


@pytest.mark.parametrize(
    ("fixture", "facts"),
    [
        # Before 2015 a charge's card was its ``card``, its brand the card's ``type``.
        ("charge_succeeded__2014_card.json", "Visa card · **Ada Lovelace** · “Pro plan, June”"),
        # A source of the Sources API keeps the card under its type, the name under its owner.
        ("charge_succeeded__source_card.json", "Visa debit card · **Grace Hopper**"),
    ],
)
def test_older_charges_say_how_and_by_whom_they_were_paid(fixture: str, facts: str) -> None:
    assert post(STRIPE.fixture(fixture)).content.splitlines()[1] == facts
