"""Facts a reader can audit: every claim about a product rests on the vendor's own source.

The bundled facts (gateway_roi/facts/*.yaml) are checked claim by claim; the cost model's use of
them (plans, unverified claims, the cheapest capable plan) and a team's own facts file are
checked the way a user meets them: through the scenario, the options and the commands.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.errors import InvalidScenarioError
from gateway_roi.files.facts import load_facts_file
from gateway_roi.files.loading import load_scenario_text
from gateway_roi.model.cost_lines import OptionCosts
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.facts import CAPABILITIES, FactBook, Product, Source, bundled_facts
from gateway_roi.model.inputs import resolve_inputs
from gateway_roi.model.products import offers
from gateway_roi.model.verdict import infeasible_reasons

runner = CliRunner()
BOOK = bundled_facts()


# --- the bundled facts ----------------------------------------------------------------------


@pytest.mark.parametrize("row", BOOK.rows(), ids=lambda r: f"{r.product}/{r.plan}/{r.key}")
def test_every_shipped_claim_has_a_primary_source_a_date_and_a_passage(row: object) -> None:
    """A verified claim cites the vendor's own page, the date read and the passage; any other
    claim says why no vendor source backs it."""
    from gateway_roi.model.facts import ClaimRow

    assert isinstance(row, ClaimRow)
    if row.verified:
        product = BOOK.products[row.product]
        assert any(d.casefold() in row.source_url.casefold() for d in product.domains)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.read)
        assert row.passage.strip()
    else:
        assert row.unverified.strip()


def test_summaries_and_aggregators_are_refused_as_sources() -> None:
    """A copy of a pricing page on an aggregator is no source for a claim about the vendor."""
    with pytest.raises(ValueError, match="aggregator"):
        Source(url="https://github.com/api-evangelist/portkey/blob/main/pricing.yml",
               read="2026-12-06")


def test_a_source_off_the_vendors_own_hosts_is_refused() -> None:
    data = {"id": "acme", "name": "Acme", "kind": "saas", "domains": ["acme.example"],
            "sources": {"blog": {"url": "https://someblog.example/acme-pricing",
                                 "read": "2026-12-06"}},
            "plans": {"pro": {"name": "Acme Pro"}}}
    with pytest.raises(ValueError, match="not on the vendor's own hosts"):
        Product.model_validate(data)


def test_every_capability_key_a_claim_names_is_known() -> None:
    for product in BOOK.products.values():
        for plan in product.plans.values():
            assert set(plan.capabilities) <= set(CAPABILITIES)


def test_litellm_routes_by_region_through_its_open_source_tag_routing() -> None:
    """Its region routing is deprecated in favour of tag routing, which needs no licence."""
    (community,) = (o for o in offers(BOOK, "open_source")
                    if o.product == "litellm" and o.edition == "free")
    assert "region" in community.routing
    claim = community.fact("capabilities.routing.region")
    assert claim is not None and claim.verified


def test_truefoundry_pro_reaches_no_private_network_and_has_no_data_contract() -> None:
    """TrueFoundry's own deployment page puts the gateway in your network on Enterprise."""
    (pro,) = (o for o in offers(BOOK, "saas") if o.key == "truefoundry/pro")
    assert "private_endpoints" not in pro.offers
    assert "data_contract" not in pro.offers


# --- the cost model reads the facts ---------------------------------------------------------


def _options(text: str) -> dict[str, object]:
    return compute_costs(resolve_inputs(load_scenario_text(text)))  # type: ignore[return-value]


def test_an_unverified_capability_counts_as_not_met_and_the_option_says_so() -> None:
    """Portkey's own pages disagree on files on Production: required, it counts as missing."""
    options = compute_costs(resolve_inputs(load_scenario_text(
        "needs: {governance: {audit_trail: required}, native_apis: {files: required}}\n"
        "buy: {vendor: portkey, plan: production}\n")))
    buy = options["buy"]
    line = next(ln for ln in buy.lines if ln.id == "bypass")
    assert "files" in line.note and "Portkey Production" in line.note


