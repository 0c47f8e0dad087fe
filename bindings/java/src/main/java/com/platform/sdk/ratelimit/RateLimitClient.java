package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.sdk.Json;
import com.platform.sdk.NativeAccess;
import com.platform.sdk.Page;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Rate limiting for one scope ({@code scope.ratelimit()}): per-request decisions on the typed hot
 * path (no JSON) and the management API with immutable models. {@code …Async} variants return
 * {@link CompletableFuture}s completed on daemon threads.
 */
public final class RateLimitClient {
    private static final int CONSUME = 0;
    private static final int CHECK = 1;
    private static final int ENFORCE = 2;

    private final NativeAccess engine;
    private final String scope;
    private final BiFunction<String, JsonNode, JsonNode> call;
    private final BiFunction<String, JsonNode, CompletableFuture<JsonNode>> callAsync;

    /** Created by {@code TenantScope}. */
    public RateLimitClient(NativeAccess engine, String scope, BiFunction<String, JsonNode, JsonNode> call,
            BiFunction<String, JsonNode, CompletableFuture<JsonNode>> callAsync) {
        this.engine = engine;
        this.scope = scope;
        this.call = call;
        this.callAsync = callAsync;
    }

    private RateLimitDecision decide(int mode, RateLimitRequest r) {
        long[] out = new long[RateLimitBridge.DECISION_LENGTH];
        String[] policy = engine.withHandle(h -> RateLimitBridge.decide(h, scope, mode, r.endpoint(), r.method(),
                r.userOrNull(), r.ipOrNull(), r.apiKeyOrNull(), r.rolesArray(), r.planOrNull(), r.countryOrNull(),
                r.userAgentOrNull(), r.headersFlat(), r.costOrNone(), out));
        return new RateLimitDecision(out, policy,
                (numbers, name) -> engine.withHandle(h -> RateLimitBridge.headers(h, numbers, name)));
    }

    /** Counts the request against every matching limit and returns the decision. */
    public RateLimitDecision consume(RateLimitRequest request) {
        return decide(CONSUME, request);
    }

    /** {@link #consume} on a background thread (it may wait on Redis). */
    public CompletableFuture<RateLimitDecision> consumeAsync(RateLimitRequest request) {
        return CompletableFuture.supplyAsync(() -> consume(request), Json.asyncExecutor());
    }

    /** The decision the request would get, without counting it (read-only). */
    public RateLimitDecision check(RateLimitRequest request) {
        return decide(CHECK, request);
    }

    /** {@link #check} on a background thread. */
    public CompletableFuture<RateLimitDecision> checkAsync(RateLimitRequest request) {
        return CompletableFuture.supplyAsync(() -> check(request), Json.asyncExecutor());
    }

    /** Like {@link #consume}, but a refusal throws {@code RateLimitExceededException} (with retry-after). */
    public RateLimitDecision enforce(RateLimitRequest request) {
        return decide(ENFORCE, request);
    }

    /** {@link #enforce} on a background thread (completes exceptionally when refused). */
    public CompletableFuture<RateLimitDecision> enforceAsync(RateLimitRequest request) {
        return CompletableFuture.supplyAsync(() -> enforce(request), Json.asyncExecutor());
    }

    /** Reads rate-limit headers; relative resets use the engine clock. */
    public RateLimitInfo parseRateLimitHeaders(Map<String, List<String>> headers) {
        return RateLimitHeaders.parse(headers, engine.withHandle(RateLimitBridge::nowMs));
    }

    /** Reads rate-limit headers of a {@code java.net.http} response. */
    public RateLimitInfo parseRateLimitHeaders(HttpHeaders headers) {
        return parseRateLimitHeaders(headers.map());
    }

    private JsonNode run(String method, JsonNode args) {
        return call.apply("ratelimit." + method, args);
    }

    private static ObjectNode args(String key, String value) {
        return Json.object().put(key, value);
    }

    private static ObjectNode with(Object model, String key, String value) {
        return Json.fromModel(model).put(key, value);
    }

    private static ObjectNode page(int page, int pageSize) {
        ObjectNode args = Json.object();
        args.putObject("page").put("page", page).put("page_size", pageSize);
        return args;
    }

