/* C binding test of the typed rate-limit hot path: request struct in, decision struct out,
 * response headers, read-only check, invalid input, tenant isolation. Ends with "N passed, M failed". */
#include <stdio.h>
#include <string.h>
#include "shared_platform.h"

static int passed = 0, failed = 0;

#define CHECK(cond, what)                                                    \
  do {                                                                       \
    if (cond) { passed++; printf("ok   %s\n", what); }                       \
    else { failed++; printf("FAIL %s (line %d)\n", what, __LINE__); }       \
  } while (0)

#define S(text) (const uint8_t *)(text), strlen(text)

/* Creates a policy of `limit` requests per minute per user and a rule applying it to every user. */
static int per_user(SpEngine *engine, const char *tenant, int limit) {
  char args[256];
  SpString out = {0};
  SpError err = {0};
  snprintf(args, sizeof args,
           "{\"name\":\"per-user\",\"limits\":[{\"scope\":\"user\",\"max_requests\":%d,\"window_seconds\":60}]}", limit);
  if (sp_call(engine, S(tenant), S("ratelimit.create_policy"), S(args), &out, &err) != 0) return 0;
  char id[64] = {0};
  const char *at = strstr(out.ptr, "\"id\":\"");
  if (at) memcpy(id, at + 6, 36);
  sp_string_free(&out);
  snprintf(args, sizeof args, "{\"name\":\"users\",\"policy_id\":\"%s\",\"target\":{\"type\":\"user\"}}", id);
  uint32_t rc = sp_call(engine, S(tenant), S("ratelimit.create_rule"), S(args), &out, &err);
  sp_string_free(&out);
  sp_error_clear(&err);
  return rc == 0;
}

int main(void) {
  SpError err = {0};
  SpString out = {0};
  SpEngine *engine = NULL;
  SpRateLimitDecision d;
  CHECK(sp_engine_new(S("{\"manual_clock\":\"2026-01-01T00:00:00Z\"}"), &engine, &err) == 0, "engine");
  CHECK(per_user(engine, "acme", 2) && per_user(engine, "globex", 2), "policies and rules via sp_call");

  SpRateLimitRequest request = {0};
  request.endpoint = SP_STR("/api/items");
  request.method = SP_STR("GET");
  request.user = SP_STR("u1");

  CHECK(sp_ratelimit_consume(engine, SP_STR("acme"), &request, &d, &err) == 0, "consume");
  CHECK(d.allowed && d.action == SP_ACTION_ALLOW && d.limit == 2 && d.remaining == 1 && d.used == 1, "first decision");
  CHECK(d.scope == SP_SCOPE_USER && d.algorithm == SP_ALGORITHM_SLIDING_WINDOW, "scope and algorithm codes");
  CHECK(d.reset_at_ms == 1767225660000LL && d.retry_after_ms == -1 && d.burst_total == -1, "times and absent values");
  CHECK(strcmp(d.policy_name, "per-user") == 0 && strlen(d.policy_id) == 36, "policy id and name inline");

  CHECK(sp_ratelimit_check(engine, SP_STR("acme"), &request, &d, &err) == 0 && d.remaining == 1, "check is read-only");
  sp_ratelimit_consume(engine, SP_STR("acme"), &request, &d, &err);
  CHECK(sp_ratelimit_consume(engine, SP_STR("acme"), &request, &d, &err) == 0, "a refusal is not an error");
  CHECK(!d.allowed && d.action == SP_ACTION_REJECT && d.retry_after_ms == 90000, "third request refused, retry in 90 s");

  CHECK(sp_ratelimit_headers(engine, &d, &out, &err) == 0, "headers");
  CHECK(out.ptr && strstr(out.ptr, "X-RateLimit-Remaining: 0\r\n") && strstr(out.ptr, "Retry-After: 90"),
        "legacy headers and Retry-After");
  CHECK(out.ptr && strstr(out.ptr, "RateLimit: \"per-user\";r=0;t=60"), "IETF RateLimit field");
  sp_string_free(&out);

  CHECK(sp_ratelimit_consume(engine, SP_STR("globex"), &request, &d, &err) == 0 && d.allowed && d.remaining == 1,
        "another tenant is not affected");

  SpStr roles[] = {SP_STR("admin"), SP_STR("ops")};
  SpHeader headers[] = {{SP_STR("X-Tier"), SP_STR("gold")}};
  SpRateLimitRequest rich = request;
  rich.user = SP_STR("u2");
  rich.roles = roles;
  rich.roles_len = 2;
  rich.headers = headers;
  rich.headers_len = 1;
  rich.cost = 1;
  rich.has_cost = true;
  rich.method = (SpStr){NULL, 0}; /* absent: GET */
  CHECK(sp_ratelimit_consume(engine, SP_STR("acme"), &rich, &d, &err) == 0 && d.remaining == 1, "roles, headers, cost");

  CHECK(sp_ratelimit_consume(engine, SP_STR("acme"), NULL, &d, &err) == 1106 && strcmp(err.field, "request") == 0,
        "NULL request is NullArgument");
  sp_error_clear(&err);
  CHECK(sp_ratelimit_consume(engine, SP_STR("acme"), &request, NULL, &err) == 1106, "NULL out is NullArgument");
  sp_error_clear(&err);
  SpRateLimitRequest bad = request;
  bad.roles = NULL;
  bad.roles_len = 3;
  CHECK(sp_ratelimit_consume(engine, SP_STR("acme"), &bad, &d, &err) == 1106 && strcmp(err.field, "roles") == 0,
        "NULL roles with a length is NullArgument");
  sp_error_clear(&err);
  bad = request;
  bad.user = (SpStr){(const uint8_t *)"\xff\xfe", 2};
  CHECK(sp_ratelimit_consume(engine, SP_STR("acme"), &bad, &d, &err) == 1105 && strcmp(err.field, "user") == 0,
        "invalid UTF-8 is InvalidUtf8 naming the field");
  sp_error_clear(&err);
  CHECK(sp_ratelimit_consume(engine, SP_STR("not a tenant"), &request, &d, &err) == 1100, "bad tenant is InvalidTenant");
  sp_error_clear(&err);
  CHECK(sp_ratelimit_consume(NULL, SP_STR("acme"), &request, &d, &err) == 1106, "NULL engine");
  sp_error_clear(&err);

  sp_engine_close(engine, &err);
  CHECK(sp_ratelimit_consume(engine, SP_STR("acme"), &request, &d, &err) == 1102, "closed engine is EngineClosed");
  sp_error_clear(&err);
  sp_engine_free(engine);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