def test_an_unverified_governance_claim_makes_the_plan_infeasible_with_that_reason() -> None:
    unverified = [(o, k) for o in offers(BOOK, "saas") for k in o.unverified
                  if "." not in k and k not in ("private_endpoints", "data_contract")]
    assert unverified, "the bundled facts hold at least one unverified governance claim"
    offer, need = unverified[0]
    options = compute_costs(resolve_inputs(load_scenario_text(
        f"needs: {{governance: {{{need}: required}}}}\n"
        f"buy: {{vendor: {offer.product}, plan: {offer.plan}}}\n")))
    buy = options["buy"]
    assert need in buy.gaps and need in buy.unverified
    words = " ".join(p.text() for p in infeasible_reasons(buy))
    assert "unverified" in words


def test_every_fee_a_schedule_names_is_charged() -> None:
    """A plan with a per-model fee charges it (5 included, then a fee per model)."""
    with_model_fee = [o for o in offers(BOOK, "saas") if o.per_model is not None]
    for offer in with_model_fee:
        options = compute_costs(resolve_inputs(load_scenario_text(
            f"buy: {{vendor: {offer.product}, plan: {offer.plan}}}\n"
            "providers: {in_use: [{name: a}, {name: b}, {name: c}, {name: d}]}\n"
            "assumptions: {models_per_provider: 3}\n")))
        fee, included = offer.per_model
        line = next(ln for ln in options["buy"].lines if ln.id == "fees_models")
        assert line.monthly[0] == pytest.approx(fee * max(12 - included, 0))


# Requirements a scenario can put on a SaaS gateway, drawn at random below.
_NEEDS = ("cost_attribution", "audit_trail", "rate_limits", "key_management", "access_control")
_ROUTING = ("user_tier", "region", "cost_budget", "business_context")


@settings(max_examples=25, deadline=None)
@given(needs=st.sets(st.sampled_from(_NEEDS), max_size=3),
       routing=st.sets(st.sampled_from(_ROUTING), max_size=2),
       requests=st.sampled_from([5_000, 80_000, 900_000, 4_000_000, 30_000_000]),
       vendor_contract=st.booleans())
def test_auto_picks_the_cheapest_capable_plan_by_total_cost(
        needs: set[str], routing: set[str], requests: int, vendor_contract: bool) -> None:
    """`buy.vendor: auto` costs no more than any plan that meets everything, chosen by hand."""
    governance = ", ".join(f"{n}: required" for n in sorted(needs))
    routes = ", ".join(f"{r}: required" for r in sorted(routing))
    base = (f"organisation: {{monthly_requests: {requests}}}\n"
            f"needs: {{governance: {{{governance}}}, routing: {{{routes}}}"
            + (", compliance_level: vendor_contract" if vendor_contract else "") + "}\n")
    auto = compute_costs(resolve_inputs(load_scenario_text(base)))["buy"]
    capable = []
    for offer in offers(BOOK, "saas"):
        chosen = compute_costs(resolve_inputs(load_scenario_text(
            base + f"buy: {{vendor: {offer.product}, plan: {offer.plan}}}\n")))["buy"]
        if chosen.feasible:
            capable.append(chosen)
    if capable:
        assert auto.feasible
        assert auto.total <= min(o.total for o in capable) + 1e-6


def _buy(text: str, facts: FactBook | None = None) -> OptionCosts:
    book = facts if facts is not None else BOOK
    scenario = load_scenario_text(text, facts=book)
    return compute_costs(resolve_inputs(scenario, facts=book))["buy"]


# Cloudflare Workers Free ingests 0.5 GB of logs a day, no overage: about 15 GB a month, which
# 10M requests a month at the default 1.5 KB a request already pass.
_AUDITED = "needs: {governance: {audit_trail: required}}\norganisation: {monthly_requests: %d}\n"