    // Policies

    /** Creates a policy; an invalid window, burst or key throws {@code ValidationException} naming the field. */
    public RateLimitPolicy createPolicy(CreatePolicyRequest request) {
        return Json.toModel(run("create_policy", Json.fromModel(request)), RateLimitPolicy.class);
    }

    /** {@link #createPolicy} on a background thread. */
    public CompletableFuture<RateLimitPolicy> createPolicyAsync(CreatePolicyRequest request) {
        return callAsync.apply("ratelimit.create_policy", Json.fromModel(request))
                .thenApply(json -> Json.toModel(json, RateLimitPolicy.class));
    }

    /** One page of policies. */
    public Page<RateLimitPolicy> listPolicies(int page, int pageSize) {
        return Page.fromJson(run("list_policies", page(page, pageSize)), n -> Json.toModel(n, RateLimitPolicy.class));
    }

    /** A policy; {@code PolicyNotFoundException} when it does not exist. */
    public RateLimitPolicy getPolicy(String policyId) {
        return Json.toModel(run("get_policy", args("policy_id", policyId)), RateLimitPolicy.class);
    }

    /** Changes a policy (the fields set). */
    public RateLimitPolicy updatePolicy(String policyId, UpdatePolicyRequest request) {
        return Json.toModel(run("update_policy", with(request, "policy_id", policyId)), RateLimitPolicy.class);
    }

    /** Deletes a policy; {@code PolicyInUseException} while a rule or plan uses it. */
    public void deletePolicy(String policyId) {
        run("delete_policy", args("policy_id", policyId));
    }

    // Rules

    /** Creates a rule; {@code RuleConflictException} when an active rule has the same target and priority. */
    public RateLimitRule createRule(CreateRuleRequest request) {
        return Json.toModel(run("create_rule", Json.fromModel(request)), RateLimitRule.class);
    }

    /** One page of rules. */
    public Page<RateLimitRule> listRules(int page, int pageSize) {
        return Page.fromJson(run("list_rules", page(page, pageSize)), n -> Json.toModel(n, RateLimitRule.class));
    }

    /** A rule; {@code RuleNotFoundException} when it does not exist. */
    public RateLimitRule getRule(String ruleId) {
        return Json.toModel(run("get_rule", args("rule_id", ruleId)), RateLimitRule.class);
    }

    /** Changes a rule (the fields set). */
    public RateLimitRule updateRule(String ruleId, UpdateRuleRequest request) {
        return Json.toModel(run("update_rule", with(request, "rule_id", ruleId)), RateLimitRule.class);
    }

    /** Deletes a rule. */
    public void deleteRule(String ruleId) {
        run("delete_rule", args("rule_id", ruleId));
    }

    /** Activates a rule. */
    public RateLimitRule enableRule(String ruleId) {
        return Json.toModel(run("enable_rule", args("rule_id", ruleId)), RateLimitRule.class);
    }

    /** Deactivates a rule. */
    public RateLimitRule disableRule(String ruleId) {
        return Json.toModel(run("disable_rule", args("rule_id", ruleId)), RateLimitRule.class);
    }

    // Plans

    /** Maps a plan to a policy. */
    public PlanRateLimitMapping assignPolicyToPlan(String planId, String policyId) {
        ObjectNode a = args("plan_id", planId).put("policy_id", policyId);
        return Json.toModel(run("assign_policy_to_plan", a), PlanRateLimitMapping.class);
    }

    /** A plan's mapping; {@code PlanNotFoundException} when none. */
    public PlanRateLimitMapping getPlanPolicy(String planId) {
        return Json.toModel(run("get_plan_policy", args("plan_id", planId)), PlanRateLimitMapping.class);
    }

    /** Removes a plan's mapping. */
    public void removePlanPolicy(String planId) {
        run("remove_plan_policy", args("plan_id", planId));
    }

    /** Every plan mapping. */
    public List<PlanRateLimitMapping> listPlanPolicies() {
        return Json.toModels(run("list_plan_policies", Json.object()), PlanRateLimitMapping.class);
    }

    // Status

