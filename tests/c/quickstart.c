/* The README's C quick start: policy and rule through the JSON management call, then the typed
 * hot path (request struct in, decision struct out). */
#include <stdio.h>
#include <string.h>
#include "shared_platform.h"

#define S(text) (const uint8_t *)(text), strlen(text)              /* pointer + length arguments */

int main(void) {
  SpEngine *engine = NULL;
  SpError err = {0};
  SpString out = {0};
  if (sp_engine_new(NULL, 0, &engine, &err) != 0) return 1; /* zero-config engine */
  const char *policy = "{\"name\":\"per-user\",\"limits\":[{\"scope\":\"user\",\"max_requests\":2,\"window_seconds\":60}]}";
  if (sp_call(engine, S("acme"), S("ratelimit.create_policy"), S(policy), &out, &err) != 0) return 1;
  char rule[160];
  snprintf(rule, sizeof rule, "{\"name\":\"all users\",\"policy_id\":\"%.36s\",\"target\":{\"type\":\"user\"}}", strstr(out.ptr, "\"id\":\"") + 6);
  sp_string_free(&out);
  if (sp_call(engine, S("acme"), S("ratelimit.create_rule"), S(rule), &out, &err) != 0) return 1;
  sp_string_free(&out);
  SpRateLimitRequest request = {.endpoint = SP_STR("/api/items"), .method = SP_STR("GET"), .user = SP_STR("alice")};
  SpRateLimitDecision decision;
  for (int i = 0; i < 3; i++) {
    if (sp_ratelimit_consume(engine, SP_STR("acme"), &request, &decision, &err) != 0) {
      printf("%s (%u): %s\n", err.name, err.code, err.message);
      sp_error_clear(&err);
      break;
    }
    printf("allowed=%d remaining=%lld retry_after_ms=%lld policy=%s\n", decision.allowed, (long long)decision.remaining,
           (long long)decision.retry_after_ms, decision.policy_name);
  }
  sp_engine_free(engine);
  return 0;
}