def test_a_plan_whose_log_cap_is_below_the_log_volume_cannot_keep_the_audit_trail() -> None:
    free = BOOK.products["cloudflare"].plans["workers_free"]
    assert free.limits.log_ingest_per_day_gb is not None
    assert free.capabilities["audit_trail"].value is True  # stated, yet capped
    # Below the cap the free plan keeps the trail and, costing nothing, is the one auto picks.
    small = _buy(_AUDITED % 1_000_000)
    assert (small.product, small.plan) == ("cloudflare", "workers_free")
    # Beyond it, auto picks among the plans that keep every log.
    large = _buy(_AUDITED % 30_000_000)
    assert large.feasible
    assert (large.product, large.plan) != ("cloudflare", "workers_free")
    # Chosen by hand, the free plan shows the gap and says why, with the cap it read.
    chosen = _buy(_AUDITED % 30_000_000 + "buy: {vendor: cloudflare, plan: workers_free}\n")
    assert not chosen.feasible
    assert chosen.gaps == ("audit_trail",)
    reasons = " ".join(r.text() for r in infeasible_reasons(chosen))
    assert "log cap" in reasons and "15.2 GB" in reasons
    assert any(f.key == "limits.log_ingest_per_day_gb"
               for f in chosen.facts)


def test_a_log_cap_takes_away_only_the_needs_that_rest_on_logs() -> None:
    # Cost attribution is metered apart from the logs (Cloudflare's AI Spend): the free plan
    # still meets it at any volume.
    text = ("needs: {governance: {cost_attribution: required}}\n"
            "organisation: {monthly_requests: 30000000}\n"
            "buy: {vendor: cloudflare, plan: workers_free}\n")
    assert _buy(text).feasible


def test_a_monthly_log_cap_in_a_facts_file_applies_too(tmp_path: Path) -> None:
    facts = tmp_path / "caps.yaml"
    facts.write_text(QUOTE.replace("base_fee: {value: 1800", "log_retention_days: {value: 30")
                     .replace("enterprise:", "production:") + (
        "        limits:\n          log_ingest_per_month_gb: {value: 2, source: our_quote, "
        "passage: \"2 GB of logs a month\"}\n"))
    book = load_facts_file(facts)
    text = (_AUDITED % 3_000_000) + "buy: {vendor: portkey, plan: production}\n"
    assert _buy(text).feasible
    capped = _buy(text, book)
    assert capped.gaps == ("audit_trail",)
    # A larger log volume per request (the scenario's own figure) counts.
    assert _buy((_AUDITED % 1_000_000) + "assumptions: {log_kb_per_request: 0.5}\n"
                "buy: {vendor: portkey, plan: production}\n", book).feasible
    assert not _buy((_AUDITED % 1_000_000) + "assumptions: {log_kb_per_request: 5}\n"
                    "buy: {vendor: portkey, plan: production}\n", book).feasible


def test_a_vendor_the_facts_do_not_know_is_refused_at_its_line() -> None:
    with pytest.raises(InvalidScenarioError) as caught:
        load_scenario_text("name: x\nbuy:\n  vendor: acme\n", "team.yaml")
    (problem,) = caught.value.problems
    assert (problem.source, problem.line, problem.field) == ("team.yaml", 3, "buy.vendor")
    assert "portkey" in problem.message


def test_a_plan_the_vendor_does_not_have_is_refused() -> None:
    with pytest.raises(InvalidScenarioError) as caught:
        load_scenario_text("buy:\n  vendor: portkey\n  plan: gold\n", "team.yaml")
    (problem,) = caught.value.problems
    assert problem.field == "buy.plan" and problem.line == 3
    assert "production" in problem.message


# --- a team's own facts ---------------------------------------------------------------------

QUOTE = """\
# The quote Portkey's sales team sent us.
products:
  - id: portkey
    sources:
      our_quote:
        url: "Portkey quote Q-1234 (email from sales)"
        kind: quote
        read: "2026-11-20"
    plans:
      enterprise:
        price:
          base_fee: {value: 1800, source: our_quote, passage: "USD 1,800 per month, annual"}
"""


