"""Chinese forms of the prose in cost formulas, formula notes, fee labels and sources. Pure.

The cost model and the defaults write these in English, with figures inside ("3 provider keys
x 4 environments", "2 instances at the start, 3 at the end"), so they are translated phrase by
phrase: :data:`_ZH_PHRASES` maps each English phrase (a regular expression when it carries a
figure) to its Chinese form. Identifiers (``engineer_hour_cost``), issue numbers, product
names and the titles of cited works stay as they are. :func:`english_left` finds any English
sentence a translation missed (the tests run it on every bundled record).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gateway_roi.needs import NEEDS
from gateway_roi.words.i18n import Lang
from gateway_roi.words.zh import ZH

__all__ = ["english_left", "translate_note"]

# Longest and most specific first: a later phrase never sees text an earlier one replaced.
_ZH_PHRASES: Sequence[tuple[str, str]] = (
    # A whole source first: its parts (EST, USD per million) are translated below.
    (r"EST: gateway-roi's own estimate, no published figure: graduated schedules fall with "
     r"volume \(Helicone Pro halves its rate at each tier: "
     r"700, 350, 175, 87\.5, 43\.75 USD per million, packages/pricing/tiers\.ts\); beyond the "
     r"last published tier the price is quoted, so between one more such step down \(0\.5\) "
     r"and the last published rate \(1\.0, the likely value: the fee charged without a quote\)",
     "估计：gateway-roi 自己的估计，没有公开数据：阶梯价格随用量下降（Helicone Pro 每一档费率减半："
     "每百万次 700、350、175、87.5、43.75 美元，packages/pricing/tiers.ts）；超出最后一档公开价格后需询价，因此介于再降一档（0.5）"
     "与最后一档公开费率（1.0，最可能值：没有报价时收取的费用）之间"),
    # cost-line labels the Chinese label table does not hold (yet)
    (r"^24x7 on-call: the existing rotation takes the gateway$", "7×24 值班：由现有值班接手网关"),
    (r"^Added latency on every interactive call$", "每次交互调用增加的延迟"),
    (r"^Bad upgrades and config pushes: every service down at once$",
     "升级失败和配置推送出错：所有服务同时中断"),
    (r"^Direct paths around the library for provider-specific features$",
     "为服务商特有功能绕过共享库的直连路径"),
    (r"^Lag before new models/providers work through the library$",
     "新模型/新服务商经由共享库可用前的滞后"),
    (r"^Maintaining the library and scripts, one adapter per provider$",
     "维护共享库和脚本，每家服务商一个适配器"),
    (r"^Onboarding new providers and models in each service$", "每个服务各自接入新服务商和新模型"),
    (r"^One SDK per provider kept current in each service$", "每个服务各自维护每家服务商的 SDK"),
    (r"^Production readiness before the rotation takes it$", "值班接手前的生产就绪工作"),
    (r"^Request logs kept in the database$", "保存在数据库中的请求日志"),
    (r"^Rolling each library release out to every service$", "把共享库的每次发布推到所有服务"),
    (r"^Move each service behind the gateway: each new service$",
     "把每个服务接到网关后面：每个新增服务"),
    (r"^Move each service onto the shared library: each new service$",
     "把每个服务迁到共享库：每个新增服务"),
    (r"^Build the in-house redaction of personal data$", "自建个人数据脱敏"),
    (r"^Run and keep the redaction step right$", "运行并维护脱敏环节"),
    (r"^Expected downtime of the redactor \(every call that leaves\)$",
     "脱敏服务的预期停机（所有外发调用）"),
    (r"^Put the in-house models behind the gateway$", "把自运行的模型接到网关后面"),
    (r"^In-house models' limits retuned as their capacity changes$",
     "自运行模型容量变化时重新调整网关限额"),
    (r"^In-house models' limits retuned, and the private link to them$",
     "重新调整自运行模型的限额，以及通往它们的专线"),
    (r"^models the team runs itself: ", "团队自运行的模型："),
    (r"^serving the models, pages included, costs the same in every option and is not "
     r"compared$", "模型本身的推理服务连同告警在每个方案中成本相同，不参与比较"),
    (r" \(the vendor reaches them over a private link\)", "（供应商经专线访问它们）"),
    (r"(\d+) in-house models x", r"\1 个自运行模型 x"),
    (r"^LiteLLM proxy enterprise licence$", "LiteLLM proxy 企业版许可"),
    (r"^(.+) does not pass through ([\w, ]+): services that need them call the provider "
     r"directly$", r"\1 不透传 \2：需要它们的服务直接调用服务商"),
    (r"^(.+) does not pass through batch: services that need them call the provider directly$",
     r"\1 不透传 batch：需要它的服务直接调用服务商"),
    (r"^compliance level redact_in_house: personal data is redacted before any third party "
     r"sees it$", "合规级别 redact_in_house：个人数据在任何第三方看到之前就已脱敏"),
    (r"（quoted）", "（报价）"),
    # formulas
    (r"provider availability with fallbacks in parallel, averaged over providers",
     "服务商可用性（降级链并联，按服务商平均）"),
    (r"provider availability with fallbacks in parallel, weighted by each provider's share of "
     r"the calls", "服务商可用性（降级链并联，按各服务商承担的调用份额加权）"),
    (r"; the same in every option", "；在每个方案中相同"),
    # what an in-house gateway (or an open-source one that lacks it) is built to do
    (r"^Build the in-house gateway's core$", "自研网关核心"),
    (r"^Build fallback across providers$", "自研跨服务商降级"),
    (r"^Keeping up with new models and provider API changes$", "跟进新模型和服务商 API 的变化"),
    (r"^Keeping what was built working: ", "维护已自研的功能："),
    (r"^New features as needs evolve$", "随需求演进的新功能"),
    (r"^Pass the required native APIs through: ", "透传所需的原生 API："),
    (r"^Add to (.+) ourselves: ", r"团队自己给 \1 补上："),
    (r"^Keeping what we added to (.+) working$", r"维护团队给 \1 补上的功能"),
    *((rf"^{re.escape(n.label_en)} by hand$", f"人工完成：{n.label_zh}") for n in NEEDS),
    (r"^Build (?=\S)", "自研："),
    (r"(\d+) OpenAI-compatible x ", r"\1 个兼容 OpenAI 的服务商 x "),
    (r"(\d+) with their own API x ", r"\1 个自有 API 的服务商 x "),
    (r"\((\d+) APIs x ", r"（\1 个 API x "),
    (r"^no gateway meets it here: exports, reviews and spreadsheets in each service$",
     "这里没有网关满足它：在每个服务里手工导出、审查、做表格"),
    (r": it lacks these, so the team builds them in", "：它缺少这些，由团队自己补上"),
    (r"^data rules: personal data is redacted in-house before any external provider or the "
     r"vendor sees it$", "数据规则：个人数据在任何外部服务商或供应商看到之前先在内部脱敏"),
    (r"^data rules: personal data is redacted in-house before any external provider sees it$",
     "数据规则：个人数据在任何外部服务商看到之前先在内部脱敏"),
    (r"^data rules: personal data is redacted in-house before the vendor sees it$",
     "数据规则：个人数据在供应商看到之前先在内部脱敏"),
    (r"; an outage hits only the services on that provider \(independent failures; the "
     r"library carries the fallback chains\)",
     "；一次故障只影响使用该服务商的服务（故障彼此独立；降级链由共享库承担）"),
    (r"; an outage hits only the services on that provider \(independent failures\)",
     "；一次故障只影响使用该服务商的服务（故障彼此独立）"),
    (r"; an outage hits only the services on that provider \(the gateway carries the "
     r"fallback chains\)",
     "；一次故障只影响使用该服务商的服务（降级链由网关承担）"),
    (r": in series with every provider, one failure takes down every AI feature",
     "：与每家服务商串联，一次故障就让所有 AI 功能中断"),
    (r": every change touches every service at once", "：每次变更同时波及所有服务"),
    (r": in series with every provider, one failure takes down every service's AI features",
     "：与每家服务商串联，一次故障就让所有服务的 AI 功能中断"),
    (r": an outage takes down only the calls on that provider \(failures stay independent; the "
     r"library carries the fallback chains\)",
     "：一次故障只中断经由该服务商的调用（故障彼此独立；降级链由共享库承担）"),
    (r": an outage takes down only the calls on that provider \(failures stay independent\)",
     "：一次故障只中断经由该服务商的调用（故障彼此独立）"),
    (r": an outage takes down only the calls on that provider \(the gateway carries the "
     r"fallback chains\)",
     "：一次故障只中断经由该服务商的调用（降级链由网关承担）"),
    (r" \(the correlated failure a shared gateway adds\)", "（共享网关带来的关联故障）"),
    (r": in series with every call, one more single point of failure",
     "：与每次调用串联，又多一个单点故障"),
    (r" x every service x ", " x 所有服务 x "),
    (r" required native APIs not passed through x ", " 个未透传的硬性原生 API x "),
    (r" \(what the calls are worth at least\)", "（调用的最低价值）"),
    (r" \(SLOs, alerts, runbooks, a drill, the review\)", "（SLO、告警、运行手册、一次演练和评审）"),
    (r" \(monitoring, alerting and hardening included\)", "（含监控、告警和加固）"),
    (r" \(a yearly chance: the longer the horizon, the more it costs\)",
     "（按年计的概率：周期越长，成本越高）"),
    (r"buy\.quote every month \(the fee the team was quoted\)", "每月 buy.quote（团队拿到的报价）"),
    (r" Applied to monthly_requests and monthly_provider_spend as they grow",
     " 按 monthly_requests 和 monthly_provider_spend 的增长计算"),
    (r", when compliance matters", "（仅在有合规需求时）"),
    (r" \(today's services already have theirs\)", "（现有服务已经有了）"),
    (r"services missing fallback now", "目前缺少降级的服务数"),
    (r"each new service", "每个新增服务"),
    (r"services now", "现有服务数"),
    (r"(\d+(?:\.\d+)?) h gateway-side", r"网关侧 \1 小时"),
    (r"non-compatible multiplier", "非兼容接口系数"),
    (r" x share of services down x ", " x 中断服务的占比 x "),
    # Formula words around the identifiers: the input ``services`` and what follows from it.
    (r"(?<![\w`./-])services today x ", "现有服务数 x "),
    (r" x services down x ", " x 中断的服务数 x "),
    (r"new-provider multiplier", "新服务商倍数"),
    (r"(?<![\w`./-])services x ", "服务数 x "),
    (r" x services(?=[ ),;]|$)", " x 服务数"),
    (r"(\d+) further provider keys", r"另外 \1 个服务商密钥"),
    (r"(\d+) provider keys", r"\1 个服务商密钥"),
    (r"(\d+) providers x", r"\1 家服务商 x"),
    (r"(\d+) environments", r"\1 个环境"),
    (r" spread over the horizon", "（在周期内分摊）"),
    (r"/ 730 h / 3600 s", "/ 730 小时 / 3600 秒"),
    (r"730 h/month", "730 小时/月"),
    (r"/ 1M ", "/ 100 万 "),
    # a plan's fees (the facts' price schedule), most specific first
    (r"(\S+) USD a month x \(models in use \((\S+): providers x models_per_provider\) - (\S+) "
     r"included\)", r"每月 \1 美元 x（在用模型数（\2：服务商数 x models_per_provider）- 含 \3 个）"),
    (r"(\S+) USD a month x \((\S+) gateways, one per environment - (\S+) included\)",
     r"每月 \1 美元 x（\2 个网关，每个环境一个 - 含 \3 个）"),
    (r"requests beyond ([\d,]+) at ", r"超过 \1 次的请求按"),
    (r"([\d.,]+) USD per million up to ([\d,]+)", r"每百万次 \1 美元（至 \2 次）"),
    (r"([\d.,]+) USD per million", r"每百万次 \1 美元"),
    (r", then ", "，之后"),
    (r"([\d.]+%) of monthly_provider_spend beyond the first ([\d,]+) requests",
     r"前 \2 次请求之后 monthly_provider_spend 的 \1"),
    (r"([\d.]+%) of monthly_provider_spend", r"monthly_provider_spend 的 \1"),
    (r"^(\S+) USD every month$", r"每月 \1 美元"),
    (r"(\S+) USD a month", r"每月 \1 美元"),
    (r"; applied to monthly_requests and monthly_provider_spend as they grow",
     "；随 monthly_requests 和 monthly_provider_spend 增长计算"),
    (r"^no fee at this volume \(the plan is free\)$", "此用量下不收费（免费方案）"),
    (r"monthly_requests x log_kb_per_request / 1,000,000 KB per GB, priced per GB ingested",
     "monthly_requests x log_kb_per_request / 1,000,000 KB/GB，按每月写入的 GB 计价"),
    (r" and per GB-month kept \((\S+) days\)", r"，并按保留的 GB·月计价（保留 \1 天）"),
    (r" \(each draw its cheapest plan\)", "（每次抽样各取最便宜的方案）"),
    (r"^(.+) fees \(quoted\)$", r"\1 费用（报价）"),
    (r"^(.+) fees \(our estimate\)$", r"\1 费用（我们的估计）"),
    (r"^(.+): fee per model$", r"\1：按模型收费"),
    (r"^(.+): fee per gateway$", r"\1：按网关收费"),
    (r"^(.+): request logs$", r"\1：请求日志"),
    (r"^(.+) fees$", r"\1 费用"),
    (r"^(.+) licence \(quoted\)$", r"\1 许可（报价）"),
    (r"^(.+) licence \(our estimate\)$", r"\1 许可（我们的估计）"),
    (r"^(.+) licence$", r"\1 许可"),
    (r"^(.+): EST, quote needed; the reasoning: ('gateway-roi facts [^']+')",
     r"\1：估计，需要询价；理由见 \2"),
    (r"self_host\.licence every month \(the licence the team was quoted\)",
     "每月 self_host.licence（团队拿到的许可报价）"),
    (r": a current and a cheaper or newer model per provider",
     "：每家服务商一个当前模型，加一个更便宜或更新的模型"),
    # which plan an option priced, and why
    (r"plan '([\w/-]+)' \(", r"方案 '\1'（"),
    (r"edition '([\w/-]+)' \(", r"版本 '\1'（"),
    (r"chosen in the scenario \((buy|self_host)\.plan\)\)", r"由场景的 \1 指定）"),
    (r"chosen product's plans, ", "所选产品的方案中，"),
    (r"cheapest plan that meets every required need and routing\)",
     "满足全部硬性需求和路由、总成本最低的方案）"),
    (r"cheapest plan that meets every required need; none expresses the required routing\)",
     "满足全部硬性需求、总成本最低的方案；没有方案能表达所需路由）"),
    (r"cheapest plan that offers (.+?); none meets every required need\)",
     r"提供\1、总成本最低的方案；没有方案满足全部硬性需求）"),
    (r"cheapest plan; none meets every required need\)", "总成本最低的方案；没有方案满足全部硬性需求）"),
    (r"; its price is replaced by the quote", "；其价格由报价取代"),
    (r"; QUOTE NEEDED: no published price, our estimate until the team is quoted \(set "
     r"(buy\.quote|self_host\.licence)\)",
     r"；需要询价：没有公开价格，在团队拿到报价前用我们的估计（设置 \1）"),
    (r"; price UNVERIFIED: no vendor page backs it \(EST\)", "；价格未核实：没有供应商页面佐证（估计）"),
    # notes
    (r"effective provider availability ([\d.]+%)", r"服务商有效可用性 \1"),
    (r"chosen in the scenario \(buy\.vendor\)\)", "由场景的 buy.vendor 指定）"),
    (r"private endpoints", "私有端点"),
    (r"data contract", "数据协议"),
    (r" \(chosen per draw\)", "（每次抽样分别选择）"),
    (r"; prices from (.+?), as of ([^\s;]+)", r"；价格来源：\1，截至 \2"),
    (r"^(\w+) every month", r"每月 \1"),
    (r"; x ([\d.]+) for (\w+) price levels, the ratio of its region's engineer hour to the US "
     r"one", r"；乘以 \1 换算为 \2 价格水平（该地区工程师小时成本与美国的比值）"),
    (r"EUR region: Germany: software developer salary EUR 57-71k \(kununu; gehalt\.de via "
     r"Statista\) x 1\.22 employer social contributions \((\d+) rates\) / 1,700 productive h "
     r"\(EST: 30 days' leave\); Destatis (\d+) market services EUR 42\.10/h worked brackets it",
     r"欧元区：德国软件开发人员年薪 EUR 57-71k（kununu；gehalt.de via Statista），乘以 1.22 的雇主社保"
     r"缴费（\1 年费率），除以 1,700 个有效工时（估计：30 天假期）；Destatis \2 年市场服务业每工作小时 "
     r"EUR 42.10，与之相符"),
    (r" x ([\d.]+), the US platform-to-developer ratio", r" x \1，即美国平台工程师与开发人员的薪酬比"),
    (r"; volume beyond the published cap, priced at the last published rate \(EST\)",
     "；超出公开上限的用量按最后一档公开费率计价（估计）"),
    (r"(\d+(?:\.\d+)?) ms added per call", r"每次调用增加 \1 毫秒"),
    (r"; QUOTE NEEDED: traffic goes beyond the published prices, so the fee is extrapolated at "
     r"the last published rate \(EST\)",
     "；需要询价：流量超出公开价格范围，费用按最后一档公开费率外推（估计）"),
    (r"; QUOTE NEEDED: traffic goes beyond the published prices, so the fee beyond them is "
     r"extrapolated from the last published rate \(beyond_schedule_rate_share, EST\)",
     "；需要询价：流量超出公开价格范围，超出部分的费用由最后一档公开费率外推"
     "（beyond_schedule_rate_share，估计）"),
    (r"beyond ([\d,]+) requests, beyond_schedule_rate_share x the last published rate "
     r"\(QUOTE NEEDED\)",
     r"超过 \1 次的请求按最后一档公开费率 x beyond_schedule_rate_share 计价（需要询价）"),
    (r"; its published price is replaced by the quote", "；公开价格由报价取代"),
    (r"^open-source gateway: ", "开源网关："),
    (r"(\d+) instances at the start, (\d+) at the end", r"开始时 \1 个实例，结束时 \2 个"),
    (r"no existing 24x7 rotation: sized per SRE practice", "没有现成的 7×24 值班：按 SRE 惯例估算"),
    (r"compliance is not a need: no review", "合规不是需求：无需评审"),
    (r"no fallback chains declared: nothing to write", "没有声明降级链：无需编写"),
    # sources of default figures (titles of cited works stay)
    (r"EST: gateway-roi's own estimate, no published figure",
     "估计：gateway-roi 自己的估计，没有公开数据"),
    (r"; replace with your own figure", "；请换成你们自己的数字"),
    (r": a service is built and kept by a small team; a team of 5 to 8 owns one to three "
     r"services, and not all of it builds the AI part, so 2 to 8 engineers per AI-calling "
     r"service, 4 most likely; the scale threshold of 10 services then reads as about 40 "
     r"engineers building with AI",
     "：一个服务由一个小团队开发和维护；5 到 8 人的团队负责一到三个服务，且并非所有人都开发 AI "
     "部分，因此每个调用 AI 的服务对应 2 到 8 名工程师，最可能为 4 名；规模门槛 10 个服务相当于约 "
     "40 名用 AI 开发的工程师"),
    (r" as a sum of tasks \((\d+-\d+) engineer-weeks\)", r"，按各项任务相加（\1 人周）"),
    (r" as a sum of tasks \(about two days\)", "，按各项任务相加（约两天）"),
    (r" \(about three days with the security review\)", "（含安全评审约三天）"),
    (r"; a change a quarter at most, half a day to a day each \(limits, spill-over, load "
     r"test\), about 2 h a month",
     "；至多每季度一次变更，每次半天到一天（限额、溢出、压测），约每月 2 小时"),
    (r"EST from the AWS Network Load Balancer list price \(us-east-1\): USD 0\.0225 an hour "
     r"plus about one NLCU at USD 0\.006 an hour, x 730 h; the vendor's side of the link is "
     r"the vendor's cost",
     "估计，依据 AWS Network Load Balancer 标价（us-east-1）：每小时 0.0225 美元，另加约一个 NLCU，"
     "每小时 0.006 美元，x 730 小时；链路在供应商一侧的费用由供应商承担"),
    (r"; same as a self-run HA service \(self_host_availability\)",
     "；与自运维的高可用服务相同（self_host_availability）"),
    (r"EST: no published price \('Talk to sales', docs\.litellm\.ai/docs/enterprise, "
     r"(\S+)\); set self_host\.licence to the quote",
     r"估计：没有公开价格（'Talk to sales'，docs.litellm.ai/docs/enterprise，\1）；"
     r"请把报价填入 self_host.licence"),
    (r"required access_control only in the paid tier \(docs\.litellm\.ai proxy/custom_sso, "
     r"(\S+): SSO free up to 5 users, beyond that an enterprise licence; price 'Talk to "
     r"sales'\)",
     r"硬性需求 access_control 只在付费版提供（docs.litellm.ai proxy/custom_sso，\1："
     r"SSO 5 个用户以内免费，超过则需企业版许可；价格 'Talk to sales'）"),
    (r"; QUOTE NEEDED: no published price, EST until the team is quoted \(set "
     r"self_host\.licence\)",
     "；需要询价：没有公开价格，在团队拿到报价前为估计（设置 self_host.licence）"),
    (r"; SRE Workbook \(primary and secondary on-call\)", "；SRE Workbook（主值班和副值班）"),
    (r"; DeepSeek, Bailian and Volcano Ark are OpenAI-compatible, Anthropic's native API is not",
     "；DeepSeek、百炼和火山方舟兼容 OpenAI 接口，Anthropic 原生 API 不兼容"),
    (r"; most models are deprecated within 12-18 months \(opper\.ai\)",
     "；多数模型在 12-18 个月内被弃用（opper.ai）"),
    (r"BLS OEWS May 2024: US software developer median \$133,080/yr \(p25 \$103,050, p75 "
     r"\$169,000\) x 1\.30 employer cost on salary \(BLS ECEC Mar 2026: total / \(wages \+ paid "
     r"leave\)\) / 1,800 productive h/yr",
     "BLS OEWS 2024 年 5 月：美国软件开发人员年薪中位数 $133,080（p25 $103,050，p75 $169,000），"
     "乘以 1.30 的雇主成本系数（BLS ECEC 2026 年 3 月：总成本 / (工资 + 带薪假)），除以每年 1,800 "
     "个有效工时"),
    (r"Loaded platform/SRE engineer \$195k/yr \(BLS pay x employer costs; low \$165k, high "
     r"\$260k\) / 1,800 productive h/yr",
     "平台/SRE 工程师综合成本每年 $195k（BLS 薪酬乘以雇主成本；低 $165k，高 $260k），除以每年 "
     "1,800 个有效工时"),
    (r" \(US SSA POMS 'productive work-year' 1,776\.5 h; '45-week year'\)",
     "（US SSA POMS 'productive work-year' 1,776.5 小时；'45-week year'）"),
    (r"EST as a sum of tasks; Google SRE book ch\. 32 describes the onboarding process but "
     r"publishes no duration",
     "估计，按各项任务相加；Google SRE book 第 32 章描述了接入流程，但没有给出时长"),
    (r"EST from B2B SaaS logo churn: enterprise 3-7%/yr, median 13%/yr \(knowledgelib\.io "
     r"benchmarks 2026-03\); AI-native products churn more",
     "估计，依据 B2B SaaS 客户流失率：企业客户每年 3-7%，中位数每年 13%（knowledgelib.io "
     "benchmarks 2026-03）；AI 原生产品流失更高"),
    (r"EST from litellm #7287 \(upgrade rejected every key\), ",
     "估计，依据 litellm #7287（升级后所有密钥都被拒绝）、"),
    (r"; OpenRouter post-mortem 2026-02-20; Cloudflare 2025-11-18 config push",
     "；OpenRouter 2026-02-20 事故复盘；Cloudflare 2025-11-18 配置推送"),
    (r"EST from outage records: Portkey 12 outages, 32 h in 2 years \(pingoru\.io, some "
     r"dashboard-only\); OpenRouter ~145 min in 8 months, no SLA \(post-mortems 2025-26\); "
     r"Cloudflare 2025: >6 h of major outages",
     "估计，依据故障记录：Portkey 2 年内 12 次故障、合计 32 小时（pingoru.io，部分仅影响控制台）；"
     "OpenRouter 8 个月内约 145 分钟，无 SLA（2025-26 年事故复盘）；"
     "Cloudflare 2025 年重大故障超过 6 小时"),
    (r"EST: 2 workers x ~100 RPS per worker", "估计：2 个 worker，每个约 100 RPS"),
    (r"EST: 20-90 min rollbacks in the same reports", "估计：同一批报告中的回滚耗时 20-90 分钟"),
    (r"EST: firm-wide figures are far larger \(ITIC 2024: >\$300k/h for 90% of mid and large "
     r"firms; Splunk 2024: ~\$217k per system-downtime-hour for the Global 2000\); one AI feature "
     r"of one service is a small part of that\. Replace with your own figure\.",
     "估计：全公司层面的数字要大得多（ITIC 2024：90% 的中大型企业每小时超过 $300k；Splunk 2024："
     "Global 2000 企业每系统停机小时约 $217k）；单个服务的一项 AI 功能只占其中一小部分。"
     "请换成你们自己的数字。"),
    (r"EST; AWS RDS pricing 2026 \(db\.t4g\.medium \$47/mo single-AZ, x2 Multi-AZ, plus larger "
     r"sizes under load\)",
     "估计；AWS RDS 2026 年价格（db.t4g.medium 单可用区每月 $47，多可用区乘 2，负载高时需更大规格）"),
    (r" \(2-4 engineer-weeks to production grade\)", "（达到生产级需 2-4 人周）"),
    (r" proxy/db_sizing \(1-2 KB per logged request, ~10x with prompts\)",
     " proxy/db_sizing（每条请求日志 1-2 KB，含提示词时约 10 倍）"),
    (r"the essay \(~1 h per rotation and restart\)", "本工具所依据的文章（每次轮换并重启约 1 小时）"),
    (r"the essay gateway-roi implements \(configuration hassle vs a gateway's liabilities\)",
     "gateway-roi 所依据的文章（配置的麻烦与网关的负担）"),
    (r"; the essay's 'restart fear'", "；即文章所说的“重启恐惧”"),
    (r"; the essay's lag on new models", "；即文章所说的新模型滞后"),
    (r"; the essay's leaky abstraction", "；即文章所说的抽象泄漏"),
    (r"; upgrade breakages ", "；升级故障见 "),
    (r" \((\d+-\d+) engineer-weeks\)", r"（\1 人周）"),
    (r"EST (\d+-\d+) engineer-days, likely (\d+) \(no published figure\)",
     r"估计 \1 人日，最可能 \2 人日（没有公开数据）"),
    (r"EST (\d+(?:\.\d+)?-\d+) engineer-days", r"估计 \1 人日"),
    (r"EST from Cloudflare 2025 post-mortems \(6 major outages, ~10 h in all\)",
     "估计，依据 Cloudflare 2025 年的事故复盘（6 次重大故障，合计约 10 小时）"),
    (r"EST from production issues in LiteLLM/Higress trackers",
     "估计，依据 LiteLLM/Higress 问题跟踪中的生产事故"),
    (r"EST from public trackers: ", "估计，依据公开问题跟踪："),
    (r"EST; Anthropic's native API takes longer \(continuedev PR #12219\)",
     "估计；Anthropic 原生 API 接入更费时（continuedev PR #12219）"),
    (r"EST; litellm docs proxy/db_sizing \(1-2 KB per logged request\)",
     "估计；litellm 文档 proxy/db_sizing（每条请求日志 1-2 KB）"),
    (r"EST; litellm docs proxy/redis_sizing \(Redis 7\+ once >1 instance\)",
     "估计；litellm 文档 proxy/redis_sizing（多于 1 个实例时需 Redis 7+）"),
    (r"EST; sizing from litellm docs/proxy/prod\.md", "估计；规模依据 litellm docs/proxy/prod.md"),
    (r"AWS Secrets Manager list price", "AWS Secrets Manager 标价"),
    (r"BLS Occupational Outlook: US software developer median pay \$132,270/yr, x 1\.46 "
     r"loaded-cost multiplier \(BLS ECEC\), / 2,080 h",
     "BLS Occupational Outlook：美国软件开发人员年薪中位数 $132,270，乘以 1.46 的综合成本系数"
     "（BLS ECEC），除以 2,080 小时"),
    (r"IBYOK vendor blog \(90-day rotation suggested\)", "IBYOK 厂商博客（建议 90 天轮换一次）"),
    (r"IBYOK vendor blog \(~20 min per app\)", "IBYOK 厂商博客（每个应用约 20 分钟）"),
    (r"Portkey docs FAQ \(hosted 20-40 ms, vendor\); Helicone cloud 50-80 ms \(second-hand\)",
     "Portkey 文档 FAQ（托管版 20-40 毫秒，厂商数据）；Helicone 云服务 50-80 毫秒（二手数据）"),
    (r"aicheckerhub\.com 90-day uptime: ", "aicheckerhub.com 90 天可用率："),
    (r"apikit guide on rotating API keys", "apikit 关于轮换 API 密钥的指南"),
    (r"article\.md \(the essay this tool implements\)", "本工具所依据的文章"),
    (r" \('high call volume'\); EST threshold", "（“调用量大”）；门槛为估计"),
    (r" \('many projects'\); EST threshold", "（“项目多”）；门槛为估计"),
    (r" \(a few hours to a day or two\)", "（几小时到一两天）"),
    (r" \(~1 h\)", "（约 1 小时）"),
    (r"; DashScope docs", "；DashScope 文档"),
    (r" \(LiteLLM 4\.3 ms\)", "（LiteLLM 4.3 毫秒）"),
    (r" \(p50 12 ms\)", "（p50 12 毫秒）"),
    (r" \(self-hosting write-ups\)", "（自建部署经验文章）"),
    (r"incident\.io on-call survey \(average where paid\); SHRM/Culpepper flat premium "
     r"\$250/week",
     "incident.io 值班调查（有补贴者的平均值）；SHRM/Culpepper 固定补贴每周 $250"),
    (r" \(~100 RPS per worker\)", "（每个 worker 约 100 RPS）"),
    (r"; higress helm values \(2 replicas\)", "；higress helm values（2 个副本）"),
    (r"repos' tags: LiteLLM ~12 releases/month, Higress ~1/month; EST of those taken",
     "仓库标签：LiteLLM 每月约 12 个版本，Higress 每月约 1 个；实际采用的数量为估计"),
    (r"user's own figure; none published", "用户自己的数字；没有公开数据"),
    (r"; SRE Workbook", "；SRE Workbook"),
    # sources of the build, upkeep and by-hand figures (gateway_roi.needs, model.assumptions)
    (r"^EST: gateway-roi's own estimate: ", "估计：gateway-roi 自己的估计："),
    (r"^EST: gateway-roi's own estimate below the vendor's 2-5 h a week for a full audit "
     r"product \(AuditKit\)$", "估计：gateway-roi 自己的估计，低于供应商所说完整审计产品每周 2-5 小时（AuditKit）"),
    (r"Wealthsimple built a first version in five days \(zenml\.io summary of its talk; 40 h is "
     r"one person-week\); its open-source gateway is ~2,000 lines of Python",
     "Wealthsimple 五天做出第一版（zenml.io 对其演讲的摘要；40 小时为一人周）；其开源网关约 2,000 行 Python"),
    (r"^in Wealthsimple's five-day first version \(zenml\.io summary\); about 200 lines of routing "
     r"logic; EST$", "Wealthsimple 五天的第一版已包含（zenml.io 摘要）；约 200 行路由逻辑；估计"),
    (r"^measured: one-api's OpenAI-compatible adapters are 6-47 lines \(songquanpeng/one-api "
     r"@8df4a26, relay/adaptor\); EST of the hours around them$",
     "实测：one-api 的 OpenAI 兼容适配器 6-47 行（songquanpeng/one-api @8df4a26，relay/adaptor）；外围工时为估计"),
    (r"^measured: one-api's native adapters are 520-890 lines \(Anthropic 567, Gemini 651\), "
     r"Wealthsimple's Bedrock change ~390 lines \(wealthsimple/llm-gateway 22a0019\), at 40-80 "
     r"lines a day$", "实测：one-api 的原生适配器 520-890 行（Anthropic 567，Gemini 651），Wealthsimple 接入 Bedrock "
     "约 390 行（wealthsimple/llm-gateway 22a0019），按每天 40-80 行计"),
    (r"^measured: Portkey's pass-through handlers are 44-50 lines plus auth, paths and cost "
     r"\(Portkey-AI/gateway\); Grab needed its own cost job for asynchronous APIs; EST$",
     "实测：Portkey 的透传处理 44-50 行，另加鉴权、路径和计费（Portkey-AI/gateway）；Grab 为异步 API 单独做了计费任务；估计"),
    (r"^measured: ~300 lines in Portkey's gateway \(Portkey-AI/gateway\); EST$",
     "实测：Portkey 网关中约 300 行（Portkey-AI/gateway）；估计"),
    (r"^Portkey's gateway, 2025: 4-6 commits a year to adapters such as DeepSeek, Groq, Mistral "
     r"\(Portkey-AI/gateway git log\); one-api's price table 2-9 commits a month; EST$",
     "Portkey 网关 2025 年：DeepSeek、Groq、Mistral 等适配器每年 4-6 次提交（Portkey-AI/gateway git log）；"
     "one-api 价格表每月 2-9 次提交；估计"),
    (r"^Portkey's gateway, 2025: 57-59 commits a year to its Anthropic and Gemini adapters "
     r"\(Portkey-AI/gateway git log\); the providers' SDKs change their API 3-6 times a month; "
     r"EST$", "Portkey 网关 2025 年：Anthropic 和 Gemini 适配器每年 57-59 次提交（Portkey-AI/gateway git log）；"
     "服务商 SDK 每月变更 API 3-6 次；估计"),
    (r"half of the single 16 h a month this used to be, whose other half is now the "
     r"per-provider keeping-up line", "原先单一的每月 16 小时的一半，另一半如今是按服务商跟进的那一行"),
    (r"small and config-driven, like weighted load balancing", "规模小、靠配置，类似加权负载均衡"),
    (r"^LiteLLM's region routing was thin enough to deprecate into tag routing "
     r"\(docs\.litellm\.ai proxy/customer_routing\); high end: per-tenant residency with proof; "
     r"EST$", "LiteLLM 的按地域路由简单到已并入标签路由而废弃（docs.litellm.ai proxy/customer_routing）；"
     "上限：按租户驻留并可证明；估计"),
    (r"rules on request metadata and their tests, between tier and budget routing",
     "基于请求元数据的规则及其测试，介于按等级与按预算路由之间"),
    (r"^one-api's price table 835 lines and log model 251 lines \(songquanpeng/one-api "
     r"@8df4a26\), at 40-80 lines a day; Grab prices each request and runs a daily job for "
     r"asynchronous calls \(Grab tech blog, 2024-12-20\)$",
     "one-api 价格表 835 行、日志模型 251 行（songquanpeng/one-api @8df4a26），按每天 40-80 行计；"
     "Grab 为每次请求计价，并为异步调用每天跑一次任务（Grab 技术博客，2024-12-20）"),
    (r"^price-table upkeep: 6-28 commits a quarter to one-api's price table, 2023-25 "
     r"\(songquanpeng/one-api git log\); EST$",
     "价格表维护：2023-25 年 one-api 价格表每季度 6-28 次提交（songquanpeng/one-api git log）；估计"),
    (r"tagging each service's calls and reconciling provider bills in a spreadsheet",
     "给每个服务的调用打标签，并在表格里核对服务商账单"),
    (r"^AuditKit \(vendor\): a first version 1-2 weeks, compliance-ready 11-18 weeks; "
     r"Wealthsimple's five-day v1 already logged who sent what \(zenml\.io summary of its talk\)$",
     "AuditKit（供应商）：第一版 1-2 周，达到合规要求 11-18 周；Wealthsimple 五天的 v1 已记录谁发了什么"
     "（zenml.io 对其演讲的摘要）"),
    (r"exporting each service's call logs and reviewing them by hand",
     "导出每个服务的调用日志并人工审查"),
    (r"^measured: one-api's request limiter ~180 lines, Envoy AI Gateway's token limiter 426 "
     r"lines, at 40-80 lines a day; Grab shipped limits per key first \(Grab tech blog, "
     r"2024-12-20\)$", "实测：one-api 的请求限流约 180 行，Envoy AI Gateway 的 token 限流 426 行，按每天 40-80 行计；"
     "Grab 先上线了按密钥限流（Grab 技术博客，2024-12-20）"),
    (r"agreeing and adjusting each service's quota by hand", "人工商定并调整每个服务的配额"),
    (r"enforcing where each call may go in one place \(a policy check and its review\)",
     "在一处统一管控每次调用的去向（一项策略检查及其评审）"),
    (r"reviewing each service's data flows by hand", "人工审查每个服务的数据流向"),
    (r"^Grab's gateway swaps an internal key for the provider key \(Grab tech blog, "
     r"2024-12-20\); one-api's token code ~560 lines; EST$",
     "Grab 的网关把内部密钥换成服务商密钥（Grab 技术博客，2024-12-20）；one-api 的令牌代码约 560 行；估计"),
    (r"handing provider keys to each service by hand", "人工把服务商密钥分发给每个服务"),
    (r"^Wealthsimple's five-day v1 sat behind Okta \(zenml\.io summary of its talk\); one-api's "
     r"OIDC login 228 lines and token model ~560 lines; multi-IdP customer SSO \(months\) only "
     r"as the high end$", "Wealthsimple 五天的 v1 就放在 Okta 之后（zenml.io 对其演讲的摘要）；one-api 的 OIDC 登录 "
     "228 行、令牌模型约 560 行；面向客户的多 IdP SSO（数月）只作为上限"),
    (r"issuing and revoking keys person by person", "逐人发放和吊销密钥"),
    # last, so the longer phrases above still see their "(EST)"
    (r" \(EST\)$", "（估计）"),
    # the words of needs and routing kinds wherever they stand (after the sentences above)
    *((re.escape(n.label_en), n.label_zh) for n in NEEDS),
    *((rf"routing {kind.replace('_', ' ')}\b", ZH[f"routing.{kind}"])
      for kind in ("user_tier", "region", "cost_budget", "business_context")),
)
_COMPILED = tuple((re.compile(pattern), zh) for pattern, zh in _ZH_PHRASES)

def translate_note(text: str, lang: Lang) -> str:
    """A formula, note, fee label or source in ``lang`` (English text is returned as it is)."""
    if lang == "en" or not text:
        return text
    for pattern, zh in _COMPILED:
        text = pattern.sub(zh, text)
    return text


# Four or more plain English words in a row: a sentence left in English. Identifiers
# (snake_case), figures, paths and quoted titles do not count as words.
_WORD_RUN = re.compile(r"(?<![\w./#'-])[A-Za-z]+(?:[ ,;:()-]+[A-Za-z]+){3,}(?![\w./'-])")
_NOT_PROSE = re.compile(r"'[^']*'|\S*[_/#.]\S*|\$\S+|(?<!\w)x(?!\w)")


def english_left(text: str) -> list[str]:
    """English phrases of four words or more left in a translated ``text`` (empty when none).

    Product names and the titles of cited works are allowed to stay, so capitalised runs
    (``Google SRE book``, ``Workers Paid``) are not counted; lower-case prose is.
    """
    stripped = _NOT_PROSE.sub(" ", text)
    return [m[0] for m in _WORD_RUN.finditer(stripped)
            if sum(1 for w in re.findall(r"[A-Za-z]+", m[0]) if w.islower()) >= 3]
