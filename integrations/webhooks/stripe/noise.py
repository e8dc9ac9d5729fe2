"""What Stripe sends that is left out on purpose, by family, with the reason a reader sees.

A webhook endpoint chooses its events in the Dashboard; these are the ones
people tick with "select all" that say nothing a channel needs. Anything
neither handled nor listed here is refused as unsupported, naming it.
"""

from __future__ import annotations

from integrations.webhooks.stripe.declaration import integration

integration.ignores(
    "balance.available",
    "cash_balance.funds_available",
    reason="Your balance moves with every payment; payouts say when money leaves it.",
)
integration.ignores(
    "payment_method.attached",
    "payment_method.detached",
    "payment_method.updated",
    "payment_method.automatically_updated",
    "setup_intent.created",
    "setup_intent.succeeded",
    "setup_intent.setup_failed",
    "setup_intent.canceled",
    "setup_intent.requires_action",
    "mandate.updated",
    reason="Payment details saved for later and their mandates: how a customer will pay, not a"
    " payment; the payments themselves are posted.",
)
integration.ignores(
    "product.created",
    "product.updated",
    "product.deleted",
    "price.created",
    "price.updated",
    "price.deleted",
    "plan.created",
    "plan.updated",
    "plan.deleted",
    "coupon.created",
    "coupon.updated",
    "coupon.deleted",
    "promotion_code.created",
    "promotion_code.updated",
    "tax_rate.created",
    "tax_rate.updated",
    "payment_link.created",
    "payment_link.updated",
    reason="The catalogue (products, prices, plans, coupons, promotion codes, tax rates,"
    " payment links): set up by your own team in the Dashboard.",
)
integration.ignores(
    "subscription_schedule.created",
    "subscription_schedule.updated",
    "subscription_schedule.released",
    "subscription_schedule.canceled",
    "subscription_schedule.completed",
    "subscription_schedule.aborted",
    "subscription_schedule.expiring",
    reason="Planned changes to subscriptions: the subscription's own events tell each change"
    " when it happens.",
)
integration.ignores(
    "credit_note.created",
    "credit_note.updated",
    "credit_note.voided",
    "invoice_payment.paid",
    "invoice.payment_attempt_required",
    reason="Credit notes, the payments recorded against an invoice, and the call to take one by"
    " a payment method of your own: the invoice's own events say what is due and when it is"
    " paid.",
)
integration.ignores(
    "entitlements.active_entitlement_summary.updated",
    "billing.meter.created",
    "billing.meter.updated",
    "billing.meter.deactivated",
    "billing.meter.reactivated",
    "billing.credit_grant.created",
    "billing.credit_grant.updated",
    "billing.credit_balance_transaction.created",
    "customer_cash_balance_transaction.created",
    reason="What a subscription gives access to, usage meters and credit balances: bookkeeping"
    " your application reads; the subscriptions and invoices behind them are posted.",
)
integration.ignores(
    "application_fee.created",
    "application_fee.refunded",
    "application_fee.refund.updated",
    reason="A Connect platform's fees on its connected accounts' charges: bookkeeping of the"
    " charges, which are posted.",
)
integration.ignores(
    "radar.early_fraud_warning.created",
    "radar.early_fraud_warning.updated",
    "review.opened",
    "review.closed",
    reason="Radar's fraud warnings and reviews are worked on in Radar; a dispute that follows"
    " is posted.",
)
integration.ignores(
    "file.created",
    "reporting.report_run.succeeded",
    "reporting.report_run.failed",
    "reporting.report_type.updated",
    "sigma.scheduled_query_run.created",
    reason="Files and reports made for your account: downloads, not events of your business.",
)
integration.ignores(
    "billing_portal.configuration.created",
    "billing_portal.configuration.updated",
    "billing_portal.session.created",
    "test_helpers.test_clock.created",
    "test_helpers.test_clock.advancing",
    "test_helpers.test_clock.ready",
    "test_helpers.test_clock.deleted",
    "test_helpers.test_clock.internal_failure",
    reason="The customer portal's settings and visits, and the test clocks that move time in"
    " test mode.",
)
integration.ignores(
    "source.canceled",
    "source.chargeable",
    "source.failed",
    "source.mandate_notification",
    "source.refund_attributes_required",
    "source.transaction.created",
    "source.transaction.updated",
    reason="Sources, Stripe's older way to save payment details: the charges made from them"
    " are posted.",
)