def test_a_quote_in_a_facts_file_replaces_the_estimate_and_is_marked(tmp_path: Path) -> None:
    facts = tmp_path / "our-facts.yaml"
    facts.write_text(QUOTE)
    book = load_facts_file(facts)
    scenario = load_scenario_text("buy: {vendor: portkey, plan: enterprise}\n", facts=book)
    buy = compute_costs(resolve_inputs(scenario, facts=book))["buy"]
    fees = next(ln for ln in buy.lines if ln.id == "fees")
    assert fees.monthly[0] == pytest.approx(1800)
    used = next(f for f in buy.facts if f.key == "price.base_fee")
    assert used.origin.endswith("our-facts.yaml") and used.read == "2026-11-20"
    assert not buy.quote_needed


def test_a_facts_file_marks_only_the_claims_it_states(tmp_path: Path) -> None:
    """A file that restates one price of a bundled plan leaves the plan's other claims bundled,
    in the facts listing, in evaluate's facts_used and in the record's Flags column."""
    facts = tmp_path / "our-facts.yaml"
    facts.write_text(QUOTE)
    listing = runner.invoke(app, ["facts", "--facts", str(facts), "--vendor", "portkey",
                                  "--plan", "enterprise", "--format", "csv"])
    import csv
    import io

    rows = {r["claim"]: r["origin"] for r in csv.DictReader(io.StringIO(listing.stdout))}
    assert rows["price.base_fee"].endswith("our-facts.yaml")
    assert {k for k, v in rows.items() if v != "bundled"} == {"price.base_fee"}
    text = runner.invoke(app, ["facts", "--facts", str(facts), "--vendor", "portkey",
                               "--plan", "enterprise"]).stdout
    assert "portkey/enterprise\n" in text  # the heading does not claim the whole plan
    assert text.count("(from ") == 1

    scenario = tmp_path / "team.yaml"
    scenario.write_text("name: Team\nneeds: {governance: {access_control: required}}\n"
                        "buy: {vendor: portkey, plan: enterprise}\n")
    doc = json.loads(runner.invoke(app, ["evaluate", str(scenario), "--facts", str(facts),
                                         "--format", "json", "--draws", "0"]).stdout)
    used = {f["claim"]: f["origin"] for f in doc["scenarios"][0]["facts_used"]
            if f["option"] == "buy"}
    assert used["price.base_fee"].endswith("our-facts.yaml")
    assert used["capabilities.access_control"] == "bundled"
    record = runner.invoke(app, ["report", str(scenario), "--facts", str(facts), "--draws", "0",
                                 "-o", "-"]).stdout
    flagged = [ln for ln in record.splitlines() if ln.startswith("| portkey/enterprise")
               and "from " in ln]
    assert len(flagged) == 1 and "`price.base_fee`" in flagged[0]


