"""Short names of the cost model's inputs, in English and Chinese, for sentences and labels.

Ids (``engineer_hour_cost``) stay in JSON, CSV and the record's tables of formulas, where a
reader looks a figure up; wherever a person reads a sentence, a chart label or a tripwire, the
input is named in words. An input without an entry here reads as its id with spaces.
"""

from __future__ import annotations

from collections.abc import Mapping

from gateway_roi.needs import NEEDS

__all__ = ["INPUT_WORDS", "input_words"]

INPUT_WORDS: Mapping[str, tuple[str, str]] = {
    "services": ("services calling AI", "调用 AI 的服务数"),
    "engineers_building_with_ai": ("engineers building with AI", "使用 AI 开发的工程师数"),
    "services_added_per_year": ("services added a year", "每年新增服务数"),
    "monthly_requests": ("requests a month", "每月请求数"),
    "monthly_provider_spend": ("monthly spend with providers", "每月服务商支出"),
    "traffic_growth_per_year": ("traffic growth a year", "年流量增长"),
    "new_providers_per_year": ("new providers a year", "每年新增服务商数"),
    "new_models_per_year": ("new models a year", "每年新增模型数"),
    "services_missing_fallback": ("services without fallback", "缺少降级逻辑的服务数"),
    "discount_rate": ("discount rate", "折现率"),
    "downtime_cost_per_hour": ("downtime cost per hour", "每小时停机成本"),
    "buy_quote": ("vendor's quote", "供应商报价"),
    "self_host_licence": ("open-source gateway's licence", "开源网关许可费"),
    "engineer_hour_cost": ("engineer hour cost", "工程师小时成本"),
    "platform_hour_cost": ("platform engineer hour cost", "平台工程师小时成本"),
    "oncall_stipend_per_week": ("on-call pay a week", "每周值班补贴"),
    "oncall_rotation_size": ("people in a 24x7 rotation", "7×24 值班所需人数"),
    "oncall_readiness_hours_per_person_month": ("rotation readiness hours", "值班准备工时"),
    "readiness_hours": ("production readiness hours", "上线准备工时"),
    "existing_rotation_added_hours_per_month": ("hours the gateway adds to a rotation",
                                                "网关给现有值班增加的工时"),
    "secondary_oncall_share": ("secondary on-call share", "二线值班占比"),
    "gateway_incidents_per_year": ("gateway incidents a year", "每年网关事故数"),
    "incident_hours": ("hours per incident", "每起事故工时"),
    "key_rotations_per_year": ("key rotations a year", "每年密钥轮换次数"),
    "hours_per_rotation": ("hours per key rotation", "每次密钥轮换工时"),
    "extra_key_minutes": ("minutes per further key", "每多一个密钥的分钟数"),
    "sdk_upkeep_hours_per_provider_year": ("SDK upkeep hours", "SDK 维护工时"),
    "onboarding_hours_per_service": ("onboarding hours per service", "每个服务的接入工时"),
    "non_compatible_factor": ("non-OpenAI-compatible multiplier", "非 OpenAI 兼容倍数"),
    "new_provider_non_compatible_share": ("new providers not OpenAI-compatible",
                                          "不兼容 OpenAI 的新服务商占比"),
    "models_per_provider": ("models per provider", "每家服务商的模型数"),
    "model_switch_hours_per_service": ("model switch hours per service", "每个服务切换模型工时"),
    "adoption_share": ("services adopting a new model", "采用新模型的服务占比"),
    "fallback_hours_per_service": ("fallback hours per service", "每个服务的降级逻辑工时"),
    "monitoring_setup_hours_per_service": ("monitoring setup hours per service",
                                           "每个服务的监控搭建工时"),
    "monitoring_upkeep_hours_per_service_month": ("monitoring upkeep hours per service",
                                                  "每个服务的监控维护工时"),
    "automate_build_hours": ("hours to build the automation", "搭建自动化的工时"),
    "automate_upkeep_hours_per_month": ("automation upkeep hours a month", "每月自动化维护工时"),
    "library_upkeep_hours_per_provider_month": ("client library upkeep per provider",
                                                "每家服务商的客户端库维护工时"),
    "library_releases_per_year": ("client library releases a year", "每年客户端库发布次数"),
    "library_rollout_hours_per_service": ("library rollout hours per service",
                                          "每个服务升级客户端库的工时"),
    "library_lag_blocked_share": ("models the client library lags on", "客户端库滞后的模型占比"),
    "library_bypass_share": ("services bypassing the client library", "绕过客户端库的服务占比"),
    "automate_adoption_hours_per_service": ("hours to move a service onto the library",
                                            "每个服务迁到客户端库的工时"),
    "secret_rotation_minutes_per_key": ("minutes per key rotation with hot reload",
                                        "热加载下每次轮换密钥的分钟数"),
    "secret_manager_cost_per_secret_month": ("secret manager fee per secret", "每个密钥的托管费"),
    "library_adapter_hours": ("hours per provider adapter", "每个服务商适配器的工时"),
    "config_hours_per_service": ("configuration hours per service", "每个服务的配置工时"),
    "gateway_integration_hours_per_service": ("hours to put a service behind the gateway",
                                              "每个服务接入网关的工时"),
    "gateway_change_hours": ("hours per gateway change", "每次网关变更工时"),
    "bypass_share": ("services bypassing the gateway", "绕过网关的服务占比"),
    "bypass_upkeep_hours_per_month": ("bypass upkeep hours", "绕行路径维护工时"),
    "lag_blocked_share": ("models the gateway lags on", "网关滞后的模型占比"),
    "lag_workaround_hours": ("hours per lagging model", "每个滞后模型的绕行工时"),
    "latency_loss_per_ms": ("value lost per ms of latency", "每毫秒延迟损失的价值"),
    "interactive_share": ("interactive share of calls", "交互式调用占比"),
    "hosted_gateway_latency_ms": ("hosted gateway latency", "托管网关延迟"),
    "self_hosted_latency_ms": ("self-hosted gateway latency", "自建网关延迟"),
    "provider_availability": ("provider availability", "服务商可用性"),
    "vendor_availability": ("hosted gateway availability", "托管网关可用性"),
    "self_host_availability": ("self-hosted gateway availability", "自建部署网关可用性"),
    "global_incidents_per_year": ("gateway-wide outages a year", "每年网关全局故障数"),
    "global_incident_hours": ("hours per gateway-wide outage", "每次全局故障时长"),
    "downtime_cost_per_service_hour": ("downtime cost per service hour", "每服务小时停机成本"),
    "migration_hours_per_service": ("hours to move a service off a vendor",
                                    "每个服务迁离供应商的工时"),
    "vendor_exit_rate_per_year": ("chance of leaving the vendor a year", "每年更换供应商的概率"),
    "vendor_admin_hours_per_month": ("vendor admin hours a month", "每月供应商管理工时"),
    "compliance_review_hours": ("compliance review hours", "合规审查工时"),
    "redaction_build_hours": ("hours to build redaction", "搭建脱敏的工时"),
    "redaction_upkeep_hours_per_month": ("redaction upkeep hours a month", "每月脱敏维护工时"),
    "redactor_availability": ("redaction service availability", "脱敏服务可用性"),
    "in_house_endpoint_setup_hours": ("setup hours per in-house model", "每个自托管模型的接入工时"),
    "in_house_endpoint_hours_per_month": ("upkeep hours per in-house model",
                                          "每个自托管模型的维护工时"),
    "private_connectivity_setup_hours": ("private link setup hours", "私有链路搭建工时"),
    "private_connectivity_cost_per_month": ("private link cost a month", "每月私有链路费用"),
    "native_api_bypass_share": ("services bypassing for a native API", "因原生 API 绕行的服务占比"),
    "instance_cost_per_month": ("instance cost a month", "每台实例月费"),
    "instance_requests_per_second": ("requests per second per instance", "每台实例每秒请求数"),
    "peak_to_average": ("peak to average traffic", "峰均比"),
    "min_replicas": ("fewest instances", "最少实例数"),
    "database_cost_per_month": ("database cost a month", "每月数据库费用"),
    "log_kb_per_request": ("log size per request", "每个请求的日志大小"),
    "log_retention_months": ("months logs are kept", "日志保留月数"),
    "storage_cost_per_gb_month": ("storage cost per GB", "每 GB 存储费用"),
    "cache_cost_per_month": ("cache cost a month", "每月缓存费用"),
    "self_host_setup_hours": ("hours to deploy the gateway", "部署网关的工时"),
    "monitoring_setup_hours_gateway": ("gateway monitoring setup hours", "网关监控搭建工时"),
    "monitoring_upkeep_hours_gateway": ("gateway monitoring upkeep hours", "网关监控维护工时"),
    "capacity_planning_hours_per_month": ("capacity planning hours a month", "每月容量规划工时"),
    "upgrades_per_year": ("gateway upgrades a year", "每年网关升级次数"),
    "upgrade_hours": ("hours per upgrade", "每次升级工时"),
    "security_hardening_hours": ("security hardening hours", "安全加固工时"),
    "security_upkeep_hours_per_month": ("security upkeep hours a month", "每月安全维护工时"),
    "build_initial_hours": ("hours to build the gateway", "自研网关的工时"),
    "build_feature_hours_per_month": ("feature hours a month", "每月功能开发工时"),
    "build_availability": ("in-house gateway availability", "自研网关可用性"),
    "scale_min_services": ("services threshold for scale", "规模的服务数门槛"),
    "scale_min_monthly_requests": ("requests threshold for scale", "规模的请求数门槛"),
    "build_core_hours": ("hours to build the gateway's core", "自研网关核心的工时"),
    "build_fallback_hours": ("hours to build fallback", "自研降级逻辑的工时"),
    "build_adapter_hours_compatible": ("adapter hours, OpenAI-compatible provider",
                                       "兼容 OpenAI 的服务商适配工时"),
    "build_adapter_hours_native": ("adapter hours, provider with its own API",
                                   "自有 API 服务商的适配工时"),
    "build_native_api_hours": ("hours per native API passed through", "每个原生 API 的透传工时"),
    "build_realtime_hours": ("hours to pass realtime sessions through", "实时会话透传工时"),
    "build_provider_upkeep_hours_compatible": ("adapter upkeep, OpenAI-compatible provider",
                                               "兼容 OpenAI 的服务商适配维护工时"),
    "build_provider_upkeep_hours_native": ("adapter upkeep, provider with its own API",
                                           "自有 API 服务商的适配维护工时"),
    "build_routing_hours_user_tier": ("hours to build routing by user tier", "按用户等级路由的开发工时"),
    "build_routing_hours_region": ("hours to build routing by region", "按地域路由的开发工时"),
    "build_routing_hours_cost_budget": ("hours to build routing by budget", "按成本预算路由的开发工时"),
    "build_routing_hours_business_context": ("hours to build routing by business context",
                                             "按业务上下文路由的开发工时"),
    "beyond_schedule_rate_share": ("rate beyond the published prices", "超出公开价目后的费率比例"),
    "engineers_per_ai_service": ("engineers per AI-calling service", "每个调用 AI 的服务对应的工程师数"),
    # Each governance need: built into a gateway, kept up, or covered by hand (from the registry).
    **{key: words for n in NEEDS for key, words in (
        (f"build_hours_{n.id}", (f"hours to build {n.label_en}", f"自研{n.label_zh}的工时")),
        (f"build_upkeep_{n.id}", (f"upkeep of built {n.label_en}", f"自研{n.label_zh}的维护工时")),
        (f"manual_hours_{n.id}", (f"{n.label_en} by hand, hours per service",
                                  f"手工完成{n.label_zh}的每服务工时")),
    )},
}
"""Input id -> (English, Chinese) short name."""