    /** Where an identifier stands (read-only). */
    public RateLimitStatus checkRateLimit(RateLimitCheckRequest request) {
        return Json.toModel(run("check_rate_limit", Json.fromModel(request)), RateLimitStatus.class);
    }

    /** {@link #checkRateLimit} on a background thread. */
    public CompletableFuture<RateLimitStatus> checkRateLimitAsync(RateLimitCheckRequest request) {
        return callAsync.apply("ratelimit.check_rate_limit", Json.fromModel(request))
                .thenApply(json -> Json.toModel(json, RateLimitStatus.class));
    }

    /** The current status of an identifier in a scope. */
    public RateLimitStatus getRateLimitStatus(RateLimitScope scope, String identifier) {
        ObjectNode a = args("scope", scope.wire()).put("identifier", identifier);
        return Json.toModel(run("get_rate_limit_status", a), RateLimitStatus.class);
    }

    // Bypass

    /** Exempts an API key, role, user or IP / CIDR range (until its expiry if set). */
    public BypassRule createBypassRule(CreateBypassRuleRequest request) {
        return Json.toModel(run("create_bypass_rule", Json.fromModel(request)), BypassRule.class);
    }

    /** Every bypass rule. */
    public List<BypassRule> listBypassRules() {
        return Json.toModels(run("list_bypass_rules", Json.object()), BypassRule.class);
    }

    /** Deletes a bypass rule. */
    public void deleteBypassRule(String bypassId) {
        run("delete_bypass_rule", args("bypass_id", bypassId));
    }

    // Adjustments

    /** Temporarily changes a rule's limit; {@code AdjustmentActiveException} if one is active. */
    public LimitAdjustment adjustLimit(String ruleId, AdjustLimitRequest request) {
        return Json.toModel(run("adjust_limit", with(request, "rule_id", ruleId)), LimitAdjustment.class);
    }

    /** A rule's active adjustments. */
    public List<LimitAdjustment> listAdjustments(String ruleId) {
        return Json.toModels(run("list_adjustments", args("rule_id", ruleId)), LimitAdjustment.class);
    }

    /** Ends an adjustment early. */
    public void revertAdjustment(String adjustmentId) {
        run("revert_adjustment", args("adjustment_id", adjustmentId));
    }

    // Endpoint costs

    /** Replaces the endpoint cost map. */
    public void setEndpointCosts(List<EndpointCost> costs) {
        ObjectNode a = Json.object();
        a.set("costs", Json.fromModel(new CostList(costs)).get("costs"));
        run("set_endpoint_costs", a);
    }

    /** The endpoint cost map. */
    public List<EndpointCost> getEndpointCosts() {
        return Json.toModels(run("get_endpoint_costs", Json.object()), EndpointCost.class);
    }

    private record CostList(List<EndpointCost> costs) {}

    // Analytics

    /** Totals by scope and policy. */
    public RateLimitAnalytics getRateLimitAnalytics(TimeRange timeRange) {
        ObjectNode a = Json.object();
        a.set("time_range", Json.fromModel(timeRange));
        return Json.toModel(run("get_rate_limit_analytics", a), RateLimitAnalytics.class);
    }

    /** The most-limited identifiers (top {@code limit}); {@code scope} may be null for all scopes. */
    public List<LimitedEntity> getTopLimitedEntities(TimeRange timeRange, RateLimitScope scope, int limit) {
        ObjectNode a = Json.object().put("limit", limit);
        a.set("time_range", Json.fromModel(timeRange));
        if (scope != null) {
            a.put("scope", scope.wire());
        }
        return Json.toModels(run("get_top_limited_entities", a), LimitedEntity.class);
    }

    // Distributed store

    /** Moves counters to Redis ({@code StoreUnavailableException} when unreachable). */
    public DistributedStoreConfig configureDistributedStore(DistributedStoreConfig config) {
        return Json.toModel(run("configure_distributed_store", Json.fromModel(config)), DistributedStoreConfig.class);
    }

    /** Health of the counter store. */
    public DistributedStoreStatus getDistributedStoreStatus() {
        return Json.toModel(run("get_distributed_store_status", Json.object()), DistributedStoreStatus.class);
    }
}