def test_a_facts_file_round_trips_through_the_facts_command(tmp_path: Path) -> None:
    facts = tmp_path / "our-facts.yaml"
    facts.write_text(QUOTE)
    result = runner.invoke(app, ["facts", "--facts", str(facts), "--vendor", "portkey",
                                 "--plan", "enterprise", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    (fee,) = (f for f in doc["facts"] if f["claim"] == "price.base_fee")
    assert fee["value"] == 1800 and fee["read"] == "2026-11-20"
    assert fee["origin"].endswith("our-facts.yaml") and fee["verified"]


@pytest.mark.parametrize(("text", "line", "field", "words"), [
    (QUOTE.replace("passage: \"USD 1,800 per month, annual\"", "note: x"), 12,
     "products.0.plans.enterprise.price.base_fee", "passage"),
    (QUOTE.replace("base_fee:", "base_fees:"), 12, "products.0.plans.enterprise.price.base_fees",
     "unknown field"),
    (QUOTE.replace('read: "2026-11-20"', 'read: "20 Nov 2026"'), 8,
     "products.0.sources.our_quote.read", "YYYY-MM-DD"),
    ("products:\n  - id: acme\n    name: Acme\n", 2, "products.0", "required"),
    # A source no entry of the file (or the bundled product) names: at the `source:` line.
    (QUOTE.replace("base_fee: {value: 1800, source: our_quote, passage: \"USD 1,800 per month, "
                   "annual\"}", "base_fee:\n            value: 1800\n            source: "
                   "our_qoute\n            passage: USD 1,800"), 14,
     "products.0.plans.enterprise.price.base_fee.source", "our_quote"),
    # A source off the vendor's own hosts: at that source.
    (QUOTE.replace('"Portkey quote Q-1234 (email from sales)"', "https://blog.example/portkey")
     .replace("kind: quote", "kind: pricing"), 5, "products.0.sources.our_quote",
     "not on the vendor's own hosts"),
    # Negative money and volumes are refused, at the value.
    (QUOTE.replace("value: 1800", "value: -5"), 12,
     "products.0.plans.enterprise.price.base_fee.value", "negative"),
    (QUOTE + "        limits:\n          log_ingest_per_day_gb: {value: -0.5, source: our_quote, "
     "passage: x}\n", 14, "products.0.plans.enterprise.limits.log_ingest_per_day_gb.value",
     "negative"),
    (QUOTE.replace("base_fee: {value: 1800", "usage: {value: [{up_to: 10, rate: -1}]"), 12,
     "products.0.plans.enterprise.price.usage.value", "negative"),
    # A fee so large that its sum over the horizon is infinite (no output could print it).
    (QUOTE.replace("value: 1800", "value: 1e307"), 12,
     "products.0.plans.enterprise.price.base_fee.value", "is more than 1e+13"),
    (QUOTE.replace("base_fee: {value: 1800", "usage: {value: [{up_to: null, rate: 1e308}]"), 12,
     "products.0.plans.enterprise.price.usage.value", "is more than 1e+13"),
    (QUOTE.replace("base_fee: {value: 1800", "per_model: {value: {fee: 1e308, included: 0}"), 12,
     "products.0.plans.enterprise.price.per_model.value", "is more than 1e+13"),
])
def test_a_bad_facts_file_fails_at_file_and_line(tmp_path: Path, text: str, line: int,
                                                 field: str, words: str) -> None:
    facts = tmp_path / "bad.yaml"
    facts.write_text(text)
    result = runner.invoke(app, ["evaluate", "--examples", "--draws", "0", "--facts", str(facts)])
    assert result.exit_code == 1
    assert f"bad.yaml:{line}: {field}" in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr


# --- gateway-roi facts ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
def test_facts_lists_claims_in_every_format(fmt: str) -> None:
    result = runner.invoke(app, ["facts", "--vendor", "litellm", "--format", fmt,
                                 "--as-of", "2027-01-01"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "litellm" in out and "routing.region" in out
    if fmt == "json":
        doc = json.loads(out)
        assert doc["as_of"] == "2027-01-01"
        assert all(f["vendor"] == "litellm" for f in doc["facts"])
        verified = [f for f in doc["facts"] if f["verified"]]
        assert verified and all(f["age_days"] == (dt.date(2027, 1, 1)
                                                  - dt.date.fromisoformat(f["read"])).days
                                for f in verified)
    if fmt == "csv":
        assert out.splitlines()[0].startswith("vendor,plan,claim,value,verified,source")
    if fmt == "markdown":
        assert "| Claim | Value | Status | Read | Source |" in out


def test_facts_filters_by_need() -> None:
    result = runner.invoke(app, ["facts", "--need", "access_control", "--format", "json"])
    doc = json.loads(result.stdout)
    assert doc["facts"] and {f["claim"] for f in doc["facts"]} == {"capabilities.access_control"}


def test_stale_after_exits_4_when_a_fact_a_scenario_uses_is_old(tmp_path: Path) -> None:
    """For CI: fresh facts pass, facts read long before --as-of fail with exit 4."""
    scenario = tmp_path / "team.yaml"
    scenario.write_text("name: Team\nneeds: {governance: {audit_trail: required}}\n")
    fresh = runner.invoke(app, ["facts", str(scenario), "--stale-after", "6m",
                                "--as-of", "2026-12-06"])
    assert fresh.exit_code == 0, fresh.output
    stale = runner.invoke(app, ["facts", str(scenario), "--stale-after", "6m",
                                "--as-of", "2028-01-01"])
    assert stale.exit_code == 4
    assert "read more than 180 days ago" in stale.stderr
    listing = runner.invoke(app, ["facts", "--stale-after", "6m", "--as-of", "2028-01-01"])
    assert listing.exit_code == 0  # without scenarios it only flags
    assert "STALE" in listing.stdout


@pytest.mark.parametrize("args", [["--stale-after", "six months"], ["--as-of", "tomorrow"],
                                  ["--vendor", "acme"]])
def test_facts_usage_errors_exit_2(args: list[str]) -> None:
    result = runner.invoke(app, ["facts", *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("args", "allowed"), [
    # A typo of a need id: the need ids of the registry are named.
    (["--need", "access-control"], ["access_control", "audit_trail", "routing.region"]),
    # A plan no product has: every plan is named.
    (["--plan", "nosuch"], ["production", "workers_free", "community"]),
    # A plan the chosen vendor does not have: that vendor's plans are named.
    (["--vendor", "helicone", "--plan", "production"], ["hobby", "pro", "team", "enterprise"]),
])
def test_an_unknown_need_or_plan_exits_2_naming_what_is_allowed(args: list[str],
                                                                allowed: list[str]) -> None:
    result = runner.invoke(app, ["facts", *args])
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing listed, rather than an empty list that looks right
    assert args[-1] in result.stderr
    assert all(a in result.stderr for a in allowed)
    if "--vendor" in args:
        assert "production" not in result.stderr.split(":", 2)[-1]


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
def test_a_plan_priced_by_our_estimate_shows_it_in_every_format(fmt: str) -> None:
    estimate = BOOK.products["portkey"].plans["enterprise"].price.quote
    assert estimate is not None
    result = runner.invoke(app, ["facts", "--vendor", "portkey", "--plan", "enterprise",
                                 "--format", fmt, "--as-of", "2027-01-01"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "json":
        (quote,) = (f for f in json.loads(out)["facts"] if f["claim"] == "price.quote")
        assert quote["value"] == {"low": estimate.low, "likely": estimate.likely,
                                  "high": estimate.high}
        assert quote["estimate"] and not quote["verified"]
        assert "quote needed" in quote["unverified"]
        return
    assert "price.quote" in out
    assert f"{estimate.likely:,.0f} ({estimate.low:,.0f} to {estimate.high:,.0f})" in out
    if fmt == "csv":
        (row,) = (r for r in out.splitlines() if ",price.quote," in r)
        assert row.endswith(",true")  # the estimate column
        assert "EST, quote needed" in row
    else:
        assert "EST, QUOTE NEEDED" in out
    # A plan with a published price lists no estimate.
    production = runner.invoke(app, ["facts", "--vendor", "portkey", "--plan", "production",
                                      "--format", fmt])
    assert "price.quote" not in production.stdout


def test_a_quote_in_a_facts_file_takes_the_estimate_off_the_listing(tmp_path: Path) -> None:
    facts = tmp_path / "our-facts.yaml"
    facts.write_text(QUOTE)
    result = runner.invoke(app, ["facts", "--facts", str(facts), "--vendor", "portkey",
                                 "--plan", "enterprise"])
    assert "1,800" in result.stdout and "price.quote" not in result.stdout


def test_evaluate_json_names_the_facts_the_verdict_used() -> None:
    result = runner.invoke(app, ["evaluate", "--examples", "--format", "json", "--draws", "0",
                                 "--no-tripwires"])
    first = json.loads(result.stdout.splitlines()[0]) if result.stdout.startswith("{\"") \
        else json.loads(result.stdout)
    scenarios = first["scenarios"] if "scenarios" in first else [first]
    used = scenarios[0]["facts_used"]
    assert used and all({"vendor", "plan", "claim", "read", "verified"} <= set(f) for f in used)


def test_an_empty_facts_file_is_not_called_a_scenario(tmp_path: Path) -> None:
    """The file's own problem, in words about it: a facts file is no scenario."""
    facts = tmp_path / "empty.yaml"
    facts.write_text("# nothing yet\n")
    result = runner.invoke(app, ["evaluate", "--examples", "--draws", "0", "--facts", str(facts)])
    assert result.exit_code == 1
    assert "empty.yaml: the file is empty: it needs at least one field" in result.stderr
    assert "scenario" not in result.stderr