def input_words(name: str, lang: str = "en") -> str:
    """The input ``name`` in words (a vendor's quote estimate is named as one)."""
    if name in INPUT_WORDS:
        en, zh = INPUT_WORDS[name]
        return zh if lang == "zh" else en
    if name.startswith("quote_"):
        # Which plan: several estimates can be sampled at once (quote_portkey_enterprise).
        plan = name.removeprefix("quote_").replace("_", " ")
        return f"{plan} 报价估计" if lang == "zh" else f"{plan} quote estimate"
    return name.replace("_", " ")


_SHARES = ("fraction", "share", "probability")
_BARE = {"services", "people", "instances", "months", "models per provider"}
_EN_RATES = (("/yr", " a year"), ("/month", " a month"), ("/week", " a week"),
             ("/s", " a second"))


def quantity(value: float, unit: str, currency: str = "", lang: str = "en", *,
             bare_counts: bool = True) -> str:
    """A value with its unit as a reader writes it: ``99.9%``, ``250 CNY/h``, ``4 services a year``.

    Fractions, shares and probabilities read as percentages; a count whose name says what it
    counts keeps no unit (unless ``bare_counts`` is false); rates read as words in English (``a year``), and in Chinese take the
    unit table of :func:`gateway_roi.words.i18n.translate_unit`.
    """
    from gateway_roi.words.i18n import format_number, translate_unit

    if unit.startswith(_SHARES):
        per_year = unit.endswith("/yr")
        text = f"{float(f'{value * 100:.4g}'):g}%"
        if per_year:
            return text + ("/年" if lang == "zh" else " a year")
        # "share of services" says what the share is of: keep it in words.
        if unit.startswith("share of "):
            if lang == "zh":
                return f"{text}（{translate_unit(unit, currency, 'zh')}）"
            return f"{text} of {unit.removeprefix('share of ')}"
        return text
    number = format_number(value)
    if unit == "x":
        return f"{number} 倍" if lang == "zh" else f"{number}×"
    if not unit or (bare_counts and unit in _BARE):
        return number
    if lang == "zh":
        return f"{number} {translate_unit(unit, currency, 'zh')}"
    words = unit
    for short, long in _EN_RATES:
        if words.endswith(short) and not words.startswith(currency or "\0"):
            words = words[: -len(short)] + long
    return f"{number} {words}"
